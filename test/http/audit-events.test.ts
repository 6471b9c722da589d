import { expect, it, vi } from 'vitest';
import type { Store } from '../../src/db/database.js';
import { newId } from '../../src/db/ids.js';
import { AuditEventRepository } from '../../src/modules/audit/audit-event.repository.js';
import { AuditEventService, DAY_MS } from '../../src/modules/audit/audit-event.service.js';
import { type Actor, type Change, recordChange, systemActor } from '../../src/modules/audit/audit-trail.js';
import { createApiKey, createTenant, insertPerson } from '../support/factories.js';
import { useApp, walk } from '../support/http.js';
import { describeEachStore } from '../support/stores.js';

const HOUR = 3_600_000;
const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);

interface Recorded {
  at: number;
  actor: Actor;
  change: Change;
}

const apiKeyActor = (tenantId: string, credentialId: string, requestId: string): Actor => ({
  tenantId,
  kind: 'api_key',
  personId: null,
  credentialId,
  requestId,
});

/**
 * A tenant with a trail of 12 events (3 actors, 4 actions, 3 resources, one per hour from T0, inserted out of
 * order) and a second tenant whose events reuse the same actors, resources and request ids.
 */
async function trail(s: Store) {
  const a = await createTenant(s);
  const b = await createTenant(s);
  const keyA = newId();
  const clientA = newId();
  const person = newId();
  const session = newId();
  const actors: Actor[] = [
    apiKeyActor(a.tenantId, keyA, 'req-1'),
    { tenantId: a.tenantId, kind: 'oauth_client', personId: null, credentialId: clientA, requestId: 'req-2' },
    { tenantId: a.tenantId, kind: 'session', personId: person, credentialId: session, requestId: 'req-3' },
  ];
  const resources = [
    { type: 'api_key', id: newId() },
    { type: 'oauth_client', id: newId() },
    { type: 'app', id: newId() },
  ];
  const verbs = ['create', 'revoke', 'update', 'delete'];
  const events: Recorded[] = [];
  for (let i = 0; i < 12; i++) {
    const resource = resources[i % 3]!;
    const verb = verbs[i % 4]!;
    events.push({
      at: T0 + i * HOUR,
      actor: actors[i % 3]!,
      change: {
        action: `${resource.type}.${verb}`,
        resourceType: resource.type,
        resourceId: resource.id,
        before: verb === 'create' ? null : { name: `v${i}`, nested: { n: i } },
        after: verb === 'delete' ? null : { name: `v${i + 1}`, scopes: ['audit:read'] },
      },
    });
  }
  // Inserted out of time order: the list must still come back ordered by when the change happened.
  for (const e of [...events].reverse()) await recordChange(s.db, e.actor, e.change, e.at);
  for (let i = 0; i < 5; i++) {
    await recordChange(
      s.db,
      { ...actors[i % 3]!, tenantId: b.tenantId },
      { ...events[i]!.change, after: { tenant: 'B' } },
      T0 + i * HOUR + 1,
    );
  }
  return { a, b, events, actors, resources, keyA, clientA, person, session };
}

describeEachStore('native audit events API', ({ store }) => {
  const { app, get } = useApp(store);

  const list = async (query: string, auth: { authorization: string }) => {
    const res = await get(`/v1/audit-events?${query}`, auth);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items as Record<string, unknown>[];
  };
  const times = (items: Record<string, unknown>[]) => items.map((e) => Date.parse(e.occurredAt as string));

  it('lists the tenant’s events newest first, with actors and before/after as objects', async () => {
    const t = await trail(store());
    const items = await list('', t.a.auth);
    expect(items).toHaveLength(12);
    expect(times(items)).toEqual(t.events.map((e) => e.at).reverse());
    const first = items.find((e) => e.occurredAt === new Date(T0 + HOUR).toISOString());
    expect(first).toEqual({
      id: expect.any(String),
      occurredAt: new Date(T0 + HOUR).toISOString(),
      requestId: 'req-2',
      actor: { kind: 'oauth_client', id: t.clientA, credentialId: t.clientA },
      action: 'oauth_client.revoke',
      resourceType: 'oauth_client',
      resourceId: t.resources[1]!.id,
      before: { name: 'v1', nested: { n: 1 } },
      after: { name: 'v2', scopes: ['audit:read'] },
    });
    const bySession = items.find((e) => (e.actor as { kind: string }).kind === 'session');
    expect(bySession?.actor).toEqual({ kind: 'session', id: t.person, credentialId: t.session });
    const created = items.find((e) => e.action === 'api_key.create');
    expect(created).toMatchObject({ before: null, after: { name: 'v1' } });
    const deleted = items.find((e) => (e.action as string).endsWith('.delete'));
    expect(deleted).toMatchObject({ before: { name: expect.any(String) }, after: null });
    expect((await list('sort=occurredAt', t.a.auth)).map((e) => e.id)).toEqual(items.map((e) => e.id).reverse());
    expect(await list('fields=action,resourceId&limit=1', t.a.auth)).toEqual([
      { action: items[0]!.action, resourceId: items[0]!.resourceId },
    ]);
  });

  it('narrows by each filter, ANDed', async () => {
    const t = await trail(store());
    const expectIds = async (query: string, keep: (e: Recorded) => boolean) => {
      const expected = t.events.filter(keep).map((e) => e.at);
      expect(expected.length, query).toBeGreaterThan(0);
      expect(expected.length, query).toBeLessThan(12);
      expect(times(await list(query, t.a.auth)), query).toEqual(expected.reverse());
    };
    await expectIds('action=api_key.create', (e) => e.change.action === 'api_key.create');
    await expectIds('resourceType=app', (e) => e.change.resourceType === 'app');
    await expectIds(`resourceId=${t.resources[1]!.id}`, (e) => e.change.resourceId === t.resources[1]!.id);
    await expectIds(`actor=${t.keyA}`, (e) => e.actor.credentialId === t.keyA);
    await expectIds(`actor=${t.person}`, (e) => e.actor.personId === t.person);
    await expectIds(`credential=${t.session}`, (e) => e.actor.credentialId === t.session);
    await expectIds('requestId=req-2', (e) => e.actor.requestId === 'req-2');
    await expectIds(`since=${new Date(T0 + 8 * HOUR).toISOString()}`, (e) => e.at >= T0 + 8 * HOUR);
    await expectIds(`until=${new Date(T0 + 3 * HOUR).toISOString()}`, (e) => e.at < T0 + 3 * HOUR);
    await expectIds(
      'since=2025-01-06T11:00:00%2B01:00&until=2025-01-06T14:00:00Z',
      (e) => e.at >= T0 + HOUR && e.at < T0 + 5 * HOUR,
    );
    await expectIds(
      `resourceType=api_key&actor=${t.keyA}`,
      (e) => e.change.resourceType === 'api_key' && e.actor.credentialId === t.keyA,
    );
    expect(await list('action=api_key.create&resourceType=app', t.a.auth)).toEqual([]);
    // A person's id is not a credential id.
    expect(await list(`credential=${t.person}`, t.a.auth)).toEqual([]);
  });

  it('pages through every event exactly once, in both directions, and never shows another tenant’s', async () => {
    const t = await trail(store());
    for (const sort of ['-occurredAt', 'occurredAt']) {
      const { items, pages } = await walk(app(), `/v1/audit-events?limit=5&sort=${sort}`, t.a.auth);
      expect(pages).toBe(3);
      const expected = t.events.map((e) => e.at);
      expect(times(items)).toEqual(sort === '-occurredAt' ? expected.reverse() : expected);
    }
    const { items } = await walk(app(), `/v1/audit-events?limit=2&actor=${t.keyA}`, t.a.auth);
    expect(items).toHaveLength(4);

    const bItems = await list('limit=500', t.b.auth);
    expect(bItems).toHaveLength(5);
    expect(bItems.every((e) => (e.after as { tenant: string }).tenant === 'B')).toBe(true);
    const aIds = new Set((await list('limit=500', t.a.auth)).map((e) => e.id));
    expect(bItems.some((e) => aIds.has(e.id))).toBe(false);
    // Filters naming the other tenant's ids and request ids still see only the caller's events.
    expect(await list(`requestId=req-1&resourceId=${t.resources[0]!.id}`, t.b.auth)).toHaveLength(2);
  });

  it('refuses malformed parameters with a 400 naming the parameter', async () => {
    const { auth } = await createTenant(store());
    for (const [query, parameter] of [
      ['since=yesterday', 'since'],
      ['since=2025-01-06', 'since'],
      ['until=2025-13-45T99:00:00Z', 'until'],
      ['sort=action', 'sort'],
      ['sort=-id', 'sort'],
      ['limit=0', 'limit'],
      ['cursor=nonsense', 'cursor'],
      ['tenant=other', 'tenant'],
      ['fields=secret', 'fields'],
    ] as const) {
      const res = await get(`/v1/audit-events?${query}`, auth);
      expect(res.statusCode, query).toBe(400);
      expect(res.json(), query).toMatchObject({ status: 400, parameter });
    }
    // A cursor issued for one order is refused for the other.
    const t = await trail(store());
    const first = await get('/v1/audit-events?limit=2', t.a.auth);
    const cursor = first.json().nextCursor as string;
    const res = await get(`/v1/audit-events?sort=occurredAt&cursor=${cursor}`, t.a.auth);
    expect(res.json()).toMatchObject({ status: 400, code: 'invalid_cursor' });
  });

  it('lets admins and read-only admins with audit:read read; others get 401 or 403', async () => {
    const s = store();
    const t = await trail(s);
    const readonly = await createApiKey(s, t.a.tenantId, { role: 'readonly_admin' });
    expect(await list('', readonly.auth)).toHaveLength(12);

    const personId = await insertPerson(s, t.a.tenantId);
    const agent = await createApiKey(s, t.a.tenantId, { role: 'agent', personId });
    const supervisor = await createApiKey(s, t.a.tenantId, { role: 'supervisor', personId });
    const adminWithoutAudit = await createApiKey(s, t.a.tenantId, { role: 'admin', scopes: ['admin', 'devices:read'] });
    const readonlyWithoutAudit = await createApiKey(s, t.a.tenantId, {
      role: 'readonly_admin',
      scopes: ['devices:read'],
    });
    for (const key of [agent, supervisor, adminWithoutAudit, readonlyWithoutAudit]) {
      const res = await get('/v1/audit-events', key.auth);
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ code: 'insufficient_scope' });
    }
    expect((await get('/v1/audit-events')).statusCode).toBe(401);
  });

  it('purges only events older than the cut-off, across tenants, in batches', async () => {
    const s = store();
    const a = await createTenant(s);
    const b = await createTenant(s);
    // Far in the past, so the other tests' events (2025) are never near the cut-off.
    const old = Date.UTC(2001, 0, 1);
    const cutoff = old + 10 * DAY_MS;
    const change = (i: number): Change => ({
      action: 'app.update',
      resourceType: 'app',
      resourceId: `app-${i}`,
      after: { i },
    });
    for (let i = 0; i < 7; i++) await recordChange(s.db, systemActor(a.tenantId), change(i), old + i * DAY_MS);
    for (let i = 0; i < 4; i++) await recordChange(s.db, systemActor(b.tenantId), change(i), old + i * DAY_MS + 1);
    await recordChange(s.db, systemActor(a.tenantId), change(100), cutoff); // exactly at the cut-off: kept
    await recordChange(s.db, systemActor(b.tenantId), change(101), cutoff + DAY_MS);
    await recordChange(s.db, systemActor(a.tenantId), change(102), Date.now());

    const repository = new AuditEventRepository(s.db);
    const batches = vi.spyOn(repository, 'deleteOlderThan');
    const audit = new AuditEventService(repository);
    expect(await audit.purgeOlderThan(cutoff, { batchSize: 3 })).toBe(11);
    // 11 rows in batches of 3: 3 + 3 + 3 + 2.
    expect(batches.mock.calls.map((c) => c[1])).toEqual([3, 3, 3, 3]);
    expect(await Promise.all(batches.mock.results.map((r) => r.value))).toEqual([3, 3, 3, 2]);

    const left = async (tenantId: string) =>
      (await s.db.selectFrom('audit_events').select('occurred_at').where('tenant_id', '=', tenantId).execute()).map(
        (r) => r.occurred_at,
      );
    expect((await left(a.tenantId)).sort((x, y) => x - y)).toEqual([cutoff, expect.any(Number)]);
    expect(await left(b.tenantId)).toEqual([cutoff + DAY_MS]);
    expect(await audit.purgeOlderThan(cutoff, { batchSize: 3 })).toBe(0);

    // Retention in days: 0 keeps everything; otherwise the cut-off is that many days before now.
    expect(await audit.purgeExpired(0, { now: cutoff + 100 * DAY_MS })).toBe(0);
    expect(await audit.purgeExpired(100, { now: cutoff + 100 * DAY_MS + 1 })).toBe(1);
    expect(await left(a.tenantId)).toHaveLength(1);
    expect(await left(b.tenantId)).toEqual([cutoff + DAY_MS]);

    // An aborted purge stops after its current batch.
    for (let i = 0; i < 5; i++) await recordChange(s.db, systemActor(b.tenantId), change(200 + i), old);
    const stopping = new AbortController();
    stopping.abort();
    expect(await audit.purgeOlderThan(cutoff, { batchSize: 2, signal: stopping.signal })).toBe(2);
    expect(await audit.purgeOlderThan(cutoff, { batchSize: 2 })).toBe(3);
  });

  it('records ids in time order, so that id order is occurredAt order', async () => {
    const s = store();
    const { tenantId, auth } = await createTenant(s);
    const change: Change = { action: 'app.create', resourceType: 'app', resourceId: 'x', after: { v: 1 } };
    await recordChange(s.db, systemActor(tenantId), change, T0 + 2);
    await recordChange(s.db, systemActor(tenantId), change, T0);
    await recordChange(s.db, systemActor(tenantId), change);
    const items = await list('sort=occurredAt', auth);
    expect(times(items).slice(0, 2)).toEqual([T0, T0 + 2]);
    expect(Math.abs(times(items)[2]! - Date.now())).toBeLessThan(60_000);
    expect(items.map((e) => e.id)).toEqual(items.map((e) => e.id as string).sort());
  });
});
