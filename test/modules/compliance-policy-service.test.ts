/**
 * CompliancePolicyService on both engines, without HTTP: the rules a policy is checked against (each a 400
 * naming the member, or 409 for a taken name), keyset and offset listing, and every write — create, replace,
 * delete — audited and re-deriving the compliance of the devices the policy governed or now governs.
 */
import { expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { newId } from '../../src/db/ids.js';
import { AppError } from '../../src/errors.js';
import { systemActor } from '../../src/modules/audit/audit-trail.js';
import type { CompliancePolicyDraft } from '../../src/modules/firmware/compliance-policy.service.js';
import { createServices } from '../../src/services.js';
import { createDevices, createTenant, deviceRow, insertGroup, insertProduct } from '../support/factories.js';
import { describeEachStore } from '../support/stores.js';

describeEachStore('compliance policy service', ({ store }) => {
  const service = () => createServices(store(), loadConfig({ LOG_LEVEL: 'silent' })).compliancePolicies;

  async function rejection(run: Promise<unknown>): Promise<AppError> {
    const error = await run.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }

  async function audit(tenantId: string) {
    return store()
      .db.selectFrom('audit_events')
      .select(['action', 'resource_id'])
      .where('tenant_id', '=', tenantId)
      .orderBy('id')
      .execute();
  }

  async function device(id: string) {
    return store()
      .db.selectFrom('devices')
      .select(['compliance', 'policy_id', 'version'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  }

  it('checks every rule, naming the member, and stores nothing', async () => {
    const { tenantId } = await createTenant(store());
    const other = await createTenant(store());
    const product = await insertProduct(store());
    const shared = `SHARED-${newId().slice(-6)}`;
    await insertProduct(store(), { model_id: shared, manufacturer: 'Poly' });
    await insertProduct(store(), { model_id: shared, manufacturer: 'Yealink' });
    const foreignGroup = await insertGroup(store(), other.tenantId);
    const actor = systemActor(tenantId);
    const valid: CompliancePolicyDraft = {
      name: 'Baseline',
      product: { id: product },
      userGroup: null,
      component: 'main',
      targetVersion: '1.0',
      allowDecline: false,
    };
    await service().create(actor, valid);
    const cases: [Partial<CompliancePolicyDraft>, string, string, string][] = [
      [{ name: ' ' }, 'invalid_body', 'name', 'not_blank'],
      [{ name: 'n'.repeat(101) }, 'invalid_body', 'name', 'max_length'],
      [{ name: ' Baseline ' }, 'policy_name_taken', 'name', 'name'],
      [{ product: { id: newId() } }, 'invalid_body', 'product', 'unknown_product'],
      [{ product: { modelId: 'NOPE' } }, 'invalid_body', 'product', 'unknown_model'],
      [{ product: { modelId: shared } }, 'invalid_body', 'product', 'ambiguous_model'],
      [{ userGroup: { id: foreignGroup } }, 'invalid_body', 'userGroup', 'unknown_user_group'],
      [{ userGroup: { name: 'Nobody' } }, 'invalid_body', 'userGroup', 'unknown_user_group'],
      [{ component: 'screen' }, 'invalid_body', 'component', 'component'],
      [{ targetVersion: '' }, 'invalid_body', 'targetVersion', 'not_blank'],
      [{ targetVersion: '9'.repeat(101) }, 'invalid_body', 'targetVersion', 'max_length'],
    ];
    const before = await audit(tenantId);
    for (const [change, code, parameter, rule] of cases) {
      const error = await rejection(service().create(actor, { ...valid, name: `P ${newId()}`, ...change }));
      expect(error.code, JSON.stringify(change)).toBe(code);
      expect(error.extras.parameter).toBe(parameter);
      expect(error.detail).toContain(rule);
    }
    // The caller's member names, when it gives them.
    const labelled = await rejection(
      service().create(actor, { ...valid, component: 'screen', labels: { component: 'firmwareComponent' } }),
    );
    expect(labelled.extras.parameter).toBe('firmwareComponent');
    expect(await audit(tenantId)).toEqual(before);
    const page = await service().list(tenantId, {}, { sort: { field: 'id', direction: 'asc' }, limit: 50 });
    expect(page.items.map((r) => r.row.name)).toEqual(['Baseline']);
  });

  it('lists by keyset or offset, optionally one policy, never another tenant’s', async () => {
    const { tenantId } = await createTenant(store());
    const other = await createTenant(store());
    const ids: string[] = [];
    for (const name of ['c', 'a', 'b']) {
      const r = await service().create(systemActor(tenantId), {
        name,
        product: null,
        userGroup: null,
        component: 'usb',
        targetVersion: '1',
        allowDecline: true,
      });
      ids.push(r.row.id);
    }
    await service().create(systemActor(other.tenantId), {
      name: 'a',
      product: null,
      userGroup: null,
      component: 'usb',
      targetVersion: '1',
      allowDecline: true,
    });
    const sort = { field: 'id' as const, direction: 'asc' as const };
    const first = await service().list(tenantId, {}, { sort, limit: 2 });
    expect(first.items.map((r) => r.row.id)).toEqual(ids.slice(0, 2));
    const second = await service().list(tenantId, {}, { sort, limit: 2, after: first.next! });
    expect(second.items.map((r) => r.row.id)).toEqual(ids.slice(2));
    expect(second.next).toBeUndefined();
    const byOffset = await service().list(tenantId, {}, { sort, limit: 2, offset: 2 });
    expect(byOffset.items.map((r) => r.row.id)).toEqual(ids.slice(2));
    const byName = await service().list(tenantId, {}, { sort: { field: 'name', direction: 'asc' }, limit: 10 });
    expect(byName.items.map((r) => r.row.name)).toEqual(['a', 'b', 'c']);
    const one = await service().list(tenantId, { id: ids[1] }, { sort, limit: 10 });
    expect(one.items.map((r) => r.row.id)).toEqual([ids[1]]);
    expect((await service().get(tenantId, ids[1]!)).row.name).toBe('a');
    expect((await rejection(service().get(other.tenantId, ids[1]!))).code).toBe('policy_not_found');
  });

  it('re-derives the devices a replaced or deleted policy governed and now governs, audited', async () => {
    const { tenantId } = await createTenant(store());
    const productA = await insertProduct(store());
    const productB = await insertProduct(store());
    const [ofA, ofB] = await createDevices(store(), [
      deviceRow(tenantId, { product_id: productA, fw_main: '1.0' }),
      deviceRow(tenantId, { product_id: productB, fw_main: '1.0' }),
    ]);
    const actor = systemActor(tenantId);
    const draft: CompliancePolicyDraft = {
      name: 'Pin',
      product: { id: productA },
      userGroup: null,
      component: 'main',
      targetVersion: '1.0',
      allowDecline: false,
    };
    const created = await service().create(actor, draft);
    const id = created.row.id;
    expect(await device(ofA!)).toMatchObject({ compliance: 'compliant', policy_id: id, version: 2 });
    expect(await device(ofB!)).toMatchObject({ compliance: 'unknown', policy_id: null, version: 1 });

    // Same document: nothing changes, no audit event.
    const same = await service().replace(actor, id, draft);
    expect(same.row.version).toBe(1);

    const moved = await service().replace(actor, id, { ...draft, product: { id: productB }, targetVersion: '2.0' });
    expect(moved.row).toMatchObject({ version: 2, product_id: productB, target_version: '2.0' });
    expect(await device(ofA!)).toMatchObject({ compliance: 'unknown', policy_id: null, version: 3 });
    expect(await device(ofB!)).toMatchObject({ compliance: 'noncompliant', policy_id: id, version: 2 });

    await service().create(actor, { ...draft, name: 'Other' });
    expect((await rejection(service().replace(actor, id, { ...draft, name: 'Other' }))).code).toBe('policy_name_taken');
    // A rename governs nothing differently: the devices keep their version.
    await service().replace(actor, id, { ...draft, name: 'Renamed', product: { id: productB }, targetVersion: '2.0' });
    expect(await device(ofB!)).toMatchObject({ version: 2 });

    await service().delete(actor, id);
    expect(await device(ofB!)).toMatchObject({ compliance: 'unknown', policy_id: null, version: 3 });
    expect((await rejection(service().get(tenantId, id))).code).toBe('policy_not_found');
    expect((await audit(tenantId)).filter((e) => e.resource_id === id).map((e) => e.action)).toEqual([
      'compliance_policy.create',
      'compliance_policy.update',
      'compliance_policy.update',
      'compliance_policy.delete',
    ]);
  });
});
