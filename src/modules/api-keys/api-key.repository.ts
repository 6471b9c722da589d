/**
 * Looks up, lists and records API keys. Tenant-facing reads name the tenant; a key of another tenant is
 * indistinguishable from a missing one. `findByHash` and `findAnyById` are deployment-wide (authentication, CLI).
 */
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/schema.js';
import { applyPage, toPage } from '../../query/keyset.js';
import type { Page, PageRequest } from '../../query/page.js';
import type { ApiKeyTable } from './api-key.table.js';
import { revokeRow } from '../../db/revocable-rows.js';

export type ApiKeyRow = Selectable<ApiKeyTable>;

export const API_KEY_SORT_FIELDS = ['id'] as const;
export type ApiKeySortField = (typeof API_KEY_SORT_FIELDS)[number];

export class ApiKeyRepository {
  constructor(private readonly db: Kysely<Database>) {}

  findByHash(keyHash: string): Promise<ApiKeyRow | undefined> {
    return this.db.selectFrom('api_keys').selectAll().where('key_hash', '=', keyHash).executeTakeFirst();
  }

  findById(tenantId: string, id: string): Promise<ApiKeyRow | undefined> {
    return this.db
      .selectFrom('api_keys')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /** Any tenant's key (the operator's command line names keys by id alone). */
  findAnyById(id: string): Promise<ApiKeyRow | undefined> {
    return this.db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async list(tenantId: string, page: PageRequest<ApiKeySortField>): Promise<Page<ApiKeyRow>> {
    const query = applyPage(
      this.db.selectFrom('api_keys as k').selectAll('k').where('k.tenant_id', '=', tenantId),
      page,
      { sortColumn: 'k.id', idColumn: 'k.id' },
    );
    return toPage(await query.execute(), page, (row) => ({ value: row.id, id: row.id }));
  }

  async insert(row: ApiKeyRow): Promise<void> {
    await this.db.insertInto('api_keys').values(row).execute();
  }

  /** Marks the key revoked; false when it already was (nothing changes then). */
  revoke(tenantId: string, id: string, at: number): Promise<boolean> {
    return revokeRow(this.db, 'api_keys', tenantId, id, at);
  }

  async touch(id: string, at: number): Promise<void> {
    await this.db.updateTable('api_keys').set({ last_used_at: at }).where('id', '=', id).execute();
  }
}
