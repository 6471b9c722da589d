/** The compliance summary, the non-compliant device list's parameters and the firmware release resource. */
import { type Static, Type } from 'typebox';
import { fieldNames, Instant, listParameters, Nullable, wireResource } from '../../http/schemas.js';
import { DeviceListQuery } from '../devices/device.schemas.js';
import { POLICY_COMPONENTS } from './compliance-policy.service.js';
import { SUMMARY_BREAKDOWNS } from './compliance-summary.js';

const counts = {
  compliant: Type.Integer(),
  noncompliant: Type.Integer(),
  unknown: Type.Integer({ description: 'No policy governs the device, or it does not report the version.' }),
  total: Type.Integer(),
};
const Counts = Type.Object(counts, { additionalProperties: false });

export const ComplianceSummaryQuery = Type.Object(
  {
    by: Type.Optional(
      Type.String({
        enum: [...SUMMARY_BREAKDOWNS],
        description: 'Only this breakdown (besides the totals); all three by default.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type ComplianceSummaryQuery = Static<typeof ComplianceSummaryQuery>;

export const ComplianceSummaryBody = Type.Object(
  {
    totals: Counts,
    byProduct: Type.Optional(
      Type.Array(
        Type.Object(
          {
            productId: Nullable(Type.String({ description: 'null: devices of no catalogue product.' })),
            manufacturer: Nullable(Type.String()),
            modelId: Nullable(Type.String()),
            name: Nullable(Type.String()),
            ...counts,
          },
          { additionalProperties: false },
        ),
      ),
    ),
    byUserGroup: Type.Optional(
      Type.Array(
        Type.Object(
          { userGroupId: Type.String(), name: Type.String(), ...counts },
          { additionalProperties: false, description: 'A device counts under every group of its owner.' },
        ),
      ),
    ),
    bySite: Type.Optional(
      Type.Array(
        Type.Object(
          {
            siteId: Nullable(Type.String({ description: 'null: devices at no site.' })),
            name: Nullable(Type.String()),
            ...counts,
          },
          { additionalProperties: false },
        ),
      ),
    ),
  },
  { additionalProperties: false },
);

/** The native device list's parameters, without `compliance` (the list is of non-compliant devices). */
const { compliance: _compliance, ...deviceListParameters } = DeviceListQuery.properties;
export const NoncompliantDeviceListQuery = Type.Object(deviceListParameters, { additionalProperties: false });
export type NoncompliantDeviceListQuery = Static<typeof NoncompliantDeviceListQuery>;

const FirmwareReleaseShape = Type.Object(
  {
    id: Type.String(),
    productId: Type.String(),
    manufacturer: Type.String({ description: "The product's manufacturer." }),
    modelId: Type.String({ description: "The product's model id." }),
    component: Type.String({ description: 'main, base, headset, bluetooth or usb.' }),
    version: Type.String(),
    releasedAt: Instant,
    updateId: Nullable(Type.String()),
    notes: Nullable(Type.String()),
    latest: Type.Boolean({ description: "Whether it is the newest release of its product's component." }),
  },
  { additionalProperties: false },
);
export type FirmwareReleaseView = Static<typeof FirmwareReleaseShape>;
export const FIRMWARE_RELEASE_FIELDS = fieldNames(FirmwareReleaseShape);
export const FirmwareRelease = wireResource(FirmwareReleaseShape, 'FirmwareRelease', 'A published firmware release');

export const FirmwareReleaseListQuery = Type.Object(
  {
    ...listParameters,
    sort: Type.Optional(Type.String({ description: 'id (default), releasedAt; prefix with - for descending.' })),
    productId: Type.Optional(Type.String({ maxLength: 200, description: 'Only releases of this product.' })),
    component: Type.Optional(Type.String({ enum: [...POLICY_COMPONENTS] })),
  },
  { additionalProperties: false },
);
export type FirmwareReleaseListQuery = Static<typeof FirmwareReleaseListQuery>;
