import { isValidPhoneNumber } from 'libphonenumber-js/max';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Store, openStore } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { hashApiKey, keyPrefix } from '../modules/api-keys/api-key.js';
import { ROLE_SCOPES } from '../modules/access/roles.js';
import { evaluateCompliance } from '../modules/firmware/compliance.js';
import { verifyPassword } from '../modules/logins/password.js';
import { describePhoneNumber } from '../modules/numbers/phone-number.js';
import { CATALOG } from './catalog.js';
import { ensureCatalog } from './ensure-catalog.js';
import { type DemoSummary, seedDemoFleet } from './fleet.js';
import { Random, scramble24, scramble32 } from './random.js';
import { SANDBOX, SANDBOX_LOGINS } from './sandbox.js';

const DEVICES = 1_500;
const TENANTS = 3;

async function freshStore(): Promise<Store> {
  const store = openStore(':memory:');
  await migrateToLatest(store.db);
  return store;
}

async function dump(store: Store) {
  const { db } = store;
  return {
    tenants: await db.selectFrom('tenants').selectAll().orderBy('id').execute(),
    people: await db.selectFrom('people').selectAll().orderBy('id').execute(),
    devices: await db.selectFrom('devices').selectAll().orderBy('id').execute(),
    numbers: await db.selectFrom('phone_numbers').selectAll().orderBy('id').execute(),
    sightings: await db.selectFrom('sightings').selectAll().orderBy('device_id').orderBy('kind').execute(),
    connected: await db.selectFrom('connected_devices').selectAll().orderBy('id').execute(),
    tags: await db.selectFrom('device_tags').selectAll().orderBy('device_id').orderBy('tag').execute(),
  };
}

describe('seedDemoFleet', () => {
  let store: Store;
  let summary: DemoSummary;
  const progress: [number, number][] = [];

  beforeAll(async () => {
    store = await freshStore();
    summary = await seedDemoFleet(store, {
      devices: DEVICES,
      tenants: TENANTS,
      seed: 7,
      chunkSize: 400,
      onProgress: (done, total) => progress.push([done, total]),
    });
  });

  afterAll(async () => {
    await store.close();
  });

  it('writes exactly the requested devices, split over the tenants, and reports progress', async () => {
    const perTenant = await store.db
      .selectFrom('devices')
      .select(['tenant_id'])
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .groupBy('tenant_id')
      .execute();
    const total = perTenant.reduce((sum, r) => sum + Number(r.n), 0);
    expect(total).toBe(DEVICES);
    expect(summary.devices).toBe(DEVICES);
    expect(summary.tenants).toHaveLength(TENANTS);
    expect(summary.tenants.reduce((sum, t) => sum + t.devices, 0)).toBe(DEVICES);
    expect(summary.tenants[0]!.devices).toBe(DEVICES / 2);
    for (const t of summary.tenants) expect(Number(perTenant.find((r) => r.tenant_id === t.id)?.n)).toBe(t.devices);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toEqual([DEVICES, DEVICES]);
  });

  it('reports counts that match the tables', async () => {
    const count = async (
      table:
        | 'people'
        | 'sites'
        | 'phone_numbers'
        | 'sightings'
        | 'connected_devices'
        | 'device_lines'
        | 'compliance_policies',
    ) =>
      Number(
        (
          await store.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count('people')).toBe(summary.people);
    expect(await count('sites')).toBe(summary.sites);
    expect(await count('phone_numbers')).toBe(summary.phoneNumbers);
    expect(await count('sightings')).toBe(summary.sightings);
    expect(await count('connected_devices')).toBe(summary.connectedDevices);
    expect(await count('device_lines')).toBe(summary.deviceLines);
    expect(await count('compliance_policies')).toBe(summary.compliancePolicies);
    // About one person per two to three devices.
    expect(DEVICES / summary.people).toBeGreaterThan(2);
    expect(DEVICES / summary.people).toBeLessThan(3.2);
    expect(summary.products).toBe(CATALOG.length);
    for (const kind of ['Headset', 'Base', 'Dongle', 'HardPhone', 'SoftPhone', 'OtherPhone', 'Room']) {
      expect(summary.devicesByKind[kind], kind).toBeGreaterThan(0);
    }
  });

  it('always creates the Plantronics sandbox with its public key', async () => {
    const tenant = await store.db
      .selectFrom('tenants')
      .selectAll()
      .where('api_code', '=', SANDBOX.apiCode)
      .executeTakeFirstOrThrow();
    expect(tenant.name).toBe('Plantronics Sandbox');
    expect(tenant.ringcentral_account_id).toMatch(/^\d+$/);
    expect(Buffer.from(tenant.webex_org_id!, 'base64').toString()).toMatch(
      /^ciscospark:\/\/us\/ORGANIZATION\/[0-9a-f-]{36}$/,
    );
    const key = await store.db
      .selectFrom('api_keys')
      .selectAll()
      .where('key_hash', '=', hashApiKey(SANDBOX.apiKey))
      .executeTakeFirstOrThrow();
    expect(key).toMatchObject({
      tenant_id: tenant.id,
      prefix: keyPrefix(SANDBOX.apiKey),
      role: 'admin',
      person_id: null,
    });
    expect(JSON.parse(key.scopes)).toEqual(ROLE_SCOPES.admin);
    expect(summary.tenants[0]).toMatchObject({ id: tenant.id, apiCode: SANDBOX.apiCode, apiKey: SANDBOX.apiKey });
  });

  it('gives every other tenant its own derived key, stored only as a hash', async () => {
    for (const t of summary.tenants.slice(1)) {
      expect(t.apiKey).toMatch(/^ucf_[A-Za-z0-9_-]{32}$/);
      const row = await store.db
        .selectFrom('api_keys')
        .selectAll()
        .where('tenant_id', '=', t.id)
        .executeTakeFirstOrThrow();
      expect(row.key_hash).toBe(hashApiKey(t.apiKey));
      expect(JSON.stringify(row)).not.toContain(t.apiKey);
    }
    expect(new Set(summary.tenants.map((t) => t.apiKey)).size).toBe(TENANTS);
  });

  it('gives dwalker a paired headset and base, a dongle, a desk phone with a line and a softphone', async () => {
    const tenantId = summary.tenants[0]!.id;
    const person = await store.db
      .selectFrom('people')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('username', '=', 'dwalker')
      .executeTakeFirstOrThrow();
    expect(person).toMatchObject({ first_name: 'David', last_name: 'Walker' });
    const groups = await store.db
      .selectFrom('group_memberships as m')
      .innerJoin('user_groups as g', 'g.id', 'm.group_id')
      .select(['g.name', 'm.position'])
      .where('m.person_id', '=', person.id)
      .orderBy('m.position')
      .execute();
    expect(groups.map((g) => g.name)).toEqual(['Sales', 'Executives']);

    const devices = await store.db.selectFrom('devices').selectAll().where('owner_person_id', '=', person.id).execute();
    expect(devices.map((d) => d.kind).sort()).toEqual([
      'Base',
      'Dongle',
      'HardPhone',
      'Headset',
      'Headset',
      'SoftPhone',
    ]);
    expect(devices.every((d) => d.tenant_id === tenantId)).toBe(true);

    const byKind = (kind: string) => devices.filter((d) => d.kind === kind);
    const base = byKind('Base')[0]!;
    const connected = await store.db
      .selectFrom('connected_devices')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .execute();
    const baseSide = connected.find((c) => c.device_id === base.id)!;
    expect(baseSide.component).toBe('headset');
    const headsetSide = connected.find((c) => c.device_id === baseSide.connected_device_id)!;
    expect(headsetSide).toMatchObject({ component: 'base', connected_device_id: base.id, display_id: base.display_id });
    const dongle = byKind('Dongle')[0]!;
    expect(connected.find((c) => c.device_id === dongle.id)?.component).toBe('headset');

    const phone = byKind('HardPhone')[0]!;
    const lines = await store.db.selectFrom('device_lines').selectAll().where('device_id', '=', phone.id).execute();
    expect(lines.length).toBeGreaterThan(0);

    const headset = byKind('Headset')[0]!;
    expect(headset.display_id).toMatch(/^[0-9A-Z]{6}$/);
    const sightings = await store.db
      .selectFrom('sightings')
      .selectAll()
      .where('device_id', '=', headset.id)
      .orderBy('kind')
      .execute();
    expect(sightings.map((s) => s.kind)).toEqual(['first', 'last']);
    expect(sightings[0]).toMatchObject({
      hostname: 'DWALKER-LT01',
      username: 'dwalker',
      user_groups: '["Sales","Executives"]',
    });
    expect(sightings[0]!.softphone_name).toBe('Microsoft Teams');
    expect(byKind('SoftPhone')[0]!.computer_name).toMatch(/^DWALKER-LT0\d$/);
  });

  it('gives the sandbox an agent, a supervisor and an admin login with the documented passwords', async () => {
    const tenantId = summary.tenants[0]!.id;
    const logins = await store.db
      .selectFrom('person_logins as l')
      .innerJoin('people as p', 'p.id', 'l.person_id')
      .select(['l.login', 'l.role', 'l.password_hash', 'l.tenant_id', 'p.username', 'p.id'])
      .orderBy('l.login')
      .execute();
    expect(logins.map((l) => [l.login, l.role])).toEqual([
      ['dwalker', 'agent'],
      ['mlopez', 'supervisor'],
      ['spatel', 'admin'],
    ]);
    for (const login of logins) {
      const documented = SANDBOX_LOGINS.find((l) => l.username === login.login)!;
      expect(login).toMatchObject({ tenant_id: tenantId, username: login.login });
      expect(await verifyPassword(documented.password, login.password_hash)).toBe(true);
      expect(await verifyPassword('wrong password', login.password_hash)).toBe(false);
      // Each has a device with a number: what the Genesys dialect shows under /me/devices.
      const numbered = await store.db
        .selectFrom('devices as d')
        .innerJoin('device_lines as dl', 'dl.device_id', 'd.id')
        .select('d.id')
        .where('d.owner_person_id', '=', login.id)
        .execute();
      expect(numbered.length, login.login).toBeGreaterThan(0);
    }
  });

  it('keeps MACs unique per tenant and serials unique per tenant and manufacturer', async () => {
    const devices = await store.db
      .selectFrom('devices')
      .select(['tenant_id', 'manufacturer', 'serial', 'mac', 'kind'])
      .execute();
    const macs = devices.filter((d) => d.mac !== null).map((d) => `${d.tenant_id}/${d.mac}`);
    expect(macs.length).toBeGreaterThan(100);
    expect(new Set(macs).size).toBe(macs.length);
    for (const d of devices) if (d.mac !== null) expect(d.mac).toMatch(/^[0-9A-F]{12}$/);
    const serials = devices.filter((d) => d.serial !== null).map((d) => `${d.tenant_id}/${d.manufacturer}/${d.serial}`);
    expect(new Set(serials).size).toBe(serials.length);
    const phones = devices.filter((d) => d.kind === 'HardPhone' || d.kind === 'Room');
    expect(phones.every((d) => d.mac !== null)).toBe(true);
  });

  it('stores valid E.164 numbers described consistently', async () => {
    const numbers = await store.db.selectFrom('phone_numbers').selectAll().execute();
    expect(numbers.length).toBeGreaterThan(100);
    expect(new Set(numbers.map((n) => `${n.tenant_id}/${n.number}`)).size).toBe(numbers.length);
    for (const n of numbers) {
      expect(n.e164).toMatch(/^\+[1-9]\d{6,14}$/);
      expect(isValidPhoneNumber(n.e164!), n.e164!).toBe(true);
      expect(describePhoneNumber(n.number)).toMatchObject({
        e164: n.e164,
        countryCode: n.country_code,
        callingCode: n.calling_code,
        nationalFormat: n.national_format,
        numberType: n.number_type,
      });
      // The site's city: finer than the country describePhoneNumber() knows.
      expect(n.location).toBeTruthy();
    }
    expect(new Set(numbers.map((n) => n.country_code)).size).toBeGreaterThanOrEqual(3);
  });

  it('derives compliance with the evaluator, giving a mix of outcomes', async () => {
    expect(summary.compliance.compliant).toBeGreaterThan(0);
    expect(summary.compliance.noncompliant).toBeGreaterThan(0);
    expect(summary.compliance.unknown).toBeGreaterThan(0);
    const policies = (await store.db.selectFrom('compliance_policies').selectAll().execute()).map((p) => ({
      tenant: p.tenant_id,
      id: p.id,
      productId: p.product_id,
      userGroupId: p.user_group_id,
      component: p.component,
      targetVersion: p.target_version,
    }));
    const memberships = await store.db.selectFrom('group_memberships').selectAll().orderBy('position').execute();
    const groupsOf = new Map<string, string[]>();
    for (const m of memberships) groupsOf.set(m.person_id, [...(groupsOf.get(m.person_id) ?? []), m.group_id]);
    const devices = await store.db.selectFrom('devices').selectAll().execute();
    for (const d of devices) {
      const result = evaluateCompliance(
        {
          productId: d.product_id,
          firmware: {
            main: d.fw_main,
            base: d.fw_base,
            headset: d.fw_headset,
            bluetooth: d.fw_bluetooth,
            usb: d.fw_usb,
          },
          userGroupIds: d.owner_person_id ? (groupsOf.get(d.owner_person_id) ?? []) : [],
        },
        policies.filter((p) => p.tenant === d.tenant_id),
      );
      expect({ status: d.compliance, policyId: d.policy_id }).toEqual(result);
    }
  });

  it('builds ids from creation instants, so id order is creation order', async () => {
    const devices = await store.db
      .selectFrom('devices')
      .select(['id', 'created_at', 'updated_at', 'last_seen_at'])
      .execute();
    for (const d of devices) {
      expect(Number.parseInt(d.id.replace(/-/g, '').slice(0, 12), 16)).toBe(Number(d.created_at));
      expect(Number(d.updated_at)).toBeGreaterThanOrEqual(Number(d.created_at));
      expect(Number(d.last_seen_at)).toBeGreaterThanOrEqual(Number(d.created_at));
      expect(Number(d.last_seen_at)).toBeLessThanOrEqual(summary.now);
    }
  });

  it('refuses a database that already holds tenants, and leaves the catalogue alone when present', async () => {
    await expect(seedDemoFleet(store, { devices: 10 })).rejects.toThrow(/already holds tenants/);
    const again = await ensureCatalog(store);
    expect(again.inserted).toEqual({ products: 0, firmwareReleases: 0 });
  });

  it('is deterministic: the same seed gives the same rows, another seed other rows', async () => {
    const [a, b, c] = [await freshStore(), await freshStore(), await freshStore()];
    try {
      await seedDemoFleet(a, { devices: 300, tenants: 2, seed: 42, chunkSize: 100 });
      await seedDemoFleet(b, { devices: 300, tenants: 2, seed: 42, chunkSize: 1_000 });
      await seedDemoFleet(c, { devices: 300, tenants: 2, seed: 43 });
      const [da, db, dc] = [await dump(a), await dump(b), await dump(c)];
      expect(db).toEqual(da);
      const ids = new Set(da.devices.map((d) => d.id));
      expect(dc.devices.filter((d) => ids.has(d.id)).length).toBeLessThan(10);
      // The sandbox tenant itself does not depend on the seed.
      expect(dc.tenants.find((t) => t.api_code === SANDBOX.apiCode)?.id).toBe(
        da.tenants.find((t) => t.api_code === SANDBOX.apiCode)?.id,
      );
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });

  it('seeds a sandbox-only fleet by default, even a tiny one', async () => {
    const tiny = await freshStore();
    try {
      const s = await seedDemoFleet(tiny, { devices: 4 });
      expect(s.tenants).toHaveLength(1);
      expect(s.devices).toBe(4);
      const dwalker = await tiny.db
        .selectFrom('people')
        .select('id')
        .where('username', '=', 'dwalker')
        .executeTakeFirstOrThrow();
      const owned = await tiny.db
        .selectFrom('devices')
        .select('id')
        .where('owner_person_id', '=', dwalker.id)
        .execute();
      expect(owned).toHaveLength(4);
    } finally {
      await tiny.close();
    }
  });
});

describe('Random', () => {
  it('repeats its sequence for a seed and stays within bounds', () => {
    const a = new Random(1);
    const b = new Random(1);
    const xs = Array.from({ length: 1_000 }, () => a.int(3, 9));
    expect(Array.from({ length: 1_000 }, () => b.int(3, 9))).toEqual(xs);
    expect(Math.min(...xs)).toBe(3);
    expect(Math.max(...xs)).toBe(9);
    expect(new Random(2).bytes16()).not.toEqual(new Random(1).bytes16());
    expect(new Random(3).uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('draws weighted choices in proportion', () => {
    const rng = new Random(9);
    const counts = { a: 0, b: 0 };
    for (let i = 0; i < 10_000; i++) counts[rng.weightedKey({ a: 3, b: 1 })]++;
    expect(counts.a / 10_000).toBeGreaterThan(0.72);
    expect(counts.a / 10_000).toBeLessThan(0.78);
  });

  it('scrambles counters without collisions', () => {
    const outputs24 = new Set<number>();
    const outputs32 = new Set<number>();
    for (let i = 0; i < 1 << 16; i++) {
      outputs24.add(scramble24(i, 0xabcdef));
      outputs32.add(scramble32(i, 0x12345678));
    }
    expect(outputs24.size).toBe(1 << 16);
    expect(outputs32.size).toBe(1 << 16);
    for (const x of outputs24) expect(x).toBeLessThan(1 << 24);
  });
});
