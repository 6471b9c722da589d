/** Keys that sign access tokens, deployment-wide. The newest unretired key signs; unexpired keys verify. */
export interface SigningKeyTable {
  /** The JWK `kid`. */
  id: string;
  algorithm: string;
  public_jwk: string;
  private_jwk: string;
  created_at: number;
  retired_at: number | null;
  expires_at: number | null;
}
