/**
 * The SQL of a tenant's phone numbers and of device lines: reads (keyset-paged by id), the versioned writes
 * (conditional on the version read), and which devices carry a number. Every query names the tenant.
 */
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database } from '../../db/schema.js';
import { applyPage, toPage } from '../../query/keyset.js';
import type { Page, PageRequest } from '../../query/page.js';
import type { DeviceLineTable, PhoneNumberTable } from './phone-number.table.js';
import { updateAtVersion, deleteAtVersion } from '../../db/versioned-rows.js';

export type PhoneNumberRow = Selectable<PhoneNumberTable>;
export type DeviceLineRow = Selectable<DeviceLineTable>;

export const PHONE_NUMBER_SORT_FIELDS = ['id'] as const;

export class PhoneNumberRepository {
  constructor(private readonly db: Kysely<Database>) {}

  findById(tenantId: string, id: string): Promise<PhoneNumberRow | undefined> {
    return this.db
      .selectFrom('phone_numbers')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  async list(tenantId: string, page: PageRequest<'id'>, q?: string): Promise<Page<PhoneNumberRow>> {
    let query = this.db.selectFrom('phone_numbers as n').selectAll('n').where('n.tenant_id', '=', tenantId);
    if (q !== undefined && q !== '') {
      query = query.where('n.number', 'like', `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    }
    const rows = await applyPage(query, page, { sortColumn: 'n.id', idColumn: 'n.id' }).execute();
    return toPage(rows, page, (row) => ({ value: row.id, id: row.id }));
  }

  /** The numbers of `ids` that the tenant has. */
  async existing(tenantId: string, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('phone_numbers')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', [...ids])
      .execute();
    return new Set(rows.map((r) => r.id));
  }

  async insert(row: Insertable<PhoneNumberTable>): Promise<void> {
    await this.db.insertInto('phone_numbers').values(row).execute();
  }

  async update(tenantId: string, id: string, version: number, values: Updateable<PhoneNumberTable>): Promise<boolean> {
    return updateAtVersion(this.db, 'phone_numbers', tenantId, id, version, values);
  }

  async remove(tenantId: string, id: string, version: number): Promise<boolean> {
    return deleteAtVersion(this.db, 'phone_numbers', tenantId, id, version);
  }

  /** The lines carrying any of `numberIds` on devices other than `exceptDevice`. */
  linesOnOtherDevices(tenantId: string, numberIds: readonly string[], exceptDevice: string | null) {
    if (numberIds.length === 0) return Promise.resolve([] as DeviceLineRow[]);
    let query = this.db
      .selectFrom('device_lines')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('phone_number_id', 'in', [...numberIds]);
    if (exceptDevice !== null) query = query.where('device_id', '!=', exceptDevice);
    return query.execute();
  }

  /** The tenant's virtual lines that have this number. */
  virtualLinesWith(tenantId: string, numberId: string) {
    return this.db
      .selectFrom('virtual_lines')
      .select(['id', 'extension'])
      .where('tenant_id', '=', tenantId)
      .where('phone_number_id', '=', numberId)
      .execute();
  }

  async replaceLines(
    tenantId: string,
    deviceId: string,
    lines: readonly Omit<DeviceLineRow, 'tenant_id' | 'device_id'>[],
  ) {
    await this.db
      .deleteFrom('device_lines')
      .where('tenant_id', '=', tenantId)
      .where('device_id', '=', deviceId)
      .execute();
    if (lines.length === 0) return;
    await this.db
      .insertInto('device_lines')
      .values(lines.map((l) => ({ ...l, tenant_id: tenantId, device_id: deviceId })))
      .execute();
  }

  /** The line count of the device's product, when the catalogue knows it. */
  async lineCountOf(productId: string | null): Promise<number | null> {
    if (productId === null) return null;
    const row = await this.db
      .selectFrom('products')
      .select('line_count')
      .where('id', '=', productId)
      .executeTakeFirst();
    return row?.line_count ?? null;
  }
}
