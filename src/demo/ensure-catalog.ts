/**
 * Puts the demo catalogue into a database: the products and firmware releases it lacks, keeping the
 * ids of products it already holds. Reads go through the product and firmware repositories; the
 * writes are bulk inserts.
 */
import { insertRows } from '../db/bulk-insert.js';
import type { Store } from '../db/database.js';
import { FirmwareRepository } from '../modules/firmware/firmware.repository.js';
import { ProductRepository } from '../modules/products/product.repository.js';
import { CATALOG, firmwareReleaseRows, productRow } from './catalog.js';
import type { CatalogProduct } from './catalog-model.js';

/** A catalogue entry and the id of its product row in this database. */
export interface ResolvedProduct {
  readonly spec: CatalogProduct;
  readonly id: string;
}

export interface EnsuredCatalog {
  /** Every catalogue entry, by key. */
  products: Map<string, ResolvedProduct>;
  /** Rows written by this call (0 when the catalogue was already there). */
  inserted: { products: number; firmwareReleases: number };
}

/**
 * Writes the products and firmware releases the database lacks; returns the product row of every
 * catalogue entry (an existing product with the same manufacturer and model keeps its id).
 */
export async function ensureCatalog(store: Store): Promise<EnsuredCatalog> {
  const key = (manufacturer: string, modelId: string): string => `${manufacturer}\u0000${modelId}`;
  const existing = await new ProductRepository(store.db, store.capabilities).findIdsByModel(CATALOG);
  const idByModel = new Map(existing.map((p) => [key(p.manufacturer, p.modelId), p.id]));
  const products = new Map<string, ResolvedProduct>();
  const productRows: ReturnType<typeof productRow>[] = [];
  for (const spec of CATALOG) {
    const stored = idByModel.get(key(spec.manufacturer, spec.modelId));
    const row = productRow(spec);
    if (stored === undefined) productRows.push(row);
    products.set(spec.key, { spec, id: stored ?? row.id });
  }

  const ids = [...products.values()].map((p) => p.id);
  const releases = await new FirmwareRepository(store.db, store.capabilities).findReleaseKeys(ids);
  const haveRelease = new Set(releases.map((r) => `${r.product_id}\u0000${r.component}\u0000${r.version}`));
  const releaseRows = [...products.values()]
    .flatMap(({ spec, id }) => firmwareReleaseRows(spec, id))
    .filter((r) => !haveRelease.has(`${r.product_id}\u0000${r.component}\u0000${r.version}`));

  await store.db.transaction().execute(async (trx) => {
    await insertRows(trx, store.capabilities, 'products', productRows);
    await insertRows(trx, store.capabilities, 'firmware_releases', releaseRows);
  });
  return { products, inserted: { products: productRows.length, firmwareReleases: releaseRows.length } };
}

/** Looks catalogue entries up by key (as plans name them) and by product id (as device rows do). */
export class ProductIndex {
  private readonly specs: Map<string, CatalogProduct>;

  constructor(private readonly products: ReadonlyMap<string, ResolvedProduct>) {
    this.specs = new Map([...products.values()].map((p) => [p.id, p.spec]));
  }

  byKey(key: string): ResolvedProduct {
    const p = this.products.get(key);
    if (!p) throw new Error(`Unknown catalogue product "${key}"`);
    return p;
  }

  specById(id: string): CatalogProduct {
    const spec = this.specs.get(id);
    if (!spec) throw new Error(`Unknown product id ${id}`);
    return spec;
  }
}
