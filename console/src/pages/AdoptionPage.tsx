/**
 * Adoption (GET /v1/analytics/*): devices active per day, broken down by product, manufacturer or softphone,
 * over a chosen date range; devices first seen per week; and how many devices have not been seen for N days.
 * Each chart has a table of the same numbers. The range and breakdown live in the URL.
 */
import { useState } from 'react';
import type { paths } from '../../../sdk/src/index.ts';
import { Legend } from '../charts/StackedBars.tsx';
import { SERIES_CLASSES, type Series, TimeChart, formatDay } from '../charts/TimeChart.tsx';
import { Empty, ErrorMessage, Loading } from '../components/States.tsx';
import { formatDateTime, formatNumber } from '../format.ts';
import { useLoad } from '../load.ts';
import { usePageTitle } from '../page-title.ts';
import { navigate, useLocation } from '../router.tsx';
import { useSignedIn } from '../session.tsx';

type Activity = paths['/v1/analytics/active-devices']['get']['responses'][200]['content']['application/json'];

export const BREAKDOWNS = [
  { value: '', label: 'All devices' },
  { value: 'product', label: 'Product' },
  { value: 'manufacturer', label: 'Manufacturer' },
  { value: 'softphone', label: 'Softphone' },
] as const;
type Breakdown = (typeof BREAKDOWNS)[number]['value'];

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** Most series drawn; the rest are summed as "Other" so the chart stays readable. */
const MAX_SERIES = 6;

export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The range in the URL, or the last 30 days (UTC, as the API counts days). */
export function rangeFromSearch(search: URLSearchParams, today = new Date()): { from: string; to: string } {
  const to = DAY.test(search.get('to') ?? '') ? (search.get('to') as string) : isoDay(today);
  const defaultFrom = isoDay(new Date(Date.parse(`${to}T00:00:00Z`) - 29 * 24 * 3600 * 1000));
  const from = DAY.test(search.get('from') ?? '') ? (search.get('from') as string) : defaultFrom;
  return from <= to ? { from, to } : { from: to, to: from };
}

/** The biggest series by total, the others summed into one "Other" series. */
export function topSeries(series: readonly Series[], max = MAX_SERIES): Series[] {
  const total = (s: Series) => s.points.reduce((sum, p) => sum + p.devices, 0);
  const ranked = [...series].sort((a, b) => total(b) - total(a));
  if (ranked.length <= max) return ranked;
  const kept = ranked.slice(0, max - 1);
  const sums = new Map<string, number>();
  for (const s of ranked.slice(max - 1))
    for (const p of s.points) sums.set(p.date, (sums.get(p.date) ?? 0) + p.devices);
  const other = [...sums.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, devices]) => ({ date, devices }));
  return [...kept, { name: `Other (${ranked.length - max + 1})`, points: other }];
}

export function AdoptionPage() {
  const { client } = useSignedIn();
  const { search } = useLocation();
  usePageTitle('Adoption');
  const { from, to } = rangeFromSearch(search);
  const by = (BREAKDOWNS.find((b) => b.value === search.get('by'))?.value ?? '') as Breakdown;
  const days = Math.min(3650, Math.max(1, Number.parseInt(search.get('days') ?? '', 10) || 30));

  const setParam = (changes: Record<string, string>) => {
    const next = new URLSearchParams(search);
    for (const [name, value] of Object.entries(changes)) {
      if (value) next.set(name, value);
      else next.delete(name);
    }
    const text = next.toString();
    navigate(`/adoption${text ? `?${text}` : ''}`, { replace: true });
  };

  const byQuery = by ? { by } : {};
  const [active, retryActive] = useLoad(
    (signal) => client.GET('/v1/analytics/active-devices', { params: { query: { from, to, ...byQuery } }, signal }),
    [client, from, to, by],
  );
  const [fresh, retryFresh] = useLoad(
    (signal) => client.GET('/v1/analytics/new-devices', { params: { query: { from, to, ...byQuery } }, signal }),
    [client, from, to, by],
  );

  return (
    <section aria-labelledby="adoption-title">
      <h1 id="adoption-title">Adoption</h1>
      <form className="filters" aria-label="Date range and breakdown" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="adoption-from">From</label>
          <input
            id="adoption-from"
            type="date"
            value={from}
            max={to}
            onChange={(e) => setParam({ from: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="adoption-to">To</label>
          <input
            id="adoption-to"
            type="date"
            value={to}
            min={from}
            onChange={(e) => setParam({ to: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="adoption-by">Break down by</label>
          <select id="adoption-by" value={by} onChange={(e) => setParam({ by: e.target.value })}>
            {BREAKDOWNS.map((b) => (
              <option key={b.value} value={b.value}>
                {b.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field field-action">
          <div className="quick-ranges" role="group" aria-label="Quick ranges">
            {[7, 30, 90].map((n) => (
              <button
                key={n}
                type="button"
                onClick={() => {
                  const end = new Date();
                  setParam({ from: isoDay(new Date(end.getTime() - (n - 1) * 24 * 3600 * 1000)), to: isoDay(end) });
                }}
              >
                {n} days
              </button>
            ))}
          </div>
        </div>
      </form>
      <p className="muted small">Days are UTC calendar days, as the server counts them.</p>

      <section aria-labelledby="active-title" className="panel">
        <h2 id="active-title">Active devices per day</h2>
        <TimeSeriesView load={active} retry={retryActive} kind="line" what="active devices" dateHeader="Day" />
      </section>
      <section aria-labelledby="new-title" className="panel">
        <h2 id="new-title">New devices per week</h2>
        <TimeSeriesView load={fresh} retry={retryFresh} kind="bar" what="new devices" dateHeader="Week of" />
      </section>
      <Unseen days={days} onDays={(n) => setParam({ days: n === 30 ? '' : String(n) })} />
    </section>
  );
}

function TimeSeriesView({
  load,
  retry,
  kind,
  what,
  dateHeader,
}: {
  load: ReturnType<typeof useLoad<Activity>>[0];
  retry: () => void;
  kind: 'line' | 'bar';
  what: string;
  dateHeader: string;
}) {
  if (load.phase === 'loading') return <Loading what={what} />;
  if (load.phase === 'error') return <ErrorMessage message={load.message} onRetry={retry} />;
  const data = load.value;
  const series: Series[] = data.by ? topSeries(data.series) : [{ name: 'Devices', points: data.total }];
  if (data.total.every((p) => p.devices === 0)) {
    return (
      <Empty>
        <p>
          No {what} between {formatDay(data.from)} and {formatDay(data.to)}. Devices count once they report in.
        </p>
      </Empty>
    );
  }
  const dates = data.total.map((p) => p.date);
  const valueOf = (s: Series, date: string) => s.points.find((p) => p.date === date)?.devices ?? 0;
  return (
    <>
      <TimeChart series={series} kind={kind} title={`${what} from ${data.from} to ${data.to}`} />
      {series.length > 1 && (
        <Legend
          parts={series.map((s, i) => ({ label: s.name, className: SERIES_CLASSES[i % SERIES_CLASSES.length] ?? '' }))}
        />
      )}
      <details className="chart-table">
        <summary>Table of {what}</summary>
        <div className="table-scroll" tabIndex={0} role="region" aria-label={`Table of ${what}`}>
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{dateHeader}</th>
                {data.by &&
                  series.map((s) => (
                    <th key={s.name} scope="col" className="number">
                      {s.name}
                    </th>
                  ))}
                <th scope="col" className="number">
                  Total
                </th>
              </tr>
            </thead>
            <tbody>
              {dates.map((date) => (
                <tr key={date}>
                  <th scope="row">
                    <time dateTime={date}>{formatDay(date)}</time>
                  </th>
                  {data.by &&
                    series.map((s) => (
                      <td key={s.name} className="number">
                        {formatNumber(valueOf(s, date))}
                      </td>
                    ))}
                  <td className="number">{formatNumber(data.total.find((p) => p.date === date)?.devices ?? 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </>
  );
}

function Unseen({ days, onDays }: { days: number; onDays: (days: number) => void }) {
  const { client } = useSignedIn();
  const [typed, setTyped] = useState(String(days));
  const [unseen, retry] = useLoad(
    (signal) => client.GET('/v1/analytics/unseen-devices', { params: { query: { days } }, signal }),
    [client, days],
  );
  return (
    <section aria-labelledby="unseen-title" className="panel">
      <h2 id="unseen-title">Devices not seen lately</h2>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          const n = Number.parseInt(typed, 10);
          if (n >= 1 && n <= 3650) onDays(n);
        }}
      >
        <label htmlFor="unseen-days">Not seen for at least</label>
        <input
          id="unseen-days"
          type="number"
          min={1}
          max={3650}
          required
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          className="narrow"
        />
        <span>days</span>
        <button type="submit">Count</button>
      </form>
      {unseen.phase === 'loading' && <Loading what="the count" />}
      {unseen.phase === 'error' && <ErrorMessage message={unseen.message} onRetry={retry} />}
      {unseen.phase === 'loaded' && (
        <dl className="totals">
          <div className="total">
            <dt>Not seen since {formatDateTime(unseen.value.cutoff)}</dt>
            <dd>
              <span className="total-value">{formatNumber(unseen.value.devices)}</span>
            </dd>
          </div>
          <div className="total">
            <dt>Never seen at all</dt>
            <dd>
              <span className="total-value">{formatNumber(unseen.value.neverSeen)}</span>
            </dd>
          </div>
        </dl>
      )}
    </section>
  );
}
