/**
 * The SQL of device imports beyond the device writes': finding the device a row updates (by MAC, else by serial)
 * and the device already holding a MAC or serial. Every query names the tenant.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

export class DeviceImportRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async idByMac(tenantId: string, mac: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('devices')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('mac', '=', mac)
      .executeTakeFirst();
    return row?.id;
  }

  /** The tenant's devices with this serial (one per manufacturer at most). */
  bySerial(tenantId: string, serial: string): Promise<{ id: string; manufacturer: string | null }[]> {
    return this.db
      .selectFrom('devices')
      .select(['id', 'manufacturer'])
      .where('tenant_id', '=', tenantId)
      .where('serial', '=', serial)
      .execute();
  }
}
