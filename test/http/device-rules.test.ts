/**
 * The device rules on both engines, each passing and failing through the native API: RingCentral's (name,
 * model, boxBillingId, SKU, computerName, commonPhone, linePooling), Webex's (MAC syntax, person or
 * workspace) and the references (product, person, workspace, site of the caller's tenant). A failure is a 400
 * naming the field and the rule, and stores nothing.
 */
import { randomInt } from 'node:crypto';
import { expect, it } from 'vitest';
import type { Store } from '../../src/db/database.js';
import { newId } from '../../src/db/ids.js';
import {
  createDevices,
  createTenant,
  deviceRow,
  insertPerson,
  insertProduct,
  insertSite,
  insertWorkspace,
} from '../support/factories.js';
import { useApp } from '../support/http.js';
import { describeEachStore } from '../support/stores.js';

type Json = Record<string, unknown>;

/** SKUs and boxBillingIds unique to this run: the catalogue is shared by every test of the file. */
const modelId = () => randomInt(100_000, 2 ** 31 - 1);

describeEachStore('device rules', ({ store }) => {
  const { app } = useApp(store);

  async function setup() {
    const s = store();
    const tenant = await createTenant(s);
    const api = (method: 'POST' | 'PATCH' | 'GET', url: string, body?: Json) =>
      app().inject({ method, url, headers: tenant.auth, ...(body === undefined ? {} : { payload: body }) });
    const deskPhone = modelId();
    const hardPhone = await insertProduct(s, {
      name: `Desk phone ${deskPhone}`,
      device_kind: 'HardPhone',
      type: 'SIP',
      sku: `HP-${deskPhone}`,
      box_billing_id: deskPhone,
      features: '["BLA","CommonPhone"]',
    });
    const softModel = modelId();
    const softPhone = await insertProduct(s, {
      name: `Soft phone ${softModel}`,
      device_kind: 'SoftPhone',
      type: 'Soft',
      sku: `DV-${softModel}`,
    });
    const plainModel = modelId();
    const plainPhone = await insertProduct(s, {
      name: `Plain phone ${plainModel}`,
      device_kind: 'HardPhone',
      sku: `HP-${plainModel}`,
      features: '["Intercom"]',
    });
    return { s, tenant, api, hardPhone, deskPhone, softPhone, softModel, plainPhone };
  }

  async function stored(s: Store, tenantId: string): Promise<number[]> {
    const n = async (table: 'devices' | 'audit_events') =>
      Number(
        (
          await s.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('tenant_id', '=', tenantId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    return [await n('devices'), await n('audit_events')];
  }

  /** Posts each body, expecting 400 naming `parameter` and `rule`, with nothing stored. */
  async function expectRefused(
    context: Awaited<ReturnType<typeof setup>>,
    cases: [body: Json, parameter: string, rule: string][],
  ) {
    const before = await stored(context.s, context.tenant.tenantId);
    for (const [body, parameter, rule] of cases) {
      const res = await context.api('POST', '/v1/devices', body);
      expect(res.statusCode, `${JSON.stringify(body)}: ${res.body}`).toBe(400);
      const problem = res.json() as Json;
      expect(problem, rule).toMatchObject({ code: 'invalid_body', status: 400, parameter });
      expect(problem.detail, rule).toContain(rule);
    }
    expect(await stored(context.s, context.tenant.tenantId)).toEqual(before);
  }

  async function expectCreated(context: Awaited<ReturnType<typeof setup>>, body: Json): Promise<Json> {
    const res = await context.api('POST', '/v1/devices', body);
    expect(res.statusCode, `${JSON.stringify(body)}: ${res.body}`).toBe(201);
    return res.json() as Json;
  }

  it('names: mandatory for SoftPhone and OtherPhone, the product name for a HardPhone, at most 64 characters', async () => {
    const c = await setup();
    await expectRefused(c, [
      [{ kind: 'SoftPhone', computerName: 'PC-1' }, 'name', 'name_required'],
      [{ kind: 'OtherPhone', name: '   ' }, 'name', 'name_required'],
      [{ kind: 'Headset' }, 'name', 'name_required'],
      [{ kind: 'HardPhone', productId: c.hardPhone, name: 'x'.repeat(65) }, 'name', 'name_too_long'],
    ]);
    expect(await expectCreated(c, { kind: 'SoftPhone', name: ' Teams ' })).toMatchObject({ name: 'Teams' });
    expect(await expectCreated(c, { kind: 'OtherPhone', name: 'Fax' })).toMatchObject({ name: 'Fax' });
    expect(await expectCreated(c, { kind: 'HardPhone', productId: c.hardPhone })).toMatchObject({
      name: `Desk phone ${c.deskPhone}`,
    });
    expect(await expectCreated(c, { kind: 'HardPhone', productId: c.hardPhone, name: 'x'.repeat(64) })).toMatchObject({
      name: 'x'.repeat(64),
    });
    // Clearing a HardPhone's name gives it its product's name again.
    const phone = await expectCreated(c, { kind: 'HardPhone', productId: c.hardPhone, name: 'Mine' });
    const cleared = await c.api('PATCH', `/v1/devices/${phone.id as string}`, { name: null });
    expect(cleared.json()).toMatchObject({ name: `Desk phone ${c.deskPhone}` });
  });

  it('a HardPhone needs a product, named by id, SKU or boxBillingId, which must agree', async () => {
    const c = await setup();
    await expectRefused(c, [
      [{ kind: 'HardPhone', name: 'Desk' }, 'product', 'model_required'],
      [{ kind: 'HardPhone', productId: newId() }, 'productId', 'unknown_product'],
      [{ kind: 'HardPhone', boxBillingId: modelId() }, 'boxBillingId', 'unknown_box_billing_id'],
      [{ kind: 'HardPhone', boxBillingId: 0 }, 'boxBillingId', 'box_billing_id_format'],
      [{ kind: 'SoftPhone', name: 'Soft', boxBillingId: c.deskPhone }, 'boxBillingId', 'box_billing_id_hardphone_only'],
      [{ kind: 'HardPhone', sku: `HP-${modelId()}` }, 'sku', 'unknown_sku'],
      [{ kind: 'HardPhone', productId: c.plainPhone, sku: `HP-${c.deskPhone}` }, 'sku', 'product_mismatch'],
      [{ kind: 'HardPhone', productId: c.plainPhone, boxBillingId: c.deskPhone }, 'boxBillingId', 'product_mismatch'],
    ]);
    const byBox = await expectCreated(c, { kind: 'HardPhone', boxBillingId: c.deskPhone });
    expect(byBox).toMatchObject({ product: { id: c.hardPhone }, name: `Desk phone ${c.deskPhone}` });
    const bySku = await expectCreated(c, { kind: 'HardPhone', sku: ` HP-${c.deskPhone} ` });
    expect(bySku).toMatchObject({ product: { id: c.hardPhone, sku: `HP-${c.deskPhone}` } });
    const all = await expectCreated(c, {
      kind: 'HardPhone',
      productId: c.hardPhone,
      sku: `HP-${c.deskPhone}`,
      boxBillingId: c.deskPhone,
    });
    expect(all).toMatchObject({ product: { id: c.hardPhone } });
    // A patch naming the product by SKU replaces the stored one.
    const moved = await c.api('PATCH', `/v1/devices/${all.id as string}`, { sku: `HP-${c.deskPhone}` });
    expect(moved.statusCode, moved.body).toBe(200);
    const plainSku = (await c.api('GET', `/v1/products/${c.plainPhone}`)).json().sku as string;
    const plain = await c.api('PATCH', `/v1/devices/${all.id as string}`, { sku: plainSku });
    expect(plain.json()).toMatchObject({ product: { id: c.plainPhone } });
  });

  it('validates SKUs: the TP-ID[-AT-AC] grammar and HP for HardPhone only, DV for the rest', async () => {
    const c = await setup();
    await expectRefused(c, [
      [{ kind: 'HardPhone', sku: 'HP-' }, 'sku', 'sku_format'],
      [{ kind: 'HardPhone', sku: 'HP-56-2' }, 'sku', 'sku_addon_incomplete'],
      [{ kind: 'HardPhone', sku: 'XX-56' }, 'sku', 'sku_device_type'],
      [{ kind: 'HardPhone', sku: 'HP-056' }, 'sku', 'sku_model_id'],
      [{ kind: 'HardPhone', sku: 'HP-56-0-2' }, 'sku', 'sku_addon_type_id'],
      [{ kind: 'HardPhone', sku: 'HP-56-2-0' }, 'sku', 'sku_addon_count'],
      [{ kind: 'HardPhone', sku: `DV-${c.softModel}` }, 'sku', 'sku_kind_mismatch'],
      [{ kind: 'SoftPhone', name: 'Soft', sku: `HP-${c.deskPhone}` }, 'sku', 'sku_kind_mismatch'],
      // A product whose SKU is a desk phone's cannot be another kind of device.
      [{ kind: 'SoftPhone', name: 'Soft', productId: c.hardPhone }, 'kind', 'sku_kind_mismatch'],
    ]);
    expect(await expectCreated(c, { kind: 'SoftPhone', name: 'Soft', sku: `DV-${c.softModel}` })).toMatchObject({
      product: { id: c.softPhone },
    });
    // Changing a device's kind away from its product's is refused too, and changes nothing.
    const phone = await expectCreated(c, { kind: 'HardPhone', productId: c.hardPhone });
    const res = await c.api('PATCH', `/v1/devices/${phone.id as string}`, { kind: 'OtherPhone' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ parameter: 'kind' });
    expect((await c.api('GET', `/v1/devices/${phone.id as string}`)).json()).toEqual(phone);
  });

  it('computerName only for a SoftPhone; linePooling Host, Guest or None', async () => {
    const c = await setup();
    await expectRefused(c, [
      [
        { kind: 'HardPhone', productId: c.hardPhone, computerName: 'PC-1' },
        'computerName',
        'computer_name_softphone_only',
      ],
      [{ kind: 'Headset', name: 'H', computerName: 'PC-1' }, 'computerName', 'computer_name_softphone_only'],
      [{ kind: 'HardPhone', productId: c.hardPhone, linePooling: 'Shared' }, 'linePooling', 'line_pooling_value'],
      [{ kind: 'HardPhone', productId: c.hardPhone, linePooling: 'host' }, 'linePooling', 'line_pooling_value'],
    ]);
    expect(await expectCreated(c, { kind: 'SoftPhone', name: 'S', computerName: 'PC-1' })).toMatchObject({
      computerName: 'PC-1',
    });
    for (const linePooling of ['Host', 'Guest', 'None']) {
      expect(await expectCreated(c, { kind: 'HardPhone', productId: c.hardPhone, linePooling })).toMatchObject({
        linePooling,
      });
    }
    // The rule holds for a patch that changes the kind of a soft phone with a computer name.
    const soft = await expectCreated(c, { kind: 'SoftPhone', name: 'S', computerName: 'PC-2' });
    const res = await c.api('PATCH', `/v1/devices/${soft.id as string}`, { kind: 'OtherPhone' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ parameter: 'computerName' });
    expect(res.json().detail).toContain('computer_name_softphone_only');
  });

  it('commonPhone only for a workspace-owned device whose model can be one', async () => {
    const c = await setup();
    const workspaceId = await insertWorkspace(c.s, c.tenant.tenantId);
    const personId = await insertPerson(c.s, c.tenant.tenantId);
    await expectRefused(c, [
      [
        { kind: 'HardPhone', productId: c.hardPhone, commonPhone: true },
        'commonPhone',
        'common_phone_limited_extension_only',
      ],
      [
        { kind: 'HardPhone', productId: c.hardPhone, commonPhone: true, personId },
        'commonPhone',
        'common_phone_limited_extension_only',
      ],
      [
        { kind: 'HardPhone', productId: c.plainPhone, commonPhone: true, workspaceId },
        'commonPhone',
        'common_phone_unsupported_by_model',
      ],
    ]);
    const common = await expectCreated(c, {
      kind: 'HardPhone',
      productId: c.hardPhone,
      commonPhone: true,
      workspaceId,
    });
    expect(common).toMatchObject({ commonPhone: true, owner: { type: 'workspace', id: workspaceId } });
    // Moving a common phone to a person breaks the rule.
    const res = await c.api('PATCH', `/v1/devices/${common.id as string}`, { workspaceId: null, personId });
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toContain('common_phone_limited_extension_only');
  });

  it('MACs: twelve hex digits in one accepted layout, never the null or broadcast address', async () => {
    const c = await setup();
    await expectRefused(c, [
      [{ kind: 'Headset', name: 'x', mac: '00:11-22:33:44:55' }, 'mac', 'mac_format'],
      [{ kind: 'Headset', name: 'x', mac: '0:11:22:33:44:55' }, 'mac', 'mac_format'],
      [{ kind: 'Headset', name: 'x', mac: '00112233445G' }, 'mac', 'mac_format'],
      [{ kind: 'Headset', name: 'x', mac: '' }, 'mac', 'mac_format'],
      [{ kind: 'Headset', name: 'x', mac: '00:00:00:00:00:00' }, 'mac', 'mac_reserved'],
      [{ kind: 'Headset', name: 'x', mac: 'ff-ff-ff-ff-ff-ff' }, 'mac', 'mac_reserved'],
    ]);
    // Webex's own example is multicast, and accepted.
    expect(await expectCreated(c, { kind: 'Headset', name: 'x', mac: '11:22:33:44:AA:FF' })).toMatchObject({
      mac: '11223344AAFF',
    });
  });

  it('references must exist in the caller tenant: another tenant’s person, workspace or site is unknown', async () => {
    const c = await setup();
    const other = await createTenant(c.s);
    const theirPerson = await insertPerson(c.s, other.tenantId);
    const theirWorkspace = await insertWorkspace(c.s, other.tenantId);
    const theirSite = await insertSite(c.s, other.tenantId);
    await expectRefused(c, [
      [{ kind: 'Headset', name: 'x', personId: theirPerson }, 'personId', 'unknown_person'],
      [{ kind: 'Headset', name: 'x', personId: newId() }, 'personId', 'unknown_person'],
      [{ kind: 'Room', name: 'x', workspaceId: theirWorkspace }, 'workspaceId', 'unknown_workspace'],
      [{ kind: 'Headset', name: 'x', siteId: theirSite }, 'siteId', 'unknown_site'],
      [{ kind: 'Headset', name: 'x', serial: '  ' }, 'serial', 'serial_blank'],
    ]);
    // The same ids, refused on a patch too, which changes nothing.
    const [id] = await createDevices(c.s, [deviceRow(c.tenant.tenantId)]);
    const before = (await c.api('GET', `/v1/devices/${id!}`)).json();
    for (const [member, value] of [
      ['personId', theirPerson],
      ['workspaceId', theirWorkspace],
      ['siteId', theirSite],
      ['productId', newId()],
    ] as const) {
      const res = await c.api('PATCH', `/v1/devices/${id!}`, { [member]: value });
      expect(res.statusCode, member).toBe(400);
      expect(res.json().parameter).toBe(member);
    }
    expect((await c.api('GET', `/v1/devices/${id!}`)).json()).toEqual(before);
  });

  it('refuses unknown and protected members, naming them', async () => {
    const c = await setup();
    const [id] = await createDevices(c.s, [deviceRow(c.tenant.tenantId)]);
    for (const member of [
      'id',
      'tenantId',
      'version',
      'createdAt',
      'compliance',
      'firmware',
      'owner',
      'ip',
      'colour',
    ]) {
      for (const [method, url] of [
        ['POST', '/v1/devices'],
        ['PATCH', `/v1/devices/${id!}`],
      ] as const) {
        const res = await c.api(method, url, { kind: 'Headset', name: 'x', [member]: 'x' });
        expect(res.statusCode, `${method} ${member}`).toBe(400);
        expect(res.json()).toMatchObject({ parameter: member });
        expect(res.json().detail).toContain(`Unknown body parameter '${member}'`);
      }
    }
    expect(await stored(c.s, c.tenant.tenantId)).toEqual([1, 0]);
  });

  it('derives compliance from the tenant policy governing the new product and owner', async () => {
    const c = await setup();
    const policyId = newId();
    await c.s.db
      .insertInto('compliance_policies')
      .values({
        id: policyId,
        tenant_id: c.tenant.tenantId,
        name: 'desk phones',
        product_id: c.hardPhone,
        user_group_id: null,
        component: 'main',
        target_version: '7.0.1',
        allow_decline: 0,
        created_at: 0,
        updated_at: 0,
        version: 1,
      })
      .execute();
    const [id] = await createDevices(c.s, [deviceRow(c.tenant.tenantId, { kind: 'HardPhone', fw_main: '7.0.1' })]);
    const res = await c.api('PATCH', `/v1/devices/${id!}`, { productId: c.hardPhone });
    expect(res.json().compliance).toEqual({ status: 'compliant', policyId, targetVersion: '7.0.1' });
    const other = await c.api('PATCH', `/v1/devices/${id!}`, { productId: c.plainPhone });
    expect(other.json().compliance).toEqual({ status: 'unknown', policyId: null, targetVersion: null });
  });
});
