import { expect, it } from 'vitest';
import { migrateToLatest } from '../../src/db/migrate.js';
import { createDevices, createTenant, deviceRow, insertProduct } from '../support/factories.js';
import { describeEachStore } from '../support/stores.js';

describeEachStore('canonical schema', ({ store }) => {
  it('migrating again is a no-op', async () => {
    const result = await migrateToLatest(store().db);
    expect(result.results).toEqual([]);
  });

  it('keeps a MAC unique per tenant, under a named constraint, and lets two tenants share one', async () => {
    const s = store();
    const a = await createTenant(s);
    const b = await createTenant(s);
    await createDevices(s, [
      deviceRow(a.tenantId, { mac: '0004F2ABCDEF' }),
      deviceRow(b.tenantId, { mac: '0004F2ABCDEF' }),
    ]);
    await expect(createDevices(s, [deviceRow(a.tenantId, { mac: '0004F2ABCDEF' })])).rejects.toThrow(
      s.engine === 'postgres' ? /devices_tenant_mac_uq/ : /UNIQUE constraint failed: devices\.tenant_id, devices\.mac/,
    );
  });

  it('keeps a serial unique per manufacturer within a tenant', async () => {
    const s = store();
    const { tenantId } = await createTenant(s);
    const poly = await insertProduct(s, { manufacturer: 'Poly' });
    const cisco = await insertProduct(s, { manufacturer: 'Cisco' });
    await createDevices(s, [
      deviceRow(tenantId, { product_id: poly, manufacturer: 'Poly', serial: 'S-1' }),
      deviceRow(tenantId, { product_id: cisco, manufacturer: 'Cisco', serial: 'S-1' }),
    ]);
    await expect(
      createDevices(s, [deviceRow(tenantId, { product_id: poly, manufacturer: 'Poly', serial: 'S-1' })]),
    ).rejects.toThrow();
  });

  it('refuses a device of a tenant that does not exist', async () => {
    await expect(createDevices(store(), [deviceRow('no-such-tenant')])).rejects.toThrow();
  });

  it('deletes a tenant with everything it holds', async () => {
    const s = store();
    const { tenantId } = await createTenant(s);
    await createDevices(s, [deviceRow(tenantId), deviceRow(tenantId)]);
    await s.db.deleteFrom('tenants').where('id', '=', tenantId).execute();
    const left = await s.db.selectFrom('devices').select('id').where('tenant_id', '=', tenantId).execute();
    expect(left).toEqual([]);
  });
});
