/**
 * API key administration: create (the key is shown once and stored as its SHA-256 and prefix), list, get,
 * revoke. Every change is audited in the same transaction. A revocation takes effect on this node at once
 * (other nodes: within the 5 s lookup cache of AccessService).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { newId } from '../../db/ids.js';
import { AppError } from '../../errors.js';
import type { Page, PageRequest } from '../../query/page.js';
import { type Actor, recordChange } from '../audit/audit-trail.js';
import type { AccessService } from '../access/access.service.js';
import { generateApiKey, hashApiKey, keyPrefix } from './api-key.js';
import { presentApiKey } from './api-key.presenter.js';
import { ApiKeyRepository, type ApiKeyRow, type ApiKeySortField } from './api-key.repository.js';
import { type GrantRequest, resolveGrant } from '../access/credential-grant.js';
import type { Scope } from '../access/roles.js';

export interface NewApiKey extends GrantRequest {
  readonly name: string;
  /** Epoch milliseconds; must lie in the future. */
  readonly expiresAt?: number | null;
}

export interface IssuedApiKey {
  readonly row: ApiKeyRow;
  /** The key itself: hand it over now, it is not stored. */
  readonly key: string;
}

export type PersonExists = (tenantId: string, personId: string) => Promise<boolean>;

export class ApiKeyService {
  private readonly keys: ApiKeyRepository;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly access: AccessService,
    private readonly personExists: PersonExists,
    private readonly now: () => number = Date.now,
  ) {
    this.keys = new ApiKeyRepository(db);
  }

  /** Creates a key for the actor's tenant; `grantable` caps its scopes (an HTTP caller's own scopes). */
  async create(actor: Actor, input: NewApiKey, grantable?: readonly Scope[]): Promise<IssuedApiKey> {
    const at = this.now();
    const name = input.name.trim();
    if (name === '' || name.length > 100) {
      throw new AppError('invalid_body', 'name must be 1 to 100 characters.', { parameter: 'name' });
    }
    const expiresAt = input.expiresAt ?? null;
    if (expiresAt !== null && (!Number.isFinite(expiresAt) || expiresAt <= at)) {
      throw new AppError('invalid_body', 'expiresAt must lie in the future.', { parameter: 'expiresAt' });
    }
    const grant = await resolveGrant(input, (personId) => this.personExists(actor.tenantId, personId), grantable);
    const key = generateApiKey();
    const row: ApiKeyRow = {
      id: newId(),
      tenant_id: actor.tenantId,
      name,
      prefix: keyPrefix(key),
      key_hash: hashApiKey(key),
      role: input.role,
      person_id: grant.personId,
      scopes: JSON.stringify(grant.scopes),
      created_at: at,
      last_used_at: null,
      expires_at: expiresAt,
      revoked_at: null,
    };
    await this.db.transaction().execute(async (trx) => {
      await new ApiKeyRepository(trx).insert(row);
      await recordChange(
        trx,
        actor,
        { action: 'api_key.create', resourceType: 'api_key', resourceId: row.id, after: presentApiKey(row) },
        at,
      );
    });
    return { row, key };
  }

  list(tenantId: string, page: PageRequest<ApiKeySortField>): Promise<Page<ApiKeyRow>> {
    return this.keys.list(tenantId, page);
  }

  /** A key of the tenant; any other id (missing, malformed, another tenant's) is api_key_not_found. */
  async get(tenantId: string, id: string): Promise<ApiKeyRow> {
    const row = id.length <= 64 ? await this.keys.findById(tenantId, id) : undefined;
    if (!row) throw new AppError('api_key_not_found', `There is no API key with id '${id.slice(0, 64)}'.`);
    return row;
  }

  /** Any tenant's key by id, for the operator's command line. */
  findAnyById(id: string): Promise<ApiKeyRow | undefined> {
    return id.length <= 64 ? this.keys.findAnyById(id) : Promise.resolve(undefined);
  }

  /** Revokes a key of the actor's tenant. Revoking a revoked key changes and records nothing. */
  async revoke(actor: Actor, id: string): Promise<void> {
    const before = await this.get(actor.tenantId, id);
    if (before.revoked_at !== null) return;
    const at = this.now();
    await this.db.transaction().execute(async (trx) => {
      if (!(await new ApiKeyRepository(trx).revoke(actor.tenantId, id, at))) return;
      await recordChange(
        trx,
        actor,
        {
          action: 'api_key.revoke',
          resourceType: 'api_key',
          resourceId: id,
          before: presentApiKey(before),
          after: presentApiKey({ ...before, revoked_at: at }),
        },
        at,
      );
    });
    this.access.forgetCachedCredentials();
  }
}
