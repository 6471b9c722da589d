/**
 * Telemetry ingest on both engines, over HTTP: per-event checks (bad events reported, good ones kept), device
 * matching by serial / tattoo id / MAC and creation with provenance, lastSeen forward only, firstSeen once,
 * firmware from the newest report, idempotent replays, the Online → Offline sweep, compliance derived from a
 * firmware report, tenant isolation and the ingest credential's scope.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { type Services, createServices } from '../../src/services.js';
import {
  createApiKey,
  createTenant,
  insertFirmware,
  insertPerson,
  insertProduct,
  type TestTenant,
} from '../support/factories.js';
import { describeEachStore } from '../support/stores.js';

const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);
const iso = (ms: number) => new Date(ms).toISOString();
const minutes = (n: number) => n * 60_000;

describeEachStore('telemetry ingest', ({ store }) => {
  let clock = NOW;
  let app: FastifyInstance;
  let services: Services;
  let tenant: TestTenant;
  let ingest: { authorization: string };
  let productId: string;
  let sequence = 0;

  beforeAll(async () => {
    const config = loadConfig({ LOG_LEVEL: 'silent', RATE_LIMITS: 'off', TELEMETRY_OFFLINE_AFTER_SECONDS: '900' });
    services = createServices(store(), config, () => clock);
    app = await buildApp(config, { store: store(), services });
    tenant = await createTenant(store());
    ingest = (await createApiKey(store(), tenant.tenantId, { scopes: ['telemetry:write'] })).auth;
    productId = await insertProduct(store(), {
      manufacturer: 'Poly',
      model_id: `V${sequence}-${Math.random().toString(36).slice(2, 8)}`,
      name: 'Voyager Focus 2',
      device_kind: 'Headset',
      usb_vendor_id: '047F',
      usb_product_id: `${Math.floor(Math.random() * 0xffff)
        .toString(16)
        .toUpperCase()
        .padStart(4, '0')}`,
    });
    await insertPerson(store(), tenant.tenantId, { username: 'ada' });
  });
  afterAll(async () => {
    await app.close();
  });

  /** Posts a batch; with the tenant's ingest key every batch here is well-formed, so anything but 200 fails. */
  const send = async (events: unknown[], auth = ingest) => {
    const res = await app.inject({ method: 'POST', url: '/v1/telemetry/events', headers: auth, payload: { events } });
    if (auth === ingest) expect(res.statusCode, res.body).toBe(200);
    return res;
  };
  const event = (overrides: Record<string, unknown> = {}) => {
    sequence += 1;
    return {
      id: `evt-${sequence}-${Math.random().toString(36).slice(2)}`,
      type: 'heartbeat',
      occurredAt: iso(NOW - minutes(5)),
      device: { serial: 'SN-DEFAULT' },
      ...overrides,
    };
  };
  const readDevice = async (id: string) => {
    const res = await app.inject({ method: 'GET', url: `/v1/devices/${id}`, headers: tenant.auth });
    expect(res.statusCode).toBe(200);
    return res.json();
  };
  const deviceIdBySerial = async (serial: string) => {
    const row = await store()
      .db.selectFrom('devices')
      .select(['id', 'source_system'])
      .where('tenant_id', '=', tenant.tenantId)
      .where('serial', '=', serial)
      .executeTakeFirst();
    return row;
  };

  it('creates an unknown device with provenance telemetry, its product from USB ids and its owner by username', async () => {
    const product = await store()
      .db.selectFrom('products')
      .selectAll()
      .where('id', '=', productId)
      .executeTakeFirstOrThrow();
    const res = await send([
      event({
        type: 'attached',
        occurredAt: iso(NOW - minutes(3)),
        device: {
          serial: 'SN-NEW-1',
          tattooId: 'TT-1',
          usbVendorId: '047f',
          usbProductId: product.usb_product_id!.toLowerCase(),
        },
        connectedDevice: { component: 'base', serial: 'BASE-1', modelId: 'BT700', name: 'BT700 dongle' },
        host: { clientInstanceId: 'ci-1', hostName: 'ADA-LAPTOP', os: 'Windows', osVersion: '11' },
        softphone: { name: 'Teams', pluginId: 'teams', vendor: 'Microsoft', version: '1.7' },
        user: { username: 'ada', firstName: 'Ada', lastName: 'Lovelace', userGroups: ['Sales', 'EMEA'] },
      }),
    ]);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ accepted: 1, duplicates: 0, rejected: [], devicesCreated: 1 });
    const row = await deviceIdBySerial('SN-NEW-1');
    expect(row?.source_system).toBe('telemetry');
    const d = await readDevice(row!.id);
    expect(d).toMatchObject({
      kind: 'Headset',
      name: 'Voyager Focus 2',
      displayId: 'TT-1',
      status: 'Online',
      lastSeenAt: iso(NOW - minutes(3)),
    });
    expect(d.owner).toMatchObject({ type: 'person' });
    expect(d.firstSeen).toMatchObject({ hostname: 'ADA-LAPTOP', softphone: { name: 'Teams' } });
    expect(d.connectedDevices).toEqual([
      expect.objectContaining({ component: 'base', displayId: 'BASE-1', modelId: 'BT700', name: 'BT700 dongle' }),
    ]);
    const audit = await store()
      .db.selectFrom('audit_events')
      .select(['action', 'resource_id'])
      .where('tenant_id', '=', tenant.tenantId)
      .where('resource_id', '=', row!.id)
      .execute();
    expect(audit).toEqual([{ action: 'device.create', resource_id: row!.id }]);
  });

  it('matches known devices by serial, tattoo id or MAC, and creates one device for a batch’s repeated new identity', async () => {
    const first = await send([event({ device: { serial: 'SN-M', tattooId: 'TT-M', mac: '00:11:22:33:44:55' } })]);
    expect(first.json().devicesCreated).toBe(1);
    const again = await send([
      event({ device: { tattooId: 'TT-M' } }),
      event({ device: { mac: '001122334455' } }),
      event({ device: { genesId: 'SN-M' } }),
      event({ device: { serial: 'SN-BATCH' } }),
      event({ device: { serial: 'SN-BATCH', mac: 'AA-BB-CC-DD-EE-01' } }),
      event({ device: { mac: 'aabb.ccdd.ee01' } }),
    ]);
    expect(again.json()).toMatchObject({ accepted: 6, devicesCreated: 1 });
    const count = await store()
      .db.selectFrom('devices')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tenant_id', '=', tenant.tenantId)
      .where('serial', 'in', ['SN-M', 'SN-BATCH'])
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(2);
  });

  it('moves lastSeen forward only, keeps firstSeen, and takes firmware from the newest report', async () => {
    await send([
      event({
        type: 'firmware',
        occurredAt: iso(NOW - minutes(10)),
        device: { serial: 'SN-ORDER' },
        firmware: { main: '2.0', usb: '1.1' },
      }),
    ]);
    const id = (await deviceIdBySerial('SN-ORDER'))!.id;
    // Late events: an older heartbeat and an older firmware report.
    await send([
      event({ occurredAt: iso(NOW - minutes(60)), device: { serial: 'SN-ORDER' }, host: { hostName: 'OLD-HOST' } }),
      event({
        type: 'firmware',
        occurredAt: iso(NOW - minutes(30)),
        device: { serial: 'SN-ORDER' },
        firmware: { main: '1.0' },
      }),
    ]);
    let d = await readDevice(id);
    expect(d.lastSeenAt).toBe(iso(NOW - minutes(10)));
    expect(d.firmware).toMatchObject({ main: '2.0', usb: '1.1' });
    expect(d.firstSeen.seenAt).toBe(iso(NOW - minutes(10)));
    // A newer one moves both; a component it does not name keeps its version.
    await send([
      event({
        type: 'firmware',
        occurredAt: iso(NOW - minutes(1)),
        device: { serial: 'SN-ORDER' },
        firmware: { main: '2.1' },
      }),
    ]);
    d = await readDevice(id);
    expect(d.lastSeenAt).toBe(iso(NOW - minutes(1)));
    expect(d.firmware).toMatchObject({ main: '2.1', usb: '1.1' });
    expect(d.firstSeen.seenAt).toBe(iso(NOW - minutes(10)));
  });

  it('is idempotent: a replayed event id changes nothing, in a later batch or the same one', async () => {
    const e = event({ type: 'firmware', device: { serial: 'SN-IDEM' }, firmware: { main: '3.0' } });
    const first = await send([e, e]);
    expect(first.json()).toMatchObject({ accepted: 1, duplicates: 1 });
    const id = (await deviceIdBySerial('SN-IDEM'))!.id;
    const before = await readDevice(id);
    const replay = await send([{ ...e, firmware: { main: '9.9' } }]);
    expect(replay.json()).toEqual({ accepted: 0, duplicates: 1, rejected: [], devicesCreated: 0 });
    const after = await readDevice(id);
    expect(after.firmware.main).toBe('3.0');
    expect(after.version).toBe(before.version);
  });

  it('rejects bad events one by one with reasons and keeps the good ones of the batch', async () => {
    const good = event({ device: { serial: 'SN-MIXED' } });
    const res = await send([
      { ...event(), device: {} },
      good,
      { ...event(), occurredAt: iso(NOW + minutes(60)) },
      { ...event(), colour: 'red' },
      { ...event(), type: 'firmware' },
      { ...event(), device: { mac: 'not-a-mac' } },
      'nonsense',
    ]);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.accepted).toBe(1);
    expect(body.rejected.map((r: { index: number }) => r.index)).toEqual([0, 2, 3, 4, 5, 6]);
    const rules = body.rejected.map((r: { errors: { rule: string }[] }) => r.errors[0]!.rule);
    expect(rules).toEqual(['identity_required', 'future', 'unknown_member', 'required', 'mac', expect.any(String)]);
    expect(await deviceIdBySerial('SN-MIXED')).toBeDefined();
  });

  it('refuses a malformed batch whole, in problem+json, and stores nothing', async () => {
    for (const payload of [
      {},
      { events: [] },
      { events: Array.from({ length: 5001 }, () => event()) },
      { events: [event()], batchId: 'b1' },
    ]) {
      const res = await app.inject({ method: 'POST', url: '/v1/telemetry/events', headers: ingest, payload });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('turns silent devices Offline after the configured silence, and a new report brings them back', async () => {
    await send([event({ occurredAt: iso(NOW - minutes(1)), device: { serial: 'SN-PRESENCE' } })]);
    const id = (await deviceIdBySerial('SN-PRESENCE'))!.id;
    expect((await readDevice(id)).status).toBe('Online');
    clock = NOW + minutes(10);
    await services.telemetry.sweepSilentDevices();
    expect((await readDevice(id)).status).toBe('Online');
    clock = NOW + minutes(20);
    expect(await services.telemetry.sweepSilentDevices()).toBeGreaterThan(0);
    expect((await readDevice(id)).status).toBe('Offline');
    // A late report from before the silence does not bring it back; a fresh one does.
    await send([event({ occurredAt: iso(NOW - minutes(2)), device: { serial: 'SN-PRESENCE' } })]);
    expect((await readDevice(id)).status).toBe('Offline');
    await send([event({ occurredAt: iso(clock - minutes(1)), device: { serial: 'SN-PRESENCE' } })]);
    expect((await readDevice(id)).status).toBe('Online');
    clock = NOW;
  });

  it('derives compliance from a firmware report with the tenant’s policies', async () => {
    const policy = await services.compliancePolicies.create(
      { tenantId: tenant.tenantId, kind: 'system', personId: null, credentialId: null, requestId: null },
      {
        name: `fw-${sequence}`,
        product: { id: productId },
        userGroup: null,
        component: 'main',
        targetVersion: '5.0',
        allowDecline: false,
      },
    );
    const product = await store()
      .db.selectFrom('products')
      .selectAll()
      .where('id', '=', productId)
      .executeTakeFirstOrThrow();
    const usb = { usbVendorId: '047F', usbProductId: product.usb_product_id! };
    await send([event({ type: 'firmware', device: { serial: 'SN-COMP', ...usb }, firmware: { main: '4.0' } })]);
    const id = (await deviceIdBySerial('SN-COMP'))!.id;
    expect((await readDevice(id)).compliance).toMatchObject({ status: 'noncompliant', policyId: policy.row.id });
    await send([
      event({
        type: 'firmware',
        occurredAt: iso(NOW - minutes(1)),
        device: { serial: 'SN-COMP' },
        firmware: { main: '5.0' },
      }),
    ]);
    expect((await readDevice(id)).compliance).toMatchObject({ status: 'compliant', policyId: policy.row.id });
  });

  it('judges a report against a policy that follows the catalogue’s latest release', async () => {
    const latestProduct = await insertProduct(store(), {
      manufacturer: 'Poly',
      model_id: `L-${sequence}`,
      name: 'Latest',
    });
    await insertFirmware(store(), latestProduct, { component: 'main', version: '7.0', released_at: NOW - 86_400_000 });
    await insertFirmware(store(), latestProduct, { component: 'main', version: '7.2', released_at: NOW - 3_600_000 });
    await services.compliancePolicies.create(
      { tenantId: tenant.tenantId, kind: 'system', personId: null, credentialId: null, requestId: null },
      {
        name: `latest-${sequence}`,
        product: { id: latestProduct },
        userGroup: null,
        component: 'main',
        targetVersion: 'latest',
        allowDecline: false,
      },
    );
    const device = { serial: 'SN-LATEST', productId: latestProduct };
    await send([event({ type: 'firmware', device, firmware: { main: '7.0' } })]);
    const id = (await deviceIdBySerial('SN-LATEST'))!.id;
    expect((await readDevice(id)).compliance).toMatchObject({ status: 'noncompliant', targetVersion: '7.2' });
    await send([event({ type: 'firmware', occurredAt: iso(NOW - minutes(1)), device, firmware: { main: '7.2' } })]);
    expect((await readDevice(id)).compliance.status).toBe('compliant');
  });

  it('keeps tenants apart: the same serial in another tenant is another device, and an ingest key needs telemetry:write', async () => {
    const other = await createTenant(store());
    const otherIngest = (await createApiKey(store(), other.tenantId, { scopes: ['telemetry:write'] })).auth;
    await send([event({ device: { serial: 'SN-SHARED' } })]);
    const res = await send([event({ device: { serial: 'SN-SHARED' } })], otherIngest);
    expect(res.json()).toMatchObject({ accepted: 1, devicesCreated: 1 });
    const readOnly = (await createApiKey(store(), tenant.tenantId, { scopes: ['devices:read'] })).auth;
    const refused = await send([event()], readOnly);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('insufficient_scope');
  });
});
