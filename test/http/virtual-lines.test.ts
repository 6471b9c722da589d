/**
 * Virtual lines through the native API on both engines: create, get, list (filters, sort, paging), merge patch,
 * replacement, delete; If-Match (412); one audit event per change; validation naming the field and the rule with
 * nothing stored; unique extensions and numbers; references of another tenant refused like unknown ones; a line
 * that owns devices is not deleted (409 virtual_line_in_use). Devices: `virtualLineId` on POST/PUT/PATCH, one
 * owner at most, the `owner` member and filter, agents kept away, import and export of the owner.
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
  insertSite,
  insertWorkspace,
} from '../support/factories.js';
import { callerWith, useApp, walk } from '../support/http.js';
import { describeEachStore } from '../support/stores.js';

type Json = Record<string, unknown>;
type Table = 'virtual_lines' | 'devices' | 'audit_events' | 'phone_numbers';

describeEachStore('virtual lines', ({ store }) => {
  const { app } = useApp(store);

  async function setup() {
    const s = store();
    const tenant = await createTenant(s);
    const as = callerWith(app);
    const counts = async () => {
      const out: Partial<Record<Table, number>> = {};
      for (const table of ['virtual_lines', 'devices', 'audit_events', 'phone_numbers'] as const) {
        const row = await s.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('tenant_id', '=', tenant.tenantId)
          .executeTakeFirstOrThrow();
        out[table] = Number(row.n);
      }
      return out;
    };
    const versionOf = async (id: string) =>
      (await s.db.selectFrom('virtual_lines').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
    return { s, tenant, api: as(tenant.auth), as, counts, versionOf };
  }

  async function audits(s: Store, tenantId: string, resourceId: string) {
    return s.db
      .selectFrom('audit_events')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('resource_id', '=', resourceId)
      .orderBy('id')
      .execute();
  }

  it('creates a virtual line: 201, Location, trimmed names, number and site resolved, GET and ETag, audit', async () => {
    const { s, tenant, api } = await setup();
    const siteId = await insertSite(s, tenant.tenantId, { name: 'Austin' });
    const number = (await api('POST', '/v1/numbers', { number: '+16509870001' })).json() as Json;
    const res = await api('POST', '/v1/virtual-lines', {
      firstName: ' Front ',
      lastName: 'Desk',
      displayName: 'Reception',
      extension: '4100',
      phoneNumberId: number.id,
      siteId,
    });
    expect(res.statusCode, res.body).toBe(201);
    const line = res.json() as Json;
    expect(res.headers.location).toBe(`/v1/virtual-lines/${line.id as string}`);
    expect(line).toEqual({
      id: line.id,
      firstName: 'Front',
      lastName: 'Desk',
      displayName: 'Reception',
      extension: '4100',
      phoneNumber: { id: number.id, number: '+16509870001' },
      site: { id: siteId, name: 'Austin' },
      createdAt: expect.any(String),
      updatedAt: line.createdAt,
      version: 1,
    });
    const get = await api('GET', `/v1/virtual-lines/${line.id as string}`);
    expect(get.json()).toEqual(line);
    expect(get.headers.etag).toBe(res.headers.etag);
    const projected = await api('GET', `/v1/virtual-lines/${line.id as string}?fields=extension`);
    expect(projected.json()).toEqual({ extension: '4100' });

    const [event] = await audits(s, tenant.tenantId, line.id as string);
    expect(event).toMatchObject({ action: 'virtual_line.create', resource_type: 'virtual_line' });
    expect(JSON.parse(event!.after!)).toMatchObject({ extension: '4100', firstName: 'Front' });
    expect(event!.before).toBeNull();
  });

  it('replays a POST with the same Idempotency-Key instead of creating twice', async () => {
    const { api, counts } = await setup();
    const headers = { 'idempotency-key': `key-${newId()}` };
    const body = { firstName: 'Once', lastName: 'Only', extension: '4200' };
    const first = await api('POST', '/v1/virtual-lines', body, headers);
    expect(first.statusCode, first.body).toBe(201);
    const before = await counts();
    const again = await api('POST', '/v1/virtual-lines', body, headers);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(await counts()).toEqual(before);
    const other = await api('POST', '/v1/virtual-lines', { ...body, extension: '4201' }, headers);
    expect(other.statusCode).toBe(422);
    expect(other.json()).toMatchObject({ code: 'idempotency_key_mismatch' });
  });

  it('answers virtual_line_not_found for a missing, foreign or malformed id', async () => {
    const { s, api } = await setup();
    const other = await createTenant(s);
    const foreign = (
      await callerWith(app)(other.auth)('POST', '/v1/virtual-lines', { firstName: 'A', lastName: 'B', extension: '10' })
    ).json() as Json;
    for (const id of [newId(), foreign.id as string, 'x'.repeat(64)]) {
      const res = await api('GET', `/v1/virtual-lines/${id}`);
      expect(res.statusCode, id).toBe(404);
      expect(res.json()).toMatchObject({ code: 'virtual_line_not_found' });
    }
  });

  it('lists virtual lines: keyset pages, sort by last name, site and text filters, the tenant only', async () => {
    const { s, tenant, api } = await setup();
    const siteId = await insertSite(s, tenant.tenantId, { name: 'Berlin' });
    const names = ['Miller', 'Abbott', 'Zhang', 'Kent', 'Baker'];
    for (const [i, lastName] of names.entries()) {
      const res = await api('POST', '/v1/virtual-lines', {
        firstName: 'Line',
        lastName,
        extension: String(200 + i),
        ...(i % 2 === 0 ? { siteId } : {}),
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const other = await createTenant(s);
    await callerWith(app)(other.auth)('POST', '/v1/virtual-lines', {
      firstName: 'A',
      lastName: 'Other',
      extension: '200',
    });

    const { items, pages } = await walk(app(), '/v1/virtual-lines?limit=2', tenant.auth);
    expect(pages).toBe(3);
    expect(items.map((l) => l.lastName)).toEqual(names);
    const byName = await walk(app(), '/v1/virtual-lines?limit=2&sort=-lastName&fields=id,lastName', tenant.auth);
    expect(byName.items.map((l) => l.lastName)).toEqual([...names].sort().reverse());
    const bySite = (await api('GET', '/v1/virtual-lines?site=Berlin&sort=lastName')).json() as { items: Json[] };
    expect(bySite.items.map((l) => l.lastName)).toEqual(['Baker', 'Miller', 'Zhang']);
    const byText = (await api('GET', '/v1/virtual-lines?q=KEN')).json() as { items: Json[] };
    expect(byText.items.map((l) => l.lastName)).toEqual(['Kent']);
    const byExtension = (await api('GET', '/v1/virtual-lines?q=204')).json() as { items: Json[] };
    expect(byExtension.items.map((l) => l.lastName)).toEqual(['Baker']);
    const badSort = await api('GET', '/v1/virtual-lines?sort=extension');
    expect(badSort.statusCode).toBe(400);
    expect(badSort.json()).toMatchObject({ parameter: 'sort' });
  });

  it('patches (merge patch, null clears), replaces (missing members cleared), audits each change once', async () => {
    const { s, tenant, api } = await setup();
    const siteId = await insertSite(s, tenant.tenantId);
    const number = (await api('POST', '/v1/numbers', { number: '+16509870002' })).json() as Json;
    const line = (
      await api('POST', '/v1/virtual-lines', {
        firstName: 'Sales',
        lastName: 'Hotline',
        displayName: 'Sales',
        extension: '300',
        siteId,
      })
    ).json() as Json;
    const url = `/v1/virtual-lines/${line.id as string}`;

    const patched = await api(
      'PATCH',
      url,
      { displayName: null, phoneNumberId: number.id },
      { 'content-type': 'application/merge-patch+json' },
    );
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({
      firstName: 'Sales',
      displayName: null,
      extension: '300',
      phoneNumber: { id: number.id },
      site: { id: siteId },
      version: 2,
    });
    const same = await api('PATCH', url, { extension: '300' });
    expect(same.json()).toMatchObject({ version: 2 });

    const replaced = await api('PUT', url, { firstName: 'Support', lastName: 'Line', extension: '301' });
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(replaced.json()).toMatchObject({
      firstName: 'Support',
      lastName: 'Line',
      displayName: null,
      extension: '301',
      phoneNumber: null,
      site: null,
      version: 3,
    });
    const events = await audits(s, tenant.tenantId, line.id as string);
    expect(events.map((e) => e.action)).toEqual(['virtual_line.create', 'virtual_line.update', 'virtual_line.update']);
    expect(JSON.parse(events[2]!.before!)).toMatchObject({ extension: '300', version: 2 });
    expect(JSON.parse(events[2]!.after!)).toMatchObject({ extension: '301', version: 3 });
  });

  it('honours If-Match: a stale ETag is 412 and changes nothing; the current one or * goes through', async () => {
    const { api, counts, versionOf } = await setup();
    const created = await api('POST', '/v1/virtual-lines', { firstName: 'A', lastName: 'B', extension: '500' });
    const id = (created.json() as Json).id as string;
    const url = `/v1/virtual-lines/${id}`;
    const first = created.headers.etag as string;
    const changed = await api('PATCH', url, { lastName: 'C' }, { 'if-match': first });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.headers.etag).not.toBe(first);
    const before = await counts();
    for (const [method, body] of [
      ['PATCH', { lastName: 'D' }],
      ['PUT', { firstName: 'A', lastName: 'D', extension: '500' }],
      ['DELETE', undefined],
    ] as const) {
      const stale = await api(method, url, body, { 'if-match': first });
      expect(stale.statusCode, method).toBe(412);
      expect(stale.json()).toMatchObject({ code: 'precondition_failed' });
    }
    expect(await counts()).toEqual(before);
    expect(await versionOf(id)).toBe(2);
    const star = await api('PATCH', url, { lastName: 'E' }, { 'if-match': '*' });
    expect(star.statusCode).toBe(200);
    const gone = await api('DELETE', url, undefined, { 'if-match': star.headers.etag as string });
    expect(gone.statusCode).toBe(204);
    expect((await api('GET', url)).statusCode).toBe(404);
    expect((await api('DELETE', url, undefined, { 'if-match': '*' })).statusCode).toBe(404);
  });

  it('refuses invalid bodies with 400 naming the field and the rule, storing nothing', async () => {
    const { s, tenant, api, counts } = await setup();
    const other = await createTenant(s);
    const foreignSite = await insertSite(s, other.tenantId);
    const foreignNumber = (
      await callerWith(app)(other.auth)('POST', '/v1/numbers', { number: '+16509870003' })
    ).json() as Json;
    const existing = (
      await api('POST', '/v1/virtual-lines', { firstName: 'A', lastName: 'B', extension: '600' })
    ).json() as Json;
    const base = { firstName: 'New', lastName: 'Line', extension: '601' };
    const before = await counts();
    const cases: [Json, string, string?][] = [
      [{ firstName: 'No', lastName: 'Number' }, 'extension', 'extension_or_number'],
      [{ ...base, extension: null }, 'extension', 'extension_or_number'],
      [{ ...base, extension: '1' }, 'extension'],
      [{ ...base, extension: '12345678901' }, 'extension'],
      [{ ...base, extension: '12a4' }, 'extension'],
      [{ ...base, firstName: '' }, 'firstName'],
      [{ ...base, firstName: '   ' }, 'firstName'],
      [{ ...base, lastName: 'x'.repeat(101) }, 'lastName'],
      [{ ...base, displayName: 'x'.repeat(101) }, 'displayName'],
      [{ lastName: 'Line', extension: '602' }, 'firstName'],
      [{ ...base, siteId: foreignSite }, 'siteId', 'unknown_site'],
      [{ ...base, siteId: newId() }, 'siteId', 'unknown_site'],
      [{ ...base, phoneNumberId: foreignNumber.id }, 'phoneNumberId', 'unknown_phone_number'],
      [{ ...base, phoneNumberId: newId() }, 'phoneNumberId', 'unknown_phone_number'],
      [{ ...base, ownerId: 'x' }, 'ownerId'],
    ];
    for (const [body, parameter, rule] of cases) {
      const res = await api('POST', '/v1/virtual-lines', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json(), JSON.stringify(body)).toMatchObject({ code: 'invalid_body', parameter });
      if (rule) expect((res.json() as Json).detail).toContain(rule);
    }
    const url = `/v1/virtual-lines/${existing.id as string}`;
    const cleared = await api('PATCH', url, { extension: null });
    expect(cleared.statusCode).toBe(400);
    expect(cleared.json()).toMatchObject({ parameter: 'extension' });
    const foreign = await api('PATCH', url, { siteId: foreignSite });
    expect(foreign.json()).toMatchObject({ parameter: 'siteId' });
    expect(await counts()).toEqual(before);
    expect((await api('GET', url)).json()).toMatchObject({ version: 1 });
    expect(tenant.tenantId).not.toBe(other.tenantId);
  });

  it('keeps extensions and numbers unique in the tenant (409), not across tenants', async () => {
    const { s, api, counts } = await setup();
    const number = (await api('POST', '/v1/numbers', { number: '+16509870004' })).json() as Json;
    const first = await api('POST', '/v1/virtual-lines', {
      firstName: 'A',
      lastName: 'B',
      extension: '700',
      phoneNumberId: number.id,
    });
    expect(first.statusCode, first.body).toBe(201);
    const second = (
      await api('POST', '/v1/virtual-lines', { firstName: 'C', lastName: 'D', extension: '701' })
    ).json() as Json;
    const before = await counts();
    const ext = await api('POST', '/v1/virtual-lines', { firstName: 'E', lastName: 'F', extension: '700' });
    expect(ext.statusCode).toBe(409);
    expect(ext.json()).toMatchObject({ code: 'extension_taken', parameter: 'extension' });
    const moved = await api('PATCH', `/v1/virtual-lines/${second.id as string}`, { extension: '700' });
    expect(moved.json()).toMatchObject({ code: 'extension_taken' });
    const num = await api('PATCH', `/v1/virtual-lines/${second.id as string}`, { phoneNumberId: number.id });
    expect(num.statusCode).toBe(409);
    expect(num.json()).toMatchObject({ code: 'virtual_line_number_taken', parameter: 'phoneNumberId' });
    expect(await counts()).toEqual(before);

    const other = await createTenant(s);
    const elsewhere = await callerWith(app)(other.auth)('POST', '/v1/virtual-lines', {
      firstName: 'A',
      lastName: 'B',
      extension: '700',
    });
    expect(elsewhere.statusCode).toBe(201);
  });

  it('refuses to delete a virtual line that owns devices (409) or a number a virtual line has', async () => {
    const { s, tenant, api, counts } = await setup();
    const number = (await api('POST', '/v1/numbers', { number: '+16509870005' })).json() as Json;
    const line = (
      await api('POST', '/v1/virtual-lines', { firstName: 'A', lastName: 'B', phoneNumberId: number.id })
    ).json() as Json;
    const [deviceId] = await createDevices(s, [
      deviceRow(tenant.tenantId, { owner_virtual_line_id: line.id as string }),
    ]);
    const before = await counts();
    const refused = await api('DELETE', `/v1/virtual-lines/${line.id as string}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'virtual_line_in_use' });
    const numberRefused = await api('DELETE', `/v1/numbers/${number.id as string}`);
    expect(numberRefused.statusCode).toBe(409);
    expect(numberRefused.json()).toMatchObject({ code: 'phone_number_in_use' });
    expect(await counts()).toEqual(before);

    expect((await api('PATCH', `/v1/devices/${deviceId!}`, { virtualLineId: null })).statusCode).toBe(200);
    expect((await api('DELETE', `/v1/virtual-lines/${line.id as string}`)).statusCode).toBe(204);
    const events = await audits(s, tenant.tenantId, line.id as string);
    expect(events.at(-1)).toMatchObject({ action: 'virtual_line.delete', after: null });
    expect((await api('DELETE', `/v1/numbers/${number.id as string}`)).statusCode).toBe(204);
  });

  it('gives devices to a virtual line: owner member, one owner at most, unknown and foreign lines refused', async () => {
    const { s, tenant, api, counts } = await setup();
    const line = (
      await api('POST', '/v1/virtual-lines', { firstName: 'Front', lastName: 'Desk', extension: '800' })
    ).json() as Json;
    const named = (
      await api('POST', '/v1/virtual-lines', {
        firstName: 'A',
        lastName: 'B',
        displayName: 'Lobby',
        extension: '801',
      })
    ).json() as Json;
    const created = await api('POST', '/v1/devices', { kind: 'Room', name: 'Desk phone', virtualLineId: line.id });
    expect(created.statusCode, created.body).toBe(201);
    const device = created.json() as Json;
    expect(device.owner).toEqual({ type: 'virtualLine', id: line.id, name: 'Front Desk' });
    const url = `/v1/devices/${device.id as string}`;
    const moved = await api('PATCH', url, { virtualLineId: named.id });
    expect(moved.json()).toMatchObject({ owner: { type: 'virtualLine', id: named.id, name: 'Lobby' }, version: 2 });

    const personId = await insertPerson(s, tenant.tenantId);
    const workspaceId = await insertWorkspace(s, tenant.tenantId);
    const foreignLine = (
      await callerWith(app)((await createTenant(s)).auth)('POST', '/v1/virtual-lines', {
        firstName: 'X',
        lastName: 'Y',
        extension: '802',
      })
    ).json() as Json;
    const before = await counts();
    const bad: [string, string, Json, string, string][] = [
      [
        'POST',
        '/v1/devices',
        { kind: 'Room', name: 'x', personId, virtualLineId: line.id },
        'virtualLineId',
        'one_owner',
      ],
      [
        'POST',
        '/v1/devices',
        { kind: 'Room', name: 'x', workspaceId, virtualLineId: line.id },
        'virtualLineId',
        'one_owner',
      ],
      ['PATCH', url, { personId }, 'virtualLineId', 'one_owner'],
      ['PATCH', url, { workspaceId }, 'virtualLineId', 'one_owner'],
      ['PUT', url, { kind: 'Room', name: 'x', personId, virtualLineId: line.id }, 'virtualLineId', 'one_owner'],
      [
        'POST',
        '/v1/devices',
        { kind: 'Room', name: 'x', virtualLineId: newId() },
        'virtualLineId',
        'unknown_virtual_line',
      ],
      ['PATCH', url, { virtualLineId: foreignLine.id }, 'virtualLineId', 'unknown_virtual_line'],
    ];
    for (const [method, target, body, parameter, rule] of bad) {
      const res = await api(method as 'POST', target, body);
      expect(res.statusCode, `${method} ${JSON.stringify(body)}`).toBe(400);
      expect(res.json()).toMatchObject({ code: 'invalid_body', parameter });
      const detail = (res.json() as Json).detail as string;
      expect(detail).toContain(rule);
      if (rule === 'one_owner') expect(detail).toMatch(/(personId|workspaceId) and virtualLineId/);
    }
    expect(await counts()).toEqual(before);
    expect((await api('GET', url)).json()).toMatchObject({ version: 2, owner: { id: named.id } });

    // Clearing the virtual line in the same patch moves the device to a person; PUT without it clears it.
    const toPerson = await api('PATCH', url, { virtualLineId: null, personId });
    expect(toPerson.json()).toMatchObject({ owner: { type: 'person', id: personId } });
    const put = await api('PUT', url, { kind: 'Room', name: 'Desk phone', virtualLineId: line.id });
    expect(put.json()).toMatchObject({ owner: { type: 'virtualLine', id: line.id } });
    const cleared = await api('PUT', url, { kind: 'Room', name: 'Desk phone' });
    expect(cleared.json()).toMatchObject({ owner: null });
  });

  it('filters devices by a virtual line id as owner', async () => {
    const { s, tenant, api } = await setup();
    const line = (
      await api('POST', '/v1/virtual-lines', { firstName: 'A', lastName: 'B', extension: '900' })
    ).json() as Json;
    const personId = await insertPerson(s, tenant.tenantId);
    const [owned, , alsoOwned] = await createDevices(s, [
      deviceRow(tenant.tenantId, { owner_virtual_line_id: line.id as string }),
      deviceRow(tenant.tenantId, { owner_person_id: personId }),
      deviceRow(tenant.tenantId, { owner_virtual_line_id: line.id as string }),
      deviceRow(tenant.tenantId),
    ]);
    const res = await api('GET', `/v1/devices?owner=${line.id as string}&fields=id,owner`);
    expect(res.statusCode, res.body).toBe(200);
    const items = (res.json() as { items: Json[] }).items;
    expect(items.map((d) => d.id)).toEqual([owned, alsoOwned]);
    expect(items[0]!.owner).toEqual({ type: 'virtualLine', id: line.id, name: 'A B' });
    const byPerson = (await api('GET', `/v1/devices?owner=${personId}`)).json() as { items: Json[] };
    expect(byPerson.items).toHaveLength(1);
  });

  it('keeps agents to their own devices: they see no virtual-line device and cannot give one to a line', async () => {
    const { s, tenant, as, api, counts } = await setup();
    const line = (
      await api('POST', '/v1/virtual-lines', { firstName: 'A', lastName: 'B', extension: '950' })
    ).json() as Json;
    const agentId = await insertPerson(s, tenant.tenantId);
    const [lineDevice, own] = await createDevices(s, [
      deviceRow(tenant.tenantId, { owner_virtual_line_id: line.id as string }),
      deviceRow(tenant.tenantId, { owner_person_id: agentId }),
    ]);
    const agent = as((await createApiKey(s, tenant.tenantId, { role: 'agent', personId: agentId })).auth);
    const list = (await agent('GET', '/v1/devices')).json() as { items: Json[] };
    expect(list.items.map((d) => d.id)).toEqual([own]);
    expect((await agent('GET', `/v1/devices/${lineDevice!}`)).statusCode).toBe(404);
    expect((await agent('GET', `/v1/devices?owner=${line.id as string}`)).json()).toMatchObject({ items: [] });
    const before = await counts();
    const giveAway = await agent('PATCH', `/v1/devices/${own!}`, { personId: null, virtualLineId: line.id });
    expect(giveAway.statusCode).toBe(403);
    expect(giveAway.json()).toMatchObject({ code: 'device_not_owned', parameter: 'virtualLineId' });
    const create = await agent('POST', '/v1/devices', { kind: 'Headset', name: 'x', virtualLineId: line.id });
    expect(create.statusCode).toBe(403);
    const write = await agent('POST', '/v1/virtual-lines', { firstName: 'A', lastName: 'B', extension: '951' });
    expect(write.statusCode).toBe(403);
    expect(await counts()).toEqual(before);
    // Agents read the directory, virtual lines included.
    expect((await agent('GET', `/v1/virtual-lines/${line.id as string}`)).statusCode).toBe(200);
  });

  it('exports the virtual line of a device and imports it back', async () => {
    const { tenant, api } = await setup();
    const line = (
      await api('POST', '/v1/virtual-lines', { firstName: 'A', lastName: 'B', extension: '990' })
    ).json() as Json;
    const device = (
      await api('POST', '/v1/devices', { kind: 'Room', name: 'Exported', virtualLineId: line.id })
    ).json() as Json;
    const exported = await app().inject({
      method: 'GET',
      url: '/v1/devices/export?format=ndjson&columns=id,name,virtualLineId',
      headers: tenant.auth,
    });
    expect(exported.statusCode, exported.body).toBe(200);
    expect(JSON.parse(exported.body.trim())).toEqual({ id: device.id, name: 'Exported', virtualLineId: line.id });

    const imported = await api('POST', '/v1/imports', {
      devices: [{ kind: 'Room', name: 'Imported', virtualLineId: line.id }],
    });
    expect(imported.statusCode, imported.body).toBe(202);
    const job = imported.json() as Json;
    let state = job;
    for (let i = 0; i < 250 && state.state !== 'succeeded' && state.state !== 'failed'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      state = (await api('GET', `/v1/jobs/${job.id as string}`)).json() as Json;
    }
    expect(state, JSON.stringify(state)).toMatchObject({ state: 'succeeded' });
    const owned = (await api('GET', `/v1/devices?owner=${line.id as string}&fields=name`)).json() as { items: Json[] };
    expect(owned.items).toEqual([{ name: 'Exported' }, { name: 'Imported' }]);
  });
});
