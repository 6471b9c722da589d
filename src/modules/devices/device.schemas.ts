/** The native device resource and the device list parameters. Response schemas are allowlists. */
import { type Static, Type } from 'typebox';
import { fieldNames, Instant, listParameters, Nullable, wireResource } from '../../http/schemas.js';
import { Provenance } from '../presenting.js';
import { BillingStatement, EmergencyInfo, ShippingInfo } from './ringcentral-blocks.js';

export const DEVICE_KINDS = [
  'HardPhone',
  'SoftPhone',
  'OtherPhone',
  'Headset',
  'Base',
  'Dongle',
  'Room',
  'Paging',
  'WebRTC',
  'WebPhone',
  'BLA',
] as const;
/** A supervisor's monitoring session, recorded on the device it monitors from. */
export const MonitoringSession = Type.Object(
  {
    state: Type.String(),
    mode: Nullable(Type.String()),
    scope: Nullable(Type.String()),
    targetDeviceId: Nullable(Type.String()),
    supervisorId: Nullable(Type.String()),
    muted: Type.Boolean({ description: 'Whether the session mutes the monitored user.' }),
  },
  { additionalProperties: false, description: 'The session this device monitors another device from.' },
);

export const DEVICE_STATUSES = ['Online', 'Offline'] as const;
export const COMPLIANCE_STATES = ['compliant', 'noncompliant', 'unknown'] as const;

const Sighting = Type.Object(
  {
    seenAt: Instant,
    clientInstanceId: Nullable(Type.String()),
    hostname: Nullable(Type.String()),
    hostOs: Nullable(Type.String()),
    hostOsVersion: Nullable(Type.String()),
    softphone: Nullable(
      Type.Object({
        name: Nullable(Type.String()),
        pluginId: Nullable(Type.String()),
        vendor: Nullable(Type.String()),
        version: Nullable(Type.String()),
      }),
    ),
    username: Nullable(Type.String()),
    firstName: Nullable(Type.String()),
    lastName: Nullable(Type.String()),
    userGroups: Type.Array(Type.String(), { description: 'Highest priority first.' }),
  },
  { additionalProperties: false },
);

const DeviceShape = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    kind: Type.String({ enum: [...DEVICE_KINDS] }),
    name: Type.String(),
    displayId: Nullable(Type.String({ description: 'Tattoo id if the device has one, otherwise its serial.' })),
    serial: Nullable(Type.String()),
    mac: Nullable(Type.String({ description: 'Twelve upper-case hex digits.' })),
    ip: Nullable(Type.String()),
    status: Type.String({ enum: [...DEVICE_STATUSES] }),
    activationState: Nullable(Type.String()),
    product: Nullable(
      Type.Object(
        {
          id: Type.String(),
          manufacturer: Type.String(),
          family: Nullable(Type.String()),
          modelId: Type.String(),
          name: Type.String(),
          type: Type.String(),
          usbVendorId: Nullable(Type.String()),
          usbProductId: Nullable(Type.String()),
          sku: Nullable(Type.String()),
        },
        { additionalProperties: false },
      ),
    ),
    owner: Nullable(
      Type.Object(
        {
          type: Type.String({ enum: ['person', 'workspace', 'virtualLine'] }),
          id: Type.String(),
          name: Type.String({
            description: "Display name of the person, workspace or virtual line (a line's caller id if it has none).",
          }),
          username: Type.Optional(Type.String()),
        },
        { additionalProperties: false },
      ),
    ),
    site: Nullable(Type.Object({ id: Type.String(), name: Type.String() }, { additionalProperties: false })),
    tags: Type.Array(Type.String()),
    firmware: Type.Object(
      {
        main: Nullable(Type.String()),
        base: Nullable(Type.String()),
        headset: Nullable(Type.String()),
        bluetooth: Nullable(Type.String()),
        usb: Nullable(Type.String()),
        available: Nullable(Type.String({ description: 'Latest main firmware the manufacturer published.' })),
        updateId: Nullable(Type.String()),
      },
      { additionalProperties: false },
    ),
    compliance: Type.Object(
      {
        status: Type.String({ enum: [...COMPLIANCE_STATES] }),
        policyId: Nullable(Type.String()),
        targetVersion: Nullable(Type.String()),
      },
      { additionalProperties: false },
    ),
    upgradeChannel: Nullable(Type.String()),
    managedBy: Nullable(Type.String()),
    sip: Nullable(
      Type.Object(
        {
          userName: Nullable(Type.String()),
          linePort: Nullable(Type.String()),
          outboundProxy: Nullable(Type.String()),
        },
        { additionalProperties: false },
      ),
    ),
    hotDesk: Type.Boolean(),
    commonPhone: Type.Boolean(),
    linePooling: Nullable(Type.String()),
    telephonyNetwork: Nullable(Type.String()),
    doNotDisturb: Type.Boolean(),
    forwardTo: Nullable(Type.String()),
    monitoring: Nullable(MonitoringSession),
    computerName: Nullable(Type.String()),
    emergency: Nullable(EmergencyInfo),
    shipping: Nullable(ShippingInfo),
    billing: Nullable(BillingStatement),
    connectedDevices: Type.Array(
      Type.Object(
        {
          component: Type.String(),
          deviceId: Nullable(Type.String()),
          displayId: Nullable(Type.String()),
          family: Nullable(Type.String()),
          modelId: Nullable(Type.String()),
          name: Nullable(Type.String()),
        },
        { additionalProperties: false },
      ),
    ),
    firstSeen: Nullable(Sighting),
    lastSeen: Nullable(Sighting),
    lines: Type.Array(
      Type.Object(
        {
          position: Type.Integer(),
          lineType: Type.String(),
          phoneNumberId: Type.String(),
          number: Type.String(),
          e164: Nullable(Type.String()),
          countryCode: Nullable(Type.String()),
          callingCode: Nullable(Type.String()),
          nationalFormat: Nullable(Type.String()),
          location: Nullable(Type.String()),
        },
        { additionalProperties: false },
      ),
    ),
    lastSeenAt: Nullable(Instant),
    provenance: Provenance,
    createdAt: Instant,
    updatedAt: Instant,
    version: Type.Integer(),
  },
  { additionalProperties: false },
);
export type DeviceView = Static<typeof DeviceShape>;
export type DeviceField = keyof DeviceView;
export const DEVICE_FIELDS = fieldNames(DeviceShape);

export const Device = wireResource(DeviceShape, 'Device', 'A device');

export const DeviceListQuery = Type.Object(
  {
    ...listParameters,
    sort: Type.Optional(Type.String({ description: 'id (default), name; prefix with - for descending.' })),
    manufacturer: Type.Optional(Type.String({ maxLength: 200, description: 'Manufacturer name, any case.' })),
    kind: Type.Optional(Type.String({ enum: [...DEVICE_KINDS] })),
    status: Type.Optional(Type.String({ enum: [...DEVICE_STATUSES] })),
    product: Type.Optional(Type.String({ maxLength: 200, description: 'Product id, model id or name.' })),
    productType: Type.Optional(Type.String({ maxLength: 50, description: 'USB, Bluetooth, DECT, SIP, Soft, Room…' })),
    userGroup: Type.Optional(Type.String({ maxLength: 200, description: 'User group id or name.' })),
    site: Type.Optional(Type.String({ maxLength: 200, description: 'Site id or name.' })),
    owner: Type.Optional(
      Type.String({ maxLength: 200, description: 'Person id, workspace id, virtual line id or username.' }),
    ),
    tag: Type.Optional(
      Type.Array(Type.String({ maxLength: 200 }), { maxItems: 20, description: 'Repeat to require several tags.' }),
    ),
    compliance: Type.Optional(Type.String({ enum: [...COMPLIANCE_STATES] })),
    q: Type.Optional(Type.String({ maxLength: 200, description: 'Substring of name, serial, display id or MAC.' })),
  },
  { additionalProperties: false },
);
export type DeviceListQuery = Static<typeof DeviceListQuery>;
