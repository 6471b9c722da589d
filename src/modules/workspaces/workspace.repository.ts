/**
 * Reads workspaces with their site's name.
 * Every query names the tenant; a workspace of another tenant is indistinguishable from a missing one.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Capabilities } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import { anyColumnContains, containsPattern } from '../../db/text-search.js';
import { applyPage, toPage } from '../../query/keyset.js';
import type { Page, PageRequest } from '../../query/page.js';
import type { WorkspaceTable } from './workspace.table.js';

export const WORKSPACE_SORT_FIELDS = ['id', 'name'] as const;
export type WorkspaceSortField = (typeof WORKSPACE_SORT_FIELDS)[number];

/** Canonical workspace filters. */
export interface WorkspaceFilter {
  /** Site id or name. */
  site?: string;
  /** Case-insensitive substring of the name. */
  q?: string;
}

export type WorkspaceRow = Selectable<WorkspaceTable> & { site_name: string | null };

export class WorkspaceRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly capabilities: Capabilities,
  ) {}

  findById(tenantId: string, id: string): Promise<WorkspaceRow | undefined> {
    return this.baseQuery(tenantId).where('w.id', '=', id).executeTakeFirst();
  }

  async list(
    tenantId: string,
    filter: WorkspaceFilter,
    page: PageRequest<WorkspaceSortField>,
  ): Promise<Page<WorkspaceRow>> {
    let query = this.baseQuery(tenantId);
    if (filter.site !== undefined) {
      const site = filter.site;
      query = query.where('w.site_id', 'in', (eb) =>
        eb
          .selectFrom('sites')
          .select('id')
          .where('tenant_id', '=', tenantId)
          .where((w) => w.or([w('id', '=', site), w('name', '=', site)])),
      );
    }
    if (filter.q !== undefined && filter.q !== '') {
      query = query.where(anyColumnContains(this.capabilities, ['w.name'], containsPattern(filter.q)));
    }
    const byName = page.sort.field === 'name';
    query = applyPage(query, page, { sortColumn: byName ? 'w.name' : 'w.id', idColumn: 'w.id' });
    const rows = await query.execute();
    return toPage(rows, page, (row) => ({ value: byName ? row.name : row.id, id: row.id }));
  }

  private baseQuery(tenantId: string) {
    return this.db
      .selectFrom('workspaces as w')
      .leftJoin('sites as s', (join) => join.onRef('s.id', '=', 'w.site_id').onRef('s.tenant_id', '=', 'w.tenant_id'))
      .selectAll('w')
      .select('s.name as site_name')
      .where('w.tenant_id', '=', tenantId);
  }
}
