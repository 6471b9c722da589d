/**
 * Firmware and compliance through the native API on both engines: compliance policy CRUD (201 and Location,
 * ETag and If-Match, merge patch, replacement, delete, one audit event per change, errors naming the member
 * with nothing stored, who may read and write), device compliance re-derived on each change (including a
 * "latest" target at a device's firmware write), the compliance summary on a small known fleet (totals, by
 * product, user group and site; `by`; an agent's own devices only), the non-compliant device list (the device
 * list's filters and cursor paging), and the catalogue's releases (filters, paging, latest).
 */
import { expect, it } from 'vitest';
import {
  createApiKey,
  createDevices,
  createTenant,
  deviceRow,
  hex,
  insertFirmware,
  insertGroup,
  insertPerson,
  insertProduct,
  insertSite,
  joinGroups,
} from '../support/factories.js';
import { callerWith, useApp, walk } from '../support/http.js';
import { describeEachStore } from '../support/stores.js';

type Json = Record<string, unknown>;

describeEachStore('compliance', ({ store }) => {
  const { app } = useApp(store);
  const as = callerWith(app);

  async function audits(tenantId: string, resourceId: string) {
    return store()
      .db.selectFrom('audit_events')
      .select('action')
      .where('tenant_id', '=', tenantId)
      .where('resource_id', '=', resourceId)
      .orderBy('id')
      .execute();
  }

  async function complianceOf(id: string) {
    return store()
      .db.selectFrom('devices')
      .select(['compliance', 'policy_id'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  }

  it('creates, reads, patches, replaces and deletes a policy, re-deriving device compliance each time', async () => {
    const tenant = await createTenant(store());
    const api = as(tenant.auth);
    const headset = await insertProduct(store());
    const group = await insertGroup(store(), tenant.tenantId, { name: `Sales ${hex()}` });
    const person = await insertPerson(store(), tenant.tenantId);
    await joinGroups(store(), tenant.tenantId, person, [group]);
    const [mine, plain] = await createDevices(store(), [
      deviceRow(tenant.tenantId, { product_id: headset, fw_main: '2.0', owner_person_id: person }),
      deviceRow(tenant.tenantId, { product_id: headset, fw_main: '1.0' }),
    ]);

    const created = await api('POST', '/v1/compliance-policies', {
      name: ' Headsets ',
      productId: headset,
      component: 'main',
      targetVersion: '2.0',
    });
    expect(created.statusCode, created.body).toBe(201);
    const policy = created.json() as Json;
    const id = policy.id as string;
    expect(created.headers.location).toBe(`/v1/compliance-policies/${id}`);
    expect(policy).toEqual({
      id,
      name: 'Headsets',
      productId: headset,
      userGroupId: null,
      component: 'main',
      targetVersion: '2.0',
      allowDecline: false,
      createdAt: policy.createdAt,
      updatedAt: policy.updatedAt,
      version: 1,
    });
    expect(await complianceOf(mine!)).toEqual({ compliance: 'compliant', policy_id: id });
    expect(await complianceOf(plain!)).toEqual({ compliance: 'noncompliant', policy_id: id });

    const got = await api('GET', `/v1/compliance-policies/${id}`);
    expect(got.json()).toEqual(policy);
    const etag = got.headers.etag as string;
    expect(etag).toBeTruthy();
    expect((await api('GET', `/v1/compliance-policies/${id}?fields=name,version`)).json()).toEqual({
      name: 'Headsets',
      version: 1,
    });

    const patched = await api('PATCH', `/v1/compliance-policies/${id}`, { targetVersion: '1.0' }, { 'if-match': etag });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ targetVersion: '1.0', version: 2, name: 'Headsets' });
    expect(await complianceOf(plain!)).toEqual({ compliance: 'compliant', policy_id: id });

    const stale = await api('PATCH', `/v1/compliance-policies/${id}`, { targetVersion: '3.0' }, { 'if-match': etag });
    expect(stale.statusCode).toBe(412);
    expect(stale.json()).toMatchObject({ code: 'precondition_failed' });

    // PUT replaces every member: the missing productId becomes null (any product), the group narrows it.
    const replaced = await api('PUT', `/v1/compliance-policies/${id}`, {
      name: 'Sales',
      userGroupId: group,
      component: 'main',
      targetVersion: '2.0',
      allowDecline: true,
    });
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(replaced.json()).toMatchObject({ productId: null, userGroupId: group, allowDecline: true, version: 3 });
    expect(await complianceOf(mine!)).toEqual({ compliance: 'compliant', policy_id: id });
    expect(await complianceOf(plain!)).toEqual({ compliance: 'unknown', policy_id: null });

    const list = await api('GET', '/v1/compliance-policies');
    expect((list.json() as { items: Json[] }).items.map((p) => p.id)).toEqual([id]);

    const deleted = await api('DELETE', `/v1/compliance-policies/${id}`);
    expect(deleted.statusCode).toBe(204);
    expect(await complianceOf(mine!)).toEqual({ compliance: 'unknown', policy_id: null });
    expect((await api('GET', `/v1/compliance-policies/${id}`)).json()).toMatchObject({ code: 'policy_not_found' });
    expect((await audits(tenant.tenantId, id)).map((a) => a.action)).toEqual([
      'compliance_policy.create',
      'compliance_policy.update',
      'compliance_policy.update',
      'compliance_policy.delete',
    ]);
  });

  it('refuses bad policies naming the member, storing nothing; names are unique in the tenant', async () => {
    const tenant = await createTenant(store());
    const other = await createTenant(store());
    const api = as(tenant.auth);
    const foreignGroup = await insertGroup(store(), other.tenantId);
    const valid = { name: 'P', component: 'main', targetVersion: '1.0' };
    const cases: [Json, string, RegExp][] = [
      [{ ...valid, productId: 'no-such-product' }, 'productId', /unknown_product/],
      [{ ...valid, userGroupId: foreignGroup }, 'userGroupId', /unknown_user_group/],
      [{ ...valid, component: 'screen' }, 'component', /./],
      [{ ...valid, targetVersion: '  ' }, 'targetVersion', /./],
      [{ ...valid, name: '' }, 'name', /./],
      [{ ...valid, colour: 'red' }, 'colour', /./],
      [{ name: 'P', component: 'main' }, 'targetVersion', /./],
    ];
    for (const [body, parameter, detail] of cases) {
      const res = await api('POST', '/v1/compliance-policies', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json()).toMatchObject({ code: 'invalid_body', parameter });
      expect((res.json() as Json).detail).toMatch(detail);
    }
    expect((await api('GET', '/v1/compliance-policies')).json()).toEqual({ items: [], nextCursor: null });

    expect((await api('POST', '/v1/compliance-policies', valid)).statusCode).toBe(201);
    const taken = await api('POST', '/v1/compliance-policies', valid);
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ code: 'policy_name_taken', parameter: 'name' });
    // Another tenant may use the name.
    expect((await as(other.auth)('POST', '/v1/compliance-policies', valid)).statusCode).toBe(201);
  });

  it('lets admins and supervisors read policies and only admins write them', async () => {
    const tenant = await createTenant(store());
    const person = await insertPerson(store(), tenant.tenantId);
    const policy = (
      await as(tenant.auth)('POST', '/v1/compliance-policies', { name: 'P', component: 'main', targetVersion: '1' })
    ).json() as Json;
    const keyOf = async (role: 'readonly_admin' | 'supervisor' | 'agent') =>
      (await createApiKey(store(), tenant.tenantId, { role, personId: role === 'readonly_admin' ? null : person }))
        .auth;
    for (const role of ['readonly_admin', 'supervisor'] as const) {
      const api = as(await keyOf(role));
      expect((await api('GET', `/v1/compliance-policies/${policy.id as string}`)).statusCode, role).toBe(200);
      expect((await api('GET', '/v1/compliance-policies')).statusCode, role).toBe(200);
      const write = await api('PATCH', `/v1/compliance-policies/${policy.id as string}`, { name: 'Q' });
      expect(write.statusCode, role).toBe(403);
    }
    const agent = as(await keyOf('agent'));
    expect((await agent('GET', '/v1/compliance-policies')).statusCode).toBe(403);
    expect(
      (await agent('POST', '/v1/compliance-policies', { name: 'A', component: 'main', targetVersion: '1' })).statusCode,
    ).toBe(403);
  });

  it('derives a "latest" policy at a device firmware write, and shows the resolved target', async () => {
    const tenant = await createTenant(store());
    const api = as(tenant.auth);
    const product = await insertProduct(store());
    await insertFirmware(store(), product, { component: 'main', version: '4.2', released_at: Date.UTC(2025, 0, 1) });
    const created = await api('POST', '/v1/compliance-policies', {
      name: 'Latest',
      productId: product,
      component: 'main',
      targetVersion: 'latest',
    });
    expect(created.json()).toMatchObject({ targetVersion: 'latest' });
    const [device] = await createDevices(store(), [deviceRow(tenant.tenantId, { product_id: product })]);
    const behind = await api('PUT', `/v1/devices/${device!}/firmware`, { main: '4.1' });
    expect(behind.statusCode, behind.body).toBe(200);
    expect(behind.json()).toMatchObject({
      compliance: { status: 'noncompliant', policyId: created.json().id, targetVersion: '4.2' },
      firmware: { available: '4.2' },
    });
    const current = await api('PUT', `/v1/devices/${device!}/firmware`, { main: '4.2' });
    expect(current.json()).toMatchObject({ compliance: { status: 'compliant', targetVersion: '4.2' } });
  });

  it('summarizes compliance by product, user group and site, and an agent sees only their own devices', async () => {
    const tenant = await createTenant(store());
    const other = await createTenant(store());
    const api = as(tenant.auth);
    const headset = await insertProduct(store(), { name: 'Headset' });
    const phone = await insertProduct(store(), { name: 'Phone' });
    const austin = await insertSite(store(), tenant.tenantId, { name: 'Austin' });
    const sales = await insertGroup(store(), tenant.tenantId, { name: 'Sales' });
    const execs = await insertGroup(store(), tenant.tenantId, { name: 'Execs' });
    const alice = await insertPerson(store(), tenant.tenantId);
    await joinGroups(store(), tenant.tenantId, alice, [execs, sales]);
    const bob = await insertPerson(store(), tenant.tenantId);
    await joinGroups(store(), tenant.tenantId, bob, [sales]);
    const row = (values: Parameters<typeof deviceRow>[1]) => deviceRow(tenant.tenantId, values);
    await createDevices(store(), [
      row({ product_id: headset, compliance: 'compliant', owner_person_id: alice, site_id: austin }),
      row({ product_id: headset, compliance: 'noncompliant', owner_person_id: bob, site_id: austin }),
      row({ product_id: headset, compliance: 'noncompliant' }),
      row({ product_id: phone, compliance: 'unknown', owner_person_id: alice }),
      row({ product_id: null, compliance: 'unknown', site_id: austin }),
      deviceRow(other.tenantId, { product_id: headset, compliance: 'noncompliant' }),
    ]);
    const counts = (compliant: number, noncompliant: number, unknown: number) => ({
      compliant,
      noncompliant,
      unknown,
      total: compliant + noncompliant + unknown,
    });

    const res = await api('GET', '/v1/compliance/summary');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as Json;
    expect(body.totals).toEqual(counts(1, 2, 2));
    expect(body.byProduct).toEqual([
      {
        productId: headset,
        manufacturer: expect.any(String),
        modelId: expect.any(String),
        name: 'Headset',
        ...counts(1, 2, 0),
      },
      // Equal counts: by id, devices of no product last.
      {
        productId: phone,
        manufacturer: expect.any(String),
        modelId: expect.any(String),
        name: 'Phone',
        ...counts(0, 0, 1),
      },
      { productId: null, manufacturer: null, modelId: null, name: null, ...counts(0, 0, 1) },
    ]);
    expect(body.byUserGroup).toEqual([
      { userGroupId: sales, name: 'Sales', ...counts(1, 1, 1) },
      { userGroupId: execs, name: 'Execs', ...counts(1, 0, 1) },
    ]);
    expect(body.bySite).toEqual([
      { siteId: austin, name: 'Austin', ...counts(1, 1, 1) },
      { siteId: null, name: null, ...counts(0, 1, 1) },
    ]);

    const bySite = (await api('GET', '/v1/compliance/summary?by=site')).json() as Json;
    expect(Object.keys(bySite).sort()).toEqual(['bySite', 'totals']);
    expect((await api('GET', '/v1/compliance/summary?by=model')).statusCode).toBe(400);

    const agent = await createApiKey(store(), tenant.tenantId, { role: 'agent', personId: bob });
    const own = (await as(agent.auth)('GET', '/v1/compliance/summary')).json() as Json;
    expect(own.totals).toEqual(counts(0, 1, 0));
    expect(own.byUserGroup).toEqual([{ userGroupId: sales, name: 'Sales', ...counts(0, 1, 0) }]);
  });

  it('lists non-compliant devices with the device list filters and cursor paging', async () => {
    const tenant = await createTenant(store());
    const api = as(tenant.auth);
    const austin = await insertSite(store(), tenant.tenantId, { name: 'Austin' });
    const bob = await insertPerson(store(), tenant.tenantId);
    const ids = await createDevices(store(), [
      deviceRow(tenant.tenantId, { compliance: 'noncompliant', site_id: austin }),
      deviceRow(tenant.tenantId, { compliance: 'noncompliant', site_id: austin, owner_person_id: bob }),
      deviceRow(tenant.tenantId, { compliance: 'noncompliant' }),
      deviceRow(tenant.tenantId, { compliance: 'compliant', site_id: austin }),
      deviceRow(tenant.tenantId, { compliance: 'unknown' }),
    ]);
    const { items, pages } = await walk(app(), '/v1/compliance/noncompliant-devices?limit=1', tenant.auth);
    expect(pages).toBe(3);
    expect(items.map((d) => d.id)).toEqual(ids.slice(0, 3));
    expect(items.every((d) => (d.compliance as Json).status === 'noncompliant')).toBe(true);

    const atAustin = (await api('GET', '/v1/compliance/noncompliant-devices?site=Austin&fields=id')).json() as Json;
    expect(atAustin.items).toEqual([{ id: ids[0] }, { id: ids[1] }]);
    expect((await api('GET', '/v1/compliance/noncompliant-devices?compliance=compliant')).statusCode).toBe(400);

    const agent = await createApiKey(store(), tenant.tenantId, { role: 'agent', personId: bob });
    const own = (await as(agent.auth)('GET', '/v1/compliance/noncompliant-devices?fields=id')).json() as Json;
    expect(own.items).toEqual([{ id: ids[1] }]);
  });

  it('lists firmware releases by product and component, paged, marking the latest', async () => {
    const tenant = await createTenant(store());
    const api = as(tenant.auth);
    const product = await insertProduct(store());
    const day = Date.UTC(2025, 4, 1);
    await insertFirmware(store(), product, { component: 'main', version: '1.9', released_at: day });
    await insertFirmware(store(), product, { component: 'main', version: '1.10', released_at: day, update_id: 'u' });
    await insertFirmware(store(), product, { component: 'base', version: '3.0', released_at: day - 1 });

    const { items } = await walk(app(), `/v1/firmware-releases?productId=${product}&limit=2`, tenant.auth);
    expect(items.map((r) => [r.component, r.version, r.latest])).toEqual([
      ['main', '1.9', false],
      ['main', '1.10', true],
      ['base', '3.0', true],
    ]);
    expect(items[1]).toMatchObject({
      productId: product,
      manufacturer: expect.any(String),
      modelId: expect.any(String),
      releasedAt: '2025-05-01T00:00:00.000Z',
      updateId: 'u',
      notes: null,
    });
    const bases = (await api('GET', `/v1/firmware-releases?productId=${product}&component=base`)).json() as Json;
    expect((bases.items as Json[]).map((r) => r.version)).toEqual(['3.0']);
    const newestFirst = (
      await api('GET', `/v1/firmware-releases?productId=${product}&sort=-releasedAt&fields=version`)
    ).json() as Json;
    expect(newestFirst.items).toEqual([{ version: '1.10' }, { version: '1.9' }, { version: '3.0' }]);
    expect((await app().inject({ method: 'GET', url: '/v1/firmware-releases' })).statusCode).toBe(401);

    const productView = (await api('GET', `/v1/products/${product}?fields=latestFirmware`)).json() as Json;
    expect((productView.latestFirmware as Json[]).map((r) => [r.component, r.version])).toEqual([
      ['base', '3.0'],
      ['main', '1.10'],
    ]);
  });
});
