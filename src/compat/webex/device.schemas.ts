/**
 * The Webex Devices API (vendor-apis.md §3.2–3.4): the list parameters of `GET /devices`, the bodies of
 * create and activation code, and the Device object (an allowlist, in the spec's field order). Absent values
 * are left out, as Webex leaves them out; only `created` is always present. Unknown query parameters are
 * ignored as Webex ignores them; unknown body members are refused (400 naming them).
 */
import { type Static, Type } from 'typebox';

export const CONNECTION_STATUSES = [
  'connected',
  'disconnected',
  'connected_with_issues',
  'offline_expired',
  'activating',
  'unknown',
  'offline_deep_sleep',
] as const;
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];
export const DEVICE_TYPES = ['roomdesk', 'phone', 'accessory', 'webexgo', 'unknown'] as const;
export type WebexDeviceType = (typeof DEVICE_TYPES)[number];
export const DEVICE_PLATFORMS = ['cisco', 'microsoftTeamsRoom'] as const;
export const MAINTENANCE_MODES = ['off', 'on', 'upcoming'] as const;
export const CAPABILITIES = ['xapi'] as const;
export const PERMISSIONS = ['xapi:readonly', 'xapi:all'] as const;

const Text = (maxLength: number) => Type.String({ maxLength });
const WebexIdParam = Type.String({ maxLength: 300 });

export const DeviceListQuery = Type.Object({
  max: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, description: 'Clamped to 1000.' })),
  start: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000, description: 'Offset; default 0.' })),
  orgId: Type.Optional(WebexIdParam),
  displayName: Type.Optional(Text(1000)),
  personId: Type.Optional(WebexIdParam),
  workspaceId: Type.Optional(WebexIdParam),
  connectionStatus: Type.Optional(Type.String({ enum: [...CONNECTION_STATUSES] })),
  product: Type.Optional(Text(200)),
  type: Type.Optional(Type.String({ enum: [...DEVICE_TYPES] })),
  serial: Type.Optional(Text(100)),
  tag: Type.Optional(Type.Array(Text(2000), { maxItems: 50 })),
  software: Type.Optional(Text(200)),
  upgradeChannel: Type.Optional(Text(100)),
  errorCode: Type.Optional(Text(200)),
  capability: Type.Optional(Type.String({ enum: [...CAPABILITIES] })),
  permission: Type.Optional(Type.String({ enum: [...PERMISSIONS] })),
  locationId: Type.Optional(WebexIdParam),
  workspaceLocationId: Type.Optional(WebexIdParam),
  mac: Type.Optional(Text(64)),
  devicePlatform: Type.Optional(Type.String({ enum: [...DEVICE_PLATFORMS] })),
  plannedMaintenance: Type.Optional(Type.String({ enum: [...MAINTENANCE_MODES] })),
});
export type DeviceListQuery = Static<typeof DeviceListQuery>;

export const OrgQuery = Type.Object({ orgId: Type.Optional(WebexIdParam) });
export const DeviceIdParams = Type.Object({ deviceId: Type.String({ maxLength: 300 }) });

const OwnerRef = (description: string) => Type.Optional(Type.String({ minLength: 1, maxLength: 300, description }));

export const CreateDeviceBody = Type.Object(
  {
    mac: Type.String({ minLength: 1, maxLength: 64, description: 'Any case; bare, colons, hyphens or dotted.' }),
    model: Type.String({ minLength: 1, maxLength: 200, description: 'A catalogue product, by name or model id.' }),
    workspaceId: OwnerRef('The owning workspace (Webex id). Not with personId.'),
    personId: OwnerRef('The owning person (Webex id). Not with workspaceId.'),
    password: Type.Optional(Type.String({ maxLength: 200, description: 'Refused: Ucfleet stores no SIP passwords.' })),
  },
  { additionalProperties: false },
);
export type CreateDeviceBody = Static<typeof CreateDeviceBody>;

export const ActivationCodeBody = Type.Object(
  {
    workspaceId: OwnerRef('The workspace the device is for (Webex id). Not with personId.'),
    personId: OwnerRef('The person the device is for (Webex id). Not with workspaceId.'),
    model: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Required by Ucfleet.' })),
  },
  { additionalProperties: false },
);
export type ActivationCodeBody = Static<typeof ActivationCodeBody>;

export const ActivationCode = Type.Object(
  { code: Type.String(), expiryTime: Type.String() },
  { additionalProperties: false },
);

const Optional = Type.Optional;
const Str = () => Type.String();

export const WebexDevice = Type.Object(
  {
    id: Str(),
    callingDeviceId: Optional(Str()),
    displayName: Str(),
    workspaceId: Optional(Str()),
    personId: Optional(Str()),
    orgId: Optional(Str()),
    capabilities: Type.Array(Str()),
    permissions: Type.Array(Str()),
    connectionStatus: Str(),
    product: Optional(Str()),
    type: Str(),
    tags: Type.Array(Str()),
    ip: Optional(Str()),
    mac: Optional(Str()),
    primarySipUrl: Optional(Str()),
    sipUrls: Type.Array(Str()),
    serial: Optional(Str()),
    software: Optional(Str()),
    upgradeChannel: Optional(Str()),
    created: Str(),
    locationId: Optional(Str()),
    errorCodes: Type.Array(Str()),
    firstSeen: Optional(Str()),
    lastSeen: Optional(Str()),
    managedBy: Optional(Str()),
    devicePlatform: Optional(Str()),
    plannedMaintenance: Type.Object({ mode: Str() }),
  },
  { additionalProperties: false },
);
export type WebexDevice = Static<typeof WebexDevice>;

export const DeviceCollection = Type.Object({ items: Type.Array(WebexDevice) }, { additionalProperties: false });
