/** OAuth 2.0 clients (client-credentials grant): a public client_id and a hashed secret. */
export interface OAuthClientTable {
  id: string;
  tenant_id: string;
  client_id: string;
  name: string;
  /** SHA-256 of the secret, hex; the secret is shown once at creation and never stored. */
  secret_hash: string;
  role: string;
  /** JSON array of scope names. */
  scopes: string;
  person_id: string | null;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}
