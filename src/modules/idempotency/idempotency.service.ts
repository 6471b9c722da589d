/**
 * Idempotency keys (Stripe's semantics): a request carrying a key runs at most once per (tenant, key).
 * `claim` inserts an in-flight row — atomically on both engines, a unique violation meaning someone has the key —
 * and otherwise says what the existing row means: the same request answered (replay), the same request still
 * running (in flight), or another request (mismatch). `complete` stores the answer, `release` forgets the key
 * (an answer ≥ 500, a request that failed before answering), `purgeExpired` deletes keys past their lifetime.
 * A key stuck in flight (its process died) is taken over by the next claim after STUCK_CLAIM_MS.
 */
import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { type IdempotencyKeyRepository, type IdempotencyKeyRow } from './idempotency-key.repository.js';
import { hashIdempotencyKey, openAnswer, sealAnswer } from './sealed-answer.js';

/** An in-flight claim older than this is considered abandoned (longer than any request may run). */
export const STUCK_CLAIM_MS = 60_000;
/** Rows deleted per statement when purging. */
export const PURGE_BATCH_SIZE = 1000;
/** Claim attempts before giving up as "in flight" (each lost race re-reads what won it). */
const MAX_CLAIM_ATTEMPTS = 5;

/** An answer as it is stored and replayed. */
export interface StoredAnswer {
  readonly status: number;
  /** Lower-case header names → values (content-type, location, etag). */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** A key held by one request, until it is completed or released. */
export interface Claim {
  readonly tenantId: string;
  readonly key: string;
  readonly keyHash: string;
  readonly claimId: string;
}

export type ClaimResult =
  | { readonly outcome: 'claimed'; readonly claim: Claim }
  | { readonly outcome: 'replay'; readonly answer: StoredAnswer }
  | { readonly outcome: 'in_flight' }
  | { readonly outcome: 'mismatch' };

export interface IdempotencyOptions {
  /** How long a key is remembered from its first use. */
  readonly ttlMs: number;
}

export class IdempotencyService {
  constructor(
    private readonly keys: IdempotencyKeyRepository,
    private readonly options: IdempotencyOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /** Claims `key` of the tenant for the request whose fingerprint is given, or says why it cannot. */
  async claim(tenantId: string, key: string, fingerprint: string): Promise<ClaimResult> {
    const keyHash = hashIdempotencyKey(key);
    for (let attempt = 0; attempt < MAX_CLAIM_ATTEMPTS; attempt += 1) {
      const at = this.now();
      const claimId = randomUUID();
      const row: IdempotencyKeyRow = {
        tenant_id: tenantId,
        key_hash: keyHash,
        claim_id: claimId,
        fingerprint,
        state: 'in_flight',
        status: null,
        response_headers: null,
        response_body: null,
        created_at: at,
        expires_at: at + this.options.ttlMs,
      };
      if (await this.keys.tryInsert(row)) return { outcome: 'claimed', claim: { tenantId, key, keyHash, claimId } };
      const held = await this.keys.find(tenantId, keyHash);
      if (!held) continue; // released between the insert and the read: try again
      if (held.expires_at <= at || (held.state === 'in_flight' && held.created_at + STUCK_CLAIM_MS <= at)) {
        // Expired, or abandoned by a process that died: forget that claim (unless someone already did) and retry.
        await this.keys.deleteClaim(tenantId, keyHash, held.claim_id);
        continue;
      }
      if (held.fingerprint !== fingerprint) return { outcome: 'mismatch' };
      if (held.state === 'in_flight') return { outcome: 'in_flight' };
      return { outcome: 'replay', answer: this.answerOf(held, key) };
    }
    return { outcome: 'in_flight' };
  }

  /** Stores the answer to replay; false when the claim was taken over meanwhile (it ran past STUCK_CLAIM_MS). */
  complete(claim: Claim, answer: StoredAnswer): Promise<boolean> {
    return this.keys.complete(claim.tenantId, claim.keyHash, claim.claimId, {
      status: answer.status,
      response_headers: JSON.stringify(answer.headers),
      response_body: sealAnswer(answer.body, claim.key, claim.tenantId),
    });
  }

  /** Forgets the key, so the client may retry with it; false when the claim no longer held it. */
  release(claim: Claim): Promise<boolean> {
    return this.keys.deleteClaim(claim.tenantId, claim.keyHash, claim.claimId);
  }

  /**
   * Deletes every expired key (all tenants), `batchSize` rows per statement, yielding to the event loop between
   * batches; an aborted `signal` stops it after the current batch. Returns how many were deleted.
   */
  async purgeExpired(options: { batchSize?: number; signal?: AbortSignal } = {}): Promise<number> {
    const batchSize = options.batchSize ?? PURGE_BATCH_SIZE;
    let total = 0;
    for (;;) {
      const deleted = await this.keys.deleteExpired(this.now(), batchSize);
      total += deleted;
      if (deleted < batchSize || options.signal?.aborted) return total;
      await yieldToEventLoop();
    }
  }

  private answerOf(row: IdempotencyKeyRow, key: string): StoredAnswer {
    return {
      status: row.status ?? 500,
      headers: JSON.parse(row.response_headers ?? '{}') as Record<string, string>,
      body: openAnswer(row.response_body ?? '', key, row.tenant_id),
    };
  }
}
