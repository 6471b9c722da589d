/**
 * Resolves the policies whose target is "latest" (compliance.ts LATEST_TARGET) against the catalogue, for the
 * devices of `productIds` ('all': any product): each such policy gets the newest release's version of its
 * component for every product it can govern. Policies with a fixed target are returned as they are, and the
 * catalogue is not read at all when no policy follows it.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { type ApplicablePolicy, isLatestTarget } from './compliance.js';
import { FirmwareRepository } from './firmware.repository.js';

/** Ids per statement: far below both engines' bound-parameter limits. */
const MAX_PARAMETERS = 1000;

export async function withLatestTargets(
  db: Kysely<Database>,
  policies: readonly ApplicablePolicy[],
  productIds: readonly string[] | 'all',
): Promise<ApplicablePolicy[]> {
  const following = policies.filter((p) => isLatestTarget(p.targetVersion));
  if (following.length === 0) return [...policies];
  // A policy of one product needs that product's releases only; one of any product, those of every product
  // in scope.
  const anyProduct = following.some((p) => p.productId === null);
  const scope =
    anyProduct && productIds === 'all'
      ? 'all'
      : [
          ...new Set([
            ...following.flatMap((p) => (p.productId === null ? [] : [p.productId])),
            ...(anyProduct && productIds !== 'all' ? productIds : []),
          ]),
        ];
  const components = [...new Set(following.map((p) => p.component))];
  const latest = await new FirmwareRepository(db, { maxParameters: MAX_PARAMETERS }).latest(scope, components);
  return policies.map((policy) => {
    if (!isLatestTarget(policy.targetVersion)) return policy;
    const latestByProduct = new Map<string, string>();
    for (const release of latest.values()) {
      if (release.component !== policy.component) continue;
      if (policy.productId !== null && release.product_id !== policy.productId) continue;
      latestByProduct.set(release.product_id, release.version);
    }
    return { ...policy, latestByProduct };
  });
}
