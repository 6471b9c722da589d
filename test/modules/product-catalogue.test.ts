/**
 * The operators' catalogue writes (ProductService.importCatalogue / removeProduct) on both engines: upsert by
 * manufacturer + modelId counting created, updated and unchanged rows; a dry run storing nothing; invalid rows
 * naming row, field and rule and storing nothing; removal refused while devices, firmware releases or compliance
 * policies name the product.
 */
import { expect, it } from 'vitest';
import type { Store } from '../../src/db/database.js';
import { newId } from '../../src/db/ids.js';
import { ProductRepository } from '../../src/modules/products/product.repository.js';
import { ProductService } from '../../src/modules/products/product.service.js';
import {
  AT,
  createDevices,
  createTenant,
  deviceRow,
  hex,
  insertFirmware,
  insertProduct,
} from '../support/factories.js';
import { describeEachStore } from '../support/stores.js';

describeEachStore('product catalogue writes', ({ store }) => {
  const service = () => new ProductService(new ProductRepository(store().db, store().capabilities), () => AT);

  const stored = (s: Store, manufacturer: string) =>
    s.db.selectFrom('products').selectAll().where('manufacturer', '=', manufacturer).orderBy('model_id').execute();

  it('creates, updates and leaves unchanged by manufacturer + modelId; a dry run stores nothing', async () => {
    const maker = `Maker ${hex()}`;
    const desk = {
      manufacturer: maker,
      modelId: 'D-1',
      name: 'Desk 1',
      type: 'SIP',
      deviceKind: 'HardPhone',
      sku: ' HP-56-2-2 ',
      boxBillingId: 2056,
      lineCount: 4,
      features: ['BLA', 'Intercom'],
    };
    const headset = { manufacturer: maker, modelId: 'H-1', name: 'Headset 1', type: 'USB', deviceKind: 'Headset' };

    const dry = await service().importCatalogue([desk, headset], { dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, stored: false, created: 2, updated: 0, unchanged: 0, failures: [] });
    expect(await stored(store(), maker)).toEqual([]);

    const first = await service().importCatalogue([desk, headset], { dryRun: false });
    expect(first).toMatchObject({ stored: true, created: 2, updated: 0, unchanged: 0 });
    const rows = await stored(store(), maker);
    expect(rows[0]).toMatchObject({
      model_id: 'D-1',
      sku: 'HP-56-2-2',
      box_billing_id: 2056,
      line_count: 4,
      features: '["BLA","Intercom"]',
      family: null,
      usb_vendor_id: null,
      created_at: AT,
    });
    const ids = rows.map((r) => r.id);

    const renamed = { ...headset, name: 'Headset One', usbVendorId: '047f', usbProductId: 'AB12' };
    const second = await service().importCatalogue([desk, renamed], { dryRun: false });
    expect(second).toMatchObject({ stored: true, created: 0, updated: 1, unchanged: 1 });
    const after = await stored(store(), maker);
    expect(after.map((r) => r.id)).toEqual(ids);
    expect(after[1]).toMatchObject({ name: 'Headset One', usb_vendor_id: '047F', usb_product_id: 'AB12' });

    // A row is the whole product: members it leaves out are cleared.
    const { sku: _sku, boxBillingId: _box, ...bare } = desk;
    const third = await service().importCatalogue([bare], { dryRun: false });
    expect(third).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    expect((await stored(store(), maker))[0]).toMatchObject({ sku: null, box_billing_id: null, line_count: 4 });
  });

  it('reports every invalid row with its field and rule, and then stores no row at all', async () => {
    const maker = `Maker ${hex()}`;
    const ok = { manufacturer: maker, modelId: 'OK', name: 'Fine', type: 'USB', deviceKind: 'Headset' };
    const result = await service().importCatalogue(
      [
        ok,
        { ...ok, modelId: 'A', type: 'Floppy' },
        { ...ok, modelId: 'B', deviceKind: 'HardPhone', sku: 'DV-5' },
        { ...ok, modelId: 'C', sku: 'XX-5' },
        { ...ok, modelId: 'D', colour: 'red' },
        { ...ok, modelId: 'E', name: '  ' },
        { ...ok, modelId: 'F', usbVendorId: '47' },
        { ...ok, modelId: 'G', lineCount: -1 },
        { ...ok, modelId: 'H', features: ['BLA', 'BLA'] },
        { ...ok, name: 'Again' },
        'not an object',
      ],
      { dryRun: false },
    );
    expect(result.stored).toBe(false);
    expect(result.created).toBe(1);
    expect(result.failures.map(({ row, field, rule }) => ({ row, field, rule }))).toEqual([
      { row: 2, field: 'type', rule: 'enum' },
      { row: 3, field: 'sku', rule: 'sku_kind_mismatch' },
      { row: 4, field: 'sku', rule: 'sku_device_type' },
      { row: 5, field: 'colour', rule: 'unknown_member' },
      { row: 6, field: 'name', rule: 'required' },
      { row: 7, field: 'usbVendorId', rule: 'usb_id_format' },
      { row: 8, field: 'lineCount', rule: 'range' },
      { row: 9, field: 'features', rule: 'duplicate_feature' },
      { row: 10, field: 'modelId', rule: 'duplicate_in_file' },
      { row: 11, field: '', rule: 'type' },
    ]);
    for (const f of result.failures) expect(f.message.length).toBeGreaterThan(0);
    expect(await stored(store(), maker)).toEqual([]);
  });

  it('removes a product nothing names, and refuses one that devices, firmware or policies name', async () => {
    const unused = await insertProduct(store());
    await expect(service().removeProduct(unused)).resolves.toMatchObject({ id: unused });
    expect(await store().db.selectFrom('products').select('id').where('id', '=', unused).execute()).toEqual([]);
    await expect(service().removeProduct(unused)).rejects.toMatchObject({ code: 'product_not_found' });

    const { tenantId } = await createTenant(store());
    const onDevice = await insertProduct(store());
    await createDevices(store(), [deviceRow(tenantId, { product_id: onDevice })]);
    const withFirmware = await insertProduct(store());
    await insertFirmware(store(), withFirmware, { component: 'main', version: '1.0.0', released_at: AT });
    const inPolicy = await insertProduct(store());
    await store()
      .db.insertInto('compliance_policies')
      .values({
        id: newId(),
        tenant_id: tenantId,
        name: `policy ${hex()}`,
        product_id: inPolicy,
        user_group_id: null,
        component: 'main',
        target_version: '1.0.0',
        allow_decline: 0,
        created_at: AT,
        updated_at: AT,
        version: 1,
      })
      .execute();

    for (const [id, named] of [
      [onDevice, '1 device'],
      [withFirmware, '1 firmware release'],
      [inPolicy, '1 compliance policy'],
    ] as const) {
      const refused = service().removeProduct(id);
      await expect(refused).rejects.toMatchObject({ code: 'product_in_use' });
      await expect(refused).rejects.toThrow(named);
      expect(await store().db.selectFrom('products').select('id').where('id', '=', id).execute()).toHaveLength(1);
    }
  });
});
