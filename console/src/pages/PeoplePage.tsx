/**
 * People: the directory (GET /v1/people, searched on the server by name, username or email), a page at a time,
 * and one person (GET /v1/people/{id}) with their devices across every vendor (GET /v1/people/{id}/devices),
 * the lines on those devices, and their groups.
 */
import { useEffect, useState } from 'react';
import type { Device, Person } from '../../../sdk/src/index.ts';
import { Pager, useCursors } from '../components/Pager.tsx';
import { Empty, ErrorMessage, Loading } from '../components/States.tsx';
import { formatAgo, formatDateTime, formatNumber, formatProduct } from '../format.ts';
import { useDebounced } from '../inventory/useDebounced.ts';
import { useLoad } from '../load.ts';
import { usePageTitle } from '../page-title.ts';
import { Link, navigate, useLocation } from '../router.tsx';
import { useSignedIn } from '../session.tsx';

const PAGE_SIZE = 50;

export function personName(p: Pick<Person, 'displayName' | 'firstName' | 'lastName' | 'username'>): string {
  return p.displayName || [p.firstName, p.lastName].filter(Boolean).join(' ') || p.username || '(no name)';
}

export function PeoplePage() {
  const { client } = useSignedIn();
  const { search } = useLocation();
  usePageTitle('People');
  const q = (search.get('q') ?? '').trim();
  const [typed, setTyped] = useState(q);
  const debounced = useDebounced(typed, 350);
  useEffect(() => {
    const value = debounced.trim();
    if (value !== q) navigate(`/people${value ? `?q=${encodeURIComponent(value)}` : ''}`, { replace: true });
  }, [debounced, q]);

  const paging = useCursors(q);
  const [people, retry] = useLoad(
    (signal) =>
      client.GET('/v1/people', {
        params: {
          query: {
            limit: PAGE_SIZE,
            sort: 'username',
            ...(q ? { q } : {}),
            ...(paging.cursor ? { cursor: paging.cursor } : {}),
          },
        },
        signal,
      }),
    [client, q, paging.cursor],
  );

  return (
    <section aria-labelledby="people-title">
      <h1 id="people-title">People</h1>
      <form className="filters" role="search" aria-label="Search people" onSubmit={(e) => e.preventDefault()}>
        <div className="field field-wide">
          <label htmlFor="people-q">Search</label>
          <input
            id="people-q"
            type="search"
            value={typed}
            placeholder="Name, username or email"
            onChange={(e) => setTyped(e.target.value)}
          />
        </div>
      </form>
      {people.phase === 'loading' && <Loading what="people" />}
      {people.phase === 'error' && <ErrorMessage message={people.message} onRetry={retry} />}
      {people.phase === 'loaded' &&
        (people.value.items.length === 0 ? (
          <Empty>
            <p>{q || paging.index > 0 ? `Nobody matches “${q}”.` : 'There is nobody in the directory you can see.'}</p>
          </Empty>
        ) : (
          <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="people-title">
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Username</th>
                  <th scope="col">Email</th>
                  <th scope="col">Extension</th>
                  <th scope="col">Site</th>
                  <th scope="col">Groups</th>
                  <th scope="col">Roles</th>
                </tr>
              </thead>
              <tbody>
                {people.value.items.map((p) => (
                  <tr key={p.id}>
                    <td>
                      <Link href={`/people/${encodeURIComponent(p.id ?? '')}`}>{personName(p)}</Link>
                    </td>
                    <td>{p.username}</td>
                    <td>{p.email}</td>
                    <td>{p.extensionNumber}</td>
                    <td>{p.site?.name}</td>
                    <td>{p.userGroups?.map((g) => g.name).join(', ')}</td>
                    <td>{p.roles?.join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      <Pager
        index={paging.index}
        nextCursor={people.phase === 'loaded' ? people.value.nextCursor : null}
        count={people.phase === 'loaded' ? people.value.items.length : undefined}
        size={PAGE_SIZE}
        onNext={paging.next}
        onPrevious={paging.previous}
      />
    </section>
  );
}

export function PersonPage({ id }: { id: string }) {
  const { client } = useSignedIn();
  const [person, retry] = useLoad(
    (signal) => client.GET('/v1/people/{id}', { params: { path: { id } }, signal }),
    [client, id],
  );
  usePageTitle(person.phase === 'loaded' ? personName(person.value) : 'Person');
  const back = (
    <p className="breadcrumb">
      <Link href="/people">← People</Link>
    </p>
  );
  if (person.phase === 'loading')
    return (
      <>
        {back}
        <Loading what="the person" />
      </>
    );
  if (person.phase === 'error')
    return (
      <>
        {back}
        <h1>Person</h1>
        {person.status === 404 ? (
          <Empty>
            <p>There is nobody with this id that you can see.</p>
          </Empty>
        ) : (
          <ErrorMessage message={person.message} onRetry={retry} />
        )}
      </>
    );
  const p = person.value;
  return (
    <article aria-labelledby="person-title">
      {back}
      <h1 id="person-title">{personName(p)}</h1>
      <p className="subtitle">
        {p.username}
        {p.email ? ` · ${p.email}` : ''}
        {p.roles?.length ? ` · ${p.roles.join(', ')}` : ''}
      </p>
      <div className="detail-grid">
        <section className="group" aria-label="Directory">
          <h2>Directory</h2>
          <dl>
            <Row label="Extension" value={p.extensionNumber} />
            <Row label="Site" value={p.site?.name} />
            <Row
              label="Agent state"
              value={p.agentState && [p.agentState.state, p.agentState.workMode].filter(Boolean).join(' · ')}
            />
            <Row label="Source" value={p.provenance?.source} />
            <Row label="Created" value={formatDateTime(p.createdAt)} />
          </dl>
        </section>
        <section className="group" aria-label="Groups">
          <h2>Groups</h2>
          {(p.userGroups ?? []).length === 0 ? (
            <p className="muted">In no user group.</p>
          ) : (
            <ul className="plain">
              {(p.userGroups ?? []).map((g) => (
                <li key={g.id}>{g.name}</li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <PersonDevices personId={id} />
    </article>
  );
}

const DEVICE_PAGE = 100;

function PersonDevices({ personId }: { personId: string }) {
  const { client } = useSignedIn();
  const paging = useCursors(personId);
  const [devices, retry] = useLoad(
    (signal) =>
      client.GET('/v1/people/{id}/devices', {
        params: {
          path: { id: personId },
          query: { limit: DEVICE_PAGE, sort: 'name', ...(paging.cursor ? { cursor: paging.cursor } : {}) },
        },
        signal,
      }),
    [client, personId, paging.cursor],
  );
  const items: readonly Device[] = devices.phase === 'loaded' ? devices.value.items : [];
  const lines = items.flatMap((d) => (d.lines ?? []).map((line) => ({ device: d, line })));
  const makers = new Set(items.map((d) => d.product?.manufacturer).filter(Boolean));
  return (
    <>
      <section aria-labelledby="person-devices-title">
        <h2 id="person-devices-title">Devices</h2>
        {devices.phase === 'loading' && <Loading what="their devices" />}
        {devices.phase === 'error' && <ErrorMessage message={devices.message} onRetry={retry} />}
        {devices.phase === 'loaded' &&
          (items.length === 0 ? (
            <p className="muted">No devices.</p>
          ) : (
            <>
              <p className="muted">
                {formatNumber(items.length)} device{items.length === 1 ? '' : 's'}
                {devices.value.nextCursor ? ' on this page' : ''} from {formatNumber(makers.size)} manufacturer
                {makers.size === 1 ? '' : 's'}.
              </p>
              <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="person-devices-title">
                <table className="data">
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">Kind</th>
                      <th scope="col">Product</th>
                      <th scope="col">Status</th>
                      <th scope="col">Compliance</th>
                      <th scope="col">Last seen</th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((d) => (
                      <tr key={d.id}>
                        <td>
                          <Link href={`/devices/${encodeURIComponent(d.id ?? '')}`}>{d.name || '(no name)'}</Link>
                        </td>
                        <td>{d.kind}</td>
                        <td>{formatProduct(d.product)}</td>
                        <td>
                          <span className={`badge status-${d.status?.toLowerCase()}`}>{d.status}</span>
                        </td>
                        <td>
                          <span className={`badge compliance-${d.compliance?.status}`}>
                            {
                              { compliant: 'Compliant', noncompliant: 'Not compliant', unknown: 'No policy' }[
                                d.compliance?.status ?? 'unknown'
                              ]
                            }
                          </span>
                        </td>
                        <td>
                          {d.lastSeenAt ? (
                            <time dateTime={d.lastSeenAt} title={formatDateTime(d.lastSeenAt)}>
                              {formatAgo(d.lastSeenAt)}
                            </time>
                          ) : (
                            '—'
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          ))}
        {(paging.index > 0 || (devices.phase === 'loaded' && devices.value.nextCursor)) && (
          <Pager
            label="Device pages"
            index={paging.index}
            nextCursor={devices.phase === 'loaded' ? devices.value.nextCursor : null}
            count={devices.phase === 'loaded' ? items.length : undefined}
            size={DEVICE_PAGE}
            onNext={paging.next}
            onPrevious={paging.previous}
          />
        )}
      </section>
      <section aria-labelledby="person-lines-title">
        <h2 id="person-lines-title">Lines</h2>
        {devices.phase === 'loaded' &&
          (lines.length === 0 ? (
            <p className="muted">No lines on their devices.</p>
          ) : (
            <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="person-lines-title">
              <table className="data">
                <thead>
                  <tr>
                    <th scope="col">Number</th>
                    <th scope="col">Type</th>
                    <th scope="col">Location</th>
                    <th scope="col">Device</th>
                  </tr>
                </thead>
                <tbody>
                  {lines.map(({ device, line }) => (
                    <tr key={`${device.id}-${line.position}`}>
                      <td>{line.nationalFormat ?? line.e164 ?? line.number}</td>
                      <td>{line.lineType}</td>
                      <td>{line.location}</td>
                      <td>
                        <Link href={`/devices/${encodeURIComponent(device.id ?? '')}`}>
                          {device.name || '(no name)'}
                        </Link>{' '}
                        <span className="muted">line {line.position}</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
      </section>
    </>
  );
}

function Row({ label, value }: { label: string; value: string | null | undefined }) {
  return (
    <div className="row">
      <dt>{label}</dt>
      <dd className={value ? undefined : 'muted'}>{value || '—'}</dd>
    </div>
  );
}
