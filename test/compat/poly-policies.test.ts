/**
 * The Plantronics firmware policy API (vendor-apis.md §1.3, last row) over the canonical compliance policies:
 * listing with pages from 0 and `policyId`, creating a policy (201) that re-derives the compliance of the
 * devices it governs as both the Poly device report and the native device show it, validation in the
 * dialect's error body with nothing stored, who may create, the audit event, and tenant isolation.
 */
import { expect, it } from 'vitest';
import { newId } from '../../src/db/ids.js';
import { seedDemoFleet } from '../../src/demo/fleet.js';
import { SANDBOX } from '../../src/demo/sandbox.js';
import type { DemoSummary } from '../../src/demo/summary.js';
import {
  createApiKey,
  createDevices,
  deviceRow,
  insertGroup,
  insertPerson,
  insertProduct,
  joinGroups,
} from '../support/factories.js';
import type { PolyDevice } from '../../src/compat/poly/device.schemas.js';
import type { PolyPolicy } from '../../src/compat/poly/policy.schemas.js';
import { useApp } from '../support/http.js';
import { describeEachStore } from '../support/stores.js';

const APP_ID = 'poly-policy-tests';
const headers = { appid: APP_ID };
const policyUrl = (code: string, key: string, query = '') =>
  `/compat/poly/v1/assets/management/tenant/${code}/policy?apikey=${key}${query === '' ? '' : `&${query}`}`;
const SANDBOX_POLICIES = (query = '') => policyUrl(SANDBOX.apiCode, SANDBOX.apiKey, query);
const ERROR_MEMBERS = ['code', 'error', 'message', 'path', 'status', 'timestamp'];
const ELEMENT_MEMBERS = [
  'allowDecline',
  'component',
  'dateCreated',
  'dateUpdated',
  'firmwareVersion',
  'modelId',
  'policyId',
  'policyName',
  'policyType',
  'productName',
  'tenantId',
  'userGroups',
];

describeEachStore('Plantronics dialect: firmware policies', ({ store }) => {
  const { app, get } = useApp(store);
  let summary: DemoSummary;
  let sandboxId: string;
  let other: DemoSummary['tenants'][number];

  const post = (url: string, body: unknown, extra: Record<string, string> = headers) =>
    app().inject({ method: 'POST', url, headers: extra, payload: body as Record<string, unknown> });

  async function count(table: 'compliance_policies' | 'audit_events', tenantId = sandboxId): Promise<number> {
    const row = await store()
      .db.selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tenant_id', '=', tenantId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  function expectPolyError(res: { statusCode: number; body: string }, status: number, code: string) {
    expect(res.statusCode, res.body).toBe(status);
    const body = JSON.parse(res.body) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(ERROR_MEMBERS);
    expect(body).toMatchObject({ status, code });
    expect(res.body).not.toContain(SANDBOX.apiKey);
    return body;
  }

  it('seeds the sandbox and another tenant', async () => {
    summary = await seedDemoFleet(store(), { devices: 200, tenants: 2, seed: 7 });
    sandboxId = summary.tenants.find((t) => t.apiCode === SANDBOX.apiCode)!.id;
    other = summary.tenants.find((t) => t.apiCode !== SANDBOX.apiCode)!;
    for (const t of summary.tenants) {
      await store()
        .db.insertInto('apps')
        .values({ id: newId(), tenant_id: t.id, app_id: APP_ID, name: 'policy tests', created_at: 1, revoked_at: null })
        .execute();
    }
    expect(await count('compliance_policies')).toBeGreaterThan(1);
  });

  it("lists the tenant's policies, typed, oldest first, in pages from 0", async () => {
    const res = await get(SANDBOX_POLICIES('page=0&count=500'), headers);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const all = res.json() as PolyPolicy[];
    const stored = await store()
      .db.selectFrom('compliance_policies')
      .selectAll()
      .where('tenant_id', '=', sandboxId)
      .orderBy('id')
      .execute();
    expect(all.map((p) => p.policyId)).toEqual(stored.map((p) => p.id));
    for (const p of all) {
      expect(Object.keys(p).sort()).toEqual(ELEMENT_MEMBERS);
      expect(p).toMatchObject({ tenantId: SANDBOX.apiCode, policyType: 'FIRMWARE' });
      expect(typeof p.allowDecline).toBe('boolean');
      expect(typeof p.dateCreated).toBe('number');
      expect(Array.isArray(p.userGroups)).toBe(true);
    }
    const row = stored[0]!;
    const product = await store()
      .db.selectFrom('products')
      .selectAll()
      .where('id', '=', row.product_id!)
      .executeTakeFirstOrThrow();
    expect(all[0]).toMatchObject({
      policyName: row.name,
      modelId: product.model_id,
      productName: product.name,
      component: row.component,
      firmwareVersion: row.target_version,
      allowDecline: row.allow_decline === 1,
      dateCreated: row.created_at,
      dateUpdated: row.updated_at,
    });
    const grouped = all.find((p) => p.userGroups.length > 0);
    expect(grouped?.userGroups).toHaveLength(1);

    const paged: string[] = [];
    for (let page = 0; page < all.length; page++) {
      const one = (await get(SANDBOX_POLICIES(`page=${page}&count=1`), headers)).json() as PolyPolicy[];
      expect(one).toHaveLength(1);
      paged.push(one[0]!.policyId);
    }
    expect(paged).toEqual(all.map((p) => p.policyId));
    const past = await get(SANDBOX_POLICIES(`page=${all.length}&count=1`), headers);
    expect(past.statusCode).toBe(200);
    expect(past.json()).toEqual([]);
  });

  it('answers one policy for policyId, and 404 in the Poly body for an unknown or foreign one', async () => {
    const [first] = (await get(SANDBOX_POLICIES('count=1'), headers)).json() as PolyPolicy[];
    const one = await get(SANDBOX_POLICIES(`policyId=${first!.policyId}`), headers);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toEqual([first]);
    expectPolyError(await get(SANDBOX_POLICIES(`policyId=${newId()}`), headers), 404, 'policy_not_found');
    const foreign = await store()
      .db.selectFrom('compliance_policies')
      .select('id')
      .where('tenant_id', '=', other.id)
      .executeTakeFirst();
    if (foreign) {
      expectPolyError(await get(SANDBOX_POLICIES(`policyId=${foreign.id}`), headers), 404, 'policy_not_found');
    }
  });

  it('creates a policy (201) and re-derives the devices it governs, as the report and the native API show', async () => {
    const modelId = `UCF-${newId().slice(-6)}`;
    const product = await insertProduct(store(), { model_id: modelId, manufacturer: 'Poly', name: 'Test Headset' });
    const otherProduct = await insertProduct(store());
    const username = `policy-${newId().slice(-6)}`;
    const person = await insertPerson(store(), sandboxId, { username });
    const groupName = `Policy testers ${newId().slice(-6)}`;
    const group = await insertGroup(store(), sandboxId, { name: groupName });
    await joinGroups(store(), sandboxId, person, [group]);
    const [onTarget, behind, unrelated] = await createDevices(store(), [
      deviceRow(sandboxId, { product_id: product, manufacturer: 'Poly', fw_main: '3.1', owner_person_id: person }),
      deviceRow(sandboxId, { product_id: product, manufacturer: 'Poly', fw_main: '3.0', owner_person_id: person }),
      deviceRow(sandboxId, { product_id: otherProduct, fw_main: '3.1', owner_person_id: person }),
    ]);
    const report = async () => {
      const res = await get(
        `/compat/poly/reports/assets/tenant/${SANDBOX.apiCode}/devices/user/${username}?apikey=${SANDBOX.apiKey}&page=0&count=10`,
        headers,
      );
      expect(res.statusCode, res.body).toBe(200);
      return new Map((res.json() as PolyDevice[]).map((i) => [i.device.id, i.device]));
    };
    const native = async (id: string) =>
      (await get(`/v1/devices/${id}`, { authorization: `Bearer ${SANDBOX.apiKey}` })).json() as {
        version: number;
        compliance: Record<string, unknown>;
      };
    const before = await report();
    expect(before.get(onTarget!)).toMatchObject({ hasActivePolicy: false, policyId: null, versionCompliant: false });
    const unrelatedVersion = (await native(unrelated!)).version as number;

    const auditBefore = await count('audit_events');
    const created = await post(SANDBOX_POLICIES(), {
      policyName: `Test headset ${modelId}`,
      modelId,
      component: 'main',
      firmwareVersion: '3.1',
      allowDecline: true,
    });
    expect(created.statusCode, created.body).toBe(201);
    const policy = created.json() as PolyPolicy;
    expect(Object.keys(policy).sort()).toEqual(ELEMENT_MEMBERS);
    expect(policy).toMatchObject({
      policyName: `Test headset ${modelId}`,
      policyType: 'FIRMWARE',
      tenantId: SANDBOX.apiCode,
      modelId,
      productName: 'Test Headset',
      component: 'main',
      firmwareVersion: '3.1',
      allowDecline: true,
      userGroups: [],
    });
    expect(policy.dateCreated).toBe(policy.dateUpdated);
    expect((await get(SANDBOX_POLICIES(`policyId=${policy.policyId}`), headers)).json()).toEqual([policy]);

    // One audit event, by the sandbox key, in the request's transaction.
    expect(await count('audit_events')).toBe(auditBefore + 1);
    const event = await store()
      .db.selectFrom('audit_events')
      .selectAll()
      .where('tenant_id', '=', sandboxId)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({
      action: 'compliance_policy.create',
      resource_type: 'compliance_policy',
      resource_id: policy.policyId,
      before: null,
    });
    expect(event.request_id).not.toBeNull();
    expect(JSON.parse(event.after!)).toMatchObject({ id: policy.policyId, productId: product, targetVersion: '3.1' });

    let after = await report();
    expect(after.get(onTarget!)).toMatchObject({
      hasActivePolicy: true,
      policyId: policy.policyId,
      policyFirmwareVersion: '3.1',
      versionCompliant: true,
    });
    expect(after.get(behind!)).toMatchObject({
      hasActivePolicy: true,
      policyId: policy.policyId,
      policyFirmwareVersion: '3.1',
      versionCompliant: false,
    });
    expect(after.get(unrelated!)).toMatchObject({ hasActivePolicy: false, policyId: null });
    expect((await native(behind!)).compliance).toEqual({
      status: 'noncompliant',
      policyId: policy.policyId,
      targetVersion: '3.1',
    });
    // The device of another product was not rewritten.
    expect((await native(unrelated!)).version).toBe(unrelatedVersion);

    // A policy for the owner's group on the same product is more specific: it takes over both devices.
    const forGroup = await post(SANDBOX_POLICIES(), {
      policyName: `Test headset ${modelId} for testers`,
      modelId,
      component: 'main',
      firmwareVersion: '3.0',
      userGroups: [groupName],
    });
    expect(forGroup.statusCode, forGroup.body).toBe(201);
    expect(forGroup.json()).toMatchObject({ userGroups: [groupName], allowDecline: false });
    after = await report();
    expect(after.get(onTarget!)).toMatchObject({ policyId: forGroup.json().policyId, versionCompliant: false });
    expect(after.get(behind!)).toMatchObject({ policyId: forGroup.json().policyId, versionCompliant: true });
    expect((await native(onTarget!)).compliance).toMatchObject({
      status: 'noncompliant',
      policyId: forGroup.json().policyId,
    });

    // A policy of any product (no modelId) governs the device no product policy covers.
    const anyProduct = await post(SANDBOX_POLICIES(), {
      policyName: `Any product ${modelId}`,
      modelId: null,
      component: 'main',
      firmwareVersion: '3.1',
    });
    expect(anyProduct.statusCode, anyProduct.body).toBe(201);
    expect(anyProduct.json()).toMatchObject({ modelId: null, productName: null });
    after = await report();
    expect(after.get(unrelated!)).toMatchObject({
      hasActivePolicy: true,
      policyId: anyProduct.json().policyId,
      versionCompliant: true,
    });
    expect(after.get(onTarget!)!.policyId).toBe(forGroup.json().policyId);
  });

  it('pages 10 policies by default (the documented example, page=0&count=10)', async () => {
    const all = (await get(SANDBOX_POLICIES('page=0&count=500'), headers)).json() as PolyPolicy[];
    expect(all.length).toBeGreaterThan(10);
    const first = (await get(SANDBOX_POLICIES(), headers)).json() as PolyPolicy[];
    expect(first.map((p) => p.policyId)).toEqual(all.slice(0, 10).map((p) => p.policyId));
    const second = (await get(SANDBOX_POLICIES('page=1'), headers)).json() as PolyPolicy[];
    expect(second.map((p) => p.policyId)).toEqual(all.slice(10, 20).map((p) => p.policyId));
  });

  it('refuses invalid policies in the Poly body, naming the member, and stores nothing', async () => {
    const modelId = `UCF-${newId().slice(-6)}`;
    await insertProduct(store(), { model_id: modelId });
    const valid = { policyName: `Valid ${modelId}`, modelId, component: 'headset', firmwareVersion: '1.0' };
    const taken = await post(SANDBOX_POLICIES(), { ...valid, policyName: `Taken ${modelId}` });
    expect(taken.statusCode, taken.body).toBe(201);
    const cases: [Record<string, unknown>, number, string, string][] = [
      [{ ...valid, policyName: '   ' }, 400, 'invalid_body', 'policyName'],
      [{ ...valid, policyName: 'x'.repeat(101) }, 400, 'invalid_body', 'policyName'],
      [{ ...valid, policyName: `Taken ${modelId}` }, 409, 'policy_name_taken', 'policyName'],
      [{ ...valid, modelId: 'NO-SUCH-MODEL' }, 400, 'invalid_body', 'modelId'],
      [{ ...valid, userGroups: ['No such group'] }, 400, 'invalid_body', 'userGroups'],
      [{ ...valid, userGroups: ['Sales', 'Executives'] }, 400, 'invalid_body', 'userGroups'],
      [{ ...valid, component: 'firmware' }, 400, 'invalid_body', 'component'],
      [{ ...valid, firmwareVersion: ' ' }, 400, 'invalid_body', 'firmwareVersion'],
      [{ ...valid, firmwareVersion: '1'.repeat(101) }, 400, 'invalid_body', 'firmwareVersion'],
      [{ ...valid, allowDecline: 'yes' }, 400, 'invalid_body', 'allowDecline'],
      [{ ...valid, policyType: 'HUB' }, 400, 'invalid_body', 'policyType'],
      [{ ...valid, colour: 'red' }, 400, 'invalid_body', 'colour'],
      [{ modelId, component: 'main', firmwareVersion: '1.0' }, 400, 'invalid_body', 'policyName'],
      [{ policyName: `No version ${modelId}`, component: 'main' }, 400, 'invalid_body', 'firmwareVersion'],
    ];
    const policiesBefore = await count('compliance_policies');
    const auditBefore = await count('audit_events');
    for (const [body, status, code, member] of cases) {
      const error = expectPolyError(await post(SANDBOX_POLICIES(), body), status, code);
      expect(error.message, JSON.stringify(body)).toContain(member);
      expect(error.path).toBe(`/v1/assets/management/tenant/${SANDBOX.apiCode}/policy`);
    }
    const malformed = await app().inject({
      method: 'POST',
      url: SANDBOX_POLICIES(),
      headers: { ...headers, 'content-type': 'application/json' },
      payload: '{"policyName":',
    });
    expectPolyError(malformed, 400, 'invalid_body');
    expectPolyError(
      await post(`/compat/poly/v1/assets/management/tenant/${SANDBOX.apiCode}/policy`, valid),
      422,
      'missing_parameter',
    );
    expectPolyError(await post(SANDBOX_POLICIES(), valid, {}), 403, 'app_not_authorized');
    expectPolyError(await get(SANDBOX_POLICIES('page=-1'), headers), 400, 'invalid_parameter');
    expectPolyError(await get(SANDBOX_POLICIES('count=501'), headers), 400, 'invalid_parameter');
    expect(await count('compliance_policies')).toBe(policiesBefore);
    expect(await count('audit_events')).toBe(auditBefore);
  });

  it('lets every role read policies but only an admin key with devices:write create one', async () => {
    const person = await insertPerson(store(), sandboxId);
    const keys = {
      readonly: await createApiKey(store(), sandboxId, { role: 'readonly_admin' }),
      agent: await createApiKey(store(), sandboxId, { role: 'agent', personId: person }),
      supervisor: await createApiKey(store(), sandboxId, { role: 'supervisor', personId: person }),
      adminWithoutWrite: await createApiKey(store(), sandboxId, { role: 'admin', scopes: ['devices:read'] }),
    };
    const policiesBefore = await count('compliance_policies');
    for (const [name, { key }] of Object.entries(keys)) {
      const read = await get(policyUrl(SANDBOX.apiCode, key), headers);
      expect(read.statusCode, `${name}: ${read.body}`).toBe(200);
      const res = await post(policyUrl(SANDBOX.apiCode, key), {
        policyName: `By ${name} ${newId()}`,
        component: 'main',
        firmwareVersion: '1.0',
      });
      expectPolyError(res, 403, 'insufficient_scope');
    }
    expect(await count('compliance_policies')).toBe(policiesBefore);
  });

  it("keeps tenants apart: another tenant's policies are never listed, its code is 403", async () => {
    const mine = (await get(SANDBOX_POLICIES('count=500'), headers)).json() as PolyPolicy[];
    const theirs = (await get(policyUrl(other.apiCode, other.apiKey, 'count=500'), headers)).json() as PolyPolicy[];
    const foreignIds = await store()
      .db.selectFrom('compliance_policies')
      .select('id')
      .where('tenant_id', '=', other.id)
      .orderBy('id')
      .execute();
    expect(theirs.map((p) => p.policyId)).toEqual(foreignIds.map((p) => p.id));
    expect(theirs.every((p) => p.tenantId === other.apiCode)).toBe(true);
    const mineIds = new Set(mine.map((p) => p.policyId));
    expect(foreignIds.some((p) => mineIds.has(p.id))).toBe(false);

    const theirsBefore = await count('compliance_policies', other.id);
    expectPolyError(await get(policyUrl(other.apiCode, SANDBOX.apiKey), headers), 403, 'tenant_not_authorized');
    expectPolyError(
      await post(policyUrl(other.apiCode, SANDBOX.apiKey), {
        policyName: `Foreign ${newId()}`,
        component: 'main',
        firmwareVersion: '1.0',
      }),
      403,
      'tenant_not_authorized',
    );
    expectPolyError(await get(policyUrl('not-hex!', SANDBOX.apiKey), headers), 400, 'invalid_parameter');
    expect(await count('compliance_policies', other.id)).toBe(theirsBefore);
  });
});
