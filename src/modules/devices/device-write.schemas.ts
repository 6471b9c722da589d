/**
 * The bodies of the device writes: POST and PUT (the whole writable document) and PATCH (a JSON merge
 * patch of it). Unknown members are refused (400 naming them); identity, tenancy, bookkeeping, provenance
 * and derived fields (firmware, compliance, lines, sightings) are not writable here. Rules that need more
 * than a schema (MAC syntax, SKU grammar, RingCentral's and Webex's device rules, references) are checked
 * by the service, which names the field and the rule.
 * The RingCentral blocks emergency, shipping and billing are typed by ringcentral-blocks.ts.
 */
import { type Static, Type } from 'typebox';
import { Nullable } from '../../http/schemas.js';
import { DEVICE_KINDS, DEVICE_STATUSES } from './device.schemas.js';
import { BillingStatementWrite, EmergencyInfoWrite, ShippingInfoWrite } from './ringcentral-blocks.js';

const Id = (description: string) => Nullable(Type.String({ minLength: 1, maxLength: 64, description }));
const Text = (maxLength: number, description?: string) =>
  Nullable(Type.String({ maxLength, ...(description ? { description } : {}) }));

const Sip = Type.Object(
  {
    userName: Type.Optional(Text(200)),
    linePort: Type.Optional(Text(200)),
    outboundProxy: Type.Optional(Text(500)),
  },
  { additionalProperties: false },
);

/** Every writable member; POST and PUT require kind, PATCH requires nothing. */
const writable = {
  kind: Type.String({ enum: [...DEVICE_KINDS] }),
  name: Text(1000, 'Mandatory for SoftPhone and OtherPhone; otherwise defaults to the product name.'),
  productId: Id('A catalogue product id.'),
  sku: Type.String({
    maxLength: 100,
    description: 'Names the product by its RingCentral SKU (TP-ID[-AT-AC], e.g. HP-56-2-2). Not stored: see product.',
  }),
  boxBillingId: Type.Integer({
    description: "Names a HardPhone's product by its RingCentral boxBillingId. Not stored: see product.",
  }),
  mac: Text(64, 'Any case; bare, 00:11:22:33:44:AA, 00-11-22-33-44-AA or 0011.2233.44AA. Unique in the tenant.'),
  serial: Nullable(Type.String({ minLength: 1, maxLength: 100, description: 'Unique per manufacturer.' })),
  status: Type.String({ enum: [...DEVICE_STATUSES] }),
  personId: Id('The owning person; a device has at most one owner: a person, a workspace or a virtual line.'),
  workspaceId: Id('The owning workspace (a limited extension in RingCentral terms).'),
  virtualLineId: Id('The owning virtual line (Webex Calling).'),
  siteId: Id('The site the device is at.'),
  tags: Type.Array(Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' }), {
    maxItems: 100,
    uniqueItems: true,
    description: 'The whole tag set: a write replaces it.',
  }),
  upgradeChannel: Text(100),
  managedBy: Text(100),
  sip: Nullable(Sip),
  hotDesk: Type.Boolean(),
  commonPhone: Type.Boolean({ description: "RingCentral's useAsCommonPhone: workspace-owned devices only." }),
  linePooling: Text(20, 'Host, Guest or None.'),
  computerName: Text(200, 'SoftPhone only.'),
  emergency: EmergencyInfoWrite,
  shipping: ShippingInfoWrite,
  billing: BillingStatementWrite,
};

const { kind, ...optional } = writable;
const optionalMembers = Object.fromEntries(Object.entries(optional).map(([k, v]) => [k, Type.Optional(v)])) as {
  [K in keyof typeof optional]: ReturnType<typeof Type.Optional<(typeof optional)[K]>>;
};

export const DeviceBody = Type.Object(
  { kind, ...optionalMembers },
  {
    additionalProperties: false,
    description: 'The writable fields of a device. On PUT a missing member becomes null, false, [] or Offline.',
  },
);
export type DeviceBody = Static<typeof DeviceBody>;

export const DevicePatchBody = Type.Object(
  { kind: Type.Optional(kind), ...optionalMembers },
  {
    additionalProperties: false,
    description: 'A JSON merge patch (RFC 7396): members present are set, null clears a nullable member.',
  },
);
export type DevicePatchBody = Static<typeof DevicePatchBody>;

export const DeviceIdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
