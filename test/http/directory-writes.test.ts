/**
 * Directory writes through the native API on both engines: sites, user groups, people (with their ordered
 * memberships) and workspaces — create, merge patch, replacement, delete; uniqueness from the constraints;
 * validation naming the field and the rule with nothing stored; references of another tenant refused like
 * unknown ones; conditional requests (If-Match → 412); what a deletion does to related rows; who may write.
 */
import { expect, it } from 'vitest';
import type { Store } from '../../src/db/database.js';
import { newId } from '../../src/db/ids.js';
import {
  AT,
  createApiKey,
  createDevices,
  createTenant,
  deviceRow,
  insertGroup,
  insertPerson,
  insertProduct,
  insertSite,
  insertWorkspace,
  joinGroups,
} from '../support/factories.js';
import { callerWith, useApp } from '../support/http.js';
import { describeEachStore } from '../support/stores.js';

type Json = Record<string, unknown>;
type Table = 'sites' | 'people' | 'user_groups' | 'workspaces' | 'group_memberships' | 'audit_events' | 'api_keys';

describeEachStore('native directory writes', ({ store }) => {
  const { app } = useApp(store);

  async function setup() {
    const s = store();
    const tenant = await createTenant(s);
    const as = callerWith(app);
    const counts = async () => {
      const out: Partial<Record<Table, number>> = {};
      for (const table of [
        'sites',
        'people',
        'user_groups',
        'workspaces',
        'group_memberships',
        'audit_events',
        'api_keys',
      ] as const) {
        const row = await s.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('tenant_id', '=', tenant.tenantId)
          .executeTakeFirstOrThrow();
        out[table] = Number(row.n);
      }
      return out;
    };
    return { s, tenant, api: as(tenant.auth), as, counts };
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

  it('creates a site: 201, Location, normalised values, the GET representation and ETag, one audit event', async () => {
    const { s, tenant, api } = await setup();
    const res = await api('POST', '/v1/sites', {
      name: ' Berlin Office ',
      address: { street: 'Unter den Linden 1', city: 'Berlin', postalCode: '10117', countryCode: 'de' },
      timeZone: 'europe/berlin',
      subnets: ['10.20.0.0/16', '2001:DB8::/32'],
      emergencyAddress: { floor: 3 },
    });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json() as Json;
    expect(res.headers.location).toBe(`/v1/sites/${created.id as string}`);
    expect(created).toMatchObject({
      name: 'Berlin Office',
      address: {
        street: 'Unter den Linden 1',
        street2: null,
        city: 'Berlin',
        state: null,
        postalCode: '10117',
        countryCode: 'DE',
      },
      timeZone: 'Europe/Berlin',
      subnets: ['10.20.0.0/16', '2001:db8::/32'],
      emergencyAddress: { floor: 3 },
      version: 1,
    });
    const get = await api('GET', res.headers.location as string);
    expect(get.json()).toEqual(created);
    expect(get.headers.etag).toBe(res.headers.etag);
    const event = await lastAudit(s, tenant.tenantId);
    expect(event).toMatchObject({ action: 'site.create', resource_type: 'site', resource_id: created.id });
    expect(JSON.parse(event.after!)).toEqual(created);
  });

  it('refuses invalid site input with 400 naming the field and the rule, storing nothing', async () => {
    const { api, counts } = await setup();
    const before = await counts();
    const cases: [Json, string, string][] = [
      [{ name: 'A', address: { countryCode: 'XX' } }, 'address', 'address.countryCode breaks rule iso_3166_alpha2'],
      [{ name: 'A', address: { countryCode: 'UK' } }, 'address', 'address.countryCode breaks rule iso_3166_alpha2'],
      [{ name: 'A', timeZone: 'Mars/Olympus_Mons' }, 'timeZone', 'timeZone breaks rule iana_time_zone'],
      [{ name: 'A', subnets: ['10.0.0.0/8', '10.1.0.0/40'] }, 'subnets', 'subnets[1] breaks rule cidr'],
    ];
    for (const [body, parameter, rule] of cases) {
      const res = await api('POST', '/v1/sites', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json()).toMatchObject({ code: 'invalid_body', parameter });
      expect(res.json().detail).toContain(rule);
    }
    for (const body of [{}, { name: '   ' }, { name: 'A', address: { country: 'DE' } }, { name: 'A', subnets: 'x' }]) {
      const res = await api('POST', '/v1/sites', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().parameter, JSON.stringify(body)).toBeDefined();
    }
    expect(await counts()).toEqual(before);
  });

  it('keeps site names unique in the tenant (409 on create and rename), not across tenants', async () => {
    const { s, api, counts } = await setup();
    expect((await api('POST', '/v1/sites', { name: 'HQ' })).statusCode).toBe(201);
    const other = (await api('POST', '/v1/sites', { name: 'Plant' })).json() as Json;
    const before = await counts();
    const dup = await api('POST', '/v1/sites', { name: 'HQ' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'site_name_taken', parameter: 'name' });
    const rename = await api('PATCH', `/v1/sites/${other.id as string}`, { name: 'HQ' });
    expect(rename.statusCode).toBe(409);
    expect(await counts()).toEqual(before);
    const elsewhere = await createTenant(s);
    const res = await app().inject({
      method: 'POST',
      url: '/v1/sites',
      headers: elsewhere.auth,
      payload: { name: 'HQ' },
    });
    expect(res.statusCode).toBe(201);
  });

  it('merge-patches a site (address member by member, null clears), PUT clears what is missing', async () => {
    const { s, tenant, api } = await setup();
    const site = (
      await api('POST', '/v1/sites', {
        name: 'Austin',
        address: { street: '1 Main St', city: 'Austin', countryCode: 'US' },
        timeZone: 'America/Chicago',
        subnets: ['10.0.0.0/8'],
      })
    ).json() as Json;
    const url = `/v1/sites/${site.id as string}`;
    const patched = await api('PATCH', url, { address: { street: null, state: 'TX' }, subnets: [] });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({
      name: 'Austin',
      address: { street: null, city: 'Austin', state: 'TX', countryCode: 'US' },
      timeZone: 'America/Chicago',
      subnets: [],
      version: 2,
    });
    // The merge-patch media type is accepted too.
    const typed = await app().inject({
      method: 'PATCH',
      url,
      headers: { ...tenant.auth, 'content-type': 'application/merge-patch+json' },
      payload: JSON.stringify({ timeZone: null }),
    });
    expect(typed.statusCode, typed.body).toBe(200);
    expect(typed.json()).toMatchObject({ timeZone: null, version: 3 });
    // An empty patch changes nothing: same version, same ETag, no audit event.
    const audits = await lastAudit(s, tenant.tenantId);
    const empty = await api('PATCH', url, {});
    expect(empty.json()).toMatchObject({ version: 3 });
    expect(empty.headers.etag).toBe(typed.headers.etag);
    expect((await lastAudit(s, tenant.tenantId)).id).toBe(audits.id);
    const put = await api('PUT', url, { name: 'Austin TX' });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({
      name: 'Austin TX',
      address: { street: null, street2: null, city: null, state: null, postalCode: null, countryCode: null },
      subnets: [],
      emergencyAddress: null,
      version: 4,
    });
    expect(await lastAudit(s, tenant.tenantId)).toMatchObject({ action: 'site.update', resource_id: site.id });
  });

  it('honours If-Match on PUT, PATCH and DELETE: a stale ETag is 412 and changes nothing', async () => {
    const { api, counts } = await setup();
    const created = await api('POST', '/v1/user-groups', { name: 'Sales' });
    const url = `/v1/user-groups/${created.json().id as string}`;
    const first = created.headers.etag as string;
    const changed = await api('PATCH', url, { description: 'EMEA' }, { 'if-match': first });
    expect(changed.statusCode, changed.body).toBe(200);
    const before = await counts();
    for (const [method, body] of [
      ['PATCH', { description: 'x' }],
      ['PUT', { name: 'x' }],
      ['DELETE', undefined],
    ] as const) {
      const stale = await api(method, url, body, { 'if-match': first });
      expect(stale.statusCode, method).toBe(412);
      expect(stale.json()).toMatchObject({ code: 'precondition_failed', parameter: 'If-Match' });
    }
    expect(await counts()).toEqual(before);
    expect((await api('GET', url)).json()).toMatchObject({ name: 'Sales', description: 'EMEA', version: 2 });
    const gone = await api('DELETE', url, undefined, { 'if-match': changed.headers.etag as string });
    expect(gone.statusCode).toBe(204);
    expect((await api('GET', url)).statusCode).toBe(404);
    expect((await api('DELETE', url, undefined, { 'if-match': '*' })).statusCode).toBe(404);
  });

  it('keeps user group names unique, clears a description with null, refuses deleting a group a policy names', async () => {
    const { s, tenant, api, counts } = await setup();
    const group = (await api('POST', '/v1/user-groups', { name: 'Support', description: 'Tier 1' })).json() as Json;
    const dup = await api('POST', '/v1/user-groups', { name: 'Support' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'user_group_name_taken', parameter: 'name' });
    const url = `/v1/user-groups/${group.id as string}`;
    expect((await api('PATCH', url, { description: null })).json()).toMatchObject({ description: null, version: 2 });
    await s.db
      .insertInto('compliance_policies')
      .values({
        id: newId(),
        tenant_id: tenant.tenantId,
        name: 'Support headsets',
        product_id: null,
        user_group_id: group.id as string,
        component: 'main',
        target_version: '1.0',
        allow_decline: 0,
        created_at: AT,
        updated_at: AT,
        version: 1,
      })
      .execute();
    const before = await counts();
    const refused = await api('DELETE', url);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'user_group_in_use' });
    expect(refused.json().detail).toContain('Support headsets');
    expect(await counts()).toEqual(before);
  });

  it('creates and changes a person, validating every rule and naming the field', async () => {
    const { s, tenant, api, counts } = await setup();
    const siteId = await insertSite(s, tenant.tenantId, { name: 'Austin HQ' });
    const res = await api('POST', '/v1/people', {
      username: 'dwalker',
      firstName: 'Dana',
      lastName: 'Walker',
      email: 'Dana.Walker@Example.com',
      extensionNumber: '3001',
      roles: ['supervisor', 'agent'],
      siteId,
      agentState: { state: 'NotReady', workMode: 'AuxWork' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const person = res.json() as Json;
    expect(res.headers.location).toBe(`/v1/people/${person.id as string}`);
    expect(person).toMatchObject({
      username: 'dwalker',
      displayName: 'Dana Walker',
      email: 'dana.walker@example.com',
      extensionNumber: '3001',
      roles: ['agent', 'supervisor'],
      site: { id: siteId, name: 'Austin HQ' },
      userGroups: [],
      agentState: { state: 'NotReady', workMode: 'AuxWork' },
      provenance: { source: 'ucfleet', externalId: null },
      version: 1,
    });
    expect((await api('GET', res.headers.location as string)).json()).toEqual(person);
    expect(await lastAudit(s, tenant.tenantId)).toMatchObject({ action: 'person.create', resource_id: person.id });

    const foreignSite = await insertSite(s, (await createTenant(s)).tenantId);
    const before = await counts();
    const cases: [Json, number, string, string?][] = [
      [{ username: 'dwalker' }, 409, 'username', 'person_username_taken'],
      [{ username: 'other', email: 'DANA.WALKER@example.com' }, 409, 'email', 'person_email_taken'],
      [{ username: 'other', email: 'not-an-address' }, 400, 'email', 'email_syntax'],
      [{ username: 'other', siteId: foreignSite }, 400, 'siteId', 'unknown_site'],
      [{ username: 'other', siteId: newId() }, 400, 'siteId', 'unknown_site'],
      [
        { username: 'other', agentState: { state: 'Ready', workMode: 'AuxWork' } },
        400,
        'agentState',
        'agentState.workMode breaks rule work_mode_only_not_ready',
      ],
      [{ username: 'other', agentState: { state: 'Busy' } }, 400, 'agentState', 'agentState.state'],
      [{ username: 'other', agentState: { state: 'NotReady', workMode: 'Lunch' } }, 400, 'agentState', 'workMode'],
      [{ username: 'other', roles: ['wizard'] }, 400, 'roles', 'roles.0'],
      [{ username: 'other', roles: ['agent', 'agent'] }, 400, 'roles'],
      [{ username: 'other', extensionNumber: '12a' }, 400, 'extensionNumber'],
      [{ username: 'two words' }, 400, 'username'],
    ];
    for (const [body, status, parameter, rule] of cases) {
      const bad = await api('POST', '/v1/people', body);
      expect(bad.statusCode, JSON.stringify(body)).toBe(status);
      expect(bad.json().parameter, JSON.stringify(body)).toBe(parameter);
      if (rule) expect(`${bad.json().code as string} ${bad.json().detail as string}`).toContain(rule);
    }
    // A foreign site is refused exactly like an unknown one.
    const unknown = (await api('POST', '/v1/people', { username: 'x', siteId: 'nope' })).json() as Json;
    const foreign = (await api('POST', '/v1/people', { username: 'x', siteId: foreignSite })).json() as Json;
    expect((foreign.detail as string).replace(foreignSite, 'nope')).toBe(unknown.detail);
    expect(await counts()).toEqual(before);

    const url = `/v1/people/${person.id as string}`;
    const patched = await api('PATCH', url, { agentState: { state: 'Ready', workMode: null }, siteId: null });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ agentState: { state: 'Ready', workMode: null }, site: null, version: 2 });
    const wrongMode = await api('PATCH', url, { agentState: { workMode: 'AfterCallWork' } });
    expect(wrongMode.statusCode).toBe(400);
    expect(wrongMode.json()).toMatchObject({ parameter: 'agentState' });
    expect(wrongMode.json().detail).toContain('work_mode_only_not_ready');
    const toNotReady = await api('PATCH', url, { agentState: { state: 'NotReady', workMode: 'AfterCallWork' } });
    expect(toNotReady.json()).toMatchObject({ agentState: { state: 'NotReady', workMode: 'AfterCallWork' } });
    const modeOnly = await api('PATCH', url, { agentState: { workMode: 'LegalGuard' } });
    expect(modeOnly.json()).toMatchObject({ agentState: { state: 'NotReady', workMode: 'LegalGuard' }, version: 4 });
    expect((await api('PATCH', url, { agentState: null })).json()).toMatchObject({ agentState: null, version: 5 });
    const stateless = await api('PATCH', url, { agentState: { workMode: 'AuxWork' } });
    expect(stateless.statusCode).toBe(400);
    expect(stateless.json().detail).toContain('agentState.state breaks rule required');
    const put = await api('PUT', url, { username: 'dana' });
    expect(put.json()).toMatchObject({
      username: 'dana',
      firstName: null,
      email: null,
      roles: [],
      agentState: null,
      version: 6,
    });
  });

  it('replaces memberships in order (first = highest priority); refuses foreign groups; same order changes nothing', async () => {
    const { s, tenant, api, counts } = await setup();
    const person = (await api('POST', '/v1/people', { username: 'agent1' })).json() as Json;
    const [a, b, c] = [
      await insertGroup(s, tenant.tenantId, { name: 'A' }),
      await insertGroup(s, tenant.tenantId, { name: 'B' }),
      await insertGroup(s, tenant.tenantId, { name: 'C' }),
    ];
    const url = `/v1/people/${person.id as string}/user-groups`;
    const set = await api('PUT', url, { userGroupIds: [c, a, b] });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({
      userGroups: [
        { id: c, name: 'C' },
        { id: a, name: 'A' },
        { id: b, name: 'B' },
      ],
      version: 2,
    });
    expect(await lastAudit(s, tenant.tenantId)).toMatchObject({
      action: 'person.user_groups.replace',
      resource_id: person.id,
    });
    const reordered = await api('PUT', url, { userGroupIds: [b, c] });
    expect(reordered.json()).toMatchObject({ userGroups: [{ id: b }, { id: c }], version: 3 });
    // The group's members list agrees.
    const members = await api('GET', `/v1/user-groups/${b}/people`);
    expect((members.json() as { items: Json[] }).items.map((p) => p.id)).toEqual([person.id]);

    const before = await counts();
    const same = await api('PUT', url, { userGroupIds: [b, c] });
    expect(same.statusCode).toBe(200);
    expect(same.json()).toMatchObject({ version: 3 });
    expect(same.headers.etag).toBe(reordered.headers.etag);
    const foreignGroup = await insertGroup(s, (await createTenant(s)).tenantId);
    const foreign = await api('PUT', url, { userGroupIds: [a, foreignGroup] });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json()).toMatchObject({ code: 'invalid_body', parameter: 'userGroupIds' });
    expect(foreign.json().detail).toContain('userGroupIds[1] breaks rule unknown_user_group');
    const duplicate = await api('PUT', url, { userGroupIds: [a, a] });
    expect(duplicate.statusCode).toBe(400);
    const stale = await api('PUT', url, { userGroupIds: [] }, { 'if-match': set.headers.etag as string });
    expect(stale.statusCode).toBe(412);
    expect(await counts()).toEqual(before);
    expect((await api('GET', `/v1/people/${person.id as string}`)).json()).toMatchObject({
      userGroups: [{ id: b }, { id: c }],
      version: 3,
    });
    // Deleting a group removes its memberships; the others keep their order.
    expect((await api('DELETE', `/v1/user-groups/${b}`)).statusCode).toBe(204);
    expect((await api('GET', `/v1/people/${person.id as string}`)).json()).toMatchObject({ userGroups: [{ id: c }] });
    const cleared = await api('PUT', url, { userGroupIds: [] });
    expect(cleared.json()).toMatchObject({ userGroups: [] });
  });

  it('deletes a person: devices stay without an owner (version bumped); memberships, login and keys go', async () => {
    const { s, tenant, api } = await setup();
    const personId = await insertPerson(s, tenant.tenantId);
    await joinGroups(s, tenant.tenantId, personId, [await insertGroup(s, tenant.tenantId)]);
    const [deviceId] = await createDevices(s, [deviceRow(tenant.tenantId, { owner_person_id: personId })]);
    const login = await api('PUT', `/v1/people/${personId}/login`, {
      login: `login-${newId()}`,
      role: 'agent',
      password: 'a long enough password',
    });
    expect(login.statusCode, login.body).toBe(201);
    const agentKey = await createApiKey(s, tenant.tenantId, { role: 'agent', personId });
    expect((await app().inject({ method: 'GET', url: '/v1/me', headers: agentKey.auth })).statusCode).toBe(200);

    const res = await api('DELETE', `/v1/people/${personId}`);
    expect(res.statusCode, res.body).toBe(204);
    expect((await api('GET', `/v1/people/${personId}`)).statusCode).toBe(404);
    const device = (await api('GET', `/v1/devices/${deviceId!}`)).json() as Json;
    expect(device).toMatchObject({ owner: null, version: 2 });
    expect(await lastAudit(s, tenant.tenantId)).toMatchObject({ action: 'person.delete', resource_id: personId });
    for (const table of ['group_memberships', 'person_logins', 'sessions', 'api_keys'] as const) {
      const row = await s.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('person_id', '=', personId)
        .executeTakeFirstOrThrow();
      expect(Number(row.n), table).toBe(0);
    }
    expect((await app().inject({ method: 'GET', url: '/v1/me', headers: agentKey.auth })).statusCode).toBe(401);
  });

  it("re-derives the compliance of a person's devices when their groups change or they are deleted", async () => {
    const { s, tenant, api } = await setup();
    const productId = await insertProduct(s);
    const personId = await insertPerson(s, tenant.tenantId);
    const [early, late] = [await insertGroup(s, tenant.tenantId), await insertGroup(s, tenant.tenantId)];
    const policy = async (groupId: string, target: string) => {
      const id = newId();
      await s.db
        .insertInto('compliance_policies')
        .values({
          id,
          tenant_id: tenant.tenantId,
          name: `policy ${id}`,
          product_id: productId,
          user_group_id: groupId,
          component: 'main',
          target_version: target,
          allow_decline: 0,
          created_at: AT,
          updated_at: AT,
          version: 1,
        })
        .execute();
      return id;
    };
    const [earlyPolicy, latePolicy] = [await policy(early, '2.0'), await policy(late, '1.0')];
    const [deviceId] = await createDevices(s, [
      deviceRow(tenant.tenantId, { owner_person_id: personId, product_id: productId, fw_main: '1.0' }),
    ]);
    const device = async () => (await api('GET', `/v1/devices/${deviceId!}`)).json() as Json;
    const groups = `/v1/people/${personId}/user-groups`;
    expect((await api('PUT', groups, { userGroupIds: [late, early] })).statusCode).toBe(200);
    expect(await device()).toMatchObject({ compliance: { status: 'compliant', policyId: latePolicy }, version: 2 });
    await api('PUT', groups, { userGroupIds: [early, late] });
    expect(await device()).toMatchObject({ compliance: { status: 'noncompliant', policyId: earlyPolicy }, version: 3 });
    expect((await api('DELETE', `/v1/people/${personId}`)).statusCode).toBe(204);
    expect(await device()).toMatchObject({
      owner: null,
      compliance: { status: 'unknown', policyId: null },
      version: 4,
    });
  });

  it('deletes a site: people, workspaces and devices stay without a site', async () => {
    const { s, tenant, api } = await setup();
    const siteId = await insertSite(s, tenant.tenantId);
    const personId = await insertPerson(s, tenant.tenantId, { site_id: siteId });
    const workspaceId = await insertWorkspace(s, tenant.tenantId, { site_id: siteId });
    const [deviceId] = await createDevices(s, [deviceRow(tenant.tenantId, { site_id: siteId })]);
    expect((await api('DELETE', `/v1/sites/${siteId}`)).statusCode).toBe(204);
    expect((await api('GET', `/v1/people/${personId}`)).json()).toMatchObject({ site: null });
    expect((await api('GET', `/v1/workspaces/${workspaceId}`)).json()).toMatchObject({ site: null });
    expect((await api('GET', `/v1/devices/${deviceId!}`)).json()).toMatchObject({ site: null });
  });

  it('reads and writes workspaces: list, get, unique names, foreign sites refused, deletion frees devices', async () => {
    const { s, tenant, api, counts } = await setup();
    const siteId = await insertSite(s, tenant.tenantId, { name: 'Lobby site' });
    const created = await api('POST', '/v1/workspaces', { name: 'Room 101', siteId });
    expect(created.statusCode, created.body).toBe(201);
    const room = created.json() as Json;
    expect(room).toMatchObject({ name: 'Room 101', site: { id: siteId, name: 'Lobby site' }, version: 1 });
    expect(created.headers.location).toBe(`/v1/workspaces/${room.id as string}`);
    await insertWorkspace(s, tenant.tenantId, { name: 'Kitchen' });
    const list = await api('GET', '/v1/workspaces?sort=name&fields=name');
    expect(list.json()).toEqual({ items: [{ name: 'Kitchen' }, { name: 'Room 101' }], nextCursor: null });
    const bySite = await api('GET', '/v1/workspaces?site=Lobby%20site');
    expect((bySite.json() as { items: Json[] }).items.map((w) => w.id)).toEqual([room.id]);
    expect((await api('GET', `/v1/workspaces/${room.id as string}`)).json()).toEqual(room);
    expect((await api('GET', `/v1/workspaces/${newId()}`)).json()).toMatchObject({ code: 'workspace_not_found' });

    const before = await counts();
    const dup = await api('POST', '/v1/workspaces', { name: 'Kitchen' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'workspace_name_taken', parameter: 'name' });
    const foreignSite = await insertSite(s, (await createTenant(s)).tenantId);
    const foreign = await api('PATCH', `/v1/workspaces/${room.id as string}`, { siteId: foreignSite });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json()).toMatchObject({ parameter: 'siteId' });
    expect(await counts()).toEqual(before);

    const [deviceId] = await createDevices(s, [
      deviceRow(tenant.tenantId, { owner_workspace_id: room.id as string, common_phone: 1 }),
    ]);
    expect((await api('DELETE', `/v1/workspaces/${room.id as string}`)).statusCode).toBe(204);
    expect((await api('GET', `/v1/devices/${deviceId!}`)).json()).toMatchObject({
      owner: null,
      commonPhone: false,
      version: 2,
    });
  });

  it('lets only admins write the directory: agents, supervisors and read-only admins get 403', async () => {
    const { s, tenant, as, counts } = await setup();
    const personId = await insertPerson(s, tenant.tenantId);
    const siteId = await insertSite(s, tenant.tenantId);
    const before = await counts();
    for (const role of ['agent', 'supervisor', 'readonly_admin'] as const) {
      const key = await createApiKey(s, tenant.tenantId, {
        role,
        personId: role === 'readonly_admin' ? null : personId,
      });
      const api = as(key.auth);
      for (const [method, url, body] of [
        ['POST', '/v1/people', { username: 'x' }],
        ['PATCH', `/v1/people/${personId}`, { firstName: 'Me' }],
        ['PUT', `/v1/people/${personId}/user-groups`, { userGroupIds: [] }],
        ['DELETE', `/v1/people/${personId}`, undefined],
        ['POST', '/v1/user-groups', { name: 'x' }],
        ['POST', '/v1/sites', { name: 'x' }],
        ['PATCH', `/v1/sites/${siteId}`, { name: 'x' }],
        ['POST', '/v1/workspaces', { name: 'x' }],
      ] as const) {
        const res = await api(method, url, body);
        expect(res.statusCode, `${role} ${method} ${url}`).toBe(403);
      }
    }
    const after = await counts();
    expect({ ...after, api_keys: before.api_keys }).toEqual(before);
  });

  it('offers no write route for the global product catalogue', async () => {
    const { api } = await setup();
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
      const res = await api(method, method === 'POST' ? '/v1/products' : `/v1/products/${newId()}`, {});
      expect(res.statusCode, method).toBe(404);
      expect(res.json()).toMatchObject({ code: 'route_not_found' });
    }
  });

  it('replays a POST with the same Idempotency-Key instead of creating twice', async () => {
    const { api, counts } = await setup();
    const headers = { 'idempotency-key': `key-${newId()}` };
    const first = await api('POST', '/v1/sites', { name: 'Once' }, headers);
    const before = await counts();
    const again = await api('POST', '/v1/sites', { name: 'Once' }, headers);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(await counts()).toEqual(before);
  });

  it('loses no update: 10 clients × 3 read-modify-write cycles with If-Match on one site', async () => {
    const { api } = await setup();
    const site = (await api('POST', '/v1/sites', { name: 'Contended' })).json() as Json;
    const url = `/v1/sites/${site.id as string}`;
    let conflicts = 0;
    const client = async (n: number) => {
      for (let cycle = 0; cycle < 3; cycle++) {
        for (;;) {
          const read = await api('GET', url);
          const subnets = (read.json() as { subnets: string[] }).subnets;
          const res = await api(
            'PATCH',
            url,
            { subnets: [...subnets, `10.${n}.${cycle}.0/24`] },
            { 'if-match': read.headers.etag as string },
          );
          if (res.statusCode === 200) break;
          expect(res.statusCode, res.body).toBe(412);
          conflicts += 1;
        }
      }
    };
    await Promise.all(Array.from({ length: 10 }, (_, n) => client(n)));
    const final = (await api('GET', url)).json() as { subnets: string[]; version: number };
    expect(final.subnets).toHaveLength(30);
    expect(final.version).toBe(31);
    expect(conflicts).toBeGreaterThanOrEqual(0);
  }, 60_000);
});
