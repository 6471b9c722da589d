/**
 * App authorizations with what presenting them needs: the app (its appId, name, partner profile) and both
 * tenants (the authorizing one's name and tenantApiCode, the requesting one's name). Reads by the authorizing
 * tenant name it; reads by the requesting tenant name the app; another tenant's authorization is
 * indistinguishable from a missing one.
 */
import { type Kysely, type Selectable, type Updateable, sql } from 'kysely';
import type { Database } from '../../db/schema.js';
import { applyPage, toPage } from '../../query/keyset.js';
import type { Page, PageRequest } from '../../query/page.js';
import type { AppAuthorizationTable } from './app-authorization.table.js';

export type AppAuthorizationRow = Selectable<AppAuthorizationTable>;
export type AppAuthorizationStatus = AppAuthorizationRow['status'];

/** Pending and approved authorizations are open: at most one per app and authorizing tenant. */
export const OPEN_STATUSES: readonly AppAuthorizationStatus[] = ['pending', 'approved'];

export const APP_AUTHORIZATION_SORT_FIELDS = ['id'] as const;
export type AppAuthorizationSortField = (typeof APP_AUTHORIZATION_SORT_FIELDS)[number];

export interface AppAuthorizationRecord {
  readonly row: AppAuthorizationRow;
  readonly app: { readonly appId: string; readonly name: string; readonly partnerProfile: string | null };
  readonly tenant: { readonly name: string; readonly apiCode: string };
  readonly requestedBy: { readonly name: string };
}

/** A tenant as an authorization request names it (by its tenantApiCode). */
export interface AuthorizingTenant {
  readonly id: string;
  readonly name: string;
  readonly apiCode: string;
  readonly autoApproves: boolean;
}

export class AppAuthorizationRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private records() {
    return this.db
      .selectFrom('app_authorizations as z')
      .innerJoin('apps as a', 'a.id', 'z.app_row_id')
      .innerJoin('tenants as t', 't.id', 'z.tenant_id')
      .innerJoin('tenants as r', 'r.id', 'z.requested_by_tenant_id')
      .selectAll('z')
      .select([
        'a.app_id as app_app_id',
        'a.name as app_name',
        'a.partner_profile as app_partner_profile',
        't.name as tenant_name',
        't.api_code as tenant_api_code',
        'r.name as requester_name',
      ]);
  }

  /** An authorization the tenant was asked for. */
  async findForTenant(tenantId: string, id: string): Promise<AppAuthorizationRecord | undefined> {
    const row = await this.records().where('z.tenant_id', '=', tenantId).where('z.id', '=', id).executeTakeFirst();
    return row && toRecord(row);
  }

  /** An authorization of the app (an apps.id), as its requesting tenant sees it. */
  async findForApp(
    requesterTenantId: string,
    appRowId: string,
    id: string,
  ): Promise<AppAuthorizationRecord | undefined> {
    const row = await this.records()
      .where('z.requested_by_tenant_id', '=', requesterTenantId)
      .where('z.app_row_id', '=', appRowId)
      .where('z.id', '=', id)
      .executeTakeFirst();
    return row && toRecord(row);
  }

  /** The open authorization of the app by the tenant, if any. */
  async findOpen(appRowId: string, tenantId: string): Promise<AppAuthorizationRecord | undefined> {
    const row = await this.records()
      .where('z.app_row_id', '=', appRowId)
      .where('z.tenant_id', '=', tenantId)
      .where('z.status', 'in', OPEN_STATUSES)
      .executeTakeFirst();
    return row && toRecord(row);
  }

  async listForTenant(
    tenantId: string,
    status: AppAuthorizationStatus | undefined,
    page: PageRequest<AppAuthorizationSortField>,
  ): Promise<Page<AppAuthorizationRecord>> {
    let query = this.records().where('z.tenant_id', '=', tenantId);
    if (status !== undefined) query = query.where('z.status', '=', status);
    const rows = await applyPage(query, page, { sortColumn: 'z.id', idColumn: 'z.id' }).execute();
    return toPage(rows.map(toRecord), page, (record) => ({ value: record.row.id, id: record.row.id }));
  }

  /** The app's authorizations, newest first, at most `limit`. */
  async listForApp(appRowId: string, limit: number): Promise<AppAuthorizationRecord[]> {
    const rows = await this.records()
      .where('z.app_row_id', '=', appRowId)
      .orderBy('z.id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toRecord);
  }

  async insert(row: AppAuthorizationRow): Promise<void> {
    await this.db.insertInto('app_authorizations').values(row).execute();
  }

  /** Changes an authorization that is still in `expected` status; false when it no longer is. */
  async update(
    id: string,
    expected: AppAuthorizationStatus,
    values: Updateable<AppAuthorizationTable>,
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('app_authorizations')
      .set(values)
      .where('id', '=', id)
      .where('status', '=', expected)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async findTenantByApiCode(apiCode: string): Promise<AuthorizingTenant | undefined> {
    const row = await this.db
      .selectFrom('tenants')
      .select(['id', 'name', 'api_code', 'apps_auto_approved'])
      // Codes are compared as hexadecimal is: in any case.
      .where(sql<string>`lower(api_code)`, '=', apiCode.toLowerCase())
      .executeTakeFirst();
    return (
      row && { id: row.id, name: row.name, apiCode: row.api_code, autoApproves: Number(row.apps_auto_approved) === 1 }
    );
  }

  async autoApproves(tenantId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('tenants')
      .select('apps_auto_approved')
      .where('id', '=', tenantId)
      .executeTakeFirst();
    return row !== undefined && Number(row.apps_auto_approved) === 1;
  }

  /**
   * The open authorization by `tenantId` of an unrevoked app registered with `appId` by `requesterTenantId`
   * (undefined when the app or the authorization does not exist).
   */
  async findOpenForAppId(
    requesterTenantId: string,
    appId: string,
    tenantId: string,
  ): Promise<AppAuthorizationRow | undefined> {
    return this.db
      .selectFrom('app_authorizations as z')
      .innerJoin('apps as a', 'a.id', 'z.app_row_id')
      .selectAll('z')
      .where('a.tenant_id', '=', requesterTenantId)
      .where('a.app_id', '=', appId)
      .where('a.revoked_at', 'is', null)
      .where('z.tenant_id', '=', tenantId)
      .where('z.status', 'in', OPEN_STATUSES)
      .executeTakeFirst();
  }

  /** The granted subscriptions (JSON) of the tenant's open authorizations of unrevoked apps with this appId. */
  async grantsForAppId(tenantId: string, appId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('app_authorizations as z')
      .innerJoin('apps as a', 'a.id', 'z.app_row_id')
      .select('z.granted_subscriptions')
      .where('z.tenant_id', '=', tenantId)
      .where('a.app_id', '=', appId)
      .where('a.revoked_at', 'is', null)
      .where('z.status', 'in', OPEN_STATUSES)
      .limit(100)
      .execute();
    return rows.map((r) => r.granted_subscriptions);
  }
}

type JoinedRow = AppAuthorizationRow & {
  app_app_id: string;
  app_name: string;
  app_partner_profile: string | null;
  tenant_name: string;
  tenant_api_code: string;
  requester_name: string;
};

function toRecord(joined: JoinedRow): AppAuthorizationRecord {
  const { app_app_id, app_name, app_partner_profile, tenant_name, tenant_api_code, requester_name, ...row } = joined;
  return {
    row: { ...row, created_at: Number(row.created_at), updated_at: Number(row.updated_at) },
    app: { appId: app_app_id, name: app_name, partnerProfile: app_partner_profile },
    tenant: { name: tenant_name, apiCode: tenant_api_code },
    requestedBy: { name: requester_name },
  };
}
