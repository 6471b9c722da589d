/**
 * RingCentral's device blocks as the canonical device keeps them (vendor-apis.md §4.4, §4.6, seed 003):
 * `emergency` (DeviceEmergencyInfo), `shipping` (ShippingInfo) and `billing` (BillingStatementInfo), each a
 * JSON text column of devices. Pure: the read schemas (what the native API shows), the write schemas (what a
 * body may send) and the checks a block must pass before it is stored, each failure naming its field path.
 *
 * - Every member is optional; a member unknown at any level is refused (rule unknown_member).
 * - Writes may send null for any member of a block: in a PATCH it removes the member (RFC 7396), in a POST or
 *   PUT it is the same as leaving it out. The stored (canonical) block has no nulls and no empty objects; a
 *   block left empty is stored as null.
 * - Billing amounts are doubles. RingCentral's example writes them as strings ("0.99"), so a numeric string is
 *   accepted too and stored as the number it spells.
 * - Country ISO codes (`…address.countryIsoCode`) are ISO 3166-1 alpha-2: two upper-case letters.
 * - The shipping method's id and name are one choice (1 Ground, 2 "2 Day", 3 Overnight): given both, they must
 *   agree; given one, the other is filled in.
 * - The currency is an ISO 4217 code: three upper-case letters.
 * Rules that need the rest of the device (who owns it, its kind) are in device-rules.ts.
 *
 * `emergencyServiceAddress` (DeviceEmergencyServiceAddressResource, §4.4) is not a member of its own: it is
 * RingCentral's second rendering of the same address emergency services are sent to, so the canonical device
 * keeps that address once, as `emergency.address`. Its extra contact members (customer email and phone,
 * additional customer, apartment, floor, designation, taxId, lineProvisioningStatus) are not kept.
 */
import { type Static, type TSchema, Type } from 'typebox';
import { Compile } from 'typebox/compile';
import type { RuleViolation } from './ringcentral-sku.js';

const Text = (maxLength: number, description?: string) =>
  Type.Optional(Type.String({ maxLength, ...(description ? { description } : {}) }));
const OneOf = (values: readonly string[], description?: string) =>
  Type.Optional(Type.String({ enum: [...values], ...(description ? { description } : {}) }));
const Flag = (description: string) => Type.Optional(Type.Boolean({ description }));
const Amount = () => Type.Optional(Type.Number());
const Block = <T extends Parameters<typeof Type.Object>[0]>(properties: T, description: string) =>
  Type.Object(properties, { additionalProperties: false, description });

const COUNTRY_ISO = 'ISO 3166-1 alpha-2, upper case (US).';

export const ADDRESS_FORMAT_STATUSES = ['Actual', 'Outdated', 'Deprecated'] as const;
export const EMERGENCY_ADDRESS_STATUSES = ['Valid', 'Invalid', 'Provisioning', 'Deprovisioned'] as const;
export const EMERGENCY_VISIBILITIES = ['Private', 'Public'] as const;
export const EMERGENCY_SYNC_STATUSES = [
  'Verified',
  'Updated',
  'Deleted',
  'NotRequired',
  'Unsupported',
  'Failed',
] as const;
export const ADDRESS_EDITABLE_STATUSES = ['MainDevice', 'AnyDevice'] as const;
export const SHIPPING_STATUSES = ['Initial', 'Accepted', 'Shipped', "Won't ship"] as const;
/** RingCentral's shipping methods: id → name. */
export const SHIPPING_METHODS = { '1': 'Ground', '2': '2 Day', '3': 'Overnight' } as const;

export const EmergencyAddress = Block(
  {
    country: Text(100),
    countryId: Text(64),
    countryIsoCode: Text(10, COUNTRY_ISO),
    countryName: Text(200),
    state: Text(100),
    stateId: Text(64),
    stateIsoCode: Text(10),
    stateName: Text(200),
    city: Text(200),
    street: Text(300),
    street2: Text(300),
    zip: Text(20),
    customerName: Text(200),
    outOfCountry: Flag('The address is outside the country of the account.'),
    buildingName: Text(200),
    streetType: Text(50),
    buildingNumber: Text(50),
  },
  'The address emergency services are sent to.',
);

export const EmergencyInfo = Block(
  {
    address: Type.Optional(EmergencyAddress),
    location: Type.Optional(
      Block(
        {
          id: Text(64),
          name: Text(200),
          addressFormatId: Text(64),
          addressFormatStatus: OneOf(ADDRESS_FORMAT_STATUSES),
        },
        'The emergency location (RingCentral emergency map) of the device.',
      ),
    ),
    outOfCountry: Flag('The device is outside the country of the account.'),
    addressStatus: OneOf(EMERGENCY_ADDRESS_STATUSES),
    visibility: OneOf(EMERGENCY_VISIBILITIES),
    syncStatus: OneOf(EMERGENCY_SYNC_STATUSES),
    addressEditableStatus: OneOf(ADDRESS_EDITABLE_STATUSES),
  },
  "RingCentral's DeviceEmergencyInfo. Only a device with an owner has one (DEV-129).",
);
export type EmergencyInfo = Static<typeof EmergencyInfo>;

export const ShippingInfo = Block(
  {
    status: OneOf(SHIPPING_STATUSES),
    carrier: Text(100),
    trackingNumber: Text(100),
    method: Type.Optional(
      Block(
        {
          id: OneOf(Object.keys(SHIPPING_METHODS)),
          name: OneOf(Object.values(SHIPPING_METHODS)),
        },
        'One choice: 1 Ground, 2 "2 Day", 3 Overnight. Given one member, the other is filled in.',
      ),
    ),
    address: Type.Optional(
      Block(
        {
          customerName: Text(200),
          street: Text(300),
          street2: Text(300),
          city: Text(200),
          state: Text(100),
          stateId: Text(64),
          stateIsoCode: Text(10),
          stateName: Text(200),
          countryId: Text(64),
          countryIsoCode: Text(10, COUNTRY_ISO),
          country: Text(100),
          countryName: Text(200),
          zip: Text(20),
          taxId: Text(50),
        },
        'Where the device is shipped to.',
      ),
    ),
  },
  "RingCentral's ShippingInfo: HardPhone, SoftPhone and OtherPhone only (phones, or e911 stickers for the others).",
);
export type ShippingInfo = Static<typeof ShippingInfo>;

const Charge = Block(
  {
    description: Text(500),
    amount: Amount(),
    feature: Text(100),
    freeServiceCredit: Amount(),
  },
  'One charge of the statement.',
);
const Fee = Block({ description: Text(500), amount: Amount(), freeServiceCredit: Amount() }, 'One fee.');

export const BillingStatement = Block(
  {
    currency: Text(10, 'ISO 4217, upper case (USD).'),
    charges: Type.Optional(Type.Array(Charge, { maxItems: 100 })),
    fees: Type.Optional(Type.Array(Fee, { maxItems: 100 })),
    totalCharged: Amount(),
    totalCharges: Amount(),
    totalFees: Amount(),
    subtotal: Amount(),
    totalFreeServiceCredit: Amount(),
  },
  'RingCentral\'s BillingStatementInfo. Amounts are numbers; writes may send numeric strings ("0.99").',
);
export type BillingStatement = Static<typeof BillingStatement>;

/** A block as a write may send it: any member may be null, and an amount may be a numeric string. */
export type BlockWrite<T> = T extends number
  ? number | string
  : T extends readonly (infer U)[]
    ? BlockWrite<U>[]
    : T extends object
      ? { [K in keyof T]?: BlockWrite<T[K]> | null }
      : T;

/** A decimal number written as a string; bounded so it stays a double without surprises. */
const NUMERIC_STRING = '^-?\\d{1,15}(\\.\\d{1,6})?$';

interface SchemaNode {
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  [keyword: string]: unknown;
}

/** The write form of a read schema: members nullable, amounts a number or a numeric string. */
function writeSchemaOf(schema: SchemaNode): SchemaNode {
  const { type, properties, items, required: _required, ...rest } = schema;
  if (type === 'object' && properties) {
    const members = Object.fromEntries(
      Object.entries(properties).map(([name, member]) => {
        const write = writeSchemaOf(member);
        const nullable: SchemaNode = { ...write, type: [...[write.type ?? []].flat(), 'null'] };
        if (Array.isArray(write.enum)) nullable.enum = [...(write.enum as unknown[]), null];
        return [name, nullable];
      }),
    );
    return { ...rest, type, properties: members };
  }
  if (type === 'array' && items) return { ...rest, type, items: writeSchemaOf(items) };
  if (type === 'number') return { ...rest, type: ['number', 'string'], pattern: NUMERIC_STRING, maxLength: 30 };
  return { ...schema };
}

/** The nullable write schema of a block, as a device body member. */
function writable<T extends TSchema>(schema: T) {
  const write = writeSchemaOf(schema as unknown as SchemaNode);
  return Type.Unsafe<BlockWrite<Static<T>> | null>({ ...write, type: ['object', 'null'] });
}

export const EmergencyInfoWrite = writable(EmergencyInfo);
export const ShippingInfoWrite = writable(ShippingInfo);
export const BillingStatementWrite = writable(BillingStatement);

export const RINGCENTRAL_BLOCKS = ['emergency', 'shipping', 'billing'] as const;
export type RingCentralBlockName = (typeof RINGCENTRAL_BLOCKS)[number];

const BLOCKS = {
  emergency: { read: EmergencyInfo, write: Compile(EmergencyInfoWrite) },
  shipping: { read: ShippingInfo, write: Compile(ShippingInfoWrite) },
  billing: { read: BillingStatement, write: Compile(BillingStatementWrite) },
} as const;

export interface CanonicalBlocks {
  readonly emergency: EmergencyInfo | null;
  readonly shipping: ShippingInfo | null;
  readonly billing: BillingStatement | null;
}

export type BlocksResult =
  { readonly ok: true; readonly blocks: CanonicalBlocks } | { readonly ok: false; readonly violation: RuleViolation };

/**
 * Checks the three blocks of a device document (as written or merged; also blocks stored before these rules)
 * and returns them in canonical form, or the first rule one breaks.
 */
export function checkRingCentralBlocks(input: Record<RingCentralBlockName, unknown>): BlocksResult {
  const out: Record<string, unknown> = {};
  for (const name of RINGCENTRAL_BLOCKS) {
    const value = input[name];
    if (value === null || value === undefined) {
      out[name] = null;
      continue;
    }
    const { read, write } = BLOCKS[name];
    if (!write.Check(value)) return { ok: false, violation: schemaViolation(name, write.Errors(value)) };
    const canonical = canonicalOf(read as unknown as SchemaNode, value);
    const block = canonical === undefined ? null : (canonical as Record<string, unknown>);
    const broken = block === null ? undefined : BLOCK_RULES[name](block);
    if (broken) return { ok: false, violation: broken };
    out[name] = block;
  }
  return { ok: true, blocks: out as unknown as CanonicalBlocks };
}

interface SchemaError {
  readonly keyword: string;
  readonly instancePath: string;
  readonly params: unknown;
  readonly message: string;
}

/** The first schema error as a violation naming the full path (`emergency.address.colour`). */
function schemaViolation(block: string, errors: Iterable<SchemaError>): RuleViolation {
  for (const error of errors) {
    const path = [block, ...error.instancePath.split('/').slice(1)].join('.');
    const extra = (error.params as { additionalProperties?: string[] }).additionalProperties?.[0];
    if (
      error.keyword === 'additionalProperties' ||
      (error.keyword === 'boolean' && error.message === 'schema is false')
    ) {
      const field = extra === undefined ? path : `${path}.${extra}`;
      return { field, rule: 'unknown_member', message: `'${field}' is not a member of ${block}.` };
    }
    return { field: path, rule: error.keyword, message: `${path} ${error.message}.` };
  }
  return { field: block, rule: 'invalid', message: `${block} is not valid.` };
}

/**
 * A checked write value in canonical form: nulls and empty objects left out, amounts as numbers; undefined
 * when nothing is left. Members keep the order they were written in, so a block read back and merged is
 * stored as the same text (an unchanged device is then not rewritten).
 */
function canonicalOf(schema: SchemaNode, value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (schema.type === 'object' && schema.properties) {
    const out: Record<string, unknown> = {};
    for (const [name, member] of Object.entries(value as Record<string, unknown>)) {
      const memberSchema = schema.properties[name];
      const canonical = memberSchema === undefined ? undefined : canonicalOf(memberSchema, member);
      if (canonical !== undefined) out[name] = canonical;
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }
  if (schema.type === 'array' && schema.items) {
    const items = schema.items;
    return (value as unknown[]).map((item) => canonicalOf(items, item) ?? {});
  }
  if (schema.type === 'number') return typeof value === 'string' ? Number(value) : value;
  return value;
}

const ISO_COUNTRY = /^[A-Z]{2}$/;
const ISO_CURRENCY = /^[A-Z]{3}$/;

type Canonical = Record<string, unknown>;
const objectAt = (value: unknown): Canonical | undefined =>
  typeof value === 'object' && value !== null ? (value as Canonical) : undefined;

function countryCodeViolation(address: Canonical | undefined, field: string): RuleViolation | undefined {
  const code = address?.countryIsoCode;
  if (typeof code !== 'string' || ISO_COUNTRY.test(code)) return undefined;
  return {
    field,
    rule: 'iso_country_code',
    message: `'${code}' is not an ISO 3166-1 alpha-2 country code: two upper-case letters, e.g. US.`,
  };
}

/** The rules inside each block; may complete the block (the shipping method). */
const BLOCK_RULES: Record<RingCentralBlockName, (block: Canonical) => RuleViolation | undefined> = {
  emergency: (block) => countryCodeViolation(objectAt(block.address), 'emergency.address.countryIsoCode'),
  shipping: (block) => {
    const method = objectAt(block.method);
    if (method) {
      const id = method.id as keyof typeof SHIPPING_METHODS | undefined;
      const name = method.name as string | undefined;
      const idOfName = Object.entries(SHIPPING_METHODS).find(([, n]) => n === name)?.[0];
      if (id !== undefined && name !== undefined && SHIPPING_METHODS[id] !== name) {
        return {
          field: 'shipping.method.name',
          rule: 'shipping_method_mismatch',
          message: `Shipping method ${id} is '${SHIPPING_METHODS[id]}', not '${name}'.`,
        };
      }
      block.method = { ...method, id: id ?? idOfName, name: name ?? (id && SHIPPING_METHODS[id]) };
    }
    return countryCodeViolation(objectAt(block.address), 'shipping.address.countryIsoCode');
  },
  billing: (block) => {
    const currency = block.currency;
    if (typeof currency === 'string' && !ISO_CURRENCY.test(currency)) {
      return {
        field: 'billing.currency',
        rule: 'iso_currency_code',
        message: `'${currency}' is not an ISO 4217 currency code: three upper-case letters, e.g. USD.`,
      };
    }
    return undefined;
  },
};
