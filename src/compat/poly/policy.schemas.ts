/**
 * The Plantronics firmware policy API (vendor-apis.md §1.3, last row: a prototype documented only by its path,
 * `policyId`, `page`, `count` and the `appId` header). Its bodies are SILENT; the shapes below are Ucfleet's
 * choice in the vendor's style (camelCase, epoch-millisecond dates as in the app-registration sample), each
 * member mapped onto a canonical compliance policy (docs/compat/poly.md).
 */
import { type Static, Type } from 'typebox';
import { Nullable } from '../../http/schemas.js';

/** The only policy type Ucfleet serves: firmware (Plantronics Hub settings policies are not modelled). */
export const FIRMWARE_POLICY_TYPE = 'FIRMWARE';
/** Paging when the query leaves it out (SILENT): the values of the documented example, page=0&count=10. */
export const DEFAULT_POLICY_PAGE = 0;
export const DEFAULT_POLICY_COUNT = 10;

export const PolicyParams = Type.Object({ tenantId: Type.String({ maxLength: 64 }) });

export const PolicyQuery = Type.Object({
  apikey: Type.Optional(Type.String({ description: 'An API key of the tenant (also accepted as an apikey header).' })),
  policyId: Type.Optional(
    Type.String({ minLength: 1, maxLength: 64, description: 'Only this policy (404 if unknown).' }),
  ),
  page: Type.Optional(
    Type.Integer({
      minimum: 0,
      maximum: 1_000_000,
      description: `Page number, from 0 (default ${DEFAULT_POLICY_PAGE}).`,
    }),
  ),
  count: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 500,
      description: `Policies per page, 1 to 500 (default ${DEFAULT_POLICY_COUNT}).`,
    }),
  ),
});
export type PolicyQuery = Static<typeof PolicyQuery>;

/** A new firmware policy. Unknown members are refused (400): a misspelt member must not pass as a default. */
export const PolicyBody = Type.Object(
  {
    policyName: Type.String({ maxLength: 1000, description: 'Unique in the tenant; 1 to 100 characters.' }),
    policyType: Type.Optional(Type.Literal(FIRMWARE_POLICY_TYPE)),
    modelId: Type.Optional(
      Nullable(
        Type.String({ maxLength: 200, description: 'Product model id, e.g. BT700; absent or null: every product.' }),
      ),
    ),
    component: Type.String({ maxLength: 50, description: 'main, base, headset, bluetooth or usb.' }),
    firmwareVersion: Type.String({ maxLength: 1000, description: 'The target version; 1 to 100 characters.' }),
    allowDecline: Type.Optional(Type.Boolean({ description: 'Whether users may decline the update (default false).' })),
    userGroups: Type.Optional(
      Type.Array(Type.String({ maxLength: 200 }), {
        maxItems: 50,
        description: 'At most one user group name (or id); absent or empty: everyone.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type PolicyBody = Static<typeof PolicyBody>;

export const PolyPolicy = Type.Object({
  policyId: Type.String(),
  policyName: Type.String(),
  policyType: Type.String(),
  tenantId: Type.String(),
  modelId: Nullable(Type.String()),
  productName: Nullable(Type.String()),
  component: Type.String(),
  firmwareVersion: Type.String(),
  allowDecline: Type.Boolean(),
  userGroups: Type.Array(Type.String()),
  dateCreated: Type.Number(),
  dateUpdated: Type.Number(),
});
export type PolyPolicy = Static<typeof PolyPolicy>;

/** The list answer: a bare array, as the device reports answer (SILENT). */
export const POLY_POLICY_LIST = Type.Array(PolyPolicy);
