/** The native OAuth client resource, its creation body and list parameters. Response schemas are allowlists. */
import { type Static, Type } from 'typebox';
import { Instant, Nullable, listParameters } from '../../http/schemas.js';
import { ROLES, SCOPES } from '../access/roles.js';

const OAuthClientShape = {
  id: Type.String({ format: 'uuid', description: 'The row id, used in this API.' }),
  clientId: Type.String({ description: 'The public client_id presented at POST /oauth/token.' }),
  name: Type.String(),
  role: Type.String({ enum: [...ROLES] }),
  scopes: Type.Array(Type.String({ enum: [...SCOPES] }), { description: 'The scopes granted to the client.' }),
  personId: Nullable(Type.String({ description: 'The person the client acts as (agents and supervisors).' })),
  createdAt: Instant,
  lastUsedAt: Nullable(Instant),
  revokedAt: Nullable(Instant),
};

export const OAuthClient = Type.Object(OAuthClientShape, {
  additionalProperties: false,
  description: 'An OAuth 2.0 client (client-credentials grant). Its secret is never shown again.',
});
export type OAuthClientView = Static<typeof OAuthClient>;

export const CreatedOAuthClient = Type.Object(
  {
    ...OAuthClientShape,
    clientSecret: Type.String({ description: 'Shown only in this answer; store it now.' }),
  },
  { additionalProperties: false },
);

export const OAuthClientCreateBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    role: Type.String({ enum: [...ROLES] }),
    scopes: Type.Optional(
      Type.Array(Type.String({ maxLength: 64 }), {
        maxItems: 64,
        description: "Default: everything the role may be granted. Each must be within the role's ceiling.",
      }),
    ),
    personId: Type.Optional(
      Type.String({ maxLength: 64, description: 'Required for the agent and supervisor roles.' }),
    ),
  },
  { additionalProperties: false },
);
export type OAuthClientCreateBody = Static<typeof OAuthClientCreateBody>;

export const OAuthClientListQuery = Type.Object(
  { limit: listParameters.limit, cursor: listParameters.cursor },
  { additionalProperties: false },
);
export type OAuthClientListQuery = Static<typeof OAuthClientListQuery>;

export const OAuthClientParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
