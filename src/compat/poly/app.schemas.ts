/**
 * Plantronics partner app management (vendor-apis.md §1.2–1.3): the registration body, the app JSON (as the
 * registration sample [P5] shows it, plus `appId` and the `tenantAppAuth` elements, whose members are SILENT)
 * and the authorization request. The registration body takes the sample's members (name, description,
 * partnerProfile) and appId; unknown members are refused (400) like every write body of Ucfleet (SILENT: the
 * vendor's back end may have ignored them), so a misspelt member is never silently dropped.
 */
import { type Static, Type } from 'typebox';
import { Nullable } from '../../http/schemas.js';
import { APP_ID_PATTERN } from '../../modules/apps/app.schemas.js';

const ProfileText = Type.String({ maxLength: 200 });

export const RegisterAppBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    appId: Type.Optional(
      Type.String({
        pattern: APP_ID_PATTERN,
        description: '8 to 128 characters of A-Z a-z 0-9 . _ -; a UUID is generated when omitted.',
      }),
    ),
    description: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
    partnerProfile: Type.Optional(
      Type.Object(
        {
          email: Type.Optional(ProfileText),
          firstName: Type.Optional(ProfileText),
          lastName: Type.Optional(ProfileText),
          partnerName: Type.Optional(ProfileText),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type RegisterAppBody = Static<typeof RegisterAppBody>;

export const AppIdParams = Type.Object({ appId: Type.String({ maxLength: 128 }) });
export const AuthRequestParams = Type.Object({
  appId: Type.String({ maxLength: 128 }),
  requestId: Type.String({ maxLength: 64 }),
});

export const AuthRequestQuery = Type.Object({
  tenantApiCode: Type.String({ maxLength: 64, description: 'The tenant asked for authorization.' }),
  subscription: Type.Array(Type.String({ maxLength: 500 }), {
    maxItems: 50,
    description: 'Subscriptions, comma-separated or repeated (pre-3.11 names are mapped to their successors).',
  }),
});
export type AuthRequestQuery = Static<typeof AuthRequestQuery>;

const Subscriptions = Type.Array(Type.String());

/** One authorization of the app, as `tenantAppAuth` lists it and an authorization request answers it. */
export const PolyAuthorization = Type.Object({
  requestId: Type.String(),
  appId: Type.String(),
  tenantApiCode: Type.String(),
  tenantName: Type.String(),
  subscriptions: Subscriptions,
  grantedSubscriptions: Subscriptions,
  status: Type.String({ description: 'PENDING, APPROVED, REJECTED or WITHDRAWN.' }),
  message: Type.String({ description: 'e.g. "Authorization Granted".' }),
  dateCreated: Type.Number(),
  dateUpdated: Type.Number(),
});
export type PolyAuthorization = Static<typeof PolyAuthorization>;

export const PolyApp = Type.Object({
  _links: Type.Object({ self: Type.Object({ href: Type.String() }) }),
  appId: Type.String(),
  name: Type.String(),
  description: Nullable(Type.String()),
  dateCreated: Type.Number(),
  dateUpdated: Type.Number(),
  status: Type.String({ description: 'ENABLED, or DISABLED once revoked.' }),
  tenantAppAuth: Type.Array(PolyAuthorization),
  partnerProfile: Type.Object({
    id: Type.String(),
    email: Nullable(Type.String()),
    firstName: Nullable(Type.String()),
    lastName: Nullable(Type.String()),
    partnerName: Type.String(),
  }),
});
export type PolyApp = Static<typeof PolyApp>;
