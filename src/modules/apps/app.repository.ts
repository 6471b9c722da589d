/**
 * Registered apps. Tenant-facing reads name the tenant; an app of another tenant is indistinguishable from
 * a missing one. `findAnyById` is deployment-wide (the operator's command line).
 */
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/schema.js';
import { applyPage, toPage } from '../../query/keyset.js';
import type { Page, PageRequest } from '../../query/page.js';
import type { AppTable } from './app.table.js';
import { revokeRow } from '../../db/revocable-rows.js';

export type AppRow = Selectable<AppTable>;

export const APP_SORT_FIELDS = ['id'] as const;
export type AppSortField = (typeof APP_SORT_FIELDS)[number];

export class AppRepository {
  constructor(private readonly db: Kysely<Database>) {}

  findById(tenantId: string, id: string): Promise<AppRow | undefined> {
    return this.db
      .selectFrom('apps')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  findAnyById(id: string): Promise<AppRow | undefined> {
    return this.db.selectFrom('apps').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The app (revoked or not) that holds `appId` in the tenant. */
  findByAppId(tenantId: string, appId: string): Promise<AppRow | undefined> {
    return this.db
      .selectFrom('apps')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('app_id', '=', appId)
      .executeTakeFirst();
  }

  async list(tenantId: string, page: PageRequest<AppSortField>): Promise<Page<AppRow>> {
    const query = applyPage(this.db.selectFrom('apps as a').selectAll('a').where('a.tenant_id', '=', tenantId), page, {
      sortColumn: 'a.id',
      idColumn: 'a.id',
    });
    return toPage(await query.execute(), page, (row) => ({ value: row.id, id: row.id }));
  }

  async insert(row: AppRow): Promise<void> {
    await this.db.insertInto('apps').values(row).execute();
  }

  /** Marks the app revoked; false when it already was. */
  revoke(tenantId: string, id: string, at: number): Promise<boolean> {
    return revokeRow(this.db, 'apps', tenantId, id, at);
  }
}
