import { describe, expect, it } from 'vitest';
import { checkRingCentralBlocks } from './ringcentral-blocks.js';

const none = { emergency: null, shipping: null, billing: null };
const check = (blocks: Partial<Record<'emergency' | 'shipping' | 'billing', unknown>>) =>
  checkRingCentralBlocks({ ...none, ...blocks });
const refused = (blocks: Parameters<typeof check>[0]) => {
  const result = check(blocks);
  if (result.ok) throw new Error(`accepted ${JSON.stringify(blocks)}`);
  return result.violation;
};

/** RingCentral's readDevice sample (vendor-apis.md §4.6). */
const SAMPLE_SHIPPING = {
  address: {
    street: '20 Davis Drive',
    city: 'Belmont',
    state: 'CA',
    country: 'US',
    zip: '123456',
    customerName: 'Dr. Watson',
  },
  method: { id: '2', name: '2 Day' },
  status: 'Initial',
};

describe('checkRingCentralBlocks', () => {
  it("accepts RingCentral's sample shipping block, and no blocks at all", () => {
    expect(check({ shipping: SAMPLE_SHIPPING })).toEqual({
      ok: true,
      blocks: { emergency: null, shipping: { ...SAMPLE_SHIPPING }, billing: null },
    });
    expect(check({})).toEqual({ ok: true, blocks: none });
  });

  it('keeps a full emergency block, members in the order written', () => {
    const emergency = {
      syncStatus: 'Verified',
      addressEditableStatus: 'AnyDevice',
      visibility: 'Public',
      addressStatus: 'Provisioning',
      outOfCountry: true,
      location: { addressFormatStatus: 'Outdated', addressFormatId: 'f1', name: 'HQ', id: 'l1' },
      address: { countryIsoCode: 'DE', city: 'Berlin', street: 'Unter den Linden 1', outOfCountry: false },
    };
    const result = check({ emergency });
    expect(result).toEqual({ ok: true, blocks: { ...none, emergency } });
    const stored = result.ok ? result.blocks.emergency : null;
    expect(JSON.stringify(stored)).toBe(JSON.stringify(emergency));
  });

  it('leaves out nulls and empty objects; a block left empty is null', () => {
    expect(
      check({ emergency: { address: { street: 'Main St 1', street2: null }, location: {}, visibility: null } }),
    ).toEqual({ ok: true, blocks: { ...none, emergency: { address: { street: 'Main St 1' } } } });
    expect(check({ emergency: { address: { street2: null } } })).toEqual({ ok: true, blocks: none });
  });

  it('stores amounts as numbers, whether sent as numbers or numeric strings', () => {
    const result = check({
      billing: {
        currency: 'USD',
        charges: [{ description: 'Device', amount: '0.99', feature: 'Phone', freeServiceCredit: '0' }],
        fees: [{ description: 'Shipping', amount: 4.5 }],
        totalCharged: '5.49',
        totalCharges: 0.99,
        totalFees: '4.50',
        subtotal: '-1',
        totalFreeServiceCredit: 0,
      },
    });
    expect(result).toEqual({
      ok: true,
      blocks: {
        ...none,
        billing: {
          currency: 'USD',
          charges: [{ description: 'Device', amount: 0.99, feature: 'Phone', freeServiceCredit: 0 }],
          fees: [{ description: 'Shipping', amount: 4.5 }],
          totalCharged: 5.49,
          totalCharges: 0.99,
          totalFees: 4.5,
          subtotal: -1,
          totalFreeServiceCredit: 0,
        },
      },
    });
  });

  it('refuses an amount that is not a number', () => {
    for (const amount of ['0,99', '1e3', 'ten', '', true]) {
      expect(refused({ billing: { fees: [{ amount }] } }), String(amount)).toMatchObject({
        field: 'billing.fees.0.amount',
      });
    }
  });

  it('refuses unknown members at every level, naming the path', () => {
    expect(refused({ emergency: { colour: 'red' } })).toMatchObject({
      field: 'emergency.colour',
      rule: 'unknown_member',
    });
    expect(refused({ emergency: { address: { floor: '3' } } })).toMatchObject({
      field: 'emergency.address.floor',
      rule: 'unknown_member',
    });
    expect(refused({ shipping: { method: { id: '1', speed: 'fast' } } })).toMatchObject({
      field: 'shipping.method.speed',
      rule: 'unknown_member',
    });
    expect(refused({ billing: { charges: [{ amount: 1, tax: 2 }] } })).toMatchObject({
      field: 'billing.charges.0.tax',
      rule: 'unknown_member',
    });
  });

  it('refuses values outside the enumerations and over the lengths', () => {
    const cases: [Parameters<typeof check>[0], string, string][] = [
      [{ emergency: { addressStatus: 'Fine' } }, 'emergency.addressStatus', 'enum'],
      [{ emergency: { visibility: 'private' } }, 'emergency.visibility', 'enum'],
      [{ emergency: { syncStatus: 'Synced' } }, 'emergency.syncStatus', 'enum'],
      [{ emergency: { addressEditableStatus: 'Nobody' } }, 'emergency.addressEditableStatus', 'enum'],
      [{ emergency: { location: { addressFormatStatus: 'New' } } }, 'emergency.location.addressFormatStatus', 'enum'],
      [{ emergency: { outOfCountry: 'no' } }, 'emergency.outOfCountry', 'type'],
      [{ shipping: { status: 'Delivered' } }, 'shipping.status', 'enum'],
      [{ shipping: { method: { id: '4' } } }, 'shipping.method.id', 'enum'],
      [{ shipping: { method: { name: 'Express' } } }, 'shipping.method.name', 'enum'],
      [{ shipping: { address: { zip: '1'.repeat(21) } } }, 'shipping.address.zip', 'maxLength'],
      [{ billing: { charges: Array.from({ length: 101 }, () => ({})) } }, 'billing.charges', 'maxItems'],
      [{ billing: { charges: {} } }, 'billing.charges', 'type'],
      [{ shipping: 'UPS' }, 'shipping', 'type'],
    ];
    for (const [blocks, field, rule] of cases) {
      expect(refused(blocks), field).toMatchObject({ field, rule });
    }
  });

  it('requires ISO 3166-1 alpha-2 country codes', () => {
    expect(check({ emergency: { address: { countryIsoCode: 'US' } } }).ok).toBe(true);
    for (const code of ['us', 'USA', 'U', 'U1']) {
      expect(refused({ emergency: { address: { countryIsoCode: code } } }), code).toMatchObject({
        field: 'emergency.address.countryIsoCode',
        rule: 'iso_country_code',
      });
      expect(refused({ shipping: { address: { countryIsoCode: code } } }), code).toMatchObject({
        field: 'shipping.address.countryIsoCode',
        rule: 'iso_country_code',
      });
    }
  });

  it('requires an ISO 4217 currency code', () => {
    expect(check({ billing: { currency: 'EUR' } }).ok).toBe(true);
    for (const currency of ['usd', 'US', 'DOLLAR']) {
      expect(refused({ billing: { currency } }), currency).toMatchObject({
        field: 'billing.currency',
        rule: 'iso_currency_code',
      });
    }
  });

  it('keeps the shipping method id and name in agreement, filling in the missing one', () => {
    const method = (m: object) => {
      const result = check({ shipping: { method: m } });
      return result.ok ? result.blocks.shipping?.method : result.violation;
    };
    expect(method({ id: '1' })).toEqual({ id: '1', name: 'Ground' });
    expect(method({ name: 'Overnight' })).toEqual({ id: '3', name: 'Overnight' });
    expect(method({ id: '2', name: '2 Day' })).toEqual({ id: '2', name: '2 Day' });
    expect(Object.keys(method({ name: 'Ground' }) ?? {})).toEqual(['name', 'id']);
    expect(method({ id: '3', name: 'Ground' })).toMatchObject({
      field: 'shipping.method.name',
      rule: 'shipping_method_mismatch',
    });
  });
});
