/** The native user group resource and the user group list parameters. Response schemas are allowlists. */
import { type Static, Type } from 'typebox';
import { fieldNames, Instant, listParameters, Nullable, wireResource } from '../../http/schemas.js';

const UserGroupShape = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    name: Type.String(),
    description: Nullable(Type.String()),
    memberCount: Type.Integer({ minimum: 0, description: 'How many people belong to the group.' }),
    createdAt: Instant,
    updatedAt: Instant,
    version: Type.Integer(),
  },
  { additionalProperties: false },
);
export type UserGroupView = Static<typeof UserGroupShape>;
export type UserGroupField = keyof UserGroupView;
export const USER_GROUP_FIELDS = fieldNames(UserGroupShape);

export const UserGroup = wireResource(UserGroupShape, 'UserGroup', 'A user group');

export const UserGroupListQuery = Type.Object(
  {
    ...listParameters,
    sort: Type.Optional(Type.String({ description: 'id (default), name; prefix with - for descending.' })),
    q: Type.Optional(Type.String({ maxLength: 200, description: 'Substring of the name, any case.' })),
  },
  { additionalProperties: false },
);
export type UserGroupListQuery = Static<typeof UserGroupListQuery>;

export const UserGroupParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
export const UserGroupGetQuery = Type.Object({ fields: listParameters.fields }, { additionalProperties: false });
