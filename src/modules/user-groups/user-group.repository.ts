/**
 * Reads user groups and counts their members.
 * Every query names the tenant; a group of another tenant is indistinguishable from a missing one.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Capabilities } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import { applyPage, toPage } from '../../query/keyset.js';
import type { Page, PageRequest } from '../../query/page.js';
import type { UserGroupTable } from './user-group.table.js';
import { anyColumnContains, containsPattern } from '../../db/text-search.js';

export const USER_GROUP_SORT_FIELDS = ['id', 'name'] as const;
export type UserGroupSortField = (typeof USER_GROUP_SORT_FIELDS)[number];

/** Canonical user group filters. */
export interface UserGroupFilter {
  /** Case-insensitive substring of the name. */
  q?: string;
}

export type UserGroupRow = Selectable<UserGroupTable>;

export interface UserGroupRecord {
  readonly row: UserGroupRow;
  /** Undefined when the projection did not ask for it. */
  readonly memberCount?: number;
}

/** What to compute besides the row; a projection that omits memberCount skips its query. */
export interface UserGroupIncludes {
  memberCount: boolean;
}
export const ALL_USER_GROUP_RELATIONS: UserGroupIncludes = { memberCount: true };

export class UserGroupRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly capabilities: Capabilities,
  ) {}

  async findById(
    tenantId: string,
    id: string,
    include: UserGroupIncludes = ALL_USER_GROUP_RELATIONS,
  ): Promise<UserGroupRecord | undefined> {
    const row = await this.db
      .selectFrom('user_groups')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return undefined;
    const [record] = await this.withCounts(tenantId, [row], include);
    return record;
  }

  async exists(tenantId: string, id: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('user_groups')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row !== undefined;
  }

  async list(
    tenantId: string,
    filter: UserGroupFilter,
    page: PageRequest<UserGroupSortField>,
    include: UserGroupIncludes = ALL_USER_GROUP_RELATIONS,
  ): Promise<Page<UserGroupRecord>> {
    let query = this.db.selectFrom('user_groups as g').selectAll('g').where('g.tenant_id', '=', tenantId);
    if (filter.q !== undefined && filter.q !== '') {
      query = query.where(anyColumnContains(this.capabilities, ['g.name'], containsPattern(filter.q)));
    }
    const byName = page.sort.field === 'name';
    query = applyPage(query, page, { sortColumn: byName ? 'g.name' : 'g.id', idColumn: 'g.id' });
    const rows = await query.execute();
    const result = toPage(rows, page, (row) => ({ value: byName ? row.name : row.id, id: row.id }));
    return { ...result, items: await this.withCounts(tenantId, result.items, include) };
  }

  /** Member counts of a whole page in one grouped count query. */
  private async withCounts(
    tenantId: string,
    rows: UserGroupRow[],
    include: UserGroupIncludes,
  ): Promise<UserGroupRecord[]> {
    if (rows.length === 0) return [];
    if (!include.memberCount) return rows.map((row) => ({ row }));
    const counts = await this.db
      .selectFrom('group_memberships')
      .select((eb) => ['group_id', eb.fn.countAll<number | string>().as('members')])
      .where('tenant_id', '=', tenantId)
      .where(
        'group_id',
        'in',
        rows.map((r) => r.id),
      )
      .groupBy('group_id')
      .execute();
    const byGroup = new Map(counts.map((c) => [c.group_id, Number(c.members)]));
    return rows.map((row) => ({ row, memberCount: byGroup.get(row.id) ?? 0 }));
  }
}
