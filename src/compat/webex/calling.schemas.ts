/**
 * Webex Calling request and response schemas (vendor-apis.md §3.5, §3.6). Responses are allowlists; request
 * bodies refuse unknown members; query strings ignore unknown parameters (Webex's back end does).
 */
import { type Static, Type } from 'typebox';

const WebexIdString = Type.String({ minLength: 1, maxLength: 300 });
const Location = Type.Object({ id: Type.String(), name: Type.String() }, { additionalProperties: false });
const MemberType = Type.Union([Type.Literal('PEOPLE'), Type.Literal('PLACE'), Type.Literal('VIRTUAL_LINE')]);
const LineType = Type.Union([Type.Literal('PRIMARY'), Type.Literal('SHARED_CALL_APPEARANCE')]);

export const OrgQuery = Type.Object({ orgId: Type.Optional(Type.String({ maxLength: 300 })) });
export const DeviceParams = Type.Object({ deviceId: WebexIdString });
export const PersonParams = Type.Object({ personId: WebexIdString });
export const WorkspaceParams = Type.Object({ workspaceId: WebexIdString });

export const CallingDevice = Type.Object(
  {
    manufacturer: Type.String(),
    managedBy: Type.String(),
    id: Type.String(),
    ip: Type.String(),
    mac: Type.Optional(Type.String()),
    model: Type.String(),
    activationState: Type.Optional(Type.String()),
    description: Type.Array(Type.String()),
    upgradeChannelEnabled: Type.Boolean(),
    owner: Type.Optional(
      Type.Object(
        { sipUserName: Type.String(), linePort: Type.Optional(Type.String()) },
        { additionalProperties: false },
      ),
    ),
    proxy: Type.Optional(Type.Object({ outboundProxy: Type.String() }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);

export const Members = Type.Object(
  {
    model: Type.String(),
    members: Type.Array(
      Type.Object(
        {
          id: Type.String(),
          firstName: Type.String(),
          lastName: Type.String(),
          phoneNumber: Type.Optional(Type.String()),
          extension: Type.Optional(Type.String()),
          primaryOwner: Type.Boolean(),
          port: Type.Integer(),
          t38FaxCompressionEnabled: Type.Boolean(),
          lineType: LineType,
          lineWeight: Type.Integer(),
          hotlineEnabled: Type.Boolean(),
          hotlineDestination: Type.String(),
          allowCallDeclineEnabled: Type.Boolean(),
          linePort: Type.Optional(Type.String()),
          memberType: MemberType,
          location: Type.Optional(Location),
        },
        { additionalProperties: false },
      ),
    ),
    maxLineCount: Type.Integer(),
  },
  { additionalProperties: false },
);

/** The members PUT: Webex's required members are required; those Ucfleet cannot hold are checked by the route. */
export const MembersBody = Type.Object(
  {
    members: Type.Array(
      Type.Object(
        {
          port: Type.Integer({ minimum: 1, maximum: 64 }),
          id: WebexIdString,
          t38FaxCompressionEnabled: Type.Optional(Type.Boolean()),
          primaryOwner: Type.Boolean(),
          lineType: LineType,
          lineWeight: Type.Integer({ minimum: 1, maximum: 64 }),
          hotlineEnabled: Type.Boolean(),
          hotlineDestination: Type.String({ maxLength: 64 }),
          allowCallDeclineEnabled: Type.Boolean(),
          lineLabel: Type.Optional(Type.String({ maxLength: 64 })),
        },
        { additionalProperties: false },
      ),
      { maxItems: 64 },
    ),
  },
  { additionalProperties: false },
);
export type MembersBody = Static<typeof MembersBody>;

const memberSearch = {
  orgId: Type.Optional(Type.String({ maxLength: 300 })),
  memberName: Type.Optional(Type.String({ maxLength: 200 })),
  phoneNumber: Type.Optional(Type.String({ maxLength: 40 })),
  extension: Type.Optional(Type.String({ maxLength: 40 })),
  locationId: Type.Optional(Type.String({ maxLength: 300 })),
  usageType: Type.Optional(Type.Union([Type.Literal('DEVICE_OWNER'), Type.Literal('SHARED_LINE')])),
};
export const AvailableMembersQuery = Type.Object({
  ...memberSearch,
  start: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000_000 })),
  max: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000_000 })),
  order: Type.Optional(Type.String({ maxLength: 20 })),
});
export type AvailableMembersQuery = Static<typeof AvailableMembersQuery>;
export const MemberCountQuery = Type.Object(memberSearch);
export const OrgMemberCountQuery = Type.Object({
  ...memberSearch,
  excludeVirtualLine: Type.Optional(Type.Boolean()),
  deviceLocationId: Type.Optional(Type.String({ maxLength: 300 })),
});

export const AvailableMembers = Type.Object(
  {
    members: Type.Array(
      Type.Object(
        {
          id: Type.String(),
          firstName: Type.String(),
          lastName: Type.String(),
          phoneNumber: Type.Optional(Type.String()),
          extension: Type.Optional(Type.String()),
          t38FaxCompressionEnabled: Type.Boolean(),
          lineType: LineType,
          allowCallDeclineEnabled: Type.Boolean(),
          memberType: MemberType,
          location: Type.Optional(Location),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export const TotalCount = Type.Object({ totalCount: Type.Integer() }, { additionalProperties: false });

export const ValidateMacsBody = Type.Object(
  { macs: Type.Array(Type.String({ maxLength: 64 }), { maxItems: 1000 }) },
  { additionalProperties: false },
);
export const MacValidation = Type.Object(
  {
    status: Type.Union([Type.Literal('OK'), Type.Literal('ERRORS')]),
    macStatus: Type.Array(
      Type.Object(
        {
          mac: Type.String(),
          state: Type.String(),
          errorCode: Type.Optional(Type.Integer()),
          message: Type.Optional(Type.String()),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

const OwnedDevice = (withModelType: boolean) =>
  Type.Object(
    {
      id: Type.String(),
      description: Type.Array(Type.String()),
      model: Type.String(),
      ...(withModelType ? { modelType: Type.Optional(Type.String()) } : {}),
      mac: Type.Optional(Type.String()),
      ipAddress: Type.Optional(Type.String()),
      primaryOwner: Type.Boolean(),
      type: Type.String(),
      hoteling: Type.Object(
        { enabled: Type.Boolean(), limitGuestUse: Type.Boolean(), guestHoursLimit: Type.Optional(Type.Integer()) },
        { additionalProperties: false },
      ),
      owner: Type.Object(
        { id: Type.String(), type: MemberType, firstName: Type.String(), lastName: Type.String() },
        { additionalProperties: false },
      ),
      activationState: Type.String(),
    },
    { additionalProperties: false },
  );
const deviceList = (withModelType: boolean) =>
  Type.Object(
    {
      devices: Type.Array(OwnedDevice(withModelType)),
      maxDeviceCount: Type.Integer(),
      maxOwnedDeviceCount: Type.Integer(),
    },
    { additionalProperties: false },
  );
export const PersonDevices = deviceList(true);
export const WorkspaceDevices = deviceList(false);
export const PersonDeviceCount = Type.Object(
  { totalDeviceCount: Type.Integer(), applicationsCount: Type.Integer() },
  { additionalProperties: false },
);

export const SupportedDevicesQuery = Type.Object({
  orgId: Type.Optional(Type.String({ maxLength: 300 })),
  allowConfigureLayoutEnabled: Type.Optional(Type.Boolean()),
  type: Type.Optional(Type.String({ maxLength: 40 })),
});
export const SupportedDevices = Type.Object(
  {
    upgradeChannelList: Type.Array(Type.String()),
    devices: Type.Array(Type.Record(Type.String(), Type.Unknown())),
  },
  { additionalProperties: false },
);
