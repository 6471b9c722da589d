/**
 * Device writes through the native API on both engines: create, JSON merge patch, replacement, delete;
 * MAC and serial uniqueness from the constraints; who may change which device; conditional requests
 * (If-Match → 412) and lost updates under 20 concurrent read-modify-write clients. The device rules
 * themselves are in device-rules.test.ts.
 */
import { expect, it } from 'vitest';
import type { Store } from '../../src/db/database.js';
import { newId } from '../../src/db/ids.js';
import {
  createApiKey,
  createDevices,
  createTenant,
  deviceRow,
  insertPerson,
  insertProduct,
  insertSite,
  insertWorkspace,
  tagDevice,
} from '../support/factories.js';
import { problemShape, callerWith, useApp } from '../support/http.js';
import { describeEachStore } from '../support/stores.js';

type Json = Record<string, unknown>;

/** Concurrent read-modify-write clients and the cycles each runs (RELIABILITY.md asks 20 × 500 in the soak). */
const CLIENTS = 20;
const CYCLES = 25;

describeEachStore('native device writes', ({ store }) => {
  const { app } = useApp(store);

  async function setup() {
    const s = store();
    const tenant = await createTenant(s);
    const as = callerWith(app);
    return { s, tenant, api: as(tenant.auth), as };
  }

  async function count(s: Store, table: 'devices' | 'audit_events' | 'device_tags', tenantId: string) {
    const row = await s.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tenant_id', '=', tenantId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async function lastAudit(s: Store, tenantId: string) {
    return s.db
      .selectFrom('audit_events')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
  }

  it('creates a device: 201, Location, the device as GET shows it, the same ETag, one audit event', async () => {
    const { s, tenant, api } = await setup();
    const productId = await insertProduct(s, { manufacturer: 'Poly', name: 'VVX 450', device_kind: 'HardPhone' });
    const personId = await insertPerson(s, tenant.tenantId, { first_name: 'Dana', last_name: 'Walker' });
    const siteId = await insertSite(s, tenant.tenantId, { name: 'Austin HQ' });
    const res = await api('POST', '/v1/devices', {
      kind: 'HardPhone',
      productId,
      mac: '00:11:22:33:44:aa',
      serial: ' 64167F2A1B ',
      personId,
      siteId,
      tags: ['vip', 'floor-3'],
      sip: { userName: 'dwalker', linePort: 'dwalker_lp1@example.com' },
      hotDesk: true,
      linePooling: 'Host',
      emergency: { addressStatus: 'Valid', location: { name: 'Building A' } },
    });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json() as Json;
    expect(res.headers.location).toBe(`/v1/devices/${created.id as string}`);
    expect(created).toMatchObject({
      kind: 'HardPhone',
      name: 'VVX 450',
      mac: '0011223344AA',
      serial: '64167F2A1B',
      displayId: '64167F2A1B',
      status: 'Offline',
      product: { id: productId, manufacturer: 'Poly', name: 'VVX 450' },
      owner: { type: 'person', id: personId, name: 'Dana Walker' },
      site: { id: siteId, name: 'Austin HQ' },
      tags: ['floor-3', 'vip'],
      sip: { userName: 'dwalker', linePort: 'dwalker_lp1@example.com', outboundProxy: null },
      hotDesk: true,
      commonPhone: false,
      linePooling: 'Host',
      emergency: { addressStatus: 'Valid', location: { name: 'Building A' } },
      compliance: { status: 'unknown', policyId: null },
      provenance: { source: 'ucfleet', externalId: null },
      version: 1,
    });
    const get = await api('GET', res.headers.location as string);
    expect(get.statusCode).toBe(200);
    expect(get.json()).toEqual(created);
    expect(res.headers.etag).toBeDefined();
    expect(get.headers.etag).toBe(res.headers.etag);

    const event = await lastAudit(s, tenant.tenantId);
    expect(event).toMatchObject({ action: 'device.create', resource_type: 'device', resource_id: created.id });
    expect(event.before).toBeNull();
    expect(JSON.parse(event.after!)).toEqual(created);
  });

  it('stores every accepted MAC layout in one form, and refuses a duplicate in any layout or case with 409', async () => {
    const { s, tenant, api } = await setup();
    const forms = {
      'a0:b1:c2:d3:e4:f5': 'A0B1C2D3E4F5',
      'A0-B1-C2-D3-E4-F6': 'A0B1C2D3E4F6',
      'a0b1.c2d3.e4f7': 'A0B1C2D3E4F7',
      ' a0b1c2d3e4f8 ': 'A0B1C2D3E4F8',
    };
    for (const [given, stored] of Object.entries(forms)) {
      const res = await api('POST', '/v1/devices', { kind: 'Headset', name: given, mac: given });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().mac).toBe(stored);
    }
    const devices = await count(s, 'devices', tenant.tenantId);
    const audits = await count(s, 'audit_events', tenant.tenantId);
    for (const duplicate of ['A0:B1:C2:D3:E4:F5', 'a0-b1-c2-d3-e4-f5', 'A0B1.C2D3.E4F5', 'a0b1c2d3e4f5']) {
      const res = await api('POST', '/v1/devices', { kind: 'Headset', name: 'dup', mac: duplicate });
      expect(res.statusCode, duplicate).toBe(409);
      expect(res.json()).toMatchObject({ code: 'device_mac_taken', parameter: 'mac' });
    }
    // Changing another device's MAC to a taken one is refused the same way, and changes nothing.
    const other = (await api('POST', '/v1/devices', { kind: 'Headset', name: 'other' })).json() as Json;
    const taken = await api('PATCH', `/v1/devices/${other.id as string}`, { mac: 'a0:b1:c2:d3:e4:f6' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ code: 'device_mac_taken', parameter: 'mac' });
    expect((await api('GET', `/v1/devices/${other.id as string}`)).json()).toEqual(other);
    expect(await count(s, 'devices', tenant.tenantId)).toBe(devices + 1);
    expect(await count(s, 'audit_events', tenant.tenantId)).toBe(audits + 1);

    // Unique per tenant: another tenant may have the same MAC.
    const elsewhere = await createTenant(s);
    const res = await app().inject({
      method: 'POST',
      url: '/v1/devices',
      headers: elsewhere.auth,
      payload: { kind: 'Headset', name: 'x', mac: 'A0B1C2D3E4F5' },
    });
    expect(res.statusCode).toBe(201);
  });

  it('keeps serials unique per manufacturer: 409 for the same maker, accepted for another', async () => {
    const { s, tenant, api } = await setup();
    const poly = await insertProduct(s, { manufacturer: `Poly ${newId()}` });
    const polyToo = await insertProduct(s, { manufacturer: (await productManufacturer(s, poly))! });
    const jabra = await insertProduct(s, { manufacturer: `Jabra ${newId()}` });
    expect((await api('POST', '/v1/devices', { kind: 'Headset', productId: poly, serial: 'SN-1' })).statusCode).toBe(
      201,
    );
    const before = await count(s, 'devices', tenant.tenantId);
    const same = await api('POST', '/v1/devices', { kind: 'Headset', productId: polyToo, serial: 'SN-1' });
    expect(same.statusCode, same.body).toBe(409);
    expect(same.json()).toMatchObject({ code: 'device_serial_taken', parameter: 'serial' });
    expect(await count(s, 'devices', tenant.tenantId)).toBe(before);
    const other = await api('POST', '/v1/devices', { kind: 'Headset', productId: jabra, serial: 'SN-1' });
    expect(other.statusCode, other.body).toBe(201);
    // Moving the Jabra device to the Poly catalogue entry makes its serial collide.
    const moved = await api('PATCH', `/v1/devices/${other.json().id as string}`, { productId: polyToo });
    expect(moved.statusCode).toBe(409);
    expect(moved.json()).toMatchObject({ code: 'device_serial_taken' });
  });

  it('refuses a device for a person and a workspace at once with 400, storing nothing', async () => {
    const { s, tenant, api } = await setup();
    const personId = await insertPerson(s, tenant.tenantId);
    const workspaceId = await insertWorkspace(s, tenant.tenantId);
    const res = await api('POST', '/v1/devices', { kind: 'Room', name: 'Room', personId, workspaceId });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'invalid_body', parameter: 'workspaceId' });
    expect(res.json().detail).toContain('owner_person_or_workspace');
    expect(await count(s, 'devices', tenant.tenantId)).toBe(0);
    const forWorkspace = await api('POST', '/v1/devices', { kind: 'Room', name: 'Room', workspaceId });
    expect(forWorkspace.statusCode).toBe(201);
    expect(forWorkspace.json().owner).toMatchObject({ type: 'workspace', id: workspaceId });
    // Moving it to a person is a patch that clears the workspace; naming both is refused.
    const url = `/v1/devices/${forWorkspace.json().id as string}`;
    const both = await api('PATCH', url, { personId });
    expect(both.statusCode).toBe(400);
    expect(both.json().detail).toContain('owner_person_or_workspace');
    const moved = await api('PATCH', url, { personId, workspaceId: null });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().owner).toMatchObject({ type: 'person', id: personId });
  });

  it('applies a JSON merge patch: members set, null clears, nested objects merge, tags replaced whole', async () => {
    const { s, tenant, api } = await setup();
    const siteId = await insertSite(s, tenant.tenantId);
    const created = await api('POST', '/v1/devices', {
      kind: 'HardPhone',
      name: 'Lobby phone',
      productId: await insertProduct(s, { device_kind: 'HardPhone' }),
      mac: '00:11:22:33:44:55',
      personId: await insertPerson(s, tenant.tenantId),
      siteId,
      tags: ['a', 'b'],
      sip: { userName: 'lobby', linePort: 'lobby_lp', outboundProxy: 'proxy.example.com' },
      emergency: { addressStatus: 'Valid', address: { street: 'Main St 1', street2: 'Floor 2' } },
      managedBy: 'customer',
    });
    expect(created.statusCode, created.body).toBe(201);
    const before = created.json() as Json;
    const url = `/v1/devices/${before.id as string}`;

    const res = await api(
      'PATCH',
      url,
      JSON.stringify({
        name: 'Front desk',
        mac: null,
        tags: ['c'],
        sip: { outboundProxy: null, userName: 'desk' },
        emergency: { address: { street2: null, city: 'Austin' } },
        status: 'Online',
      }),
      { 'content-type': 'application/merge-patch+json' },
    );
    expect(res.statusCode, res.body).toBe(200);
    const after = res.json() as Json;
    expect(after).toMatchObject({
      name: 'Front desk',
      mac: null,
      tags: ['c'],
      sip: { userName: 'desk', linePort: 'lobby_lp', outboundProxy: null },
      emergency: { address: { street: 'Main St 1', city: 'Austin' }, addressStatus: 'Valid' },
      status: 'Online',
      site: { id: siteId },
      managedBy: 'customer',
      version: 2,
    });
    expect(after.emergency).toEqual({ address: { street: 'Main St 1', city: 'Austin' }, addressStatus: 'Valid' });
    expect(after.updatedAt).not.toBe(before.updatedAt);
    expect(after.createdAt).toBe(before.createdAt);
    expect(res.headers.etag).not.toBe(created.headers.etag);
    expect(await count(s, 'device_tags', tenant.tenantId)).toBe(1);

    // application/json is a merge patch too; an empty patch changes nothing (same version, same ETag).
    const cleared = await api('PATCH', url, { siteId: null, sip: null, tags: [] });
    expect(cleared.json()).toMatchObject({ site: null, sip: null, tags: [], version: 3 });
    const audits = await count(s, 'audit_events', tenant.tenantId);
    const noop = await api('PATCH', url, {});
    expect(noop.statusCode).toBe(200);
    expect(noop.json()).toEqual(cleared.json());
    expect(noop.headers.etag).toBe(cleared.headers.etag);
    expect(await count(s, 'audit_events', tenant.tenantId)).toBe(audits);

    const event = await lastAudit(s, tenant.tenantId);
    expect(event.action).toBe('device.update');
    expect(JSON.parse(event.before!)).toMatchObject({ site: { id: siteId }, version: 2 });
    expect(JSON.parse(event.after!)).toEqual(cleared.json());
  });

  it('reads merge-patch bodies in every spelling on PATCH only, refusing poisoned ones', async () => {
    const { api } = await setup();
    const id = (await api('POST', '/v1/devices', { kind: 'Headset', name: 'x' })).json().id as string;
    for (const type of [
      'Application/Merge-Patch+JSON',
      'application/merge-patch+json; charset=utf-8',
      'application/merge-patch+json ;\tcharset=UTF-8',
    ]) {
      const res = await api('PATCH', `/v1/devices/${id}`, JSON.stringify({ name: type }), { 'content-type': type });
      expect(res.statusCode, type).toBe(200);
      expect(res.json().name).toBe(type);
    }
    for (const poison of ['{"__proto__":{"p":1},"name":"p"}', '{"emergency":{"constructor":{"prototype":{"p":1}}}}']) {
      const res = await api('PATCH', `/v1/devices/${id}`, poison, { 'content-type': 'application/merge-patch+json' });
      expect(res.statusCode, poison).toBe(400);
    }
    expect(({} as Json).p).toBeUndefined();
    expect((await api('GET', `/v1/devices/${id}`)).json()).toMatchObject({ version: 4, emergency: null });
  });

  it('refuses merge-patch bodies on POST and PUT (415), and null for members that cannot be cleared (400)', async () => {
    const { api } = await setup();
    const merge = { 'content-type': 'application/merge-patch+json' };
    const post = await api('POST', '/v1/devices', JSON.stringify({ kind: 'Headset', name: 'x' }), merge);
    expect(post.statusCode).toBe(415);
    const id = (await api('POST', '/v1/devices', { kind: 'Headset', name: 'x' })).json().id as string;
    expect(
      (await api('PUT', `/v1/devices/${id}`, JSON.stringify({ kind: 'Headset', name: 'y' }), merge)).statusCode,
    ).toBe(415);
    // (A null boolean is read as false by the schema's type coercion: hotDesk: null clears it to its default.)
    for (const member of ['kind', 'status', 'tags']) {
      const res = await api('PATCH', `/v1/devices/${id}`, { [member]: null });
      expect(res.statusCode, member).toBe(400);
      expect(res.json().parameter, member).toBe(member);
    }
  });

  it('replaces a device with PUT: a missing member becomes null, false, [] or Offline', async () => {
    const { s, tenant, api } = await setup();
    const personId = await insertPerson(s, tenant.tenantId);
    const created = await api('POST', '/v1/devices', {
      kind: 'SoftPhone',
      name: 'Teams',
      computerName: 'DWALKER-LT01',
      personId,
      siteId: await insertSite(s, tenant.tenantId),
      mac: '001122334466',
      tags: ['x'],
      hotDesk: true,
      status: 'Online',
      billing: { currency: 'USD', totalCharged: '0.99' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const url = `/v1/devices/${created.json().id as string}`;
    const res = await api('PUT', url, { kind: 'SoftPhone', name: 'Webex' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      kind: 'SoftPhone',
      name: 'Webex',
      computerName: null,
      owner: null,
      site: null,
      mac: null,
      tags: [],
      hotDesk: false,
      status: 'Offline',
      billing: null,
      version: 2,
    });
    expect(await count(s, 'device_tags', tenant.tenantId)).toBe(0);
    const missingKind = await api('PUT', url, { name: 'Webex' });
    expect(missingKind.statusCode).toBe(400);
    expect(missingKind.json()).toMatchObject({ parameter: 'kind' });
  });

  it('deletes a device (204) with its tags; GET and a second DELETE then answer 404', async () => {
    const { s, tenant, api } = await setup();
    const created = (await api('POST', '/v1/devices', { kind: 'Headset', name: 'x', tags: ['gone'] })).json() as Json;
    const url = `/v1/devices/${created.id as string}`;
    const res = await api('DELETE', url);
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    expect((await api('GET', url)).statusCode).toBe(404);
    expect((await api('DELETE', url)).statusCode).toBe(404);
    expect((await api('PATCH', url, { name: 'y' })).statusCode).toBe(404);
    expect(await count(s, 'device_tags', tenant.tenantId)).toBe(0);
    const event = await lastAudit(s, tenant.tenantId);
    expect(event).toMatchObject({ action: 'device.delete', resource_id: created.id, after: null });
    expect(JSON.parse(event.before!)).toEqual(created);
  });

  it('lets an agent change only their own devices, and keep them', async () => {
    const { s, tenant, api, as } = await setup();
    const me = await insertPerson(s, tenant.tenantId);
    const colleague = await insertPerson(s, tenant.tenantId);
    const workspaceId = await insertWorkspace(s, tenant.tenantId);
    const agent = as((await createApiKey(s, tenant.tenantId, { role: 'agent', personId: me })).auth);
    const [mine, theirs] = await createDevices(s, [
      deviceRow(tenant.tenantId, { owner_person_id: me }),
      deviceRow(tenant.tenantId, { owner_person_id: colleague }),
    ]);

    // A device an agent creates is theirs; naming themselves is the same.
    const created = await agent('POST', '/v1/devices', { kind: 'Headset', name: 'my headset' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().owner).toMatchObject({ type: 'person', id: me });
    expect((await agent('POST', '/v1/devices', { kind: 'Headset', name: 'x', personId: me })).statusCode).toBe(201);
    const devices = await count(s, 'devices', tenant.tenantId);
    for (const owner of [{ personId: colleague }, { workspaceId }, { personId: null }]) {
      const res = await agent('POST', '/v1/devices', { kind: 'Headset', name: 'x', ...owner });
      expect(res.statusCode, JSON.stringify(owner)).toBe(403);
      expect(res.json().code).toBe('device_not_owned');
    }
    expect(await count(s, 'devices', tenant.tenantId)).toBe(devices);

    const own = await agent('PATCH', `/v1/devices/${mine!}`, { name: 'renamed' });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().name).toBe('renamed');
    // PUT without an owner keeps the device theirs.
    const put = await agent('PUT', `/v1/devices/${mine!}`, { kind: 'Headset', name: 'replaced' });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().owner).toMatchObject({ id: me });

    // Another's device is invisible to an agent: 404, exactly as a missing id.
    const missing = newId();
    for (const [method, body] of [
      ['PATCH', { name: 'x' }],
      ['PUT', { kind: 'Headset', name: 'x' }],
      ['DELETE', undefined],
    ] as const) {
      const res = await agent(method, `/v1/devices/${theirs!}`, body);
      const none = await agent(method, `/v1/devices/${missing}`, body);
      expect(res.statusCode, method).toBe(404);
      expect(problemShape(res.json(), theirs!)).toEqual(problemShape(none.json(), missing));
    }
    // Giving one's device away is refused, and changes nothing.
    const version = (await api('GET', `/v1/devices/${mine!}`)).json().version;
    for (const patch of [{ personId: colleague }, { personId: null }, { personId: null, workspaceId }]) {
      const res = await agent('PATCH', `/v1/devices/${mine!}`, patch);
      expect(res.statusCode, JSON.stringify(patch)).toBe(403);
      expect(res.json().code).toBe('device_not_owned');
    }
    expect((await api('GET', `/v1/devices/${mine!}`)).json()).toMatchObject({ version, owner: { id: me } });
    expect((await api('GET', `/v1/devices/${theirs!}`)).json().version).toBe(1);
    expect((await agent('DELETE', `/v1/devices/${mine!}`)).statusCode).toBe(204);
  });

  it('lets a supervisor see but not change a device they do not own (403); admins change any device', async () => {
    const { s, tenant, api, as } = await setup();
    const boss = await insertPerson(s, tenant.tenantId);
    const agentPerson = await insertPerson(s, tenant.tenantId);
    const supervisor = as((await createApiKey(s, tenant.tenantId, { role: 'supervisor', personId: boss })).auth);
    const [mine, theirs] = await createDevices(s, [
      deviceRow(tenant.tenantId, { owner_person_id: boss }),
      deviceRow(tenant.tenantId, { owner_person_id: agentPerson }),
    ]);
    expect((await supervisor('GET', `/v1/devices/${theirs!}`)).statusCode).toBe(200);
    const res = await supervisor('PATCH', `/v1/devices/${theirs!}`, { name: 'x' });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('device_not_owned');
    expect((await supervisor('DELETE', `/v1/devices/${theirs!}`)).statusCode).toBe(403);
    expect((await supervisor('PATCH', `/v1/devices/${mine!}`, { name: 'mine' })).statusCode).toBe(200);
    const moved = await supervisor('PATCH', `/v1/devices/${mine!}`, { personId: agentPerson });
    expect(moved.statusCode).toBe(403);

    const admin = await api('PATCH', `/v1/devices/${theirs!}`, { personId: boss, name: 'reassigned' });
    expect(admin.statusCode, admin.body).toBe(200);
    expect(admin.json().owner).toMatchObject({ id: boss });
  });

  it('refuses every device write to a read-only admin (403 insufficient_scope), storing nothing', async () => {
    const { s, tenant, as } = await setup();
    const readonly = as((await createApiKey(s, tenant.tenantId, { role: 'readonly_admin' })).auth);
    const [id] = await createDevices(s, [deviceRow(tenant.tenantId)]);
    for (const [method, url, body] of [
      ['POST', '/v1/devices', { kind: 'Headset', name: 'x' }],
      ['PATCH', `/v1/devices/${id!}`, { name: 'x' }],
      ['PUT', `/v1/devices/${id!}`, { kind: 'Headset', name: 'x' }],
      ['DELETE', `/v1/devices/${id!}`, undefined],
    ] as const) {
      const res = await readonly(method, url, body);
      expect(res.statusCode, method).toBe(403);
      expect(res.json().code).toBe('insufficient_scope');
    }
    expect(await count(s, 'devices', tenant.tenantId)).toBe(1);
    expect(await count(s, 'audit_events', tenant.tenantId)).toBe(0);
  });

  it('honours If-Match: a stale tag is 412 and changes nothing; the current tag, a list holding it, or * succeed', async () => {
    const { s, tenant, api } = await setup();
    const [id] = await createDevices(s, [deviceRow(tenant.tenantId, { name: 'v1' })]);
    await tagDevice(s, tenant.tenantId, id!, 'x');
    const url = `/v1/devices/${id!}`;
    const first = await api('GET', url);
    const stale = first.headers.etag as string;
    expect(stale).toMatch(/^"[A-Za-z0-9+/=]+"$/);

    const changed = await api('PATCH', url, { name: 'v2' }, { 'if-match': stale });
    expect(changed.statusCode, changed.body).toBe(200);
    const current = changed.headers.etag as string;
    expect(current).not.toBe(stale);
    expect((await api('GET', url)).headers.etag).toBe(current);

    const audits = await count(s, 'audit_events', tenant.tenantId);
    for (const [method, body] of [
      ['PATCH', { name: 'lost' }],
      ['PUT', { kind: 'Headset', name: 'lost' }],
      ['DELETE', undefined],
    ] as const) {
      for (const ifMatch of [stale, `W/${current}`, '"nonsense"', 'garbage']) {
        const res = await api(method, url, body, { 'if-match': ifMatch });
        expect(res.statusCode, `${method} ${ifMatch}`).toBe(412);
        expect(res.json()).toMatchObject({ code: 'precondition_failed', parameter: 'If-Match', status: 412 });
      }
    }
    const unchanged = await api('GET', url);
    expect(unchanged.json()).toMatchObject({ name: 'v2', version: 2, tags: ['x'] });
    expect(unchanged.headers.etag).toBe(current);
    expect(await count(s, 'audit_events', tenant.tenantId)).toBe(audits);

    const listed = await api('PUT', url, { kind: 'Headset', name: 'v3' }, { 'if-match': `${stale}, ${current}` });
    expect(listed.statusCode, listed.body).toBe(200);
    const any = await api('PATCH', url, { name: 'v4' }, { 'if-match': '*' });
    expect(any.statusCode).toBe(200);
    expect(any.json()).toMatchObject({ name: 'v4', version: 4 });
    // A projected GET tags the projection, not the device: it is not a valid If-Match.
    const projected = await api('GET', `${url}?fields=id,name`);
    expect((await api('PATCH', url, { name: 'v5' }, { 'if-match': projected.headers.etag as string })).statusCode).toBe(
      412,
    );
    const deleted = await api('DELETE', url, undefined, { 'if-match': any.headers.etag as string });
    expect(deleted.statusCode).toBe(204);
    expect((await api('PATCH', url, { name: 'v6' }, { 'if-match': '*' })).statusCode).toBe(404);
  });

  it('changes the ETag on every modification', async () => {
    const { api } = await setup();
    const created = await api('POST', '/v1/devices', { kind: 'Headset', name: 'n0' });
    const url = `/v1/devices/${created.json().id as string}`;
    const tags = new Set([created.headers.etag as string]);
    const changes: Json[] = [
      { name: 'n1' },
      { tags: ['a'] },
      { tags: ['b'] },
      { status: 'Online' },
      { hotDesk: true },
      { billing: { totalCharged: 1 } },
      { billing: { totalCharged: 2 } },
      { name: 'n0' },
    ];
    for (const change of changes) {
      const res = await api('PATCH', url, change);
      expect(res.statusCode).toBe(200);
      expect((await api('GET', url)).headers.etag).toBe(res.headers.etag);
      tags.add(res.headers.etag as string);
    }
    expect(tags.size).toBe(changes.length + 1);
  });

  it(`loses no update: ${CLIENTS} clients × ${CYCLES} read-modify-write cycles with If-Match`, async () => {
    const { s, tenant, api } = await setup();
    const [id] = await createDevices(s, [deviceRow(tenant.tenantId, { name: 'counter 0' })]);
    const url = `/v1/devices/${id!}`;
    const counterOf = (body: Json) => Number(/^counter (\d+)$/.exec(body.name as string)![1]);
    const outcomes = await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        let ok = 0;
        let refused = 0;
        for (let cycle = 0; cycle < CYCLES; cycle++) {
          const read = await api('GET', url);
          const next = counterOf(read.json() as Json) + 1;
          const res = await api('PATCH', url, { name: `counter ${next}` }, { 'if-match': read.headers.etag as string });
          if (res.statusCode === 200) ok += 1;
          else if (res.statusCode === 412) refused += 1;
          else throw new Error(`unexpected ${res.statusCode}: ${res.body}`);
        }
        return { ok, refused };
      }),
    );
    const ok = outcomes.reduce((n, o) => n + o.ok, 0);
    const refused = outcomes.reduce((n, o) => n + o.refused, 0);
    expect(ok + refused).toBe(CLIENTS * CYCLES);
    expect(ok).toBeGreaterThan(0);
    const final = (await api('GET', url)).json() as Json;
    expect(counterOf(final)).toBe(ok);
    expect(final.version).toBe(1 + ok);
    expect(await count(s, 'audit_events', tenant.tenantId)).toBe(ok);
  });

  it('shows why: the same clients without If-Match lose updates, yet every write is applied and audited', async () => {
    const { s, tenant, api } = await setup();
    const [id] = await createDevices(s, [deviceRow(tenant.tenantId, { name: 'counter 0' })]);
    const url = `/v1/devices/${id!}`;
    const counterOf = (body: Json) => Number(/^counter (\d+)$/.exec(body.name as string)![1]);
    const results = await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        const read = await api('GET', url);
        const res = await api('PATCH', url, { name: `counter ${counterOf(read.json() as Json) + 1}` });
        return res.statusCode;
      }),
    );
    expect(results.every((status) => status === 200)).toBe(true);
    const final = (await api('GET', url)).json() as Json;
    // Each unconditional write is applied to the current state (never lost as a write)…
    expect(final.version).toBeGreaterThan(1);
    expect(await count(s, 'audit_events', tenant.tenantId)).toBe((final.version as number) - 1);
    // …but the clients' increments, computed from stale reads, overwrite each other.
    expect(counterOf(final)).toBeLessThan(CLIENTS);
  });
});

async function productManufacturer(s: Store, productId: string): Promise<string | undefined> {
  const row = await s.db.selectFrom('products').select('manufacturer').where('id', '=', productId).executeTakeFirst();
  return row?.manufacturer;
}
