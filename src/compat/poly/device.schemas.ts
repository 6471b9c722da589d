/**
 * The Plantronics device inventory as seed 000 and vendor-apis.md §1.4 document it: the query parameters of
 * the by-user and by-user-group reports, and one element of their answer. Types follow the doc's response
 * table (strings and booleans); absent values are null, except displayId, which the doc says is excluded when
 * the device id was manufactured. The answer is a bare JSON array of these elements (SILENT; see
 * docs/compat/poly.md and POLY_ENVELOPE).
 */
import { type Static, Type } from 'typebox';
import { Nullable } from '../../http/schemas.js';

/** Paging and filters common to both reports. Unknown parameters are ignored, as the vendor's back end did. */
const reportParameters = {
  apikey: Type.String({ description: 'An API key of the tenant (Ucfleet API keys are accepted as is).' }),
  manufacturer: Type.Optional(
    Type.String({
      maxLength: 50,
      description: '"plantronics" or "non plantronics" (any case; "non-plantronics" too).',
    }),
  ),
  deviceState: Type.Optional(
    Type.String({ maxLength: 50, description: 'Online or Offline (Active and Inactive are synonyms), any case.' }),
  ),
  productName: Type.Optional(
    Type.String({ maxLength: 200, description: 'Product model id (e.g. BT600), product name or product id.' }),
  ),
  deviceType: Type.Optional(Type.String({ maxLength: 50, description: 'Product type, e.g. DECT, USB, Bluetooth.' })),
  userGroup: Type.Optional(Type.String({ maxLength: 200, description: 'User group name or id.' })),
  page: Type.Integer({ minimum: 0, maximum: 1_000_000, description: 'Page number, from 0.' }),
  count: Type.Integer({ minimum: 1, maximum: 500, description: 'Devices per page, 1 to 500 (SILENT; chosen).' }),
};

export const ByUserParams = Type.Object({
  tenantApiCode: Type.String({ maxLength: 64 }),
  username: Type.String({ minLength: 1, maxLength: 200 }),
});
export const ByUserQuery = Type.Object(reportParameters);
export type ByUserQuery = Static<typeof ByUserQuery>;

export const ByUserGroupParams = Type.Object({ tenantApiCode: Type.String({ maxLength: 64 }) });
export const ByUserGroupQuery = Type.Object({
  ...reportParameters,
  userGroups: Type.String({
    minLength: 1,
    maxLength: 2000,
    description: 'User group names (or ids), comma-separated; devices of members of any of them.',
  }),
  userName: Type.Optional(Type.String({ maxLength: 200, description: 'Only this user’s devices.' })),
});
export type ByUserGroupQuery = Static<typeof ByUserGroupQuery>;

const Text = Nullable(Type.String());

const Softphone = Type.Object({ name: Text, pluginId: Text, vendor: Text, version: Text });

const Sighting = Type.Object({
  clientInstanceId: Text,
  firstname: Text,
  lastname: Text,
  hostOs: Text,
  hostOsVersion: Text,
  hostname: Text,
  softphone: Softphone,
  userGroups: Type.Array(Type.String()),
  username: Text,
});

export const PolyDevice = Type.Object({
  device: Type.Object({
    baseFwVersion: Text,
    btFwVersion: Text,
    displayId: Type.Optional(Type.String()),
    firmwareVersion: Text,
    firmwareVersionAvailable: Text,
    hasActivePolicy: Type.Boolean(),
    hsFwVersion: Text,
    id: Type.String(),
    policyFirmwareVersion: Text,
    policyId: Text,
    updateId: Text,
    usbFwVersion: Text,
    versionCompliant: Type.Boolean(),
  }),
  connectedDevice: Nullable(
    Type.Object({
      component: Type.String(),
      displayId: Type.Optional(Type.String()),
      family: Text,
      id: Type.String(),
      modelId: Text,
      name: Text,
    }),
  ),
  firstSeen: Nullable(Sighting),
  lastSeen: Nullable(Sighting),
  product: Nullable(
    Type.Object({ family: Text, manufacturer: Type.String(), modelId: Text, name: Text, type: Text, vendorId: Text }),
  ),
  softphone: Nullable(Softphone),
  tenantApiCode: Type.String(),
  tenantName: Type.String(),
});
export type PolyDevice = Static<typeof PolyDevice>;

/** The answer of both reports: a bare array (SILENT: the one place to change if a capture shows a page object). */
export const POLY_ENVELOPE = Type.Array(PolyDevice);
