/** An idempotency key of a tenant: the request it was first used for and, once answered, the answer to replay. */
export type IdempotencyState = 'in_flight' | 'done';

export interface IdempotencyKeyTable {
  tenant_id: string;
  /** SHA-256 (hex) of the client's Idempotency-Key: the key itself is never stored. */
  key_hash: string;
  /** Random per claim: only the request that claimed the row may complete or release it. */
  claim_id: string;
  /** SHA-256 (hex) of the caller, method, route, parameters and canonical body. */
  fingerprint: string;
  state: IdempotencyState;
  /** The answer's status, once done. */
  status: number | null;
  /** JSON object of the replayed headers (content-type, location, etag), once done. */
  response_headers: string | null;
  /** The answer's body sealed (AES-256-GCM) under a key derived from the Idempotency-Key, once done. */
  response_body: string | null;
  /** Epoch ms of the claim; an in-flight row older than the stuck-claim timeout may be taken over. */
  created_at: number;
  expires_at: number;
}
