/**
 * Re-derives the compliance of a person's devices when what it depends on changes outside a device write: the
 * person's user groups (a group policy may govern their devices) or the person being removed as owner. Each
 * device whose compliance or governing policy changes is rewritten with a bumped version, in the caller's
 * transaction. `releaseOwner` also clears the owner (the person is being deleted).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { evaluateCompliance, installedFirmware } from '../firmware/compliance.js';
import { DeviceWriteRepository } from './device-write.repository.js';

export async function refreshOwnerDevices(
  trx: Kysely<Database>,
  tenantId: string,
  personId: string,
  at: number,
  { releaseOwner }: { releaseOwner: boolean },
): Promise<void> {
  const writes = new DeviceWriteRepository(trx);
  const devices = await trx
    .selectFrom('devices')
    .select(['id', 'product_id', 'fw_main', 'fw_base', 'fw_headset', 'fw_bluetooth', 'fw_usb'])
    .select(['compliance', 'policy_id', 'version', 'updated_at'])
    .where('tenant_id', '=', tenantId)
    .where('owner_person_id', '=', personId)
    .execute();
  if (devices.length === 0) return;
  const groups = releaseOwner ? [] : await writes.groupIdsOf(tenantId, personId);
  for (const device of devices) {
    const policies = await writes.policiesFor(tenantId, device.product_id);
    const result = evaluateCompliance(
      {
        productId: device.product_id,
        firmware: installedFirmware(device),
        userGroupIds: groups,
      },
      policies,
    );
    if (!releaseOwner && result.status === device.compliance && result.policyId === device.policy_id) continue;
    await trx
      .updateTable('devices')
      .set({
        ...(releaseOwner ? { owner_person_id: null } : {}),
        compliance: result.status,
        policy_id: result.policyId,
        version: device.version + 1,
        updated_at: Math.max(at, device.updated_at + 1),
      })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', device.id)
      .execute();
  }
}
