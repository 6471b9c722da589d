/**
 * Resolves a presented credential to a principal: the tenant it acts for, its role and scopes.
 * Lookups are cached briefly (keys are hashed, so the cache never holds a key); last use is
 * recorded at most once a minute per key.
 */
import type { ApiKeyRepository } from './api-key.repository.js';
import { type Role, hashApiKey } from './api-key.js';

export interface Principal {
  readonly tenantId: string;
  readonly credentialId: string;
  readonly role: Role;
  readonly scopes: readonly string[];
}

const CACHE_TTL_MS = 5_000;
const CACHE_MAX = 10_000;
const TOUCH_INTERVAL_MS = 60_000;

export class AccessService {
  private readonly cache = new Map<string, { principal: Principal | null; expires: number }>();
  private readonly touched = new Map<string, number>();

  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly now: () => number = Date.now,
  ) {}

  /** The principal for an API key, or null when the key is unknown, revoked or expired. */
  async authenticateApiKey(key: string): Promise<Principal | null> {
    const hash = hashApiKey(key);
    const at = this.now();
    const cached = this.cache.get(hash);
    if (cached && cached.expires > at) {
      if (cached.principal) this.recordUse(cached.principal.credentialId, at);
      return cached.principal;
    }
    const row = await this.keys.findByHash(hash);
    const usable = row && row.revoked_at === null && (row.expires_at === null || row.expires_at > at);
    const principal: Principal | null = usable
      ? {
          tenantId: row.tenant_id,
          credentialId: row.id,
          role: row.role as Role,
          scopes: JSON.parse(row.scopes) as string[],
        }
      : null;
    if (this.cache.size >= CACHE_MAX) this.cache.clear();
    this.cache.set(hash, { principal, expires: at + CACHE_TTL_MS });
    if (principal) this.recordUse(principal.credentialId, at);
    return principal;
  }

  private recordUse(credentialId: string, at: number): void {
    const last = this.touched.get(credentialId) ?? 0;
    if (at - last < TOUCH_INTERVAL_MS) return;
    this.touched.set(credentialId, at);
    // Best effort: a failed bookkeeping write must not fail the request.
    this.keys.touch(credentialId, at).catch(() => this.touched.delete(credentialId));
  }
}
