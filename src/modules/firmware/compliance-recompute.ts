/**
 * Re-derives the compliance of the devices a change of the tenant's policies can affect: creating, changing
 * or deleting a policy, or a catalogue change to a product. `scope` names the products whose devices can be
 * governed differently now ('all': every device of the tenant, for a policy of any product); devices of
 * other products are not read. Devices are read in id order, BATCH_SIZE at a time, evaluated against the
 * tenant's policies (compliance.ts decides precedence), and only those whose status or governing policy
 * changes are rewritten, with a bumped version, in the caller's transaction. A device written concurrently
 * between the read and the write is read again and re-evaluated.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { type ComplianceResult, evaluateCompliance, installedFirmware } from './compliance.js';
import { CompliancePolicyRepository } from './compliance-policy.repository.js';
import { type ComplianceInputs, DeviceComplianceRepository } from './device-compliance.repository.js';

/** Devices read and written per statement (two bound parameters each in the conditional update). */
export const BATCH_SIZE = 500;
/** Rounds of re-reading devices that other writers changed under the recompute. */
const MAX_ATTEMPTS = 5;

export type RecomputeScope = { readonly productIds: readonly string[] } | 'all';

export interface RecomputeOutcome {
  /** Devices read and evaluated. */
  readonly examined: number;
  /** Devices whose compliance or governing policy changed. */
  readonly changed: number;
}

export async function recomputeCompliance(
  db: Kysely<Database>,
  tenantId: string,
  scope: RecomputeScope,
  at: number,
  batchSize: number = BATCH_SIZE,
): Promise<RecomputeOutcome> {
  const devices = new DeviceComplianceRepository(db);
  const productIds = scope === 'all' ? 'all' : [...new Set(scope.productIds)];
  const policies = await new CompliancePolicyRepository(db).applicable(tenantId, productIds);
  const usesGroups = policies.some((p) => p.userGroupId !== null);
  let examined = 0;
  let changed = 0;

  const evaluate = async (batch: readonly ComplianceInputs[]) => {
    const owners = [...new Set(batch.flatMap((d) => (d.owner_person_id === null ? [] : [d.owner_person_id])))];
    const groups = usesGroups ? await devices.groupsOf(tenantId, owners) : new Map<string, string[]>();
    const writes = new Map<string, { result: ComplianceResult; devices: ComplianceInputs[] }>();
    for (const device of batch) {
      const result = evaluateCompliance(
        {
          productId: device.product_id,
          firmware: installedFirmware(device),
          userGroupIds: device.owner_person_id === null ? [] : (groups.get(device.owner_person_id) ?? []),
        },
        policies,
      );
      if (result.status === device.compliance && result.policyId === device.policy_id) continue;
      const key = `${result.status}\u0000${result.policyId ?? ''}`;
      const write = writes.get(key) ?? { result, devices: [] };
      write.devices.push(device);
      writes.set(key, write);
    }
    const stale: string[] = [];
    for (const { result, devices: targets } of writes.values()) {
      const written = new Set(await devices.setCompliance(tenantId, targets, result, at));
      changed += written.size;
      for (const d of targets) if (!written.has(d.id)) stale.push(d.id);
    }
    return stale;
  };

  for (const productId of productIds === 'all' ? (['all'] as const) : productIds) {
    let afterId: string | null = null;
    for (;;) {
      const batch = await devices.batch(tenantId, productId, afterId, batchSize);
      if (batch.length === 0) break;
      examined += batch.length;
      let stale = await evaluate(batch);
      for (let attempt = 1; stale.length > 0; attempt++) {
        if (attempt >= MAX_ATTEMPTS) {
          throw new AppError('write_conflict', 'Devices kept changing while their compliance was derived; retry.');
        }
        // A device moved to a product outside the scope is governed by policies not read here; its own write
        // derived its compliance.
        const again = await devices.byIds(tenantId, stale);
        stale = await evaluate(again.filter((d) => productId === 'all' || d.product_id === productId));
      }
      afterId = batch[batch.length - 1]!.id;
      if (batch.length < batchSize) break;
    }
  }
  return { examined, changed };
}
