/**
 * What the signed-in person may do to one device, and only that: administrators any device, agents and
 * supervisors their own (the API's rules; read-only administrators see no buttons). Edits go through
 * PATCH /v1/devices/{id} with If-Match, so a change made meanwhile by someone else is never overwritten.
 */
import { type FormEvent, useEffect, useState } from 'react';
import type { Device, Me } from '../../../sdk/src/index.ts';
import { formatDateTime } from '../format.ts';
import { idempotencyKey } from '../load.ts';
import { problemMessage } from '../problems.ts';
import { Link, navigate } from '../router.tsx';
import { useSignedIn } from '../session.tsx';

/** Which actions the person may take on this device (the server checks again). */
export function deviceRights(me: Me, device: Device) {
  const ownsIt = device.owner?.type === 'person' && !!me.person && device.owner.id === me.person.id;
  const onDevice = me.role === 'admin' || ((me.role === 'agent' || me.role === 'supervisor') && ownsIt);
  return {
    edit: onDevice && me.scopes.includes('devices:write'),
    /** Only administrators give a device to someone else (others' devices stay theirs). */
    reassign: me.role === 'admin' && me.scopes.includes('devices:write'),
    telephony: onDevice && me.scopes.includes('telephony:write'),
  };
}

function preconditionMessage(status: number, error: unknown, response: Response): string {
  return status === 412
    ? 'This device was changed meanwhile by someone else. Reload it to see the change, then try again.'
    : problemMessage(error, response);
}

export function DeviceActions({
  device,
  etag,
  onChanged,
  onReload,
}: {
  device: Device;
  etag: string | null;
  onChanged: () => void;
  onReload: () => void;
}) {
  const { me } = useSignedIn();
  const rights = deviceRights(me, device);
  if (!rights.edit && !rights.telephony) return null;
  return (
    <section aria-labelledby="actions-title" className="actions">
      <h2 id="actions-title">Actions</h2>
      <div className="detail-grid">
        {rights.edit && (
          <EditForm device={device} etag={etag} reassign={rights.reassign} onChanged={onChanged} onReload={onReload} />
        )}
        {rights.telephony && <TelephonyForm device={device} onChanged={onChanged} />}
        {rights.edit && <ActivationCode device={device} />}
        {rights.edit && <DeleteDevice device={device} etag={etag} onReload={onReload} />}
      </div>
    </section>
  );
}

function Status({ error, done }: { error: string | null; done: string | null }) {
  return (
    <>
      {error && (
        <p className="inline-error" role="alert">
          {error}
        </p>
      )}
      {done && (
        <p className="inline-done" role="status">
          {done}
        </p>
      )}
    </>
  );
}

function EditForm({
  device,
  etag,
  reassign,
  onChanged,
  onReload,
}: {
  device: Device;
  etag: string | null;
  reassign: boolean;
  onChanged: () => void;
  onReload: () => void;
}) {
  const { client } = useSignedIn();
  const [name, setName] = useState(device.name ?? '');
  const [tags, setTags] = useState((device.tags ?? []).join(', '));
  const [siteId, setSiteId] = useState(device.site?.id ?? '');
  const [owner, setOwner] = useState(device.owner?.type === 'person' ? (device.owner.username ?? '') : '');
  const [sites, setSites] = useState<{ id: string; name: string }[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    client
      .GET('/v1/sites', { params: { query: { limit: 500, sort: 'name', fields: 'id,name' } } })
      .then(({ data }) => {
        if (current && data) setSites(data.items.flatMap((s) => (s.id && s.name ? [{ id: s.id, name: s.name }] : [])));
      })
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [client]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setDone(null);
    setStale(false);
    try {
      const body: Record<string, unknown> = {
        name: name.trim() || null,
        tags: tags
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean),
        siteId: siteId || null,
      };
      if (reassign) {
        const wanted = owner.trim();
        if (!wanted) body.personId = null;
        else if (!(device.owner?.type === 'person' && device.owner.username === wanted)) {
          const found = await client.GET('/v1/people', {
            params: { query: { q: wanted, limit: 20, fields: 'id,username' } },
          });
          const person = found.data?.items.find((p) => p.username?.toLowerCase() === wanted.toLowerCase());
          if (!person?.id) {
            setError(`There is nobody with the username “${wanted}”.`);
            return;
          }
          body.personId = person.id;
        }
      }
      const { error: problem, response } = await client.PATCH('/v1/devices/{id}', {
        params: { path: { id: device.id ?? '' }, header: etag ? { 'if-match': etag } : {} },
        body: body as never,
      });
      if (response.ok) {
        setDone('Saved.');
        onChanged();
      } else {
        setStale(response.status === 412);
        setError(preconditionMessage(response.status, problem, response));
      }
    } catch (reason) {
      setError(problemMessage(reason));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="group form" onSubmit={(e) => void submit(e)} aria-labelledby="edit-title">
      <h3 id="edit-title">Edit</h3>
      <div className="field">
        <label htmlFor="edit-name">Name</label>
        <input id="edit-name" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="edit-tags">Tags</label>
        <input
          id="edit-tags"
          value={tags}
          onChange={(e) => setTags(e.target.value)}
          aria-describedby="edit-tags-hint"
        />
        <small id="edit-tags-hint">Comma-separated.</small>
      </div>
      {reassign && (
        <div className="field">
          <label htmlFor="edit-owner">Owner (username)</label>
          <input
            id="edit-owner"
            value={owner}
            onChange={(e) => setOwner(e.target.value)}
            aria-describedby="edit-owner-hint"
            autoComplete="off"
          />
          <small id="edit-owner-hint">
            {device.owner && device.owner.type !== 'person'
              ? `Now owned by the ${device.owner.type === 'workspace' ? 'workspace' : 'virtual line'} ${device.owner.name}; a username gives it to that person.`
              : 'Empty: no owner.'}
          </small>
        </div>
      )}
      <div className="field">
        <label htmlFor="edit-site">Site</label>
        <select id="edit-site" value={siteId} onChange={(e) => setSiteId(e.target.value)}>
          <option value="">No site</option>
          {device.site && !sites.some((s) => s.id === device.site?.id) && (
            <option value={device.site.id}>{device.site.name}</option>
          )}
          {sites.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </div>
      <Status error={error} done={done} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save'}
        </button>
        {stale && (
          <button type="button" onClick={onReload}>
            Reload
          </button>
        )}
      </div>
    </form>
  );
}

function TelephonyForm({ device, onChanged }: { device: Device; onChanged: () => void }) {
  const { client } = useSignedIn();
  const [forwardTo, setForwardTo] = useState(device.forwardTo ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const id = device.id ?? '';

  const run = async (call: () => Promise<{ error?: unknown; response: Response }>, said: string) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const { error: problem, response } = await call();
      if (response.ok) {
        setDone(said);
        onChanged();
      } else setError(problemMessage(problem, response));
    } catch (reason) {
      setError(problemMessage(reason));
    } finally {
      setBusy(false);
    }
  };
  const dnd = !!device.doNotDisturb;
  return (
    <div className="group form" role="group" aria-labelledby="telephony-title">
      <h3 id="telephony-title">Calls</h3>
      <p>
        Do not disturb is <strong>{dnd ? 'on' : 'off'}</strong>.{' '}
        <button
          type="button"
          disabled={busy}
          onClick={() =>
            void run(
              () =>
                client.PUT('/v1/devices/{id}/do-not-disturb', { params: { path: { id } }, body: { enabled: !dnd } }),
              dnd ? 'Do not disturb is off.' : 'Do not disturb is on.',
            )
          }
        >
          Turn {dnd ? 'off' : 'on'}
        </button>
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run(
            () =>
              client.PUT('/v1/devices/{id}/forwarding', {
                params: { path: { id } },
                body: { enabled: true, destination: forwardTo.trim() },
              }),
            `Calls are forwarded to ${forwardTo.trim()}.`,
          );
        }}
      >
        <div className="field">
          <label htmlFor="forward-to">Forward calls to</label>
          <input id="forward-to" type="tel" required value={forwardTo} onChange={(e) => setForwardTo(e.target.value)} />
        </div>
        <div className="form-actions">
          <button type="submit" disabled={busy}>
            Forward
          </button>
          {device.forwardTo && (
            <button
              type="button"
              disabled={busy}
              onClick={() =>
                void run(
                  () =>
                    client.PUT('/v1/devices/{id}/forwarding', { params: { path: { id } }, body: { enabled: false } }),
                  'Calls are no longer forwarded.',
                )
              }
            >
              Stop forwarding
            </button>
          )}
        </div>
      </form>
      <Status error={error} done={done} />
    </div>
  );
}

function ActivationCode({ device }: { device: Device }) {
  const { client } = useSignedIn();
  const [model, setModel] = useState(device.product?.modelId ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [code, setCode] = useState<{ code: string; expiresAt: string; deviceId?: string } | null>(null);
  const owner = device.owner;
  const forOwner =
    owner?.type === 'person' ? { personId: owner.id } : owner?.type === 'workspace' ? { workspaceId: owner.id } : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!forOwner) return;
    setBusy(true);
    setError(null);
    try {
      const {
        data,
        error: problem,
        response,
      } = await client.POST('/v1/devices/activation-codes', {
        params: { header: { 'idempotency-key': idempotencyKey() } },
        body: { ...forOwner, model: model.trim() },
      });
      if (data) setCode({ code: data.code, expiresAt: data.expiresAt, deviceId: data.device.id });
      else setError(problemMessage(problem, response));
    } catch (reason) {
      setError(problemMessage(reason));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="group form" onSubmit={(e) => void submit(e)} aria-labelledby="activation-title">
      <h3 id="activation-title">Activation code</h3>
      {forOwner ? (
        <>
          <p className="muted small">A code that activates a new device of this model for {owner?.name}.</p>
          <div className="field">
            <label htmlFor="activation-model">Model</label>
            <input id="activation-model" required value={model} onChange={(e) => setModel(e.target.value)} />
          </div>
          <Status error={error} done={null} />
          {code && (
            <div role="status" className="secret">
              <p>
                Code <strong className="mono">{code.code}</strong>, valid until {formatDateTime(code.expiresAt)}.
              </p>
              {code.deviceId && (
                <p>
                  <Link href={`/devices/${encodeURIComponent(code.deviceId)}`}>Open the new device</Link>
                </p>
              )}
            </div>
          )}
          <div className="form-actions">
            <button type="submit" disabled={busy}>
              {busy ? 'Creating…' : 'Create activation code'}
            </button>
          </div>
        </>
      ) : (
        <p className="muted">Activation codes are for a person or a workspace; this device has neither as owner.</p>
      )}
    </form>
  );
}

function DeleteDevice({ device, etag, onReload }: { device: Device; etag: string | null; onReload: () => void }) {
  const { client } = useSignedIn();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      const { error: problem, response } = await client.DELETE('/v1/devices/{id}', {
        params: { path: { id: device.id ?? '' }, header: etag ? { 'if-match': etag } : {} },
      });
      if (response.ok) navigate('/inventory');
      else {
        setStale(response.status === 412);
        setError(preconditionMessage(response.status, problem, response));
      }
    } catch (reason) {
      setError(problemMessage(reason));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="group form danger" role="group" aria-labelledby="delete-title">
      <h3 id="delete-title">Delete</h3>
      {!confirming ? (
        <button type="button" onClick={() => setConfirming(true)}>
          Delete this device…
        </button>
      ) : (
        <div role="alertdialog" aria-labelledby="delete-question">
          <p id="delete-question">
            Delete <strong>{device.name || 'this device'}</strong>? This cannot be undone.
          </p>
          <div className="form-actions">
            <button type="button" className="danger-button" disabled={busy} onClick={() => void remove()} autoFocus>
              {busy ? 'Deleting…' : 'Yes, delete'}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      <Status error={error} done={null} />
      {stale && (
        <button type="button" onClick={onReload}>
          Reload
        </button>
      )}
    </div>
  );
}
