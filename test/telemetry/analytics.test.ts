/**
 * Adoption analytics on both engines, over a small known fleet reported through telemetry: active devices per day
 * (in total and by product, softphone, user group, manufacturer), each device counted once a day however many
 * and however late its events; first-seen cohorts per ISO week; devices unseen for N days; range checks and who
 * may read.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createServices } from '../../src/services.js';
import { createApiKey, createTenant, insertProduct, type TestTenant } from '../support/factories.js';
import { describeEachStore } from '../support/stores.js';

// Monday 2026-11-16 … Friday 2026-11-20 (NOW is Friday noon).
const NOW = Date.UTC(2026, 10, 20, 12);
const day = (date: string, hour = 9) => `${date}T${String(hour).padStart(2, '0')}:00:00Z`;

describeEachStore('adoption analytics', ({ store }) => {
  let app: FastifyInstance;
  let tenant: TestTenant;
  let ingest: { authorization: string };
  let headsetId: string;
  let n = 0;

  beforeAll(async () => {
    const config = loadConfig({ LOG_LEVEL: 'silent', RATE_LIMITS: 'off' });
    app = await buildApp(config, { store: store(), services: createServices(store(), config, () => NOW) });
    tenant = await createTenant(store());
    ingest = (await createApiKey(store(), tenant.tenantId, { scopes: ['telemetry:write'] })).auth;
    headsetId = await insertProduct(store(), {
      manufacturer: 'Poly',
      model_id: `AN-${Math.random().toString(36).slice(2, 8)}`,
      name: 'Analytics Headset',
      device_kind: 'Headset',
    });
    const report = (serial: string, occurredAt: string, softphone: string, groups: string[], product = true) => {
      n += 1;
      return {
        id: `an-${n}`,
        type: 'heartbeat',
        occurredAt,
        device: product ? { serial, productId: headsetId } : { serial, manufacturer: 'Jabra' },
        softphone: { name: softphone },
        user: { username: `u-${serial}`, userGroups: groups },
      };
    };
    // A: every day Mon–Wed (twice on Monday), Teams, Sales. B: Monday and Wednesday, Zoom, Support.
    // C (no catalogue product, made by Jabra): first seen the week before, then Tuesday.
    const batches = [
      [
        report('A', day('2026-11-16', 8), 'Teams', ['Sales', 'EMEA']),
        report('A', day('2026-11-16', 17), 'Teams', ['Sales']),
        report('B', day('2026-11-16'), 'Zoom', ['Support']),
        report('C', day('2026-11-10'), 'Teams', [], false),
      ],
      [report('A', day('2026-11-17'), 'Teams', ['Sales']), report('C', day('2026-11-17'), 'Teams', [], false)],
      [report('A', day('2026-11-18'), 'Teams', ['Sales']), report('B', day('2026-11-18'), 'Zoom', ['Support'])],
      // Late and replayed: A's Monday again (another event), and B's Wednesday event replayed.
      [report('A', day('2026-11-16', 20), 'Teams', ['Sales'])],
    ];
    for (const events of batches) {
      const res = await app.inject({
        method: 'POST',
        url: '/v1/telemetry/events',
        headers: ingest,
        payload: { events },
      });
      expect(res.statusCode).toBe(200);
    }
    const replay = await app.inject({
      method: 'POST',
      url: '/v1/telemetry/events',
      headers: ingest,
      payload: { events: [report('B', day('2026-11-18'), 'Zoom', ['Support'])].map((e) => ({ ...e, id: 'an-9' })) },
    });
    expect(replay.json().duplicates).toBe(1);
  });
  afterAll(async () => {
    await app.close();
  });

  const get = (url: string, auth = tenant.auth) => app.inject({ method: 'GET', url, headers: auth });
  const counts = (points: { date: string; devices: number }[]) => points.map((p) => p.devices);

  it('counts each device once per day, in total and by product', async () => {
    const res = await get('/v1/analytics/active-devices?from=2026-11-15&to=2026-11-19&by=product');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.from).toBe('2026-11-15');
    expect(body.total.map((p: { date: string }) => p.date)).toEqual([
      '2026-11-15',
      '2026-11-16',
      '2026-11-17',
      '2026-11-18',
      '2026-11-19',
    ]);
    expect(counts(body.total)).toEqual([0, 2, 2, 2, 0]);
    expect(body.series).toEqual([
      { key: headsetId, name: 'Analytics Headset', points: expect.any(Array) },
      { key: null, name: 'Unknown', points: expect.any(Array) },
    ]);
    expect(counts(body.series[0].points)).toEqual([0, 2, 1, 2, 0]);
    expect(counts(body.series[1].points)).toEqual([0, 0, 1, 0, 0]);
  });

  it('breaks down by softphone, primary user group and manufacturer', async () => {
    const bySoftphone = (await get('/v1/analytics/active-devices?from=2026-11-16&to=2026-11-18&by=softphone')).json();
    expect(bySoftphone.series.map((s: { name: string }) => s.name)).toEqual(['Teams', 'Zoom']);
    expect(counts(bySoftphone.series[0].points)).toEqual([1, 2, 1]);
    expect(counts(bySoftphone.series[1].points)).toEqual([1, 0, 1]);
    const byGroup = (await get('/v1/analytics/active-devices?from=2026-11-16&to=2026-11-18&by=userGroup')).json();
    expect(byGroup.series.map((s: { name: string }) => s.name)).toEqual(['Sales', 'Support', 'Unknown']);
    const byMaker = (await get('/v1/analytics/active-devices?from=2026-11-16&to=2026-11-18&by=manufacturer')).json();
    expect(byMaker.series.map((s: { key: string }) => s.key)).toEqual(['Poly', 'Jabra']);
  });

  it('gives first-seen cohorts per ISO week', async () => {
    const res = await get('/v1/analytics/new-devices?from=2026-11-04&to=2026-11-20');
    const body = res.json();
    expect(body.from).toBe('2026-11-02');
    expect(body.total).toEqual([
      { date: '2026-11-02', devices: 0 },
      { date: '2026-11-09', devices: 1 },
      { date: '2026-11-16', devices: 2 },
    ]);
  });

  it('counts devices unseen for N days, and devices never seen', async () => {
    const body = (await get('/v1/analytics/unseen-devices?days=3')).json();
    // Last reports: A and B on Wednesday the 18th (2 days before NOW), C on Tuesday the 17th (3 days before).
    expect(body).toMatchObject({ days: 3, devices: 1, neverSeen: 0, cutoff: '2026-11-17T12:00:00.000Z' });
    expect((await get('/v1/analytics/unseen-devices?days=1')).json().devices).toBe(3);
  });

  it('defaults to the last 30 days, and refuses bad ranges in problem+json', async () => {
    const body = (await get('/v1/analytics/active-devices')).json();
    expect(body.total).toHaveLength(30);
    expect(body.to).toBe('2026-11-20');
    for (const query of [
      'from=2026-11-20&to=2026-11-01',
      'from=2024-01-01&to=2026-01-01',
      'from=2026-02-30',
      'by=colour',
    ]) {
      const res = await get(`/v1/analytics/active-devices?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect((await get('/v1/analytics/unseen-devices')).statusCode).toBe(400);
  });

  it('is for admins and supervisors: an agent is refused, another tenant sees none of it', async () => {
    const agent = await createApiKey(store(), tenant.tenantId, { role: 'agent' });
    expect((await get('/v1/analytics/active-devices', agent.auth)).statusCode).toBe(403);
    const supervisor = await createApiKey(store(), tenant.tenantId, { role: 'supervisor' });
    expect((await get('/v1/analytics/active-devices', supervisor.auth)).statusCode).toBe(200);
    const other = await createTenant(store());
    const body = (await get('/v1/analytics/active-devices?from=2026-11-16&to=2026-11-18', other.auth)).json();
    expect(counts(body.total)).toEqual([0, 0, 0]);
  });
});
