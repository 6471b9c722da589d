/**
 * recomputeCompliance on both engines: which devices a policy change re-derives (its product's, or every
 * device of the tenant for a policy of any product; never another product's or another tenant's), the
 * precedence of compliance.ts through the owners' user groups, batches, and versions bumped only where
 * compliance or the governing policy changed.
 */
import { expect, it } from 'vitest';
import type { Insertable } from 'kysely';
import { idAt } from '../../src/db/ids.js';
import type { Store } from '../../src/db/database.js';
import { recomputeCompliance } from '../../src/modules/firmware/compliance-recompute.js';
import type { CompliancePolicyTable } from '../../src/modules/firmware/firmware.table.js';
import {
  createDevices,
  createTenant,
  deviceRow,
  insertGroup,
  insertPerson,
  insertProduct,
  joinGroups,
} from '../support/factories.js';
import { describeEachStore } from '../support/stores.js';

const AT = Date.UTC(2026, 0, 1);
let policySerial = 0;

async function insertPolicy(store: Store, values: Partial<Insertable<CompliancePolicyTable>> & { tenant_id: string }) {
  policySerial += 1;
  // Ids in creation order, as UUIDv7 gives them.
  const id = idAt(AT + policySerial, new Uint8Array(16).fill(policySerial));
  await store.db
    .insertInto('compliance_policies')
    .values({
      id,
      name: `policy ${policySerial}`,
      product_id: null,
      user_group_id: null,
      component: 'main',
      target_version: '2.0',
      allow_decline: 0,
      created_at: AT,
      updated_at: AT,
      version: 1,
      ...values,
    })
    .execute();
  return id;
}

async function devicesById(store: Store, ids: readonly string[]) {
  const rows = await store.db
    .selectFrom('devices')
    .select(['id', 'compliance', 'policy_id', 'version', 'updated_at'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

describeEachStore('recomputeCompliance', ({ store }) => {
  it('re-derives the devices of the policy’s product only, with the precedence of compliance.ts', async () => {
    const { tenantId } = await createTenant(store());
    const headset = await insertProduct(store());
    const phone = await insertProduct(store());
    const sales = await insertGroup(store(), tenantId);
    const execs = await insertGroup(store(), tenantId);
    const salesExec = await insertPerson(store(), tenantId);
    await joinGroups(store(), tenantId, salesExec, [execs, sales]);
    const plain = await insertPerson(store(), tenantId);

    const [onTarget, behind, ofGroupMember, noVersion, ofPhone] = await createDevices(store(), [
      deviceRow(tenantId, { product_id: headset, fw_main: '2.0', owner_person_id: plain }),
      deviceRow(tenantId, { product_id: headset, fw_main: '1.0' }),
      deviceRow(tenantId, { product_id: headset, fw_main: '2.0', owner_person_id: salesExec }),
      deviceRow(tenantId, { product_id: headset, fw_main: null }),
      // Marked compliant under no policy: were it read, it would be rewritten to unknown.
      deviceRow(tenantId, { product_id: phone, fw_main: '2.0', compliance: 'compliant' }),
    ]);
    const ids = [onTarget!, behind!, ofGroupMember!, noVersion!, ofPhone!];

    const general = await insertPolicy(store(), { tenant_id: tenantId, product_id: headset });
    const forSales = await insertPolicy(store(), {
      tenant_id: tenantId,
      product_id: headset,
      user_group_id: sales,
      target_version: '3.0',
    });
    const outcome = await store()
      .db.transaction()
      .execute((trx) => recomputeCompliance(trx, tenantId, { productIds: [headset] }, AT + 1000));
    expect(outcome).toEqual({ examined: 4, changed: 4 });
    let after = await devicesById(store(), ids);
    expect(after.get(onTarget!)).toMatchObject({ compliance: 'compliant', policy_id: general, version: 2 });
    expect(after.get(behind!)).toMatchObject({ compliance: 'noncompliant', policy_id: general, version: 2 });
    // Product + group beats product alone: the group member's device is held to 3.0.
    expect(after.get(ofGroupMember!)).toMatchObject({ compliance: 'noncompliant', policy_id: forSales, version: 2 });
    expect(after.get(noVersion!)).toMatchObject({ compliance: 'unknown', policy_id: general, version: 2 });
    expect(after.get(onTarget!)!.updated_at).toBeGreaterThanOrEqual(AT + 1000);
    // The other product's device was not read.
    expect(after.get(ofPhone!)).toMatchObject({ compliance: 'compliant', policy_id: null, version: 1 });

    // A more specific group policy for the person's first group takes over only that device.
    const forExecs = await insertPolicy(store(), {
      tenant_id: tenantId,
      product_id: headset,
      user_group_id: execs,
      target_version: '2.0',
    });
    const again = await store()
      .db.transaction()
      .execute((trx) => recomputeCompliance(trx, tenantId, { productIds: [headset] }, AT + 2000));
    expect(again).toEqual({ examined: 4, changed: 1 });
    after = await devicesById(store(), ids);
    expect(after.get(ofGroupMember!)).toMatchObject({ compliance: 'compliant', policy_id: forExecs, version: 3 });
    // Unchanged devices keep their version.
    expect(after.get(onTarget!)).toMatchObject({ version: 2 });
    expect(after.get(behind!)).toMatchObject({ version: 2 });
  });

  it('re-derives every device of the tenant, in batches, for a policy of any product, and no other tenant’s', async () => {
    const { tenantId } = await createTenant(store());
    const other = await createTenant(store());
    const productA = await insertProduct(store());
    const productB = await insertProduct(store());
    const rows = [
      deviceRow(tenantId, { product_id: productA, fw_usb: '5.1' }),
      deviceRow(tenantId, { product_id: productB, fw_usb: '5.0' }),
      deviceRow(tenantId, { product_id: null, fw_usb: '5.1' }),
      deviceRow(tenantId, { product_id: productA, fw_usb: null }),
      deviceRow(tenantId, { product_id: productB, fw_usb: '5.1' }),
    ];
    const ids = await createDevices(store(), rows);
    const [foreign] = await createDevices(store(), [
      deviceRow(other.tenantId, { product_id: productA, fw_usb: '5.1' }),
    ]);
    // A product policy still beats the tenant-wide one on its own product.
    const anyProduct = await insertPolicy(store(), { tenant_id: tenantId, component: 'usb', target_version: '5.1' });
    const forB = await insertPolicy(store(), {
      tenant_id: tenantId,
      product_id: productB,
      component: 'usb',
      target_version: '5.0',
    });
    const outcome = await store()
      .db.transaction()
      .execute((trx) => recomputeCompliance(trx, tenantId, 'all', AT + 1000, 2));
    expect(outcome).toEqual({ examined: 5, changed: 5 });
    const after = await devicesById(store(), [...ids, foreign!]);
    expect(ids.map((id) => [after.get(id)!.compliance, after.get(id)!.policy_id])).toEqual([
      ['compliant', anyProduct],
      ['compliant', forB],
      ['compliant', anyProduct],
      ['unknown', anyProduct],
      ['noncompliant', forB],
    ]);
    expect(after.get(foreign!)).toMatchObject({ compliance: 'unknown', policy_id: null, version: 1 });
  });

  it('releases devices whose policy is gone', async () => {
    const { tenantId } = await createTenant(store());
    const product = await insertProduct(store());
    const [device] = await createDevices(store(), [deviceRow(tenantId, { product_id: product, fw_main: '2.0' })]);
    const policy = await insertPolicy(store(), { tenant_id: tenantId, product_id: product });
    await store()
      .db.transaction()
      .execute((trx) => recomputeCompliance(trx, tenantId, { productIds: [product] }, AT));
    expect((await devicesById(store(), [device!])).get(device!)).toMatchObject({ policy_id: policy, version: 2 });
    await store().db.deleteFrom('compliance_policies').where('id', '=', policy).execute();
    await store()
      .db.transaction()
      .execute((trx) => recomputeCompliance(trx, tenantId, { productIds: [product] }, AT));
    expect((await devicesById(store(), [device!])).get(device!)).toMatchObject({
      compliance: 'unknown',
      policy_id: null,
      version: 3,
    });
  });
});
