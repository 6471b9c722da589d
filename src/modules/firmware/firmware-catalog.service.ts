/**
 * The firmware catalogue: releases per product and component, shared by all tenants. Tenants read it (the
 * native API); operators change it at the command line (importReleases, removeRelease).
 *
 * A catalogue change can change compliance only through policies whose target is "latest" (compliance.ts):
 * when the newest release of a product's component changes, every tenant with a "latest" policy of that
 * component that can govern the product (a policy of the product, or of any product) has the devices of that
 * product re-derived (compliance-recompute.ts), in the transaction of the change. Fixed targets never depend
 * on the catalogue, so nothing else is recomputed.
 */
import type { Kysely } from 'kysely';
import type { Capabilities } from '../../db/database.js';
import { newId } from '../../db/ids.js';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import type { Page, PageRequest } from '../../query/page.js';
import { CompliancePolicyRepository } from './compliance-policy.repository.js';
import { recomputeCompliance } from './compliance-recompute.js';
import { type ReleaseDraft, type ReleaseRowError, ReleaseRowFailure, checkReleaseRow } from './firmware-import.js';
import {
  type FirmwareReleaseFilter,
  type FirmwareReleaseRecord,
  type FirmwareReleaseRow,
  type FirmwareReleaseSortField,
  FirmwareRepository,
  productComponent,
} from './firmware.repository.js';
import { versionSortKey } from './version-order.js';

/** A row of a catalogue file: its number (1 = first release) and the line of the file it starts on. */
export interface CatalogueRow {
  readonly row: number;
  readonly line: number;
  readonly value: unknown;
}

export interface ReleaseImportResult {
  readonly dryRun: boolean;
  /** Whether the rows were stored: never on a dry run or when a row failed. */
  readonly stored: boolean;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  /** Every failed row, in row order. */
  readonly failures: readonly (ReleaseRowError & { readonly row: number; readonly line: number })[];
  /** Compliance re-derived because a "latest" changed (zero on a dry run). */
  readonly recomputed: RecomputeSummary;
}

export interface RecomputeSummary {
  readonly tenants: number;
  readonly devicesExamined: number;
  readonly devicesChanged: number;
}

/** A release and whether it is the latest of its product's component. */
export interface CatalogueRelease {
  readonly record: FirmwareReleaseRecord;
  readonly latest: boolean;
}

const NOTHING_RECOMPUTED: RecomputeSummary = { tenants: 0, devicesExamined: 0, devicesChanged: 0 };

const releaseNotFound = (id: string) =>
  new AppError('release_not_found', `There is no firmware release with id '${id.slice(0, 64)}'.`);

export class FirmwareCatalogService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly capabilities: Pick<Capabilities, 'maxParameters'>,
    private readonly now: () => number = Date.now,
  ) {}

  /** A page of releases, each marked whether it is the latest of its product's component. */
  async list(
    filter: FirmwareReleaseFilter,
    page: PageRequest<FirmwareReleaseSortField>,
  ): Promise<Page<CatalogueRelease>> {
    if (filter.productId !== undefined && filter.productId.length > 64) return { items: [] };
    const releases = new FirmwareRepository(this.db, this.capabilities);
    const result = await releases.list(filter, page);
    const latest = await releases.latest([...new Set(result.items.map((r) => r.product_id))]);
    const latestIds = new Set([...latest.values()].map((r) => r.id));
    return { ...result, items: result.items.map((record) => ({ record, latest: latestIds.has(record.id) })) };
  }

  /**
   * Upserts releases keyed by product + component + version: a new key creates a release, a row differing in
   * releasedAt, updateId or notes updates it, an equal row changes nothing. All or nothing: a failed row (its
   * checks, an unknown product, the same release twice in the file) stores nothing; the valid rows are still
   * counted, as a dry run counts them.
   */
  async importReleases(rows: readonly CatalogueRow[], options: { dryRun: boolean }): Promise<ReleaseImportResult> {
    return new FirmwareRepository(this.db, this.capabilities).transaction(async (releases, trx) => {
      const failures: (ReleaseRowError & { row: number; line: number })[] = [];
      const checked: { row: CatalogueRow; draft: ReleaseDraft }[] = [];
      for (const row of rows) {
        try {
          checked.push({ row, draft: checkReleaseRow(row.value) });
        } catch (error) {
          if (!(error instanceof ReleaseRowFailure)) throw error;
          failures.push({ row: row.row, line: row.line, ...error.error });
        }
      }
      const productIds = await resolveProducts(
        releases,
        checked.map((c) => c.draft),
      );
      const seen = new Set<string>();
      const resolved: (ReleaseDraft & { product_id: string })[] = [];
      for (const { row, draft } of checked) {
        const productId = productIds.get(refKey(draft.product));
        const failure = (field: string, rule: string, message: string) =>
          failures.push({ row: row.row, line: row.line, field, rule, message });
        if (productId === undefined) {
          const named =
            'id' in draft.product
              ? `id '${draft.product.id.slice(0, 64)}'`
              : `manufacturer '${draft.product.manufacturer}' and modelId '${draft.product.modelId}'`;
          failure('id' in draft.product ? 'productId' : 'modelId', 'unknown_product', `No product has ${named}.`);
          continue;
        }
        const key = releaseKey(productId, draft.component, draft.version);
        if (seen.has(key)) {
          failure(
            'version',
            'duplicate_in_file',
            'An earlier row of the file names the same product, component and version.',
          );
          continue;
        }
        seen.add(key);
        resolved.push({ ...draft, product_id: productId });
      }
      failures.sort((a, b) => a.row - b.row);

      const touched = [...new Set(resolved.map((r) => r.product_id))];
      const stored = new Map(
        (await releases.findByProducts(touched)).map((r) => [releaseKey(r.product_id, r.component, r.version), r]),
      );
      const created: FirmwareReleaseRow[] = [];
      const changed: { id: string; values: Pick<FirmwareReleaseRow, 'released_at' | 'update_id' | 'notes'> }[] = [];
      let unchanged = 0;
      for (const draft of resolved) {
        const values = { released_at: draft.released_at, update_id: draft.update_id, notes: draft.notes };
        const current = stored.get(releaseKey(draft.product_id, draft.component, draft.version));
        if (!current) {
          created.push({
            id: newId(),
            product_id: draft.product_id,
            component: draft.component,
            version: draft.version,
            version_key: versionSortKey(draft.version),
            ...values,
          });
        } else if (
          current.released_at !== values.released_at ||
          current.update_id !== values.update_id ||
          current.notes !== values.notes
        ) {
          changed.push({ id: current.id, values });
        } else unchanged += 1;
      }
      const store = !options.dryRun && failures.length === 0;
      const counts = { created: created.length, updated: changed.length, unchanged };
      if (!store) return { dryRun: options.dryRun, stored: false, ...counts, failures, recomputed: NOTHING_RECOMPUTED };

      const before = await releases.latest(touched);
      for (const row of created) await releases.insert(row);
      for (const { id, values } of changed) await releases.update(id, values);
      const recomputed = await this.recomputeWhereLatestChanged(trx, releases, touched, before);
      return { dryRun: false, stored: true, ...counts, failures, recomputed };
    });
  }

  /** Removes a release (and, when it was the latest, re-derives what followed it). */
  async removeRelease(id: string): Promise<{ release: FirmwareReleaseRecord; recomputed: RecomputeSummary }> {
    return new FirmwareRepository(this.db, this.capabilities).transaction(async (releases, trx) => {
      const release = id.length <= 64 ? await releases.findById(id) : undefined;
      if (!release) throw releaseNotFound(id);
      const before = await releases.latest([release.product_id]);
      await releases.delete(id);
      return {
        release,
        recomputed: await this.recomputeWhereLatestChanged(trx, releases, [release.product_id], before),
      };
    });
  }

  /**
   * Re-derives, for every tenant following "latest" on a component whose newest release changed, the devices of
   * the products concerned.
   */
  private async recomputeWhereLatestChanged(
    db: Kysely<Database>,
    releases: FirmwareRepository,
    productIds: readonly string[],
    before: ReadonlyMap<string, FirmwareReleaseRow>,
  ): Promise<RecomputeSummary> {
    const after = await releases.latest(productIds);
    const changed = new Map<string, Set<string>>();
    for (const key of new Set([...before.keys(), ...after.keys()])) {
      if (before.get(key)?.version === after.get(key)?.version) continue;
      const [productId, component] = key.split('\u0000') as [string, string];
      changed.set(component, (changed.get(component) ?? new Set()).add(productId));
    }
    if (changed.size === 0) return NOTHING_RECOMPUTED;
    const changedProducts = [...new Set([...changed.values()].flatMap((s) => [...s]))];
    const followers = await new CompliancePolicyRepository(db).latestFollowersOfEveryTenant(
      [...changed.keys()],
      changedProducts,
    );
    const scopeByTenant = new Map<string, Set<string>>();
    for (const policy of followers) {
      const products = changed.get(policy.component)!;
      const governed =
        policy.product_id === null ? [...products] : products.has(policy.product_id) ? [policy.product_id] : [];
      if (governed.length === 0) continue;
      const scope = scopeByTenant.get(policy.tenant_id) ?? new Set<string>();
      for (const p of governed) scope.add(p);
      scopeByTenant.set(policy.tenant_id, scope);
    }
    let devicesExamined = 0;
    let devicesChanged = 0;
    const at = this.now();
    for (const [tenantId, products] of scopeByTenant) {
      const outcome = await recomputeCompliance(db, tenantId, { productIds: [...products] }, at);
      devicesExamined += outcome.examined;
      devicesChanged += outcome.changed;
    }
    return { tenants: scopeByTenant.size, devicesExamined, devicesChanged };
  }
}

const releaseKey = (productId: string, component: string, version: string) =>
  `${productComponent(productId, component)}\u0000${version}`;

const refKey = (ref: ReleaseDraft['product']) =>
  'id' in ref ? `id\u0000${ref.id}` : `model\u0000${ref.manufacturer}\u0000${ref.modelId}`;

/** The product id of every reference that names a catalogue product (manufacturer and model id exactly). */
async function resolveProducts(
  releases: FirmwareRepository,
  drafts: readonly ReleaseDraft[],
): Promise<Map<string, string>> {
  const ids = [...new Set(drafts.flatMap((d) => ('id' in d.product ? [d.product.id] : [])))];
  const modelIds = [...new Set(drafts.flatMap((d) => ('modelId' in d.product ? [d.product.modelId] : [])))];
  const found = new Map<string, string>();
  for (const id of await releases.existingProductIds(ids)) found.set(refKey({ id }), id);
  for (const p of await releases.productsByModelIds(modelIds)) {
    found.set(refKey({ manufacturer: p.manufacturer, modelId: p.model_id }), p.id);
  }
  return found;
}
