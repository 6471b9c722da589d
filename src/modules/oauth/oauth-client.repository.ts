/**
 * Stores OAuth clients. Every admin query names the tenant; the token endpoint alone looks a client up by its
 * deployment-unique client_id.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/schema.js';
import { applyPage, toPage } from '../../query/keyset.js';
import type { Page, PageRequest } from '../../query/page.js';
import type { OAuthClientTable } from './oauth-client.table.js';
import { revokeRow } from '../../db/revocable-rows.js';

export type OAuthClientRow = Selectable<OAuthClientTable>;

export const OAUTH_CLIENT_SORT_FIELDS = ['id'] as const;
export type OAuthClientSortField = (typeof OAUTH_CLIENT_SORT_FIELDS)[number];

export class OAuthClientRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Runs `work` in one transaction, with a repository bound to it and the transaction itself (for the audit). */
  inTransaction<T>(work: (clients: OAuthClientRepository, trx: Kysely<Database>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work(new OAuthClientRepository(trx), trx));
  }

  findById(tenantId: string, id: string): Promise<OAuthClientRow | undefined> {
    return this.db
      .selectFrom('oauth_clients')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  findByClientId(clientId: string): Promise<OAuthClientRow | undefined> {
    return this.db.selectFrom('oauth_clients').selectAll().where('client_id', '=', clientId).executeTakeFirst();
  }

  /** For the operator's command line, which names a client by its row id or client_id without a tenant. */
  findByIdOrClientIdInAnyTenant(idOrClientId: string): Promise<OAuthClientRow | undefined> {
    return this.db
      .selectFrom('oauth_clients')
      .selectAll()
      .where((w) => w.or([w('id', '=', idOrClientId), w('client_id', '=', idOrClientId)]))
      .executeTakeFirst();
  }

  async list(tenantId: string, page: PageRequest<OAuthClientSortField>): Promise<Page<OAuthClientRow>> {
    const query = applyPage(
      this.db.selectFrom('oauth_clients as c').selectAll('c').where('c.tenant_id', '=', tenantId),
      page,
      { sortColumn: 'c.id', idColumn: 'c.id' },
    );
    return toPage(await query.execute(), page, (row) => ({ value: row.id, id: row.id }));
  }

  async insert(row: OAuthClientRow): Promise<void> {
    await this.db.insertInto('oauth_clients').values(row).execute();
  }

  /** Marks the client revoked; false when it was already revoked (or does not exist). */
  revoke(tenantId: string, id: string, at: number): Promise<boolean> {
    return revokeRow(this.db, 'oauth_clients', tenantId, id, at);
  }

  async touch(id: string, at: number): Promise<void> {
    await this.db.updateTable('oauth_clients').set({ last_used_at: at }).where('id', '=', id).execute();
  }
}
