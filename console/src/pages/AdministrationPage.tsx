/**
 * API keys and apps (administrators): the tenant's API keys (GET /v1/api-keys), creating one (the key is shown
 * once, never again), revoking one; and the registered apps (GET /v1/apps). Read-only administrators look only.
 */
import { type FormEvent, useState } from 'react';
import type { Me } from '../../../sdk/src/index.ts';
import { Empty, ErrorMessage, Loading } from '../components/States.tsx';
import { formatDateTime } from '../format.ts';
import { idempotencyKey, useLoad } from '../load.ts';
import { usePageTitle } from '../page-title.ts';
import { problemMessage } from '../problems.ts';
import { useSignedIn } from '../session.tsx';

const ROLES = [
  { value: 'readonly_admin', label: 'Read-only administrator' },
  { value: 'admin', label: 'Administrator' },
  { value: 'supervisor', label: 'Supervisor' },
  { value: 'agent', label: 'Agent' },
] as const;
type KeyRole = (typeof ROLES)[number]['value'];

export function canAdminister(me: Me): boolean {
  return me.role === 'admin' && me.scopes.includes('admin');
}

export function AdministrationPage() {
  const { me } = useSignedIn();
  usePageTitle('API keys and apps');
  if (me.role !== 'admin' && me.role !== 'readonly_admin') {
    return (
      <section>
        <h1>API keys and apps</h1>
        <Empty>
          <p>API keys and apps are for administrators.</p>
        </Empty>
      </section>
    );
  }
  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">API keys and apps</h1>
      <ApiKeys />
      <Apps />
    </section>
  );
}

function ApiKeys() {
  const { client, me } = useSignedIn();
  const [version, setVersion] = useState(0);
  const [keys, retry] = useLoad(
    (signal) => client.GET('/v1/api-keys', { params: { query: { limit: 500 } }, signal }),
    [client, version],
  );
  const [error, setError] = useState<string | null>(null);
  const revoke = async (id: string, name: string) => {
    if (!window.confirm(`Revoke the API key “${name}”? Programs using it stop working at once.`)) return;
    setError(null);
    try {
      const { error: problem, response } = await client.DELETE('/v1/api-keys/{id}', { params: { path: { id } } });
      if (response.ok) setVersion((n) => n + 1);
      else setError(problemMessage(problem, response));
    } catch (reason) {
      setError(problemMessage(reason));
    }
  };
  const admin = canAdminister(me);
  return (
    <section aria-labelledby="keys-title" className="panel">
      <h2 id="keys-title">API keys</h2>
      {admin && <CreateKey onCreated={() => setVersion((n) => n + 1)} />}
      {error && (
        <p className="inline-error" role="alert">
          {error}
        </p>
      )}
      {keys.phase === 'loading' && <Loading what="API keys" />}
      {keys.phase === 'error' && <ErrorMessage message={keys.message} onRetry={retry} />}
      {keys.phase === 'loaded' &&
        (keys.value.items.length === 0 ? (
          <p className="muted">No API keys.</p>
        ) : (
          <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="keys-title">
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Starts with</th>
                  <th scope="col">Role</th>
                  <th scope="col">Scopes</th>
                  <th scope="col">Created</th>
                  <th scope="col">Last used</th>
                  <th scope="col">Expires</th>
                  <th scope="col">State</th>
                  {admin && <th scope="col">Actions</th>}
                </tr>
              </thead>
              <tbody>
                {keys.value.items.map((k) => (
                  <tr key={k.id}>
                    <td>{k.name}</td>
                    <td className="mono">{k.prefix}…</td>
                    <td>{ROLES.find((r) => r.value === k.role)?.label ?? k.role}</td>
                    <td className="wrap">{k.scopes.join(', ')}</td>
                    <td>{formatDateTime(k.createdAt)}</td>
                    <td>{k.lastUsedAt ? formatDateTime(k.lastUsedAt) : <span className="muted">Never</span>}</td>
                    <td>{k.expiresAt ? formatDateTime(k.expiresAt) : <span className="muted">Never</span>}</td>
                    <td>{k.revokedAt ? `Revoked ${formatDateTime(k.revokedAt)}` : 'Active'}</td>
                    {admin && (
                      <td>
                        {!k.revokedAt && (
                          <button
                            type="button"
                            onClick={() => void revoke(k.id, k.name)}
                            aria-label={`Revoke ${k.name}`}
                          >
                            Revoke
                          </button>
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </section>
  );
}

function CreateKey({ onCreated }: { onCreated: () => void }) {
  const { client } = useSignedIn();
  const [name, setName] = useState('');
  const [role, setRole] = useState<KeyRole>('readonly_admin');
  const [expires, setExpires] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setCreated(null);
    try {
      const expiresAt = expires ? new Date(`${expires}T23:59:59`).toISOString() : null;
      const {
        data,
        error: problem,
        response,
      } = await client.POST('/v1/api-keys', {
        params: { header: { 'idempotency-key': idempotencyKey() } },
        body: { name: name.trim(), role, expiresAt },
      });
      if (data) {
        setCreated({ name: data.name, key: data.key });
        setName('');
        onCreated();
      } else setError(problemMessage(problem, response));
    } catch (reason) {
      setError(problemMessage(reason));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <form className="filters" aria-label="Create an API key" onSubmit={(e) => void submit(e)}>
        <div className="field field-wide">
          <label htmlFor="key-name">Name</label>
          <input id="key-name" required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="key-role">Role</label>
          <select id="key-role" value={role} onChange={(e) => setRole(e.target.value as KeyRole)}>
            {ROLES.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="key-expires">Expires (optional)</label>
          <input id="key-expires" type="date" value={expires} onChange={(e) => setExpires(e.target.value)} />
        </div>
        <div className="field field-action">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Creating…' : 'Create API key'}
          </button>
        </div>
      </form>
      {error && (
        <p className="inline-error" role="alert">
          {error}
        </p>
      )}
      {created && (
        <div className="secret" role="status">
          <p>
            The API key “{created.name}” is <strong className="mono">{created.key}</strong>
          </p>
          <p>Copy it now: it is shown only this once.</p>
          <div className="form-actions">
            <button type="button" onClick={() => void navigator.clipboard?.writeText(created.key)}>
              Copy
            </button>
            <button type="button" onClick={() => setCreated(null)}>
              Done
            </button>
          </div>
        </div>
      )}
    </>
  );
}

function Apps() {
  const { client } = useSignedIn();
  const [apps, retry] = useLoad(
    (signal) => client.GET('/v1/apps', { params: { query: { limit: 500 } }, signal }),
    [client],
  );
  return (
    <section aria-labelledby="apps-title" className="panel">
      <h2 id="apps-title">Apps</h2>
      {apps.phase === 'loading' && <Loading what="apps" />}
      {apps.phase === 'error' && <ErrorMessage message={apps.message} onRetry={retry} />}
      {apps.phase === 'loaded' &&
        (apps.value.items.length === 0 ? (
          <p className="muted">No registered apps.</p>
        ) : (
          <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="apps-title">
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">App id</th>
                  <th scope="col">Registered</th>
                  <th scope="col">State</th>
                </tr>
              </thead>
              <tbody>
                {apps.value.items.map((a) => (
                  <tr key={a.id}>
                    <td>{a.name}</td>
                    <td className="mono">{a.appId}</td>
                    <td>{formatDateTime(a.createdAt)}</td>
                    <td>{a.revokedAt ? `Revoked ${formatDateTime(a.revokedAt)}` : 'Active'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </section>
  );
}
