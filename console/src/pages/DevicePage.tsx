/**
 * One device: every canonical field, grouped as an administrator looks for them, its connected devices, where
 * it was first and last seen, the actions the person may take on it, and (for administrators) its audit history.
 */
import { type ReactNode, useEffect, useState } from 'react';
import type { AuditEvent, Device } from '../../../sdk/src/index.ts';
import { DeviceActions } from '../components/DeviceActions.tsx';
import { Empty, ErrorMessage, Loading } from '../components/States.tsx';
import { formatDateTime, formatMac, formatProduct } from '../format.ts';
import { problemMessage } from '../problems.ts';
import { usePageTitle } from '../page-title.ts';
import { Link } from '../router.tsx';
import { useSignedIn } from '../session.tsx';

type Load<T> =
  | { readonly phase: 'loading' }
  | { readonly phase: 'error'; readonly message: string; readonly status: number }
  | { readonly phase: 'loaded'; readonly value: T };

export function DevicePage({ id }: { id: string }) {
  const { client } = useSignedIn();
  const [device, setDevice] = useState<Load<Device>>({ phase: 'loading' });
  const [attempt, setAttempt] = useState(0);
  /** The ETag the device was read at: edits and deletion send it as If-Match. */
  const [etag, setEtag] = useState<string | null>(null);
  usePageTitle(device.phase === 'loaded' ? device.value.name || 'Device' : 'Device');

  useEffect(() => {
    const abort = new AbortController();
    // A reload after a change keeps the page on screen (no flash of "Loading").
    setDevice((before) => (before.phase === 'loaded' && attempt > 0 ? before : { phase: 'loading' }));
    client
      .GET('/v1/devices/{id}', { params: { path: { id } }, signal: abort.signal })
      .then(({ data, error, response }) => {
        if (abort.signal.aborted) return;
        if (data) {
          setEtag(response.headers.get('etag'));
          setDevice({ phase: 'loaded', value: data });
        } else setDevice({ phase: 'error', message: problemMessage(error, response), status: response.status });
      })
      .catch((reason: unknown) => {
        if (!abort.signal.aborted) setDevice({ phase: 'error', message: problemMessage(reason), status: 0 });
      });
    return () => abort.abort();
  }, [client, id, attempt]);

  const back = (
    <p className="breadcrumb">
      <Link href="/inventory">← Inventory</Link>
    </p>
  );
  if (device.phase === 'loading')
    return (
      <>
        {back}
        <Loading what="the device" />
      </>
    );
  if (device.phase === 'error') {
    return (
      <>
        {back}
        <h1>Device</h1>
        {device.status === 404 ? (
          <Empty>
            <p>There is no device with this id that you can see. It may have been deleted.</p>
          </Empty>
        ) : (
          <ErrorMessage message={device.message} onRetry={() => setAttempt((n) => n + 1)} />
        )}
      </>
    );
  }
  const d = device.value;
  return (
    <article aria-labelledby="device-title">
      {back}
      <h1 id="device-title">{d.name || '(no name)'}</h1>
      <p className="subtitle">
        {d.kind} · <span className={`badge status-${d.status?.toLowerCase()}`}>{d.status}</span>
        {d.product ? ` · ${formatProduct(d.product)}` : ''}
      </p>
      <div className="detail-grid">
        <Group title="Identity">
          <Row label="Kind" value={d.kind} />
          <Row label="Display id" value={d.displayId} />
          <Row label="Serial" value={d.serial} />
          <Row label="Product" value={d.product && `${formatProduct(d.product)} (${d.product.modelId})`} />
          <Row label="Product type" value={d.product?.type} />
          <Row label="SKU" value={d.product?.sku} />
          <Row label="Managed by" value={d.managedBy} />
          <Row label="Tags" value={d.tags?.join(', ')} />
          <Row
            label="Source"
            value={
              d.provenance && `${d.provenance.source}${d.provenance.externalId ? ` (${d.provenance.externalId})` : ''}`
            }
          />
          <Row label="Created" value={formatDateTime(d.createdAt)} />
          <Row label="Updated" value={formatDateTime(d.updatedAt)} />
        </Group>
        <Group title="Ownership">
          <Row label="Owner" value={d.owner && `${d.owner.name} (${ownerKind(d.owner.type)})`} />
          <Row label="Username" value={d.owner?.username} />
          <Row label="Site" value={d.site?.name} />
          <Row label="Hot desk" value={yesNo(d.hotDesk)} />
          <Row label="Common phone" value={yesNo(d.commonPhone)} />
          <Row label="Line pooling" value={d.linePooling} />
        </Group>
        <Group title="Network and SIP">
          <Row label="MAC" value={formatMac(d.mac)} mono />
          <Row label="IP" value={d.ip} mono />
          <Row label="Computer" value={d.computerName} />
          <Row label="Activation" value={d.activationState} />
          <Row label="SIP user" value={d.sip?.userName} />
          <Row label="Line port" value={d.sip?.linePort} />
          <Row label="Outbound proxy" value={d.sip?.outboundProxy} />
          <Row label="Telephony network" value={d.telephonyNetwork} />
          <Row label="Do not disturb" value={yesNo(d.doNotDisturb)} />
          <Row label="Forward to" value={d.forwardTo} />
        </Group>
        <Group title="Firmware and compliance">
          <Row label="Main" value={d.firmware?.main} />
          <Row label="Base" value={d.firmware?.base} />
          <Row label="Headset" value={d.firmware?.headset} />
          <Row label="Bluetooth" value={d.firmware?.bluetooth} />
          <Row label="USB" value={d.firmware?.usb} />
          <Row label="Latest published" value={d.firmware?.available} />
          <Row label="Upgrade channel" value={d.upgradeChannel} />
          <Row label="Compliance" value={complianceLabel(d.compliance?.status)} />
          <Row label="Policy target" value={d.compliance?.targetVersion} />
        </Group>
        <Group title="Seen">
          <Row label="Last seen" value={formatDateTime(d.lastSeenAt)} />
          <Sighting label="First" seen={d.firstSeen} />
          <Sighting label="Last" seen={d.lastSeen} />
        </Group>
        <Group title="Lines and numbers">
          {(d.lines ?? []).length === 0 ? (
            <Row label="Lines" value="None" />
          ) : (
            (d.lines ?? []).map((line) => (
              <Row
                key={line.position}
                label={`Line ${line.position}`}
                value={`${line.nationalFormat ?? line.e164 ?? line.number} · ${line.lineType}${line.location ? ` · ${line.location}` : ''}`}
              />
            ))
          )}
        </Group>
        <Group title="Emergency">
          <Nested value={d.emergency} />
        </Group>
        <Group title="Shipping and billing">
          <Nested value={d.shipping} prefix="Shipping" />
          <Nested value={d.billing} prefix="Billing" />
        </Group>
      </div>
      <section aria-labelledby="connected-title">
        <h2 id="connected-title">Connected devices</h2>
        {(d.connectedDevices ?? []).length === 0 ? (
          <p className="muted">None reported.</p>
        ) : (
          <ul>
            {(d.connectedDevices ?? []).map((c, i) => (
              <li key={`${c.component}-${i}`}>
                {c.deviceId ? (
                  <Link href={`/devices/${encodeURIComponent(c.deviceId)}`}>{c.name ?? c.modelId ?? c.component}</Link>
                ) : (
                  (c.name ?? c.modelId ?? c.component)
                )}
                {` · ${c.component}${c.displayId ? ` · ${c.displayId}` : ''}`}
              </li>
            ))}
          </ul>
        )}
      </section>
      <DeviceActions
        key={`${d.version ?? ''}-${d.updatedAt ?? ''}`}
        device={d}
        etag={etag}
        onChanged={() => setAttempt((n) => n + 1)}
        onReload={() => setAttempt((n) => n + 1)}
      />
      <AuditHistory
        deviceId={id}
        refresh={`${d.version ?? ''}-${d.updatedAt ?? ''}-${d.doNotDisturb}-${d.forwardTo}`}
      />
    </article>
  );
}

function AuditHistory({ deviceId, refresh }: { deviceId: string; refresh: string }) {
  const { client, me } = useSignedIn();
  const allowed = me.role === 'admin' || me.role === 'readonly_admin';
  const [events, setEvents] = useState<Load<readonly AuditEvent[]>>({ phase: 'loading' });
  useEffect(() => {
    if (!allowed) return;
    let current = true;
    client
      .GET('/v1/audit-events', {
        params: { query: { resourceType: 'device', resourceId: deviceId, sort: '-occurredAt', limit: 20 } },
      })
      .then(({ data, error, response }) => {
        if (!current) return;
        if (data) setEvents({ phase: 'loaded', value: data.items });
        else setEvents({ phase: 'error', message: problemMessage(error, response), status: response.status });
      })
      .catch((reason: unknown) => current && setEvents({ phase: 'error', message: problemMessage(reason), status: 0 }));
    return () => {
      current = false;
    };
  }, [client, deviceId, allowed, refresh]);
  // The audit log is for administrators (GET /v1/audit-events); others see no empty section.
  if (!allowed) return null;
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      {events.phase === 'loading' && <Loading what="the history" />}
      {events.phase === 'error' && <ErrorMessage message={events.message} />}
      {events.phase === 'loaded' &&
        (events.value.length === 0 ? (
          <p className="muted">No recorded changes.</p>
        ) : (
          <ol className="history">
            {events.value.map((e) => (
              <li key={e.id}>
                <time dateTime={e.occurredAt}>{formatDateTime(e.occurredAt)}</time> · {e.action} · by {e.actor?.kind}
                {changedFields(e) && <span className="muted"> · {changedFields(e)}</span>}
              </li>
            ))}
          </ol>
        ))}
    </section>
  );
}

function Group({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="group" aria-label={title}>
      <h2>{title}</h2>
      <dl>{children}</dl>
    </section>
  );
}

function Row({ label, value, mono = false }: { label: string; value: ReactNode; mono?: boolean }) {
  const empty = value === null || value === undefined || value === '';
  return (
    <div className="row">
      <dt>{label}</dt>
      <dd className={empty ? 'muted' : mono ? 'mono' : undefined}>{empty ? '—' : value}</dd>
    </div>
  );
}

type Seen = Device['lastSeen'];

function Sighting({ label, seen }: { label: string; seen: Seen }) {
  if (!seen) return <Row label={`${label} seen`} value={null} />;
  const softphone = seen.softphone && [seen.softphone.name, seen.softphone.version].filter(Boolean).join(' ');
  const host = [seen.hostname, [seen.hostOs, seen.hostOsVersion].filter(Boolean).join(' ')].filter(Boolean).join(' · ');
  return (
    <>
      <Row label={`${label} seen`} value={formatDateTime(seen.seenAt)} />
      <Row label={`${label} host`} value={host} />
      <Row label={`${label} softphone`} value={softphone} />
      <Row label={`${label} user`} value={seen.username} />
    </>
  );
}

/** A nested record (emergency address, shipping, billing) as label/value rows, without knowing every member. */
function Nested({ value, prefix }: { value: unknown; prefix?: string }) {
  const rows = flatten(value, prefix ? [prefix] : []);
  if (rows.length === 0) return <Row label={prefix ?? 'Details'} value={null} />;
  return (
    <>
      {rows.map(([label, text]) => (
        <Row key={label} label={label} value={text} />
      ))}
    </>
  );
}

function flatten(value: unknown, path: string[]): [string, string][] {
  if (value === null || value === undefined || value === '') return [];
  if (Array.isArray(value)) return value.flatMap((item, i) => flatten(item, [...path, String(i + 1)]));
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([key, inner]) =>
      flatten(inner, [...path, humanize(key)]),
    );
  }
  return [[path.join(' › '), typeof value === 'boolean' ? (yesNo(value) ?? '') : String(value)]];
}

function humanize(key: string): string {
  const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function yesNo(value: boolean | undefined): string | undefined {
  return value === undefined ? undefined : value ? 'Yes' : 'No';
}

function ownerKind(type: 'person' | 'workspace' | 'virtualLine'): string {
  return { person: 'person', workspace: 'workspace', virtualLine: 'virtual line' }[type];
}

function complianceLabel(status: 'compliant' | 'noncompliant' | 'unknown' | undefined): string | undefined {
  return status && { compliant: 'Compliant', noncompliant: 'Not compliant', unknown: 'No policy' }[status];
}

/** Which fields an audit event changed ("tags, name"), from its before and after documents. */
export function changedFields(event: AuditEvent): string {
  const before = (event.before ?? {}) as Record<string, unknown>;
  const after = (event.after ?? {}) as Record<string, unknown>;
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const changed = [...keys].filter(
    (k) => !['version', 'updatedAt'].includes(k) && JSON.stringify(before[k]) !== JSON.stringify(after[k]),
  );
  return changed.length > 8 ? `${changed.slice(0, 8).join(', ')}…` : changed.join(', ');
}
