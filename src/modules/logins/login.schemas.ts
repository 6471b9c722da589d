/** The native resources of people's sign-in: a person's login, a new sign-in session, and the caller (me). */
import { type Static, Type } from 'typebox';
import { Instant, Nullable } from '../../http/schemas.js';
import { RoleName } from '../access/access.schemas.js';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password.js';

export const LOGIN_PATTERN = '^[A-Za-z0-9._@+-]{3,128}$';

export const LoginView = Type.Object(
  {
    login: Type.String(),
    role: RoleName,
    createdAt: Instant,
    updatedAt: Instant,
    lastLoginAt: Nullable(Type.String({ format: 'date-time', description: 'Last successful sign-in.' })),
    disabled: Type.Boolean(),
  },
  { additionalProperties: false, description: "A person's password login (the password is never shown)." },
);
export type LoginView = Static<typeof LoginView>;

export const SetLoginBody = Type.Object(
  {
    login: Type.String({
      pattern: LOGIN_PATTERN,
      description: '3 to 128 characters of A-Z a-z 0-9 . _ @ + -; case-insensitive, unique across the deployment.',
    }),
    role: RoleName,
    password: Type.Optional(
      Type.String({
        minLength: PASSWORD_MIN_LENGTH,
        maxLength: PASSWORD_MAX_LENGTH,
        description: `${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters; required when the person has no login yet.`,
      }),
    ),
    disabled: Type.Optional(Type.Boolean({ default: false, description: 'A disabled login cannot sign in.' })),
  },
  { additionalProperties: false },
);
export type SetLoginBody = Static<typeof SetLoginBody>;

export const SignInBody = Type.Object(
  { login: Type.String({ minLength: 1, maxLength: 256 }), password: Type.String({ minLength: 1, maxLength: 1024 }) },
  { additionalProperties: false },
);
export type SignInBody = Static<typeof SignInBody>;

export const PersonSummary = Type.Object(
  {
    id: Type.String(),
    username: Type.String(),
    firstName: Nullable(Type.String()),
    lastName: Nullable(Type.String()),
  },
  { additionalProperties: false },
);

export const SessionView = Type.Object(
  {
    person: PersonSummary,
    role: RoleName,
    scopes: Type.Array(Type.String()),
    expiresAt: Instant,
  },
  { additionalProperties: false, description: 'A new sign-in session; its token travels only in the cookie.' },
);
export type SessionView = Static<typeof SessionView>;

export const MeView = Type.Object(
  {
    tenant: Type.Object(
      { id: Type.String(), name: Type.String(), apiCode: Type.String() },
      { additionalProperties: false },
    ),
    credential: Type.Object(
      {
        kind: Type.String({ description: 'api_key, oauth_client, session or password.' }),
        id: Type.String(),
      },
      { additionalProperties: false },
    ),
    role: RoleName,
    scopes: Type.Array(Type.String()),
    /** The person the credential acts as, if any. */
    person: Nullable(PersonSummary),
  },
  { additionalProperties: false, description: 'The caller.' },
);
export type MeView = Static<typeof MeView>;
