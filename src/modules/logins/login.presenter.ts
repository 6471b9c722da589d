/** Turns a login row into the native resource: never the password hash. */
import { iso, isoOrNull } from '../presenting.js';
import type { PersonLoginRow } from './person-login.repository.js';
import type { LoginView } from './login.schemas.js';
import type { Role } from '../access/roles.js';

export function presentLogin(row: PersonLoginRow): LoginView {
  return {
    login: row.login,
    role: row.role as Role,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    lastLoginAt: isoOrNull(row.last_login_at),
    disabled: row.disabled_at !== null,
  };
}
