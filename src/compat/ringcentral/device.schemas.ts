/** The request schemas of the RingCentral device routes (vendor-apis.md §4.3, §4.4 AccountDeviceUpdate). */
import { type Static, Type } from 'typebox';
import { LINE_POOLING_VALUES, RINGCENTRAL_NAME_MAX_LENGTH } from '../../modules/devices/ringcentral-sku.js';
import { LINE_TYPES } from '../../modules/numbers/device-line.schemas.js';
import { RINGCENTRAL_DEVICE_TYPES } from './device.presenter.js';

/** RingCentral's page size limit: larger sizes are clamped to it. */
export const MAX_PER_PAGE = 1000;
export const DEFAULT_PER_PAGE = 100;
export const RINGCENTRAL_FEATURES = ['BLA', 'CommonPhone', 'Intercom', 'Paging', 'HELD'] as const;

const PathId = Type.String({ minLength: 1, maxLength: 64 });

export const DeviceParams = Type.Object({ accountId: PathId, deviceId: PathId });
export type DeviceParams = Static<typeof DeviceParams>;

/** Bulk ids (comma-separated) are longer than one id. */
export const ExtensionParams = Type.Object({
  accountId: PathId,
  extensionId: Type.String({ minLength: 1, maxLength: 2000 }),
});
export type ExtensionParams = Static<typeof ExtensionParams>;

export const ReadDeviceQuery = Type.Object({ syncEmergencyAddress: Type.Optional(Type.Boolean()) });
export const UpdateDeviceQuery = Type.Object({ prestatement: Type.Optional(Type.Boolean()) });

export const ListExtensionDevicesQuery = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  perPage: Type.Optional(Type.Integer({ minimum: 1 })),
  linePooling: Type.Optional(Type.String({ enum: [...LINE_POOLING_VALUES] })),
  feature: Type.Optional(
    Type.Union([
      Type.String({ enum: [...RINGCENTRAL_FEATURES] }),
      Type.Array(Type.String({ enum: [...RINGCENTRAL_FEATURES] }), { maxItems: 5 }),
    ]),
  ),
  type: Type.Optional(Type.String({ enum: [...RINGCENTRAL_DEVICE_TYPES] })),
  lineType: Type.Optional(Type.String({ enum: [...LINE_TYPES] })),
});
export type ListExtensionDevicesQuery = Static<typeof ListExtensionDevicesQuery>;

const Text = (maxLength: number) => Type.Optional(Type.String({ maxLength }));

/**
 * DeviceEmergencyServiceAddressResource as a client sends it: the address members the canonical emergency
 * address keeps, and the contact members RingCentral has that Ucfleet does not keep (accepted, not stored).
 */
export const EmergencyServiceAddressWrite = Type.Object(
  {
    country: Text(100),
    countryId: Text(64),
    countryIsoCode: Text(10),
    countryName: Text(200),
    city: Text(200),
    customerName: Text(200),
    customerEmail: Text(200),
    additionalCustomerEmail: Text(200),
    additionalCustomerName: Text(200),
    customerPhone: Text(50),
    additionalCustomerPhone: Text(50),
    state: Text(100),
    stateId: Text(64),
    stateIsoCode: Text(10),
    stateName: Text(200),
    street: Text(300),
    street2: Text(300),
    streetType: Text(50),
    buildingName: Text(200),
    buildingNumber: Text(50),
    outOfCountry: Type.Optional(Type.Boolean()),
    zip: Text(20),
    lineProvisioningStatus: Text(20),
    syncStatus: Text(20),
    taxId: Text(100),
    apartment: Text(50),
    floor: Text(50),
    designation: Text(100),
  },
  { additionalProperties: false },
);
export type EmergencyServiceAddressWrite = Static<typeof EmergencyServiceAddressWrite>;

/** The emergency block is checked member by member by the canonical rules (ringcentral-blocks.ts). */
const EmergencyWrite = Type.Object({}, { additionalProperties: true });

export const UpdateDeviceBody = Type.Object(
  {
    emergencyServiceAddress: Type.Optional(EmergencyServiceAddressWrite),
    emergency: Type.Optional(EmergencyWrite),
    extension: Type.Optional(
      Type.Object(
        { id: Type.Union([Type.String({ minLength: 1, maxLength: 20 }), Type.Integer({ minimum: 1 })]) },
        { additionalProperties: false },
      ),
    ),
    phoneLines: Type.Optional(
      Type.Object(
        {
          phoneLines: Type.Array(
            Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false }),
            { maxItems: 64 },
          ),
        },
        { additionalProperties: false },
      ),
    ),
    useAsCommonPhone: Type.Optional(Type.Boolean()),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: RINGCENTRAL_NAME_MAX_LENGTH })),
  },
  { additionalProperties: false },
);
export type UpdateDeviceBody = Static<typeof UpdateDeviceBody>;

/** PUT …/device/{deviceId}/emergency: the emergency members of AccountDeviceUpdate. */
export const UpdateDeviceEmergencyBody = Type.Object(
  {
    emergencyServiceAddress: Type.Optional(EmergencyServiceAddressWrite),
    emergency: Type.Optional(EmergencyWrite),
  },
  { additionalProperties: false },
);
export type UpdateDeviceEmergencyBody = Static<typeof UpdateDeviceEmergencyBody>;
