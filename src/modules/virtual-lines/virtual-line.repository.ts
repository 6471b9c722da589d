/**
 * Reads virtual lines with their number and site, and the lookups their writes need.
 * Every query names the tenant; a virtual line of another tenant is indistinguishable from a missing one.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Capabilities } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import { tenantRowExists } from '../../db/tenant-rows.js';
import { anyColumnContains, containsPattern } from '../../db/text-search.js';
import { applyPage, toPage } from '../../query/keyset.js';
import type { Page, PageRequest } from '../../query/page.js';
import type { VirtualLineTable } from './virtual-line.table.js';

export const VIRTUAL_LINE_SORT_FIELDS = ['id', 'lastName'] as const;
export type VirtualLineSortField = (typeof VIRTUAL_LINE_SORT_FIELDS)[number];

/** Canonical virtual-line filters. */
export interface VirtualLineFilter {
  /** Site id or name. */
  site?: string;
  /** Case-insensitive substring of the first, last or display name, or of the extension. */
  q?: string;
}

export type VirtualLineRow = Selectable<VirtualLineTable> & { site_name: string | null; number: string | null };

export class VirtualLineRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly capabilities: Capabilities,
  ) {}

  findById(tenantId: string, id: string): Promise<VirtualLineRow | undefined> {
    return this.baseQuery(tenantId).where('v.id', '=', id).executeTakeFirst();
  }

  async list(
    tenantId: string,
    filter: VirtualLineFilter,
    page: PageRequest<VirtualLineSortField>,
  ): Promise<Page<VirtualLineRow>> {
    let query = this.baseQuery(tenantId);
    if (filter.site !== undefined) {
      const site = filter.site;
      query = query.where('v.site_id', 'in', (eb) =>
        eb
          .selectFrom('sites')
          .select('id')
          .where('tenant_id', '=', tenantId)
          .where((w) => w.or([w('id', '=', site), w('name', '=', site)])),
      );
    }
    if (filter.q !== undefined && filter.q !== '') {
      query = query.where(
        anyColumnContains(
          this.capabilities,
          ['v.first_name', 'v.last_name', 'v.display_name', 'v.extension'],
          containsPattern(filter.q),
        ),
      );
    }
    const byName = page.sort.field === 'lastName';
    query = applyPage(query, page, { sortColumn: byName ? 'v.last_name' : 'v.id', idColumn: 'v.id' });
    const rows = await query.execute();
    return toPage(rows, page, (row) => ({ value: byName ? row.last_name : row.id, id: row.id }));
  }

  phoneNumberExists(tenantId: string, id: string): Promise<boolean> {
    return tenantRowExists(this.db, 'phone_numbers', tenantId, id);
  }

  siteExists(tenantId: string, id: string): Promise<boolean> {
    return tenantRowExists(this.db, 'sites', tenantId, id);
  }

  /** How many devices of the tenant the virtual line owns. */
  async ownedDeviceCount(tenantId: string, id: string): Promise<number> {
    const row = await this.db
      .selectFrom('devices')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('tenant_id', '=', tenantId)
      .where('owner_virtual_line_id', '=', id)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  private baseQuery(tenantId: string) {
    return this.db
      .selectFrom('virtual_lines as v')
      .leftJoin('sites as s', (join) => join.onRef('s.id', '=', 'v.site_id').onRef('s.tenant_id', '=', 'v.tenant_id'))
      .leftJoin('phone_numbers as n', (join) =>
        join.onRef('n.id', '=', 'v.phone_number_id').onRef('n.tenant_id', '=', 'v.tenant_id'),
      )
      .selectAll('v')
      .select(['s.name as site_name', 'n.number as number'])
      .where('v.tenant_id', '=', tenantId);
  }
}
