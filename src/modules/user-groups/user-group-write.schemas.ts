/** The bodies of user group writes: POST and PUT (the whole document) and PATCH (a JSON merge patch of it). */
import { type Static, Type } from 'typebox';
import { Nullable } from '../../http/schemas.js';

const name = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S', description: 'Unique in the tenant.' });
const description = Nullable(Type.String({ maxLength: 1000 }));

export const UserGroupBody = Type.Object(
  { name, description: Type.Optional(description) },
  {
    additionalProperties: false,
    description: 'The writable fields of a user group. On PUT a missing member is cleared.',
  },
);
export type UserGroupBody = Static<typeof UserGroupBody>;

export const UserGroupPatchBody = Type.Object(
  { name: Type.Optional(name), description: Type.Optional(description) },
  { additionalProperties: false, description: 'A JSON merge patch (RFC 7396): null clears the description.' },
);
export type UserGroupPatchBody = Static<typeof UserGroupPatchBody>;
