/**
 * Resolves a presented credential to a principal: the tenant it acts for, its role and effective scopes.
 * A bearer credential is an access token (a JWT, verified by the token service) or an API key. Key lookups
 * are cached briefly (keyed by hash, so the cache never holds a key); last use is recorded at most once a
 * minute per key.
 */
import { hashApiKey } from '../api-keys/api-key.js';
import type { ApiKeyRepository, ApiKeyRow } from '../api-keys/api-key.repository.js';
import type { Principal } from './principal.js';
import { effectiveScopes, isRole } from './roles.js';

/** Verifies a signed access token; null when it is not valid for this deployment. */
export type AccessTokenVerifier = (token: string) => Promise<Principal | null>;

const CACHE_TTL_MS = 5_000;
const CACHE_MAX = 10_000;
const TOUCH_INTERVAL_MS = 60_000;

export class AccessService {
  private readonly cache = new Map<string, { principal: Principal | null; expires: number }>();
  private readonly touched = new Map<string, number>();

  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly verifyAccessToken: AccessTokenVerifier = async () => null,
    private readonly now: () => number = Date.now,
  ) {}

  /** The principal for a bearer credential (access token or API key), or null when it is not valid. */
  authenticateBearer(credential: string): Promise<Principal | null> {
    return looksLikeJwt(credential) ? this.verifyAccessToken(credential) : this.authenticateApiKey(credential);
  }

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
    const principal = row && isUsable(row, at) ? apiKeyPrincipal(row) : null;
    if (this.cache.size >= CACHE_MAX) this.cache.clear();
    this.cache.set(hash, { principal, expires: at + CACHE_TTL_MS });
    if (principal) this.recordUse(principal.credentialId, at);
    return principal;
  }

  /** Forgets cached lookups, so a revocation made on this node takes effect at once (other nodes: within 5 s). */
  forgetCachedCredentials(): void {
    this.cache.clear();
  }

  private recordUse(credentialId: string, at: number): void {
    const last = this.touched.get(credentialId) ?? 0;
    if (at - last < TOUCH_INTERVAL_MS) return;
    this.touched.set(credentialId, at);
    // Best effort: a failed bookkeeping write must not fail the request.
    this.keys.touch(credentialId, at).catch(() => this.touched.delete(credentialId));
  }
}

function isUsable(row: ApiKeyRow, at: number): boolean {
  return row.revoked_at === null && (row.expires_at === null || row.expires_at > at) && isRole(row.role);
}

function apiKeyPrincipal(row: ApiKeyRow): Principal {
  const role = isRole(row.role) ? row.role : 'agent';
  return {
    tenantId: row.tenant_id,
    credentialKind: 'api_key',
    credentialId: row.id,
    personId: row.person_id,
    role,
    scopes: effectiveScopes(role, JSON.parse(row.scopes) as string[]),
  };
}

/** Three base64url segments, the first a JSON header: API keys never contain dots. */
function looksLikeJwt(credential: string): boolean {
  return /^eyJ[\w-]*\.[\w-]*\.[\w-]*$/.test(credential);
}
