/**
 * The SQL of device imports beyond the device writes': finding the devices that hold MACs or serials (the device a
 * row updates, and the device already holding a row's MAC or serial), many keys per statement, and writing a
 * batch's new devices, tags and audit events with multi-row INSERTs. Every query names the tenant.
 */
import type { Insertable, Kysely } from 'kysely';
import { insertRows } from '../../db/bulk-insert.js';
import type { Capabilities } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import type { AuditEventTable } from '../audit/audit-event.table.js';
import type { DeviceTable, DeviceTagTable } from './device.table.js';

/** Keys per IN list: far below both engines' bound-parameter limits (SQLite 32,766, PostgreSQL 65,535). */
const KEYS_PER_STATEMENT = 1000;

export interface KeyHolder {
  readonly id: string;
  readonly mac: string | null;
  readonly serial: string | null;
  readonly manufacturer: string | null;
}

export class DeviceImportRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly capabilities: Pick<Capabilities, 'maxParameters'>,
  ) {}

  /** The tenant's devices whose MAC is one of `macs` (at most one per MAC). */
  holdersOfMacs(tenantId: string, macs: readonly string[]): Promise<KeyHolder[]> {
    return this.holders(tenantId, 'mac', macs);
  }

  /** The tenant's devices whose serial is one of `serials` (one per manufacturer and serial at most). */
  holdersOfSerials(tenantId: string, serials: readonly string[]): Promise<KeyHolder[]> {
    return this.holders(tenantId, 'serial', serials);
  }

  private async holders(tenantId: string, column: 'mac' | 'serial', keys: readonly string[]): Promise<KeyHolder[]> {
    const found: KeyHolder[] = [];
    for (let i = 0; i < keys.length; i += KEYS_PER_STATEMENT) {
      const rows = await this.db
        .selectFrom('devices')
        .select(['id', 'mac', 'serial', 'manufacturer'])
        .where('tenant_id', '=', tenantId)
        .where(column, 'in', keys.slice(i, i + KEYS_PER_STATEMENT))
        .execute();
      found.push(...rows);
    }
    return found;
  }

  insertDevices(rows: readonly Insertable<DeviceTable>[]): Promise<void> {
    return insertRows(this.db, this.capabilities, 'devices', rows);
  }

  insertTags(rows: readonly Insertable<DeviceTagTable>[]): Promise<void> {
    return insertRows(this.db, this.capabilities, 'device_tags', rows);
  }

  insertAuditEvents(rows: readonly Insertable<AuditEventTable>[]): Promise<void> {
    return insertRows(this.db, this.capabilities, 'audit_events', rows);
  }

  /** Removes every tag of these devices (before their new tags are inserted). */
  async deleteTags(tenantId: string, deviceIds: readonly string[]): Promise<void> {
    for (let i = 0; i < deviceIds.length; i += KEYS_PER_STATEMENT) {
      await this.db
        .deleteFrom('device_tags')
        .where('tenant_id', '=', tenantId)
        .where('device_id', 'in', deviceIds.slice(i, i + KEYS_PER_STATEMENT))
        .execute();
    }
  }
}
