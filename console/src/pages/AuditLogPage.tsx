/**
 * The audit log (GET /v1/audit-events, administrators): newest first, filtered on the server by action,
 * resource type, resource id, actor and time, a page at a time by keyset cursor. The filters live in the URL.
 */
import { type FormEvent, useState } from 'react';
import { Pager, useCursors } from '../components/Pager.tsx';
import { Empty, ErrorMessage, Loading } from '../components/States.tsx';
import { formatDateTime } from '../format.ts';
import { useLoad } from '../load.ts';
import { usePageTitle } from '../page-title.ts';
import { Link, navigate, useLocation } from '../router.tsx';
import { useSignedIn } from '../session.tsx';
import { changedFields } from './DevicePage.tsx';

const PAGE_SIZE = 50;
export const AUDIT_FILTERS = ['action', 'resourceType', 'resourceId', 'actor'] as const;

/** A datetime-local value ("2026-11-23T09:30", the browser's zone) as an ISO instant, or undefined. */
export function instantOf(local: string): string | undefined {
  if (!local) return undefined;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

export function AuditLogPage() {
  const { client, me } = useSignedIn();
  const { search } = useLocation();
  usePageTitle('Audit log');
  const filters = Object.fromEntries(
    [...AUDIT_FILTERS, 'since', 'until'].flatMap((name) => {
      const value = search.get(name)?.trim();
      return value ? [[name, value.slice(0, 200)]] : [];
    }),
  ) as Record<string, string>;
  const key = JSON.stringify(filters);
  const paging = useCursors(key);
  const allowed = me.role === 'admin' || me.role === 'readonly_admin';
  const [events, retry] = useLoad(
    (signal) =>
      allowed
        ? client.GET('/v1/audit-events', {
            params: {
              query: {
                ...filters,
                ...(filters.since ? { since: instantOf(filters.since) } : {}),
                ...(filters.until ? { until: instantOf(filters.until) } : {}),
                limit: PAGE_SIZE,
                ...(paging.cursor ? { cursor: paging.cursor } : {}),
              },
            },
            signal,
          })
        : null,
    [client, key, paging.cursor, allowed],
  );

  if (!allowed) {
    return (
      <section>
        <h1>Audit log</h1>
        <Empty>
          <p>The audit log is for administrators.</p>
        </Empty>
      </section>
    );
  }
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">Audit log</h1>
      <AuditFilters key={key} initial={filters} />
      {events.phase === 'loading' && <Loading what="audit events" />}
      {events.phase === 'error' && <ErrorMessage message={events.message} onRetry={retry} />}
      {events.phase === 'loaded' &&
        (events.value.items.length === 0 ? (
          <Empty>
            <p>
              {Object.keys(filters).length > 0 ? 'No events match these filters.' : 'Nothing has been recorded yet.'}
            </p>
          </Empty>
        ) : (
          <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="audit-title">
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Action</th>
                  <th scope="col">Resource</th>
                  <th scope="col">Changed</th>
                  <th scope="col">By</th>
                  <th scope="col">Request</th>
                </tr>
              </thead>
              <tbody>
                {events.value.items.map((e) => (
                  <tr key={e.id}>
                    <td>
                      <time dateTime={e.occurredAt}>{formatDateTime(e.occurredAt)}</time>
                    </td>
                    <td className="mono">{e.action}</td>
                    <td>
                      {e.resourceType}{' '}
                      {e.resourceType === 'device' && e.resourceId ? (
                        <Link href={`/devices/${encodeURIComponent(e.resourceId)}`} className="mono">
                          {e.resourceId.slice(0, 8)}
                        </Link>
                      ) : e.resourceType === 'person' && e.resourceId ? (
                        <Link href={`/people/${encodeURIComponent(e.resourceId)}`} className="mono">
                          {e.resourceId.slice(0, 8)}
                        </Link>
                      ) : (
                        <span className="mono">{e.resourceId?.slice(0, 8)}</span>
                      )}
                    </td>
                    <td className="wrap">{changedFields(e)}</td>
                    <td>
                      {e.actor?.kind}
                      {e.actor?.id ? <span className="mono muted"> {e.actor.id.slice(0, 8)}</span> : null}
                    </td>
                    <td className="mono muted">{e.requestId?.slice(0, 12)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      <Pager
        index={paging.index}
        nextCursor={events.phase === 'loaded' ? events.value.nextCursor : null}
        count={events.phase === 'loaded' ? events.value.items.length : undefined}
        size={PAGE_SIZE}
        onNext={paging.next}
        onPrevious={paging.previous}
      />
    </section>
  );
}

const LABELS: Record<string, string> = {
  action: 'Action',
  resourceType: 'Resource type',
  resourceId: 'Resource id',
  actor: 'Actor id',
  since: 'From',
  until: 'Before',
};

function AuditFilters({ initial }: { initial: Record<string, string> }) {
  const [values, setValues] = useState<Record<string, string>>(initial);
  const apply = (event: FormEvent) => {
    event.preventDefault();
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(values)) if (value.trim()) search.set(name, value.trim());
    const text = search.toString();
    navigate(`/audit-log${text ? `?${text}` : ''}`);
  };
  return (
    <form className="filters" aria-label="Filter the audit log" onSubmit={apply}>
      {[...AUDIT_FILTERS, 'since', 'until'].map((name) => (
        <div className="field" key={name}>
          <label htmlFor={`audit-${name}`}>{LABELS[name]}</label>
          <input
            id={`audit-${name}`}
            type={name === 'since' || name === 'until' ? 'datetime-local' : 'text'}
            value={values[name] ?? ''}
            placeholder={name === 'action' ? 'device.update' : name === 'resourceType' ? 'device' : undefined}
            onChange={(e) => setValues({ ...values, [name]: e.target.value })}
          />
        </div>
      ))}
      <div className="field field-action">
        <div className="form-actions">
          <button type="submit" className="primary">
            Apply
          </button>
          <button type="button" onClick={() => navigate('/audit-log')}>
            Clear
          </button>
        </div>
      </div>
    </form>
  );
}
