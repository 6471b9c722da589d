/** Sign-in sessions of people (console cookie): the token is random and stored only as its SHA-256. */
export interface SessionTable {
  id: string;
  tenant_id: string;
  person_id: string;
  token_hash: string;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
}
