/**
 * Firmware compliance, derived and never hand-entered: which of a tenant's policies governs a device,
 * and whether the device runs that policy's target version.
 *
 * The most specific policy wins: product and user group, then product alone, then user group alone,
 * then a tenant-wide policy. Between policies of the same specificity scoped to different groups, the
 * group the person ranks highest (first in `userGroupIds`) wins; remaining ties go to the smallest
 * policy id (ids are UUIDv7, so the oldest policy). A device runs "the target" only when its version of
 * the policy's component equals the target version; a missing version cannot be judged.
 *
 * A policy's target may be LATEST_TARGET: the newest catalogue release of the device's product for the
 * policy's component (firmware.repository.ts decides "newest"). The loader of the policies resolves it
 * into `latestByProduct`; a device whose product has no release of that component cannot be judged (unknown).
 */

export type ComplianceStatus = 'compliant' | 'noncompliant' | 'unknown';

export interface ComplianceDevice {
  productId: string | null;
  /** Installed version per firmware component (main, base, headset, bluetooth, usb). */
  firmware: Readonly<Partial<Record<string, string | null | undefined>>>;
  /** The owner's user groups, highest priority first; empty for devices without a person. */
  userGroupIds: readonly string[];
}

/** The firmware columns of a device row. */
export interface FirmwareColumns {
  fw_main: string | null;
  fw_base: string | null;
  fw_headset: string | null;
  fw_bluetooth: string | null;
  fw_usb: string | null;
}

/** A device's installed versions by component, as evaluateCompliance reads them. */
export function installedFirmware(row: FirmwareColumns): ComplianceDevice['firmware'] {
  return {
    main: row.fw_main,
    base: row.fw_base,
    headset: row.fw_headset,
    bluetooth: row.fw_bluetooth,
    usb: row.fw_usb,
  };
}

/** The target version that follows the catalogue: the newest release of the product's component. */
export const LATEST_TARGET = 'latest';

export function isLatestTarget(targetVersion: string): boolean {
  return normalise(targetVersion) === LATEST_TARGET;
}

export interface ApplicablePolicy {
  id: string;
  /** null: any product. */
  productId: string | null;
  /** null: anyone. */
  userGroupId: string | null;
  component: string;
  targetVersion: string;
  /** For a LATEST_TARGET policy: the newest release's version of the component, by product id. */
  latestByProduct?: ReadonlyMap<string, string>;
}

export interface ComplianceResult {
  status: ComplianceStatus;
  /** The governing policy, or null when none applies. */
  policyId: string | null;
}

export function evaluateCompliance(device: ComplianceDevice, policies: readonly ApplicablePolicy[]): ComplianceResult {
  let best: ApplicablePolicy | undefined;
  let bestRank: readonly [number, number] = [-1, 0];
  for (const policy of policies) {
    const rank = rankPolicy(device, policy);
    if (rank === undefined) continue;
    if (best === undefined || isBetter(rank, policy, bestRank, best)) {
      best = policy;
      bestRank = rank;
    }
  }
  if (best === undefined) return { status: 'unknown', policyId: null };
  const installed = normalise(device.firmware[best.component]);
  const target = normalise(targetOf(best, device.productId));
  if (installed === '' || target === '') return { status: 'unknown', policyId: best.id };
  return { status: installed === target ? 'compliant' : 'noncompliant', policyId: best.id };
}

/** The version a policy asks of a device of this product; undefined: "latest" with no catalogue release. */
function targetOf(policy: ApplicablePolicy, productId: string | null): string | undefined {
  if (!isLatestTarget(policy.targetVersion)) return policy.targetVersion;
  return productId === null ? undefined : policy.latestByProduct?.get(productId);
}

/**
 * [specificity, group priority] of a policy that applies to the device, or undefined when it does not.
 * Specificity: 3 product + group, 2 product, 1 group, 0 neither. Group priority: the group's index in
 * the person's list (lower is better), 0 for policies without a group.
 */
function rankPolicy(device: ComplianceDevice, policy: ApplicablePolicy): readonly [number, number] | undefined {
  if (policy.productId !== null && policy.productId !== device.productId) return undefined;
  let groupIndex = 0;
  if (policy.userGroupId !== null) {
    groupIndex = device.userGroupIds.indexOf(policy.userGroupId);
    if (groupIndex < 0) return undefined;
  }
  const specificity = (policy.productId !== null ? 2 : 0) + (policy.userGroupId !== null ? 1 : 0);
  return [specificity, groupIndex];
}

function isBetter(
  rank: readonly [number, number],
  policy: ApplicablePolicy,
  bestRank: readonly [number, number],
  best: ApplicablePolicy,
): boolean {
  if (rank[0] !== bestRank[0]) return rank[0] > bestRank[0];
  if (rank[1] !== bestRank[1]) return rank[1] < bestRank[1];
  return policy.id < best.id;
}

function normalise(version: string | null | undefined): string {
  return (version ?? '').trim().toLowerCase();
}
