/**
 * Registered apps: create (with a given or generated appId, unique in the tenant), list, get, revoke, and
 * the checks dialects make on every call (isRegisteredApp, isAuthorizedApp, cached briefly). Changes are
 * audited in the same transaction. A revoked app keeps its appId: it cannot be registered again.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { newId } from '../../db/ids.js';
import { isUniqueViolation } from '../../db/unique-violation.js';
import { AppError } from '../../errors.js';
import type { Page, PageRequest } from '../../query/page.js';
import { type Actor, recordChange } from '../audit/audit-trail.js';
import { presentApp } from './app.presenter.js';
import { AppAuthorizationRepository } from './app-authorization.repository.js';
import { AppRepository, type AppRow, type AppSortField } from './app.repository.js';
import { APP_ID_PATTERN } from './app.schemas.js';

export interface NewApp {
  readonly name: string;
  readonly appId?: string;
  readonly description?: string;
  /** Who registered it (Plantronics `partnerProfile`), stored as given. */
  readonly partnerProfile?: PartnerProfile;
}

export interface PartnerProfile {
  readonly email?: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly partnerName?: string;
}

const CACHE_TTL_MS = 5_000;
const CACHE_MAX = 10_000;
const APP_ID = new RegExp(APP_ID_PATTERN);

/** 24 URL-safe characters (144 random bits). */
export function generateAppId(): string {
  return randomBytes(18).toString('base64url');
}

export class AppService {
  private readonly apps: AppRepository;
  private readonly authorizations: AppAuthorizationRepository;
  private readonly cache = new Map<string, { registered: boolean; expires: number }>();
  private readonly authorizedCache = new Map<string, { registered: boolean; expires: number }>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => number = Date.now,
  ) {
    this.apps = new AppRepository(db);
    this.authorizations = new AppAuthorizationRepository(db);
  }

  async create(actor: Actor, input: NewApp): Promise<AppRow> {
    const name = input.name.trim();
    if (name === '' || name.length > 100) {
      throw new AppError('invalid_body', 'name must be 1 to 100 characters.', { parameter: 'name' });
    }
    const appId = input.appId ?? generateAppId();
    if (!APP_ID.test(appId)) {
      throw new AppError('invalid_body', 'appId must be 8 to 128 characters of A-Z, a-z, 0-9, ".", "_" and "-".', {
        parameter: 'appId',
      });
    }
    const at = this.now();
    const row: AppRow = {
      id: newId(),
      tenant_id: actor.tenantId,
      app_id: appId,
      name,
      created_at: at,
      revoked_at: null,
      description: input.description ?? null,
      partner_profile: input.partnerProfile === undefined ? null : JSON.stringify(input.partnerProfile),
    };
    try {
      await this.db.transaction().execute(async (trx) => {
        const apps = new AppRepository(trx);
        if (await apps.findByAppId(actor.tenantId, appId)) throw appIdTaken(appId);
        await apps.insert(row);
        await recordChange(
          trx,
          actor,
          { action: 'app.create', resourceType: 'app', resourceId: row.id, after: presentApp(row) },
          at,
        );
      });
    } catch (error) {
      // Two registrations of one appId at once: the unique constraint decides.
      throw isUniqueViolation(error) ? appIdTaken(appId) : error;
    }
    this.forgetApp(actor.tenantId, appId);
    return row;
  }

  list(tenantId: string, page: PageRequest<AppSortField>): Promise<Page<AppRow>> {
    return this.apps.list(tenantId, page);
  }

  /** An app of the tenant; any other id is app_not_found. */
  async get(tenantId: string, id: string): Promise<AppRow> {
    const row = id.length <= 64 ? await this.apps.findById(tenantId, id) : undefined;
    if (!row) throw new AppError('app_not_found', `There is no app with id '${id.slice(0, 64)}'.`);
    return row;
  }

  findAnyById(id: string): Promise<AppRow | undefined> {
    return id.length <= 64 ? this.apps.findAnyById(id) : Promise.resolve(undefined);
  }

  /** Revokes an app of the actor's tenant; revoking a revoked app changes and records nothing. */
  async revoke(actor: Actor, id: string): Promise<void> {
    const before = await this.get(actor.tenantId, id);
    if (before.revoked_at !== null) return;
    const at = this.now();
    await this.db.transaction().execute(async (trx) => {
      if (!(await new AppRepository(trx).revoke(actor.tenantId, id, at))) return;
      await recordChange(
        trx,
        actor,
        {
          action: 'app.revoke',
          resourceType: 'app',
          resourceId: id,
          before: presentApp(before),
          after: presentApp({ ...before, revoked_at: at }),
        },
        at,
      );
    });
    this.forgetApp(actor.tenantId, before.app_id);
    // Other tenants' authorizations of this app end with it.
    this.forgetAuthorizations();
  }

  /** The app of the tenant that holds `appId` (revoked or not); any other is app_not_found. */
  async getByAppId(tenantId: string, appId: string): Promise<AppRow> {
    const row = APP_ID.test(appId) ? await this.apps.findByAppId(tenantId, appId) : undefined;
    if (!row) throw new AppError('app_not_found', `There is no app with appId '${appId.slice(0, 128)}'.`);
    return row;
  }

  /**
   * Whether `appId` may call the tenant's data through a dialect: an unrevoked app the tenant registered, an
   * unrevoked app (of any tenant) with that appId that the tenant granted at least one subscription, or any
   * well-formed appId when the tenant approves every app at once (the Plantronics sandbox, whose published
   * calls work with whatever appId a client sends). Cached like isRegisteredApp; a change of an authorization
   * on this node takes effect at once.
   */
  async isAuthorizedApp(tenantId: string, appId: string): Promise<boolean> {
    if (!APP_ID.test(appId)) return false;
    if (await this.isRegisteredApp(tenantId, appId)) return true;
    const key = cacheKey(tenantId, appId);
    const at = this.now();
    const cached = this.authorizedCache.get(key);
    if (cached && cached.expires > at) return cached.registered;
    const authorized =
      (await this.authorizations.autoApproves(tenantId)) ||
      (await this.authorizations.grantsForAppId(tenantId, appId)).some((granted) => granted !== '[]');
    if (this.authorizedCache.size >= CACHE_MAX) this.authorizedCache.clear();
    this.authorizedCache.set(key, { registered: authorized, expires: at + CACHE_TTL_MS });
    return authorized;
  }

  /** Drops the cached authorization answers (after an authorization changed). */
  forgetAuthorizations(): void {
    this.authorizedCache.clear();
  }

  private forgetApp(tenantId: string, appId: string): void {
    this.cache.delete(cacheKey(tenantId, appId));
    this.authorizedCache.delete(cacheKey(tenantId, appId));
  }

  /**
   * Whether `appId` is a registered, unrevoked app of the tenant. Answers are cached for 5 s per node: a
   * revocation on this node takes effect at once, on other nodes within 5 s.
   */
  async isRegisteredApp(tenantId: string, appId: string): Promise<boolean> {
    if (!APP_ID.test(appId)) return false;
    const key = cacheKey(tenantId, appId);
    const at = this.now();
    const cached = this.cache.get(key);
    if (cached && cached.expires > at) return cached.registered;
    const row = await this.apps.findByAppId(tenantId, appId);
    const registered = row !== undefined && row.revoked_at === null;
    if (this.cache.size >= CACHE_MAX) this.cache.clear();
    this.cache.set(key, { registered, expires: at + CACHE_TTL_MS });
    return registered;
  }
}

function cacheKey(tenantId: string, appId: string): string {
  return `${tenantId}\n${appId}`;
}

function appIdTaken(appId: string): AppError {
  return new AppError('app_id_taken', `The appId '${appId}' is already registered in this tenant.`, {
    parameter: 'appId',
  });
}
