/**
 * The SQL of a device's contact-center controls: its telephony identity (the phone number on its first line
 * and the telephony network), do-not-disturb, forwarding and supervisor monitoring. Every statement names
 * the tenant; every change is conditional on the version the device was read at. Built on the caller's
 * transaction: one instance per transaction.
 */
import { type Kysely, type Updateable, sql } from 'kysely';
import type { Database } from '../../db/schema.js';
import { newId } from '../../db/ids.js';
import type { PhoneNumberDescription } from '../numbers/phone-number.js';
import type { DeviceTable } from './device.table.js';
import { updateAtVersion } from '../../db/versioned-rows.js';

/** The monitoring session that watches a device: the monitoring device and its supervisor. */
export interface MonitoredBy {
  readonly deviceId: string;
  readonly supervisorId: string | null;
  /** Whether the session mutes the monitored user. */
  readonly muted: boolean;
}

/** What starting a monitoring session sets on the supervisor's device. */
export interface MonitoringColumns {
  readonly monitoring_state: string;
  readonly monitoring_mode: string;
  readonly monitoring_scope: string;
  readonly monitoring_target_device_id: string;
  readonly monitoring_supervisor_id: string;
  readonly monitoring_muted: number;
}

export class DeviceControlsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Changes the device only if it is still at `version`, bumping it; false when it is not (or is gone). */
  async update(
    tenantId: string,
    id: string,
    version: number,
    updatedAt: number,
    values: Updateable<DeviceTable>,
  ): Promise<boolean> {
    return updateAtVersion(this.db, 'devices', tenantId, id, version, {
      ...values,
      updated_at: updatedAt,
      version: version + 1,
    });
  }

  /**
   * Locks the target device for the rest of the transaction by writing it unchanged (PostgreSQL row lock;
   * SQLite runs one writing transaction at a time anyway), so that two sessions starting on it serialize.
   * False when the tenant has no such device.
   */
  async lockDevice(tenantId: string, id: string): Promise<boolean> {
    const result = await this.db
      .updateTable('devices')
      .set((eb) => ({ version: eb.ref('version') }))
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /**
   * Starts (or changes) the session of device `id` on `columns.monitoring_target_device_id`, only if the
   * device is still at `version`, monitors nothing else, and no other device monitors that target.
   */
  async startMonitoring(
    tenantId: string,
    id: string,
    version: number,
    updatedAt: number,
    columns: MonitoringColumns,
  ): Promise<boolean> {
    const target = columns.monitoring_target_device_id;
    const result = await this.db
      .updateTable('devices')
      .set({ ...columns, updated_at: updatedAt, version: version + 1 })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where('version', '=', version)
      .where((eb) =>
        eb.or([eb('monitoring_target_device_id', 'is', null), eb('monitoring_target_device_id', '=', target)]),
      )
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('devices as other')
              .select(sql.lit(1).as('one'))
              .where('other.tenant_id', '=', tenantId)
              .where('other.monitoring_target_device_id', '=', target)
              .where('other.id', '<>', id),
          ),
        ),
      )
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** The session monitoring this device (the oldest, should imported data hold several). */
  async monitoredBy(tenantId: string, deviceId: string): Promise<MonitoredBy | undefined> {
    const row = await this.db
      .selectFrom('devices')
      .select(['id', 'monitoring_supervisor_id', 'monitoring_muted'])
      .where('tenant_id', '=', tenantId)
      .where('monitoring_target_device_id', '=', deviceId)
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    return row && { deviceId: row.id, supervisorId: row.monitoring_supervisor_id, muted: row.monitoring_muted === 1 };
  }

  /** The sessions monitoring these devices, by monitored device id (the oldest each, as monitoredBy). */
  async monitoredByMany(tenantId: string, deviceIds: readonly string[]): Promise<Map<string, MonitoredBy>> {
    const found = new Map<string, MonitoredBy>();
    for (let i = 0; i < deviceIds.length; i += 500) {
      const rows = await this.db
        .selectFrom('devices')
        .select(['id', 'monitoring_supervisor_id', 'monitoring_target_device_id', 'monitoring_muted'])
        .where('tenant_id', '=', tenantId)
        .where('monitoring_target_device_id', 'in', deviceIds.slice(i, i + 500))
        .orderBy('id')
        .execute();
      for (const row of rows) {
        const target = row.monitoring_target_device_id!;
        if (!found.has(target)) {
          found.set(target, {
            deviceId: row.id,
            supervisorId: row.monitoring_supervisor_id,
            muted: row.monitoring_muted === 1,
          });
        }
      }
    }
    return found;
  }

  /** The id of the tenant's phone number `number`, created with its derived columns when it is new. */
  async phoneNumberId(tenantId: string, number: string, d: PhoneNumberDescription, at: number): Promise<string> {
    await this.db
      .insertInto('phone_numbers')
      .values({
        id: newId(),
        tenant_id: tenantId,
        number,
        e164: d.e164,
        country_code: d.countryCode,
        calling_code: d.callingCode,
        national_format: d.nationalFormat,
        location: d.location,
        number_type: d.numberType,
        created_at: at,
        updated_at: at,
        version: 1,
      })
      .onConflict((oc) => oc.columns(['tenant_id', 'number']).doNothing())
      .execute();
    const row = await this.db
      .selectFrom('phone_numbers')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('number', '=', number)
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** Puts the number on the device's first line (position 0), replacing what was there. */
  async setFirstLine(tenantId: string, deviceId: string, phoneNumberId: string): Promise<void> {
    await this.db
      .deleteFrom('device_lines')
      .where('tenant_id', '=', tenantId)
      .where('device_id', '=', deviceId)
      .where('position', '=', 0)
      .execute();
    await this.db
      .insertInto('device_lines')
      .values({
        tenant_id: tenantId,
        device_id: deviceId,
        phone_number_id: phoneNumberId,
        position: 0,
        line_type: 'Standalone',
      })
      .execute();
  }
}
