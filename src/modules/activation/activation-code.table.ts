/** An activation code issued for a pre-created device (migration 0005): stored as its SHA-256 only. */
export interface ActivationCodeTable {
  id: string;
  tenant_id: string;
  device_id: string;
  /** SHA-256 (hex) of the 16-digit code. */
  code_hash: string;
  created_at: number;
  expires_at: number;
  /** When a device redeemed it; a code is used once. */
  used_at: number | null;
  /** When deactivating its device withdrew it unused. */
  withdrawn_at: number | null;
}
