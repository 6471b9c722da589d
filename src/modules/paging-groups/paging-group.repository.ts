/**
 * Reads paging groups with their member devices, and the writes of a new group and of the member list. Every
 * query names the tenant; a paging group (or device) of another tenant is indistinguishable from a missing one.
 */
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/schema.js';
import { applyPage, toPage } from '../../query/keyset.js';
import type { Page, PageRequest } from '../../query/page.js';
import type { PagingGroupTable } from './paging-group.table.js';

export const PAGING_GROUP_SORT_FIELDS = ['id', 'name'] as const;
export type PagingGroupSortField = (typeof PAGING_GROUP_SORT_FIELDS)[number];

/** A paging group and the ids of its member devices, in id order. */
export type PagingGroupRecord = Selectable<PagingGroupTable> & { device_ids: string[] };

export class PagingGroupRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async findById(tenantId: string, id: string): Promise<PagingGroupRecord | undefined> {
    const row = await this.db
      .selectFrom('paging_groups')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return undefined;
    const [record] = await this.withMembers(tenantId, [row]);
    return record;
  }

  async list(tenantId: string, page: PageRequest<PagingGroupSortField>): Promise<Page<PagingGroupRecord>> {
    const byName = page.sort.field === 'name';
    const query = applyPage(this.db.selectFrom('paging_groups').selectAll().where('tenant_id', '=', tenantId), page, {
      sortColumn: byName ? 'name' : 'id',
      idColumn: 'id',
    });
    const result = toPage(await query.execute(), page, (row) => ({ value: byName ? row.name : row.id, id: row.id }));
    return { ...result, items: await this.withMembers(tenantId, result.items) };
  }

  /** The ids among `deviceIds` that are devices of the tenant. */
  async existingDeviceIds(tenantId: string, deviceIds: readonly string[]): Promise<Set<string>> {
    if (deviceIds.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('devices')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', deviceIds)
      .execute();
    return new Set(rows.map((r) => r.id));
  }

  /** The tenant's devices among `ids` with their names, in id order. */
  deviceNames(tenantId: string, ids: readonly string[]): Promise<{ id: string; name: string }[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('devices')
      .select(['id', 'name'])
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', ids)
      .orderBy('id')
      .execute();
  }

  /** Stores a new paging group (its members are written by replaceMembers). */
  async insert(row: Insertable<PagingGroupTable>): Promise<void> {
    await this.db.insertInto('paging_groups').values(row).execute();
  }

  /** Replaces the group's members; true when the set changed. */
  async replaceMembers(tenantId: string, groupId: string, deviceIds: readonly string[]): Promise<boolean> {
    const current = await this.memberIds(tenantId, [groupId]);
    const before = new Set(current.map((m) => m.device_id));
    const after = new Set(deviceIds);
    if (before.size === after.size && [...after].every((id) => before.has(id))) return false;
    await this.db
      .deleteFrom('paging_group_devices')
      .where('tenant_id', '=', tenantId)
      .where('paging_group_id', '=', groupId)
      .execute();
    if (after.size > 0) {
      await this.db
        .insertInto('paging_group_devices')
        .values([...after].map((device_id) => ({ tenant_id: tenantId, paging_group_id: groupId, device_id })))
        .execute();
    }
    return true;
  }

  private memberIds(tenantId: string, groupIds: readonly string[]) {
    return this.db
      .selectFrom('paging_group_devices')
      .select(['paging_group_id', 'device_id'])
      .where('tenant_id', '=', tenantId)
      .where('paging_group_id', 'in', groupIds)
      .orderBy('device_id')
      .execute();
  }

  private async withMembers(tenantId: string, rows: Selectable<PagingGroupTable>[]): Promise<PagingGroupRecord[]> {
    if (rows.length === 0) return [];
    const members = await this.memberIds(
      tenantId,
      rows.map((r) => r.id),
    );
    const byGroup = new Map<string, string[]>(rows.map((r) => [r.id, []]));
    for (const m of members) byGroup.get(m.paging_group_id)?.push(m.device_id);
    return rows.map((r) => ({ ...r, device_ids: byGroup.get(r.id) ?? [] }));
  }
}
