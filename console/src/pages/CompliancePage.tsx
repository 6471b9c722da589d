/**
 * Compliance at a glance (GET /v1/compliance/summary): the totals, and bars of compliant / not compliant / no
 * policy by product, user group and site, each with a table of the same numbers; the non-compliant devices
 * open in the inventory, filtered (compliance=noncompliant) and, where the inventory can, by site or maker.
 */
import type { paths } from '../../../sdk/src/index.ts';
import { type StackPart, type StackRow, StackedBars } from '../charts/StackedBars.tsx';
import { Empty, ErrorMessage, Loading } from '../components/States.tsx';
import { formatNumber } from '../format.ts';
import { searchFromView, viewFromSearch } from '../inventory/query.ts';
import { useLoad } from '../load.ts';
import { usePageTitle } from '../page-title.ts';
import { Link } from '../router.tsx';
import { useSignedIn } from '../session.tsx';

type Summary = paths['/v1/compliance/summary']['get']['responses'][200]['content']['application/json'];
type State = 'compliant' | 'noncompliant' | 'unknown';
type Counts = Readonly<Record<State | 'total', number>>;

export const COMPLIANCE_PARTS: readonly StackPart<State>[] = [
  { key: 'compliant', label: 'Compliant', className: 'fill-ok' },
  { key: 'noncompliant', label: 'Not compliant', className: 'fill-bad' },
  { key: 'unknown', label: 'No policy', className: 'fill-neutral' },
];

/** The inventory link of the non-compliant devices, narrowed by what the inventory can filter on. */
export function noncompliantHref(extra: { site?: string; manufacturer?: string } = {}): string {
  const view = viewFromSearch(new URLSearchParams());
  return `/inventory${searchFromView({ ...view, compliance: 'noncompliant', ...extra })}`;
}

export function CompliancePage() {
  const { client } = useSignedIn();
  usePageTitle('Compliance');
  const [summary, retry] = useLoad((signal) => client.GET('/v1/compliance/summary', { signal }), [client]);

  return (
    <section aria-labelledby="compliance-title">
      <h1 id="compliance-title">Compliance</h1>
      <p className="subtitle">Whether each device runs the firmware its compliance policy asks for.</p>
      {summary.phase === 'loading' && <Loading what="the compliance summary" />}
      {summary.phase === 'error' && <ErrorMessage message={summary.message} onRetry={retry} />}
      {summary.phase === 'loaded' && <SummaryView summary={summary.value} />}
    </section>
  );
}

function SummaryView({ summary }: { summary: Summary }) {
  const t = summary.totals;
  if (t.total === 0) {
    return (
      <Empty>
        <p>There are no devices you can see yet, so there is nothing to measure.</p>
      </Empty>
    );
  }
  return (
    <>
      <dl className="totals" aria-label="Totals">
        <Total label="Devices" value={t.total} />
        <Total label="Compliant" value={t.compliant} share={t.compliant / t.total} className="total-ok" />
        <Total label="Not compliant" value={t.noncompliant} share={t.noncompliant / t.total} className="total-bad" />
        <Total label="No policy" value={t.unknown} share={t.unknown / t.total} />
      </dl>
      <p>
        {t.noncompliant > 0 ? (
          <Link href={noncompliantHref()}>
            Show the {formatNumber(t.noncompliant)} non-compliant device{t.noncompliant === 1 ? '' : 's'} in the
            inventory
          </Link>
        ) : (
          'Every device with a policy complies.'
        )}
      </p>
      <Breakdown
        id="by-product"
        title="By product"
        rows={(summary.byProduct ?? []).map((r) => ({
          id: r.productId ?? 'none',
          label: r.name ?? 'Unknown product',
          counts: r,
          link: r.manufacturer ? noncompliantHref({ manufacturer: r.manufacturer }) : undefined,
          linkLabel: r.manufacturer ? `${r.manufacturer} devices` : undefined,
        }))}
      />
      <Breakdown
        id="by-user-group"
        title="By user group"
        note="A device counts in each group its owner belongs to; devices of people in no group are not shown here."
        rows={(summary.byUserGroup ?? []).map((r) => ({ id: r.userGroupId, label: r.name, counts: r }))}
      />
      <Breakdown
        id="by-site"
        title="By site"
        rows={(summary.bySite ?? []).map((r) => ({
          id: r.siteId ?? 'none',
          label: r.name ?? 'No site',
          counts: r,
          link: r.name ? noncompliantHref({ site: r.name }) : undefined,
          linkLabel: r.name ? `devices at ${r.name}` : undefined,
        }))}
      />
    </>
  );
}

function Total({
  label,
  value,
  share,
  className,
}: {
  label: string;
  value: number;
  share?: number;
  className?: string;
}) {
  return (
    <div className={`total ${className ?? ''}`}>
      <dt>{label}</dt>
      <dd>
        <span className="total-value">{formatNumber(value)}</span>
        {share !== undefined && <span className="muted"> · {percent.format(share)}</span>}
      </dd>
    </div>
  );
}

const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });

interface BreakdownRow {
  readonly id: string;
  readonly label: string;
  readonly counts: Counts;
  readonly link?: string;
  readonly linkLabel?: string;
}

function Breakdown({
  id,
  title,
  rows,
  note,
}: {
  id: string;
  title: string;
  rows: readonly BreakdownRow[];
  note?: string;
}) {
  const sorted = [...rows].sort((a, b) => b.counts.total - a.counts.total || a.label.localeCompare(b.label));
  const chartRows: StackRow<State>[] = sorted.map((r) => ({ id: r.id, label: r.label, values: r.counts }));
  return (
    <section aria-labelledby={`${id}-title`} className="panel">
      <h2 id={`${id}-title`}>{title}</h2>
      {note && <p className="muted small">{note}</p>}
      {sorted.length === 0 ? (
        <p className="muted">Nothing to show.</p>
      ) : (
        <>
          <StackedBars rows={chartRows} parts={COMPLIANCE_PARTS} title={`Compliance ${title.toLowerCase()}`} />
          <details className="chart-table">
            <summary>Table of {title.toLowerCase()}</summary>
            <div className="table-scroll" tabIndex={0} role="region" aria-label={`Compliance ${title.toLowerCase()}`}>
              <table className="data">
                <thead>
                  <tr>
                    <th scope="col">{title.replace(/^By /, '').replace(/^./, (c) => c.toUpperCase())}</th>
                    {COMPLIANCE_PARTS.map((p) => (
                      <th key={p.key} scope="col" className="number">
                        {p.label}
                      </th>
                    ))}
                    <th scope="col" className="number">
                      Total
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {sorted.map((r) => (
                    <tr key={r.id}>
                      <th scope="row">{r.label}</th>
                      {COMPLIANCE_PARTS.map((p) => (
                        <td key={p.key} className="number">
                          {p.key === 'noncompliant' && r.link && r.counts.noncompliant > 0 ? (
                            <Link href={r.link} aria-label={`Non-compliant ${r.linkLabel ?? r.label} in the inventory`}>
                              {formatNumber(r.counts.noncompliant)}
                            </Link>
                          ) : (
                            formatNumber(r.counts[p.key])
                          )}
                        </td>
                      ))}
                      <td className="number">{formatNumber(r.counts.total)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </section>
  );
}
