/** The native registered-app resource and its creation body. */
import { type Static, Type } from 'typebox';
import { Instant, Nullable } from '../../http/schemas.js';

export const APP_ID_PATTERN = '^[A-Za-z0-9._-]{8,128}$';

export const AppView = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    appId: Type.String({ description: 'What clients send as their application id (Plantronics `appId`).' }),
    createdAt: Instant,
    revokedAt: Nullable(Instant),
  },
  { additionalProperties: false, description: 'A registered application.' },
);
export type AppView = Static<typeof AppView>;

export const CreateAppBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    appId: Type.Optional(
      Type.String({
        pattern: APP_ID_PATTERN,
        description: '8 to 128 characters of A-Z a-z 0-9 . _ -; unique in the tenant. Generated when omitted.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type CreateAppBody = Static<typeof CreateAppBody>;
