/**
 * Reads sites. Every query names the tenant; a site of another tenant is indistinguishable from a missing one.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Capabilities } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import { applyPage, toPage } from '../../query/keyset.js';
import type { Page, PageRequest } from '../../query/page.js';
import type { SiteTable } from './site.table.js';
import { anyColumnContains, containsPattern } from '../../db/text-search.js';

export const SITE_SORT_FIELDS = ['id', 'name'] as const;
export type SiteSortField = (typeof SITE_SORT_FIELDS)[number];

/** Canonical site filters. */
export interface SiteFilter {
  /** ISO 3166-1 alpha-2 country code, any case. */
  country?: string;
  /** Case-insensitive substring of the name. */
  q?: string;
}

export type SiteRow = Selectable<SiteTable>;

export class SiteRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly capabilities: Capabilities,
  ) {}

  findById(tenantId: string, id: string): Promise<SiteRow | undefined> {
    return this.db
      .selectFrom('sites')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  async list(tenantId: string, filter: SiteFilter, page: PageRequest<SiteSortField>): Promise<Page<SiteRow>> {
    let query = this.db.selectFrom('sites as s').selectAll('s').where('s.tenant_id', '=', tenantId);
    if (filter.country !== undefined) query = query.where('s.country_code', '=', filter.country.toUpperCase());
    if (filter.q !== undefined && filter.q !== '') {
      query = query.where(anyColumnContains(this.capabilities, ['s.name'], containsPattern(filter.q)));
    }
    const byName = page.sort.field === 'name';
    query = applyPage(query, page, { sortColumn: byName ? 's.name' : 's.id', idColumn: 's.id' });
    const rows = await query.execute();
    return toPage(rows, page, (row) => ({ value: byName ? row.name : row.id, id: row.id }));
  }
}
