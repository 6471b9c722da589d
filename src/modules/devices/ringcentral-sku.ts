/**
 * RingCentral's device rules (seed 003, vendor-apis.md §4) as pure checks: the SKU grammar, and what a
 * device must satisfy before it is stored. Every failure is a RuleViolation naming the field (the
 * canonical device or product field) and a stable rule id, so the HTTP layer can answer 400 with both.
 *
 * SKU: `TP-ID[-AT-AC]`, e.g. "HP-56-2-2" or "HP-120".
 * - TP, the device type: HP for RingCentral desk phones (kind HardPhone), DV for every other device,
 *   soft phones included. Upper case, as RingCentral writes it.
 * - ID, the device model id; AT, an add-on type id: positive integers without leading zeros
 *   (RingCentral's ids are such numbers written as strings: "16", "155354004").
 * - AC, the add-on count: a positive 32-bit integer (ModelInfo.addons[].count is int32); a SKU without
 *   add-ons has neither AT nor AC, never one without the other.
 * Surrounding whitespace is ignored; nothing else is normalised.
 */

/** One broken rule: which field, which rule (a stable id), and a sentence for people. */
export interface RuleViolation {
  readonly field: string;
  readonly rule: string;
  readonly message: string;
}

export const SKU_DEVICE_TYPES = ['HP', 'DV'] as const;
export type SkuDeviceType = (typeof SKU_DEVICE_TYPES)[number];

export interface RingCentralSku {
  /** HP: a RingCentral desk phone; DV: any other device. */
  readonly type: SkuDeviceType;
  /** The RingCentral model id ("56"). */
  readonly modelId: string;
  /** The add-on (expansion modules…), when the SKU names one. */
  readonly addon: { readonly typeId: string; readonly count: number } | null;
}

export type SkuRule =
  | 'sku_format'
  | 'sku_device_type'
  | 'sku_model_id'
  | 'sku_addon_incomplete'
  | 'sku_addon_type_id'
  | 'sku_addon_count'
  | 'sku_kind_mismatch';

export type SkuParseResult =
  | { readonly ok: true; readonly sku: RingCentralSku }
  | { readonly ok: false; readonly violation: RuleViolation & { readonly rule: SkuRule } };

/** Longer than any real SKU; keeps messages and work bounded. */
const SKU_MAX_LENGTH = 64;
const ID = /^[1-9]\d{0,17}$/;
const COUNT = /^[1-9]\d{0,9}$/;
const INT32_MAX = 2 ** 31 - 1;
const SHAPE = 'A SKU is TP-ID[-AT-AC], e.g. HP-56-2-2 or HP-120';

/** Parses a SKU, or names the first rule it breaks: shape (parts), device type, model id, add-on type, add-on count. */
export function parseSku(input: string, field = 'sku'): SkuParseResult {
  const fail = (rule: SkuRule, message: string): SkuParseResult => ({ ok: false, violation: { field, rule, message } });
  const text = input.trim();
  if (text.length === 0 || text.length > SKU_MAX_LENGTH || !/^[0-9A-Za-z]+(?:-[0-9A-Za-z]+)*$/.test(text)) {
    return fail('sku_format', `${SHAPE}: letters and digits in 2 or 4 parts joined by hyphens.`);
  }
  const parts = text.split('-');
  if (parts.length === 3) {
    return fail('sku_addon_incomplete', `${SHAPE}: an add-on type (AT) needs its count (AC).`);
  }
  if (parts.length !== 2 && parts.length !== 4) {
    return fail('sku_format', `${SHAPE}: 2 or 4 parts, not ${parts.length}.`);
  }
  const [type, modelId, addonTypeId, addonCount] = parts as [string, string, string?, string?];
  if (!(SKU_DEVICE_TYPES as readonly string[]).includes(type)) {
    return fail(
      'sku_device_type',
      `The SKU's device type (TP) is HP (RingCentral desk phone) or DV (any other device).`,
    );
  }
  if (!ID.test(modelId)) {
    return fail('sku_model_id', `The SKU's model id (ID) is a positive integer without leading zeros.`);
  }
  if (addonTypeId === undefined || addonCount === undefined) {
    return { ok: true, sku: { type: type as SkuDeviceType, modelId, addon: null } };
  }
  if (!ID.test(addonTypeId)) {
    return fail('sku_addon_type_id', `The SKU's add-on type id (AT) is a positive integer without leading zeros.`);
  }
  if (!COUNT.test(addonCount) || Number(addonCount) > INT32_MAX) {
    return fail('sku_addon_count', `The SKU's add-on count (AC) is a whole number from 1 to ${INT32_MAX}.`);
  }
  return {
    ok: true,
    sku: { type: type as SkuDeviceType, modelId, addon: { typeId: addonTypeId, count: Number(addonCount) } },
  };
}

/** Writes a SKU back: formatSku(parseSku(s).sku) is s (trimmed) for every valid s. */
export function formatSku(sku: RingCentralSku): string {
  const head = `${sku.type}-${sku.modelId}`;
  return sku.addon === null ? head : `${head}-${sku.addon.typeId}-${sku.addon.count}`;
}

/** The SKU device type of a device kind: HP for HardPhone (a RingCentral desk phone), DV otherwise. */
export function skuTypeOfKind(kind: string): SkuDeviceType {
  return kind === 'HardPhone' ? 'HP' : 'DV';
}

/**
 * Parses a SKU and checks it fits the device kind it is given for (a product's deviceKind, or a
 * device's kind): HP only for HardPhone, DV for everything else.
 */
export function checkSku(input: string, kind: string, field = 'sku'): SkuParseResult {
  const parsed = parseSku(input, field);
  if (!parsed.ok) return parsed;
  const expected = skuTypeOfKind(kind);
  if (parsed.sku.type === expected) return parsed;
  return {
    ok: false,
    violation: {
      field,
      rule: 'sku_kind_mismatch',
      message:
        expected === 'HP'
          ? `A HardPhone's SKU starts with HP, not ${parsed.sku.type}.`
          : `An HP SKU names a RingCentral desk phone: kind ${kind} takes a DV SKU.`,
    },
  };
}

export const LINE_POOLING_VALUES = ['Host', 'Guest', 'None'] as const;
export type LinePooling = (typeof LINE_POOLING_VALUES)[number];

/** RingCentral's limit on a device name (AccountDeviceUpdate.name). */
export const RINGCENTRAL_NAME_MAX_LENGTH = 64;

export type RingCentralDeviceRule =
  | 'name_required'
  | 'name_too_long'
  | 'model_required'
  | 'box_billing_id_format'
  | 'box_billing_id_hardphone_only'
  | 'computer_name_softphone_only'
  | 'common_phone_limited_extension_only'
  | 'common_phone_unsupported_by_model'
  | 'line_pooling_value';

/**
 * A device as it would be stored, in the canonical field names (DeviceView, ProductView). Absent and
 * null mean "not given"; blank strings count as not given.
 */
export interface RingCentralDeviceCandidate {
  /** DeviceView.kind: HardPhone, SoftPhone, OtherPhone, … */
  readonly kind: string;
  readonly name?: string | null;
  /**
   * The catalogue product (the model) the device is, once the service has resolved it from a product
   * id, a SKU or a boxBillingId; null or absent when none was given.
   */
  readonly product?: { readonly name: string; readonly features?: readonly string[] } | null;
  /** ProductView.boxBillingId, when the caller identifies a HardPhone's model that way. */
  readonly boxBillingId?: number | null;
  readonly computerName?: string | null;
  /** DeviceView.commonPhone (RingCentral's useAsCommonPhone). */
  readonly commonPhone?: boolean | null;
  readonly linePooling?: string | null;
  /** DeviceView.owner: a workspace is the canonical form of RingCentral's limited extension. */
  readonly owner?: { readonly type: 'person' | 'workspace' } | null;
}

export interface RingCentralDeviceCheck {
  /**
   * The name to store: the given one (trimmed), else for a HardPhone its model's name; null when
   * neither applies (a kind the rules say nothing about, or a HardPhone known only by boxBillingId
   * whose product the caller has not resolved).
   */
  readonly name: string | null;
  /** Every rule broken, in field order; empty when the device may be stored. */
  readonly violations: readonly (RuleViolation & { readonly rule: RingCentralDeviceRule })[];
}

/**
 * RingCentral's device rules:
 * - name: mandatory for SoftPhone and OtherPhone; for a HardPhone it defaults to the model's name;
 *   at most 64 characters;
 * - a HardPhone needs a model: a product, or a boxBillingId (a positive integer, HardPhone only);
 * - computerName only for a SoftPhone;
 * - commonPhone (useAsCommonPhone) only for a device of a limited extension, i.e. owned by a
 *   workspace, and only when its model lists the CommonPhone feature (when the features are known);
 * - linePooling is Host, Guest or None.
 */
export function checkRingCentralDevice(device: RingCentralDeviceCandidate): RingCentralDeviceCheck {
  const violations: (RuleViolation & { rule: RingCentralDeviceRule })[] = [];
  const add = (field: string, rule: RingCentralDeviceRule, message: string) =>
    violations.push({ field, rule, message });
  const { kind } = device;

  const given = present(device.name);
  let name = given;
  if (given === null) {
    if (kind === 'SoftPhone' || kind === 'OtherPhone') add('name', 'name_required', `A ${kind} needs a name.`);
    else if (kind === 'HardPhone') name = present(device.product?.name);
  } else if (given.length > RINGCENTRAL_NAME_MAX_LENGTH) {
    add('name', 'name_too_long', `A device name has at most ${RINGCENTRAL_NAME_MAX_LENGTH} characters.`);
  }

  const product = device.product ?? null;
  const boxBillingId = device.boxBillingId ?? null;
  if (kind === 'HardPhone' && product === null && boxBillingId === null) {
    add('product', 'model_required', 'A HardPhone needs a model: give its product or its boxBillingId.');
  }
  if (boxBillingId !== null) {
    if (!Number.isSafeInteger(boxBillingId) || boxBillingId <= 0) {
      add('boxBillingId', 'box_billing_id_format', 'A boxBillingId is a positive integer.');
    } else if (kind !== 'HardPhone') {
      add(
        'boxBillingId',
        'box_billing_id_hardphone_only',
        `A boxBillingId identifies a HardPhone's model, not a ${kind}'s.`,
      );
    }
  }

  if (present(device.computerName) !== null && kind !== 'SoftPhone') {
    add('computerName', 'computer_name_softphone_only', `Only a SoftPhone has a computer name, not a ${kind}.`);
  }

  if (device.commonPhone === true) {
    if (device.owner?.type !== 'workspace') {
      add(
        'commonPhone',
        'common_phone_limited_extension_only',
        'Only a device of a limited extension (owned by a workspace) can be used as a common phone.',
      );
    }
    if (product?.features !== undefined && !product.features.includes('CommonPhone')) {
      add('commonPhone', 'common_phone_unsupported_by_model', `The model ${product.name} cannot be a common phone.`);
    }
  }

  const pooling = device.linePooling ?? null;
  if (pooling !== null && !(LINE_POOLING_VALUES as readonly string[]).includes(pooling)) {
    add('linePooling', 'line_pooling_value', `Line pooling is ${LINE_POOLING_VALUES.join(', ')}.`);
  }

  return { name, violations };
}

function present(value: string | null | undefined): string | null {
  const text = value?.trim() ?? '';
  return text === '' ? null : text;
}
