/** The native API key resource and its creation body. The key itself appears only in the creation answer. */
import { type Static, Type } from 'typebox';
import { Instant, Nullable } from '../../http/schemas.js';
import { RoleName, ScopeRequest } from '../access/access.schemas.js';

const apiKeyFields = {
  id: Type.String(),
  name: Type.String(),
  prefix: Type.String({ description: 'The first eight characters of the key, to tell keys apart.' }),
  role: RoleName,
  scopes: Type.Array(Type.String()),
  personId: Nullable(Type.String({ description: 'The person the key acts as (agent and supervisor keys).' })),
  createdAt: Instant,
  lastUsedAt: Nullable(Type.String({ format: 'date-time', description: 'Recorded at most once a minute.' })),
  expiresAt: Nullable(Instant),
  revokedAt: Nullable(Instant),
};

export const ApiKeyView = Type.Object(apiKeyFields, { additionalProperties: false, description: 'An API key.' });
export type ApiKeyView = Static<typeof ApiKeyView>;

export const IssuedApiKeyView = Type.Object(
  { ...apiKeyFields, key: Type.String({ description: 'The key. Shown only in this answer; store it now.' }) },
  { additionalProperties: false, description: 'A new API key, with the key itself (shown once).' },
);

export const CreateApiKeyBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    role: RoleName,
    scopes: Type.Optional(ScopeRequest),
    personId: Type.Optional(
      Nullable(Type.String({ maxLength: 64, description: 'Required for the agent and supervisor roles.' })),
    ),
    expiresAt: Type.Optional(Nullable(Type.String({ format: 'date-time', description: 'In the future.' }))),
  },
  { additionalProperties: false },
);
export type CreateApiKeyBody = Static<typeof CreateApiKeyBody>;
