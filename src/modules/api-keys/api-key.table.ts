export interface ApiKeyTable {
  id: string;
  tenant_id: string;
  name: string;
  /** The first characters of the key, shown to help an operator tell keys apart. */
  prefix: string;
  /** SHA-256 of the key, hex; the key itself is never stored. */
  key_hash: string;
  role: string;
  /** The person the key acts as (required for the agent and supervisor roles). */
  person_id: string | null;
  /** JSON array of scope names. */
  scopes: string;
  created_at: number;
  last_used_at: number | null;
  expires_at: number | null;
  revoked_at: number | null;
}
