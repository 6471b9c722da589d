/**
 * Webex Calling device-settings schemas (the spec extract's getDeviceSettings / updateDeviceSettings, location
 * and organization settings, person and workspace compression, hoteling, line-key layout, third-party SIP
 * password). The customizations and the layout are the canonical schemas (src/modules/devices). Request bodies
 * refuse unknown members; responses are allowlists.
 */
import { Type } from 'typebox';
import { DeviceCustomizations, FleetCustomizations } from '../../modules/devices/device-customizations.schemas.js';

const Integer = Type.Integer();

export const DeviceSettingsQuery = Type.Object({
  orgId: Type.Optional(Type.String({ maxLength: 300 })),
  // Named by the spec; every family is answered whatever the model (docs/compat/webex.md).
  deviceModel: Type.Optional(Type.String({ maxLength: 200 })),
});
export const LocationParams = Type.Object({ locationId: Type.String({ minLength: 1, maxLength: 300 }) });

export const DeviceSettings = Type.Object(
  {
    customizations: DeviceCustomizations,
    customEnabled: Type.Boolean(),
    updateInProgress: Type.Boolean(),
    deviceCount: Integer,
    lastUpdateTime: Integer,
  },
  { additionalProperties: false },
);
export const DeviceSettingsBody = Type.Object(
  { customizations: DeviceCustomizations, customEnabled: Type.Boolean() },
  { additionalProperties: false },
);
export const LocationDeviceSettings = Type.Object(
  {
    customizations: FleetCustomizations,
    customEnabled: Type.Boolean(),
    updateInProgress: Type.Boolean(),
    deviceCount: Integer,
    lastUpdateTime: Integer,
  },
  { additionalProperties: false },
);
export const OrganizationDeviceSettings = Type.Object(
  {
    customizations: FleetCustomizations,
    updateInProgress: Type.Boolean(),
    deviceCount: Integer,
    lastUpdateTime: Integer,
  },
  { additionalProperties: false },
);

export const CompressionSettings = Type.Object(
  { compression: Type.Enum(['ON', 'OFF']) },
  { additionalProperties: false },
);

/** Hours a hoteling guest may keep a device (SILENT in the spec: 1 to 999). */
export const GUEST_HOURS_MAX = 999;
const HotelingFields = {
  enabled: Type.Boolean(),
  limitGuestUse: Type.Optional(Type.Boolean()),
  guestHoursLimit: Type.Optional(Type.Integer({ minimum: 1, maximum: GUEST_HOURS_MAX })),
};
export const Hoteling = Type.Object(HotelingFields, { additionalProperties: false });
export const PersonHotelingBody = Type.Object({ hoteling: Hoteling }, { additionalProperties: false });
/**
 * modifyWorkspaceDevices: the spec's body is the hoteling object itself ({enabled, limitGuestUse,
 * guestHoursLimit}); Webex's documentation also shows {enabledForMultipleDevices, hoteling:{…}}. Both forms are
 * accepted, not mixed (the route checks).
 */
export const WorkspaceDevicesBody = Type.Object(
  {
    enabled: Type.Optional(HotelingFields.enabled),
    limitGuestUse: HotelingFields.limitGuestUse,
    guestHoursLimit: HotelingFields.guestHoursLimit,
    enabledForMultipleDevices: Type.Optional(Type.Boolean()),
    hoteling: Type.Optional(Hoteling),
  },
  { additionalProperties: false },
);

/** SIP passwords: the bounds of the text (the rules are checked by the route). */
export const ThirdPartyDeviceBody = Type.Object(
  { sipPassword: Type.String({ maxLength: 300 }) },
  { additionalProperties: false },
);
