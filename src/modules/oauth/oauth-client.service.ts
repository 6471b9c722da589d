/**
 * OAuth client use cases: create (the secret is returned once), list, get, revoke — each change audited in
 * its own transaction — and, for the token endpoint and the token verifier, client authentication and a
 * briefly cached "is this client still usable" lookup.
 */
import { AppError } from '../../errors.js';
import { newId } from '../../db/ids.js';
import type { Page, PageRequest } from '../../query/page.js';
import { type Actor, recordChange } from '../audit/audit-trail.js';
import { generateClientId, generateClientSecret, hashClientSecret, secretMatches } from './oauth-client-credentials.js';
import { presentOAuthClient } from './oauth-client.presenter.js';
import type { OAuthClientRepository, OAuthClientRow, OAuthClientSortField } from './oauth-client.repository.js';
import { resolveGrant } from '../access/credential-grant.js';
import { type Scope, isRole } from '../access/roles.js';

export interface NewOAuthClient {
  readonly name: string;
  readonly role: string;
  /** Default: the role's whole ceiling. */
  readonly scopes?: readonly string[];
  readonly personId?: string | null;
}

export interface CreatedOAuthClient {
  readonly row: OAuthClientRow;
  /** Shown once; only its hash is stored. */
  readonly clientSecret: string;
}

/** What the service needs to know about people: whether one belongs to the tenant. */
export interface PersonDirectory {
  exists(tenantId: string, personId: string): Promise<boolean>;
}

const CACHE_TTL_MS = 5_000;
const CACHE_MAX = 10_000;
const TOUCH_INTERVAL_MS = 60_000;

export class OAuthClientService {
  private readonly cache = new Map<string, { row: OAuthClientRow | null; expires: number }>();
  private readonly touched = new Map<string, number>();

  constructor(
    private readonly clients: OAuthClientRepository,
    private readonly people: PersonDirectory,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Creates a client with the scopes asked for (default: the role's ceiling), all within the role's ceiling
   * and, when `grantable` is given (an HTTP caller's own scopes), within those too.
   */
  async create(
    tenantId: string,
    input: NewOAuthClient,
    actor: Actor,
    grantable?: readonly Scope[],
  ): Promise<CreatedOAuthClient> {
    if (!isRole(input.role)) throw new AppError('invalid_body', `Unknown role '${input.role}'.`, { parameter: 'role' });
    const role = input.role;
    const grant = await resolveGrant(
      { role, scopes: input.scopes, personId: input.personId },
      (personId) => this.people.exists(tenantId, personId),
      grantable,
    );
    const clientSecret = generateClientSecret();
    const row: OAuthClientRow = {
      id: newId(),
      tenant_id: tenantId,
      client_id: generateClientId(),
      name: input.name,
      secret_hash: hashClientSecret(clientSecret),
      role,
      scopes: JSON.stringify(grant.scopes),
      person_id: grant.personId,
      created_at: this.now(),
      last_used_at: null,
      revoked_at: null,
    };
    await this.clients.inTransaction(async (clients, trx) => {
      await clients.insert(row);
      await recordChange(
        trx,
        actor,
        {
          action: 'oauth_client.create',
          resourceType: 'oauth_client',
          resourceId: row.id,
          after: presentOAuthClient(row),
        },
        row.created_at,
      );
    });
    return { row, clientSecret };
  }

  list(tenantId: string, page: PageRequest<OAuthClientSortField>): Promise<Page<OAuthClientRow>> {
    return this.clients.list(tenantId, page);
  }

  /** A client of the tenant; any other id (missing, malformed, another tenant's) is oauth_client_not_found. */
  async get(tenantId: string, id: string): Promise<OAuthClientRow> {
    const row = id.length <= 64 ? await this.clients.findById(tenantId, id) : undefined;
    if (!row) throw new AppError('oauth_client_not_found', `There is no OAuth client with id '${id.slice(0, 64)}'.`);
    return row;
  }

  /** A client of any tenant by row id or client_id: for the operator's command line only. */
  findForOperator(idOrClientId: string): Promise<OAuthClientRow | undefined> {
    return this.clients.findByIdOrClientIdInAnyTenant(idOrClientId);
  }

  /** Revokes a client; revoking a revoked client changes and records nothing. Its tokens stop working at once. */
  async revoke(tenantId: string, id: string, actor: Actor): Promise<OAuthClientRow> {
    const before = await this.get(tenantId, id);
    const at = this.now();
    const after = await this.clients.inTransaction(async (clients, trx) => {
      if (!(await clients.revoke(tenantId, id, at))) return undefined;
      const revoked = { ...before, revoked_at: at };
      await recordChange(
        trx,
        actor,
        {
          action: 'oauth_client.revoke',
          resourceType: 'oauth_client',
          resourceId: id,
          before: presentOAuthClient(before),
          after: presentOAuthClient(revoked),
        },
        at,
      );
      return revoked;
    });
    this.cache.delete(cacheKey(tenantId, id));
    return after ?? (await this.get(tenantId, id));
  }

  /** The client a token request authenticates as; invalid_client for an unknown or revoked client or a wrong secret. */
  async authenticate(clientId: string, clientSecret: string): Promise<OAuthClientRow> {
    const row = clientId.length <= 64 ? await this.clients.findByClientId(clientId) : undefined;
    // Hash the secret whether or not the client exists, so timing does not tell the two apart.
    const matches = secretMatches(clientSecret, row?.secret_hash ?? '0'.repeat(64));
    if (!row || !matches || row.revoked_at !== null) {
      throw new AppError('invalid_client', 'Client authentication failed.');
    }
    this.recordUse(row.id);
    return row;
  }

  /** The client row behind a token, or null once it is revoked or gone (cached ≤ 5 s; revocations here clear it). */
  async usableClient(tenantId: string, id: string): Promise<OAuthClientRow | null> {
    const at = this.now();
    const key = cacheKey(tenantId, id);
    const cached = this.cache.get(key);
    let row: OAuthClientRow | null;
    if (cached && cached.expires > at) {
      row = cached.row;
    } else {
      row = (await this.clients.findById(tenantId, id)) ?? null;
      if (this.cache.size >= CACHE_MAX) this.cache.clear();
      this.cache.set(key, { row, expires: at + CACHE_TTL_MS });
    }
    if (!row || row.revoked_at !== null) return null;
    this.recordUse(row.id);
    return row;
  }

  /** Best effort, at most once a minute per client: a failed bookkeeping write never fails a request. */
  private recordUse(id: string): void {
    const at = this.now();
    if (at - (this.touched.get(id) ?? 0) < TOUCH_INTERVAL_MS) return;
    if (this.touched.size >= CACHE_MAX) this.touched.clear();
    this.touched.set(id, at);
    this.clients.touch(id, at).catch(() => this.touched.delete(id));
  }
}

function cacheKey(tenantId: string, id: string): string {
  return `${tenantId}/${id}`;
}
