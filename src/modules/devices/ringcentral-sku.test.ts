import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEVICE_KINDS } from './device.schemas.js';
import {
  checkRingCentralDevice,
  checkSku,
  formatSku,
  parseSku,
  type RingCentralDeviceCandidate,
  type RingCentralSku,
  skuTypeOfKind,
} from './ringcentral-sku.js';

/** The rule a SKU breaks, or 'ok'. */
function skuRule(input: string): string {
  const result = parseSku(input);
  return result.ok ? 'ok' : result.violation.rule;
}

const positiveId = fc.bigInt({ min: 1n, max: 10n ** 18n - 1n }).map(String);
const anySku: fc.Arbitrary<RingCentralSku> = fc.record({
  type: fc.constantFrom('HP' as const, 'DV' as const),
  modelId: positiveId,
  addon: fc.option(fc.record({ typeId: positiveId, count: fc.integer({ min: 1, max: 2 ** 31 - 1 }) }), {
    nil: null,
  }),
});

describe('parseSku', () => {
  it("parses RingCentral's examples and the catalogue's SKUs", () => {
    expect(parseSku('HP-56-2-2')).toEqual({
      ok: true,
      sku: { type: 'HP', modelId: '56', addon: { typeId: '2', count: 2 } },
    });
    expect(parseSku('HP-16-2-2')).toEqual({
      ok: true,
      sku: { type: 'HP', modelId: '16', addon: { typeId: '2', count: 2 } },
    });
    expect(parseSku('HP-120')).toEqual({ ok: true, sku: { type: 'HP', modelId: '120', addon: null } });
    expect(parseSku(' DV-1 ')).toEqual({ ok: true, sku: { type: 'DV', modelId: '1', addon: null } });
  });

  it('names the rule a malformed SKU breaks, on the field it was given for', () => {
    const cases: [string, string][] = [
      ['', 'sku_format'],
      ['HP', 'sku_format'],
      ['HP-', 'sku_format'],
      ['-56', 'sku_format'],
      ['HP--56', 'sku_format'],
      ['HP 56', 'sku_format'],
      ['HP_56', 'sku_format'],
      ['HP-56-2-2-1', 'sku_format'],
      [`HP-${'1'.repeat(70)}`, 'sku_format'],
      ['HP-56-2', 'sku_addon_incomplete'],
      ['XX-56', 'sku_device_type'],
      ['hp-56', 'sku_device_type'],
      ['HPX-56', 'sku_device_type'],
      ['HP-056', 'sku_model_id'],
      ['HP-0', 'sku_model_id'],
      ['HP-5a', 'sku_model_id'],
      ['HP-1234567890123456789', 'sku_model_id'],
      ['HP-56-0-2', 'sku_addon_type_id'],
      ['HP-56-x-2', 'sku_addon_type_id'],
      ['HP-56-2-0', 'sku_addon_count'],
      ['HP-56-2-02', 'sku_addon_count'],
      ['HP-56-2-2147483648', 'sku_addon_count'],
    ];
    for (const [input, rule] of cases) expect(skuRule(input), input).toBe(rule);
    expect(parseSku('HP-56-2-2147483647').ok).toBe(true);
    const failed = parseSku('HP-56-2', 'product.sku');
    expect(failed).toMatchObject({ ok: false, violation: { field: 'product.sku', rule: 'sku_addon_incomplete' } });
    if (!failed.ok) expect(failed.violation.message).toMatch(/TP-ID\[-AT-AC\]/);
  });

  it('round-trips every well-formed SKU', () => {
    fc.assert(
      fc.property(anySku, (sku) => {
        const text = formatSku(sku);
        expect(text).toMatch(/^(HP|DV)-[1-9]\d*(-[1-9]\d*-[1-9]\d*)?$/);
        expect(parseSku(text)).toEqual({ ok: true, sku });
        expect(parseSku(`  ${text}\t`)).toEqual({ ok: true, sku });
      }),
      { numRuns: 500 },
    );
  });

  it('accepts exactly the strings of the grammar', () => {
    // An oracle in another style: a grammar regex plus the int32 bound on the count.
    const grammar = /^(HP|DV)-[1-9]\d{0,17}(-[1-9]\d{0,17}-[1-9]\d{0,9})?$/;
    const accepted = (s: string) => {
      const t = s.trim();
      return grammar.test(t) && (t.split('-').length === 2 || Number(t.split('-')[3]) <= 2 ** 31 - 1);
    };
    const parts = fc.oneof(
      fc.constantFrom('HP', 'DV', 'hp', 'XX', '0', '1', '01', '2', '56', '2147483648', ''),
      fc.string({ unit: fc.constantFrom(...'0123456789HPDVx -'), maxLength: 6 }),
    );
    const candidate = fc.oneof(
      fc.array(parts, { minLength: 1, maxLength: 5 }).map((p) => p.join('-')),
      anySku.map(formatSku),
    );
    fc.assert(
      fc.property(candidate, (input) => {
        expect(parseSku(input).ok, JSON.stringify(input)).toBe(accepted(input));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('checkSku', () => {
  it('requires HP for a HardPhone and DV for any other kind', () => {
    expect(checkSku('HP-56-2-2', 'HardPhone').ok).toBe(true);
    expect(checkSku('DV-1', 'SoftPhone').ok).toBe(true);
    expect(checkSku('DV-40', 'OtherPhone').ok).toBe(true);
    expect(checkSku('DV-56', 'HardPhone')).toMatchObject({
      ok: false,
      violation: { field: 'sku', rule: 'sku_kind_mismatch', message: /HardPhone's SKU starts with HP/ },
    });
    expect(checkSku('HP-1', 'SoftPhone')).toMatchObject({ ok: false, violation: { rule: 'sku_kind_mismatch' } });
    // A malformed SKU reports its own rule first.
    expect(checkSku('HP-56-2', 'SoftPhone')).toMatchObject({ ok: false, violation: { rule: 'sku_addon_incomplete' } });
  });

  it('maps every device kind to one SKU type', () => {
    for (const kind of DEVICE_KINDS) expect(skuTypeOfKind(kind)).toBe(kind === 'HardPhone' ? 'HP' : 'DV');
  });
});

describe('checkRingCentralDevice', () => {
  const deskPhone = { name: 'Poly VVX 450', features: ['BLA', 'CommonPhone', 'Intercom'] };
  const rules = (device: RingCentralDeviceCandidate) => checkRingCentralDevice(device).violations.map((v) => v.rule);

  it('accepts well-formed devices of each kind', () => {
    expect(checkRingCentralDevice({ kind: 'HardPhone', name: 'Reception', product: deskPhone })).toEqual({
      name: 'Reception',
      violations: [],
    });
    expect(
      checkRingCentralDevice({
        kind: 'SoftPhone',
        name: 'RingCentral App',
        computerName: 'DWALKER-LT01',
        linePooling: 'Guest',
      }),
    ).toEqual({ name: 'RingCentral App', violations: [] });
    expect(checkRingCentralDevice({ kind: 'OtherPhone', name: 'Existing phone', linePooling: 'None' })).toEqual({
      name: 'Existing phone',
      violations: [],
    });
  });

  it('requires a name for SoftPhone and OtherPhone, and defaults a HardPhone to its model name', () => {
    for (const kind of ['SoftPhone', 'OtherPhone']) {
      for (const name of [undefined, null, '', '   ']) {
        expect(checkRingCentralDevice({ kind, name })).toEqual({
          name: null,
          violations: [{ field: 'name', rule: 'name_required', message: `A ${kind} needs a name.` }],
        });
      }
    }
    expect(checkRingCentralDevice({ kind: 'HardPhone', product: deskPhone })).toEqual({
      name: 'Poly VVX 450',
      violations: [],
    });
    expect(checkRingCentralDevice({ kind: 'HardPhone', name: '  ', product: deskPhone }).name).toBe('Poly VVX 450');
    expect(checkRingCentralDevice({ kind: 'HardPhone', name: '  Lobby ', product: deskPhone }).name).toBe('Lobby');
    // Known only by boxBillingId: the service resolves the product before the name can default.
    expect(checkRingCentralDevice({ kind: 'HardPhone', boxBillingId: 2134 })).toEqual({ name: null, violations: [] });
  });

  it('limits a name to 64 characters', () => {
    expect(rules({ kind: 'SoftPhone', name: 'x'.repeat(64) })).toEqual([]);
    expect(checkRingCentralDevice({ kind: 'SoftPhone', name: 'x'.repeat(65) }).violations).toEqual([
      { field: 'name', rule: 'name_too_long', message: 'A device name has at most 64 characters.' },
    ]);
  });

  it('requires a HardPhone to have a model or a boxBillingId', () => {
    expect(checkRingCentralDevice({ kind: 'HardPhone', name: 'Desk' }).violations).toEqual([
      {
        field: 'product',
        rule: 'model_required',
        message: 'A HardPhone needs a model: give its product or its boxBillingId.',
      },
    ]);
    expect(rules({ kind: 'HardPhone', name: 'Desk', product: null, boxBillingId: null })).toEqual(['model_required']);
    expect(rules({ kind: 'HardPhone', name: 'Desk', boxBillingId: 2134 })).toEqual([]);
    expect(rules({ kind: 'HardPhone', name: 'Desk', product: deskPhone })).toEqual([]);
    // Other kinds need no model.
    expect(rules({ kind: 'SoftPhone', name: 'App' })).toEqual([]);
  });

  it('takes a boxBillingId only for a HardPhone, and only a positive integer', () => {
    expect(checkRingCentralDevice({ kind: 'SoftPhone', name: 'App', boxBillingId: 2134 }).violations).toEqual([
      {
        field: 'boxBillingId',
        rule: 'box_billing_id_hardphone_only',
        message: "A boxBillingId identifies a HardPhone's model, not a SoftPhone's.",
      },
    ]);
    for (const bad of [0, -1, 1.5, Number.NaN, 2 ** 53]) {
      expect(rules({ kind: 'HardPhone', name: 'Desk', boxBillingId: bad }), String(bad)).toEqual([
        'box_billing_id_format',
      ]);
    }
  });

  it('takes a computer name only for a SoftPhone', () => {
    expect(rules({ kind: 'SoftPhone', name: 'App', computerName: 'LT-01' })).toEqual([]);
    for (const kind of DEVICE_KINDS.filter((k) => k !== 'SoftPhone')) {
      const check = checkRingCentralDevice({ kind, name: 'Device', product: deskPhone, computerName: 'LT-01' });
      expect(check.violations, kind).toEqual([
        {
          field: 'computerName',
          rule: 'computer_name_softphone_only',
          message: `Only a SoftPhone has a computer name, not a ${kind}.`,
        },
      ]);
    }
    // Blank counts as not given.
    expect(rules({ kind: 'HardPhone', name: 'Desk', product: deskPhone, computerName: ' ' })).toEqual([]);
  });

  it('lets only a workspace device whose model supports it be a common phone', () => {
    const base = { kind: 'HardPhone', name: 'Lobby', product: deskPhone, commonPhone: true } as const;
    expect(rules({ ...base, owner: { type: 'workspace' } })).toEqual([]);
    for (const owner of [{ type: 'person' as const }, null, undefined]) {
      expect(checkRingCentralDevice({ ...base, owner }).violations).toEqual([
        {
          field: 'commonPhone',
          rule: 'common_phone_limited_extension_only',
          message: 'Only a device of a limited extension (owned by a workspace) can be used as a common phone.',
        },
      ]);
    }
    const noFeature = { name: 'Poly VVX 150', features: ['Intercom'] };
    expect(checkRingCentralDevice({ ...base, product: noFeature, owner: { type: 'workspace' } }).violations).toEqual([
      {
        field: 'commonPhone',
        rule: 'common_phone_unsupported_by_model',
        message: 'The model Poly VVX 150 cannot be a common phone.',
      },
    ]);
    // Features unknown: only the owner is checked.
    expect(rules({ ...base, product: { name: 'X' }, owner: { type: 'workspace' } })).toEqual([]);
    // Not a common phone: nothing to check.
    expect(rules({ ...base, commonPhone: false, product: noFeature, owner: { type: 'person' } })).toEqual([]);
  });

  it('takes line pooling Host, Guest or None', () => {
    for (const linePooling of ['Host', 'Guest', 'None', null, undefined]) {
      expect(rules({ kind: 'SoftPhone', name: 'App', linePooling }), String(linePooling)).toEqual([]);
    }
    for (const linePooling of ['host', 'NONE', '', 'Shared']) {
      expect(checkRingCentralDevice({ kind: 'SoftPhone', name: 'App', linePooling }).violations, linePooling).toEqual([
        { field: 'linePooling', rule: 'line_pooling_value', message: 'Line pooling is Host, Guest, None.' },
      ]);
    }
  });

  it('reports every broken rule at once, in field order', () => {
    expect(
      rules({
        kind: 'OtherPhone',
        boxBillingId: 7,
        computerName: 'LT-01',
        commonPhone: true,
        owner: { type: 'person' },
        linePooling: 'Shared',
      }),
    ).toEqual([
      'name_required',
      'box_billing_id_hardphone_only',
      'computer_name_softphone_only',
      'common_phone_limited_extension_only',
      'line_pooling_value',
    ]);
  });
});
