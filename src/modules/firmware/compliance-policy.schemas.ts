/**
 * The native compliance policy resource, its list parameters and its write bodies, and how a body becomes the
 * service's draft. Response schemas are allowlists.
 */
import { type Static, Type } from 'typebox';
import { fieldNames, Instant, listParameters, Nullable, wireResource } from '../../http/schemas.js';
import {
  type CompliancePolicyDraft,
  MAX_POLICY_NAME_LENGTH,
  MAX_TARGET_VERSION_LENGTH,
  POLICY_COMPONENTS,
} from './compliance-policy.service.js';

const CompliancePolicyShape = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    productId: Nullable(
      Type.String({ description: 'The catalogue product it governs; null: devices of any product.' }),
    ),
    userGroupId: Nullable(Type.String({ description: "Only devices of this group's members; null: anyone's." })),
    component: Type.String({ description: 'main, base, headset, bluetooth or usb.' }),
    targetVersion: Type.String({
      description: 'The version devices must run, or "latest": the newest catalogue release of their product.',
    }),
    allowDecline: Type.Boolean({ description: 'Whether the user may decline the update.' }),
    createdAt: Instant,
    updatedAt: Instant,
    version: Type.Integer(),
  },
  { additionalProperties: false },
);
export type CompliancePolicyField = keyof Static<typeof CompliancePolicyShape>;
export const COMPLIANCE_POLICY_FIELDS = fieldNames(CompliancePolicyShape);

export const CompliancePolicy = wireResource(
  CompliancePolicyShape,
  'CompliancePolicy',
  'A firmware compliance policy: which version devices of a product (and of a user group) must run',
);

export const CompliancePolicyListQuery = Type.Object(
  {
    ...listParameters,
    sort: Type.Optional(Type.String({ description: 'id (default), name; prefix with - for descending.' })),
  },
  { additionalProperties: false },
);
export type CompliancePolicyListQuery = Static<typeof CompliancePolicyListQuery>;
export const CompliancePolicyGetQuery = Type.Object({ fields: listParameters.fields }, { additionalProperties: false });

const writable = {
  name: Type.String({
    minLength: 1,
    maxLength: MAX_POLICY_NAME_LENGTH,
    pattern: '\\S',
    description: 'Unique in the tenant.',
  }),
  productId: Nullable(Type.String({ minLength: 1, maxLength: 64, description: 'A catalogue product; null: any.' })),
  userGroupId: Nullable(
    Type.String({ minLength: 1, maxLength: 64, description: 'A user group of the tenant; null: anyone.' }),
  ),
  component: Type.String({ enum: [...POLICY_COMPONENTS] }),
  targetVersion: Type.String({
    minLength: 1,
    maxLength: MAX_TARGET_VERSION_LENGTH,
    pattern: '\\S',
    description: 'A version, or "latest" (the newest catalogue release of the device\'s product).',
  }),
  allowDecline: Type.Boolean(),
};

export const CompliancePolicyBody = Type.Object(
  {
    name: writable.name,
    productId: Type.Optional(writable.productId),
    userGroupId: Type.Optional(writable.userGroupId),
    component: writable.component,
    targetVersion: writable.targetVersion,
    allowDecline: Type.Optional(writable.allowDecline),
  },
  {
    additionalProperties: false,
    description: 'The writable fields of a policy. On PUT a missing member is cleared (null, or false).',
  },
);
export type CompliancePolicyBody = Static<typeof CompliancePolicyBody>;

export const CompliancePolicyPatchBody = Type.Object(
  {
    name: Type.Optional(writable.name),
    productId: Type.Optional(writable.productId),
    userGroupId: Type.Optional(writable.userGroupId),
    component: Type.Optional(writable.component),
    targetVersion: Type.Optional(writable.targetVersion),
    allowDecline: Type.Optional(writable.allowDecline),
  },
  { additionalProperties: false, description: 'A JSON merge patch (RFC 7396): null clears productId or userGroupId.' },
);
export type CompliancePolicyPatchBody = Static<typeof CompliancePolicyPatchBody>;

/** The native member names, for the errors of the service. */
const LABELS = { product: 'productId', userGroup: 'userGroupId' } as const;

export function draftOfBody(body: CompliancePolicyBody): CompliancePolicyDraft {
  return {
    name: body.name,
    product: body.productId == null ? null : { id: body.productId },
    userGroup: body.userGroupId == null ? null : { id: body.userGroupId },
    component: body.component,
    targetVersion: body.targetVersion,
    allowDecline: body.allowDecline ?? false,
    labels: LABELS,
  };
}

export function draftPatchOfBody(patch: CompliancePolicyPatchBody): Partial<CompliancePolicyDraft> {
  return {
    name: patch.name,
    product: patch.productId === undefined ? undefined : patch.productId === null ? null : { id: patch.productId },
    userGroup:
      patch.userGroupId === undefined ? undefined : patch.userGroupId === null ? null : { id: patch.userGroupId },
    component: patch.component,
    targetVersion: patch.targetVersion,
    allowDecline: patch.allowDecline,
    labels: LABELS,
  };
}
