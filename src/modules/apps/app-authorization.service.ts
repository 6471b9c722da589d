/**
 * App authorizations (Plantronics "authrequests", vendor-apis.md §1.2): a tenant (the partner) asks another
 * tenant to let one of its registered apps read that tenant's data, for some datasets (subscriptions); the
 * other tenant's admin approves or rejects; the partner may withdraw. Tenants that approve every app at once
 * (the sandbox) approve on request. Rules:
 * - one open (pending or approved) authorization per app and tenant: asking again returns it; asking for more
 *   datasets adds them to the request (approved at once by auto-approving tenants; otherwise the authorization
 *   turns pending again and keeps what was granted until the admin decides: "the authorization remains intact
 *   but new datasets need to be enabled");
 * - an admin may approve (all requested datasets, or some) or reject any open authorization (rejecting an
 *   approved one ends its access); rejected and withdrawn ones are closed for good: asking again opens a new one;
 * - every change is audited in the acting tenant, in the same transaction.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { newId } from '../../db/ids.js';
import { isUniqueViolation } from '../../db/unique-violation.js';
import { AppError, invalidParameter } from '../../errors.js';
import type { Page, PageRequest } from '../../query/page.js';
import { type Actor, recordChange } from '../audit/audit-trail.js';
import type { Scope } from '../access/roles.js';
import { presentAppAuthorization } from './app-authorization.presenter.js';
import {
  AppAuthorizationRepository,
  type AppAuthorizationRecord,
  type AppAuthorizationSortField,
  type AppAuthorizationStatus,
  OPEN_STATUSES,
} from './app-authorization.repository.js';
import type { AppRow } from './app.repository.js';
import type { AppService } from './app.service.js';
import {
  MAX_SUBSCRIPTION_NAMES,
  type Subscription,
  normalizeSubscriptions,
  parseSubscriptions,
  scopesOfSubscriptions,
} from './app-subscription.js';

/** How many authorizations an app's description lists (newest first). */
export const MAX_APP_AUTHORIZATIONS_SHOWN = 500;

export interface AuthorizationRequest {
  /** The client-facing appId of an app of the actor's tenant. */
  readonly appId: string;
  readonly tenantApiCode: string;
  readonly subscriptions: readonly string[];
}

/** What a delegated caller may do in the authorizing tenant. */
export interface Delegation {
  readonly authorizationId: string;
  readonly tenantId: string;
  readonly granted: readonly Subscription[];
  readonly scopes: readonly Scope[];
}

export class AppAuthorizationService {
  private readonly authorizations: AppAuthorizationRepository;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly apps: AppService,
    private readonly now: () => number = Date.now,
  ) {
    this.authorizations = new AppAuthorizationRepository(db);
  }

  /**
   * Asks the tenant named by `tenantApiCode` to authorize an app of the actor's tenant. `created` tells a new
   * authorization from the open one returned (changed or not).
   */
  async request(
    actor: Actor,
    input: AuthorizationRequest,
  ): Promise<{ record: AppAuthorizationRecord; created: boolean }> {
    const app = await this.liveApp(actor.tenantId, input.appId);
    const subscriptions = requestedSubscriptions(input.subscriptions);
    const tenant = await this.authorizations.findTenantByApiCode(input.tenantApiCode);
    if (!tenant) {
      throw new AppError(
        'tenant_not_found',
        `There is no tenant with tenantApiCode '${input.tenantApiCode.slice(0, 64)}'.`,
      );
    }
    if (tenant.id === actor.tenantId) {
      throw invalidParameter(
        'tenantApiCode',
        "An app needs no authorization from its own tenant: its appId already reads the tenant's data.",
      );
    }
    const attempt = () =>
      this.db.transaction().execute(async (trx) => {
        const repo = new AppAuthorizationRepository(trx);
        const at = this.now();
        const open = await repo.findOpen(app.id, tenant.id);
        if (!open) {
          const row = {
            id: newId(),
            app_row_id: app.id,
            tenant_id: tenant.id,
            requested_by_tenant_id: actor.tenantId,
            subscriptions: JSON.stringify(subscriptions),
            granted_subscriptions: JSON.stringify(tenant.autoApproves ? subscriptions : []),
            status: tenant.autoApproves ? ('approved' as const) : ('pending' as const),
            created_at: at,
            updated_at: at,
            decided_at: tenant.autoApproves ? at : null,
            decided_by: null,
          };
          await repo.insert(row);
          const record = (await repo.findOpen(app.id, tenant.id))!;
          await recordChange(
            trx,
            actor,
            {
              action: 'app_authorization.request',
              resourceType: 'app_authorization',
              resourceId: row.id,
              after: presentAppAuthorization(record),
            },
            at,
          );
          return { record, created: true };
        }
        const requested = parseSubscriptions(open.row.subscriptions);
        const granted = parseSubscriptions(open.row.granted_subscriptions);
        const union = unionOf(requested, subscriptions);
        const grantedUnion = unionOf(granted, subscriptions);
        const nextGranted = tenant.autoApproves ? grantedUnion : granted;
        const asksForMore = union.length > requested.length;
        const nextStatus: AppAuthorizationStatus = tenant.autoApproves
          ? 'approved'
          : asksForMore
            ? 'pending'
            : open.row.status;
        if (
          union.length === requested.length &&
          nextGranted.length === granted.length &&
          nextStatus === open.row.status
        ) {
          return { record: open, created: false };
        }
        const changes = {
          subscriptions: JSON.stringify(union),
          granted_subscriptions: JSON.stringify(nextGranted),
          status: nextStatus,
          updated_at: at,
          ...(tenant.autoApproves ? { decided_at: at, decided_by: null } : {}),
        };
        if (!(await repo.update(open.row.id, open.row.status, changes))) throw conflict();
        const record = (await repo.findForTenant(tenant.id, open.row.id))!;
        await recordChange(
          trx,
          actor,
          {
            action: 'app_authorization.request',
            resourceType: 'app_authorization',
            resourceId: open.row.id,
            before: presentAppAuthorization(open),
            after: presentAppAuthorization(record),
          },
          at,
        );
        return { record, created: false };
      });
    let result: { record: AppAuthorizationRecord; created: boolean };
    try {
      result = await attempt();
    } catch (error) {
      // Two first requests at once: the unique index lets one in; the other joins it.
      if (!isUniqueViolation(error)) throw error;
      result = await attempt();
    }
    this.apps.forgetAuthorizations();
    return result;
  }

  list(
    tenantId: string,
    status: AppAuthorizationStatus | undefined,
    page: PageRequest<AppAuthorizationSortField>,
  ): Promise<Page<AppAuthorizationRecord>> {
    return this.authorizations.listForTenant(tenantId, status, page);
  }

  /** An authorization the tenant was asked for; any other id is authorization_not_found. */
  async get(tenantId: string, id: string): Promise<AppAuthorizationRecord> {
    const record = id.length <= 64 ? await this.authorizations.findForTenant(tenantId, id) : undefined;
    if (!record) throw notFound(id);
    return record;
  }

  /**
   * Approves an open authorization of the actor's tenant, granting `subscriptions` (each one requested) or all
   * requested ones; approving again with the same grant changes nothing.
   */
  async approve(actor: Actor, id: string, subscriptions?: readonly string[]): Promise<AppAuthorizationRecord> {
    const before = await this.get(actor.tenantId, id);
    const requested = parseSubscriptions(before.row.subscriptions);
    let grant = requested;
    if (subscriptions !== undefined) {
      const { subscriptions: chosen, unknown } = normalizeSubscriptions(subscriptions);
      const notRequested = chosen.filter((s) => !requested.includes(s));
      if (unknown.length > 0 || notRequested.length > 0 || chosen.length === 0) {
        throw new AppError(
          'invalid_body',
          `subscriptions must name 1 or more of the requested subscriptions (${requested.join(', ')}).`,
          { parameter: 'subscriptions' },
        );
      }
      grant = chosen;
    }
    if (!OPEN_STATUSES.includes(before.row.status)) throw closed(before);
    if (before.row.status === 'approved' && before.row.granted_subscriptions === JSON.stringify(grant)) return before;
    return this.decide(actor, before, {
      status: 'approved',
      granted_subscriptions: JSON.stringify(grant),
      action: 'app_authorization.approve',
    });
  }

  /** Rejects an open authorization of the actor's tenant (ending its access); rejecting again changes nothing. */
  async reject(actor: Actor, id: string): Promise<AppAuthorizationRecord> {
    const before = await this.get(actor.tenantId, id);
    if (before.row.status === 'rejected') return before;
    if (before.row.status === 'withdrawn') throw closed(before);
    return this.decide(actor, before, {
      status: 'rejected',
      granted_subscriptions: '[]',
      action: 'app_authorization.reject',
    });
  }

  /**
   * Withdraws a request of the actor's app (its appId); withdrawing a closed one changes nothing. An id that is
   * not an authorization of this app is authorization_not_found.
   */
  async withdraw(actor: Actor, appId: string, id: string): Promise<void> {
    const app = await this.apps.getByAppId(actor.tenantId, appId);
    const before = id.length <= 64 ? await this.authorizations.findForApp(actor.tenantId, app.id, id) : undefined;
    if (!before) throw notFound(id);
    if (!OPEN_STATUSES.includes(before.row.status)) return;
    const at = this.now();
    await this.db.transaction().execute(async (trx) => {
      const repo = new AppAuthorizationRepository(trx);
      const changes = { status: 'withdrawn' as const, granted_subscriptions: '[]', updated_at: at };
      if (!(await repo.update(id, before.row.status, changes))) throw conflict();
      await recordChange(
        trx,
        actor,
        {
          action: 'app_authorization.withdraw',
          resourceType: 'app_authorization',
          resourceId: id,
          before: presentAppAuthorization(before),
          after: presentAppAuthorization({ ...before, row: { ...before.row, ...changes } }),
        },
        at,
      );
    });
    this.apps.forgetAuthorizations();
  }

  /** An app of the tenant (by appId) with its authorizations, newest first. */
  async describeApp(
    tenantId: string,
    appId: string,
  ): Promise<{ app: AppRow; authorizations: AppAuthorizationRecord[] }> {
    const app = await this.apps.getByAppId(tenantId, appId);
    return { app, authorizations: await this.authorizations.listForApp(app.id, MAX_APP_AUTHORIZATIONS_SHOWN) };
  }

  /**
   * What the app `appId` of `requesterTenantId` may read in the tenant named by `tenantApiCode`: undefined
   * unless that tenant exists and granted the (unrevoked) app at least one subscription.
   */
  async delegation(requesterTenantId: string, appId: string, tenantApiCode: string): Promise<Delegation | undefined> {
    const tenant = await this.authorizations.findTenantByApiCode(tenantApiCode);
    if (!tenant || tenant.id === requesterTenantId) return undefined;
    const row = await this.authorizations.findOpenForAppId(requesterTenantId, appId, tenant.id);
    if (!row) return undefined;
    const granted = parseSubscriptions(row.granted_subscriptions);
    if (granted.length === 0) return undefined;
    return { authorizationId: row.id, tenantId: tenant.id, granted, scopes: scopesOfSubscriptions(granted) };
  }

  private async liveApp(tenantId: string, appId: string): Promise<AppRow> {
    const app = await this.apps.getByAppId(tenantId, appId);
    if (app.revoked_at !== null) {
      throw new AppError('app_not_authorized', `The app '${appId}' is revoked: it cannot ask for authorization.`);
    }
    return app;
  }

  private async decide(
    actor: Actor,
    before: AppAuthorizationRecord,
    change: { status: 'approved' | 'rejected'; granted_subscriptions: string; action: string },
  ): Promise<AppAuthorizationRecord> {
    const at = this.now();
    const changes = {
      status: change.status,
      granted_subscriptions: change.granted_subscriptions,
      updated_at: at,
      decided_at: at,
      decided_by: actor.personId ?? actor.credentialId,
    };
    const after = { ...before, row: { ...before.row, ...changes } };
    await this.db.transaction().execute(async (trx) => {
      if (!(await new AppAuthorizationRepository(trx).update(before.row.id, before.row.status, changes))) {
        throw conflict();
      }
      await recordChange(
        trx,
        actor,
        {
          action: change.action,
          resourceType: 'app_authorization',
          resourceId: before.row.id,
          before: presentAppAuthorization(before),
          after: presentAppAuthorization(after),
        },
        at,
      );
    });
    this.apps.forgetAuthorizations();
    return after;
  }
}

/** The requested names as 3.11 subscriptions: at least one, each known (legacy names mapped). */
function requestedSubscriptions(names: readonly string[]): Subscription[] {
  if (names.length > MAX_SUBSCRIPTION_NAMES) {
    throw invalidParameter('subscription', `subscription may name at most ${MAX_SUBSCRIPTION_NAMES} subscriptions.`);
  }
  const { subscriptions, unknown } = normalizeSubscriptions(names);
  if (unknown.length > 0) {
    throw invalidParameter(
      'subscription',
      `Unknown subscription '${unknown[0]}': use CALLHISTORICAL, CALLREALTIME, ASSETHISTORICAL, ASSETREALTIME, HEALTHHISTORICAL, HEALTHREALTIME or VERSIONPOLICY.`,
    );
  }
  if (subscriptions.length === 0) {
    throw new AppError('missing_parameter', "The query parameter 'subscription' is required.", {
      parameter: 'subscription',
    });
  }
  return subscriptions;
}

function unionOf(a: readonly Subscription[], b: readonly Subscription[]): Subscription[] {
  return normalizeSubscriptions([...a, ...b]).subscriptions;
}

function notFound(id: string): AppError {
  return new AppError('authorization_not_found', `There is no app authorization with id '${id.slice(0, 64)}'.`);
}

function closed(record: AppAuthorizationRecord): AppError {
  return new AppError(
    'authorization_closed',
    `The app authorization is ${record.row.status}: the app must ask again for a new one.`,
  );
}

function conflict(): AppError {
  return new AppError('write_conflict', 'The app authorization changed meanwhile; read it again and retry.');
}
