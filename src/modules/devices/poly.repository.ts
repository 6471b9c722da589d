/** The SQL of Poly pairings: the connected-device entries of a tenant's devices, and bumping a partner's version. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { DeviceRecord } from './device.repository.js';
import { updateAtVersion } from '../../db/versioned-rows.js';

export class PolyRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Removes every connected-device entry of the device (its pairing, and unknown partners reported before). */
  async clearConnections(tenantId: string, deviceId: string): Promise<void> {
    await this.db
      .deleteFrom('connected_devices')
      .where('tenant_id', '=', tenantId)
      .where('device_id', '=', deviceId)
      .execute();
  }

  /** Removes the device's entry naming `partnerId`. */
  async removeConnection(tenantId: string, deviceId: string, partnerId: string): Promise<void> {
    await this.db
      .deleteFrom('connected_devices')
      .where('tenant_id', '=', tenantId)
      .where('device_id', '=', deviceId)
      .where('connected_device_id', '=', partnerId)
      .execute();
  }

  /** Records that `device` is connected to `partner`, a `component`, with the partner's identity. */
  async connect(tenantId: string, device: DeviceRecord, partner: DeviceRecord, component: string, id: string) {
    const p = partner.row;
    await this.db
      .insertInto('connected_devices')
      .values({
        id,
        tenant_id: tenantId,
        device_id: device.row.id,
        component,
        connected_device_id: p.id,
        display_id: p.display_id,
        family: p.product_family,
        model_id: p.product_model_id,
        name: p.product_name ?? p.name,
      })
      .execute();
  }

  /** Bumps the device's version if it is still at `version`; false when it is not. */
  async bump(tenantId: string, id: string, version: number, at: number): Promise<boolean> {
    return updateAtVersion(this.db, 'devices', tenantId, id, version, { version: version + 1, updated_at: at });
  }
}
