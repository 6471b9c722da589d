import { expect, it } from 'vitest';
import { newId } from '../../src/db/ids.js';
import { createTenant, hex, insertFirmware, insertProduct } from '../support/factories.js';
import { problemShape, useApp, walk } from '../support/http.js';
import { describeEachStore } from '../support/stores.js';

// The catalogue is shared by every tenant (and every test of a block), so each test uses a manufacturer of its own.
describeEachStore('native products API', ({ store }) => {
  const { app, get } = useApp(store);

  it('answers 401 without a key, although the catalogue is global', async () => {
    const id = await insertProduct(store());
    for (const url of ['/v1/products', `/v1/products/${id}`]) {
      const res = await get(url);
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ status: 401, code: 'unauthenticated' });
    }
  });

  it('gets a product with its firmware releases, newest first', async () => {
    const s = store();
    const { auth } = await createTenant(s);
    const maker = `Poly${hex()}`;
    const id = await insertProduct(s, {
      manufacturer: maker,
      family: 'Voyager',
      model_id: 'VFOCUS2',
      name: 'Voyager Focus 2 UC',
      type: 'Bluetooth',
      device_kind: 'Headset',
      usb_vendor_id: '047F',
      usb_product_id: 'C056',
      sku: '214432-01',
      box_billing_id: 4200000001,
      line_count: null,
      features: '["HELD"]',
    });
    await insertFirmware(s, id, {
      component: 'headset',
      version: '1.0',
      released_at: Date.UTC(2023, 0, 1),
      update_id: 'u-1',
    });
    await insertFirmware(s, id, {
      component: 'headset',
      version: '1.2',
      released_at: Date.UTC(2024, 5, 1),
      update_id: 'u-3',
    });
    await insertFirmware(s, id, { component: 'base', version: '3.1', released_at: Date.UTC(2023, 6, 1) });

    const res = await get(`/v1/products/${id}`, auth);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      id,
      manufacturer: maker,
      family: 'Voyager',
      modelId: 'VFOCUS2',
      name: 'Voyager Focus 2 UC',
      type: 'Bluetooth',
      deviceKind: 'Headset',
      usbVendorId: '047F',
      usbProductId: 'C056',
      sku: '214432-01',
      boxBillingId: 4200000001,
      lineCount: null,
      features: ['HELD'],
      firmware: [
        { component: 'headset', version: '1.2', releasedAt: '2024-06-01T00:00:00.000Z', updateId: 'u-3' },
        { component: 'base', version: '3.1', releasedAt: '2023-07-01T00:00:00.000Z', updateId: null },
        { component: 'headset', version: '1.0', releasedAt: '2023-01-01T00:00:00.000Z', updateId: 'u-1' },
      ],
      // The latest release of each component, by component name.
      latestFirmware: [
        { component: 'base', version: '3.1', releasedAt: '2023-07-01T00:00:00.000Z', updateId: null },
        { component: 'headset', version: '1.2', releasedAt: '2024-06-01T00:00:00.000Z', updateId: 'u-3' },
      ],
    });

    // The list carries firmware too, batch-loaded per page.
    const list = await get(`/v1/products?manufacturer=${maker}&fields=id,firmware`, auth);
    expect(list.json().items).toEqual([{ id, firmware: res.json().firmware }]);
  });

  it('filters by manufacturer (any case), type, kind and q', async () => {
    const s = store();
    const { auth } = await createTenant(s);
    const maker = `Acme${hex()}`;
    const headset = await insertProduct(s, {
      manufacturer: maker,
      name: 'Acme Voyager 5200',
      model_id: 'V5200',
      type: 'Bluetooth',
      device_kind: 'Headset',
    });
    const phone = await insertProduct(s, {
      manufacturer: maker,
      name: 'Acme Desk 400',
      model_id: 'D400',
      type: 'SIP',
      device_kind: 'HardPhone',
      family: 'Edge',
    });
    const dongle = await insertProduct(s, {
      manufacturer: maker,
      name: 'Acme BT700',
      model_id: 'BT700',
      type: 'USB',
      device_kind: 'Dongle',
      sku: 'SKU-EDGE-1',
    });
    await insertProduct(s, { manufacturer: `Other${hex()}`, name: 'Acme Voyager clone', type: 'Bluetooth' });

    const ids = async (query: string) => {
      const res = await get(`/v1/products?manufacturer=${maker.toUpperCase()}&${query}`, auth);
      expect(res.statusCode, res.body).toBe(200);
      return (res.json().items as { id: string }[]).map((x) => x.id);
    };
    expect(await ids('')).toEqual([headset, phone, dongle]);
    expect(await ids('type=bluetooth')).toEqual([headset]);
    expect(await ids('kind=HardPhone')).toEqual([phone]);
    expect(await ids('q=voyager')).toEqual([headset]);
    expect(await ids('q=edge')).toEqual([phone, dongle]);
    expect(await ids('q=bt7')).toEqual([dongle]);
    expect(await ids('type=USB&kind=Headset')).toEqual([]);

    const badKind = await get('/v1/products?kind=Toaster', auth);
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json()).toMatchObject({ code: 'invalid_parameter', parameter: 'kind' });
  });

  it('sorts by id or name and walks every page by cursor without duplicates', async () => {
    const s = store();
    const { auth } = await createTenant(s);
    const maker = `Sortco${hex()}`;
    const names = ['Theta', 'Alpha', 'Omega', 'Delta', 'Kappa'];
    const created: string[] = [];
    for (const name of names) created.push(await insertProduct(s, { manufacturer: maker, name }));

    const byId = await walk(app(), `/v1/products?manufacturer=${maker}&limit=2`, auth);
    expect(byId.pages).toBe(3);
    expect(byId.items.map((x) => x.id)).toEqual(created);
    const byName = await walk(app(), `/v1/products?manufacturer=${maker}&limit=2&sort=name&fields=id,name`, auth);
    expect(byName.items.map((x) => x.name)).toEqual([...names].sort());
    const desc = await walk(app(), `/v1/products?manufacturer=${maker}&limit=3&sort=-name`, auth);
    expect(desc.items.map((x) => x.name)).toEqual([...names].sort().reverse());
    const first = await get(`/v1/products?manufacturer=${maker}&limit=2`, auth);
    expect(first.headers.link).toMatch(
      new RegExp(`^</v1/products\\?manufacturer=${maker}&limit=2&cursor=[\\w-]+>; rel="next"$`),
    );
  });

  it('projects fields and rejects unknown fields and parameters with 400 naming them', async () => {
    const s = store();
    const { auth } = await createTenant(s);
    const maker = `Proj${hex()}`;
    const id = await insertProduct(s, { manufacturer: maker, model_id: 'P1', features: '["BLA","Paging"]' });
    expect((await get(`/v1/products/${id}?fields=modelId,features`, auth)).json()).toEqual({
      modelId: 'P1',
      features: ['BLA', 'Paging'],
    });

    const unknownField = await get('/v1/products?fields=id,price', auth);
    expect(unknownField.statusCode).toBe(400);
    expect(unknownField.json()).toMatchObject({ code: 'invalid_parameter', parameter: 'fields' });
    const unknownParam = await get('/v1/products?tenant=x', auth);
    expect(unknownParam.statusCode).toBe(400);
    expect(unknownParam.json()).toMatchObject({ code: 'invalid_parameter', parameter: 'tenant' });
  });

  it('answers a missing product with 404 product_not_found; every tenant sees the same catalogue', async () => {
    const s = store();
    const a = await createTenant(s);
    const b = await createTenant(s);
    const id = await insertProduct(s);
    expect((await get(`/v1/products/${id}`, a.auth)).json()).toEqual((await get(`/v1/products/${id}`, b.auth)).json());
    const missing = newId();
    const res = await get(`/v1/products/${missing}`, a.auth);
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      type: 'https://ucfleet.dev/problems/product_not_found',
      title: 'Product not found',
      status: 404,
      detail: `There is no product with id '${missing}'.`,
      instance: `/v1/products/${missing}`,
      code: 'product_not_found',
    });
    expect(problemShape(res.json(), missing)).toEqual(
      problemShape((await get('/v1/products/nope', a.auth)).json(), 'nope'),
    );
  });
});
