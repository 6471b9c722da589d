/** Schema pieces the access resources share: role and scope names, the admin list query, an id parameter. */
import { Type } from 'typebox';
import { listParameters } from '../../http/schemas.js';
import { ROLES, type Role } from './roles.js';

export const RoleName = Type.Unsafe<Role>({
  type: 'string',
  enum: [...ROLES],
  description: 'admin, readonly_admin, supervisor or agent.',
});

/** Requested scopes: each must be known and within the role's ceiling (checked by the service). */
export const ScopeRequest = Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
  minItems: 1,
  maxItems: 32,
  description: "Scopes to grant; all of the role's ceiling when omitted.",
});

export const AdminListQuery = Type.Object(
  { limit: listParameters.limit, cursor: listParameters.cursor },
  { additionalProperties: false },
);

export const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
