/** A person's password sign-in (console, HTTP Basic dialects). One per person; the login is deployment-unique. */
export interface PersonLoginTable {
  person_id: string;
  tenant_id: string;
  login: string;
  /** scrypt hash in PHC string form; never leaves the access module. */
  password_hash: string;
  role: string;
  created_at: number;
  updated_at: number;
  last_login_at: number | null;
  disabled_at: number | null;
}
