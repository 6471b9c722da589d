/**
 * The SQL of a device's configured RoomOS configuration values (device_configurations, device-settings.table.ts):
 * reading them, setting and removing one key, and counting them. Every query names the tenant.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

/** A configured key and its value as stored: the JSON of a string, a number or a boolean. */
export interface StoredConfiguration {
  readonly config_key: string;
  readonly value: string;
}

export class DeviceConfigurationRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The device's configured keys and their stored values, in key order. */
  list(tenantId: string, deviceId: string): Promise<StoredConfiguration[]> {
    return this.db
      .selectFrom('device_configurations')
      .select(['config_key', 'value'])
      .where('tenant_id', '=', tenantId)
      .where('device_id', '=', deviceId)
      .orderBy('config_key')
      .execute();
  }

  /** Sets the key to `value` (the JSON of the value), creating or replacing it. */
  async set(tenantId: string, deviceId: string, key: string, value: string, at: number): Promise<void> {
    await this.db
      .insertInto('device_configurations')
      .values({ device_id: deviceId, tenant_id: tenantId, config_key: key, value, updated_at: at })
      .onConflict((oc) => oc.columns(['device_id', 'config_key']).doUpdateSet({ value, updated_at: at }))
      .execute();
  }

  /** Removes the key; true when the device had it configured. */
  async remove(tenantId: string, deviceId: string, key: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('device_configurations')
      .where('tenant_id', '=', tenantId)
      .where('device_id', '=', deviceId)
      .where('config_key', '=', key)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** How many keys the device has configured. */
  async count(tenantId: string, deviceId: string): Promise<number> {
    const row = await this.db
      .selectFrom('device_configurations')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('tenant_id', '=', tenantId)
      .where('device_id', '=', deviceId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
