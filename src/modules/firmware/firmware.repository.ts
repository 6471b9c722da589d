/**
 * Reads and writes firmware releases, and finds the catalogue products a release file names. Releases belong to
 * the product catalogue, which all tenants share, so these queries name no tenant. "Latest" is defined here
 * once: the newest release by release date, ties broken by version (version-order.ts), then by id.
 */
import type { Insertable, Kysely, Selectable, SelectQueryBuilder, Updateable } from 'kysely';
import type { Capabilities } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import { applyPage, toPage } from '../../query/keyset.js';
import type { Page, PageRequest } from '../../query/page.js';
import type { FirmwareReleaseTable } from './firmware.table.js';

/** What identifies a release: a product's component at a version. */
export type FirmwareReleaseKey = Pick<Selectable<FirmwareReleaseTable>, 'product_id' | 'component' | 'version'>;
export type FirmwareReleaseRow = Selectable<FirmwareReleaseTable>;

export const FIRMWARE_RELEASE_SORT_FIELDS = ['id', 'releasedAt'] as const;
export type FirmwareReleaseSortField = (typeof FIRMWARE_RELEASE_SORT_FIELDS)[number];

export interface FirmwareReleaseFilter {
  readonly productId?: string;
  readonly component?: string;
}

/** A release with the names of its product (for lists and the command line). */
export type FirmwareReleaseRecord = FirmwareReleaseRow & {
  readonly product_manufacturer: string;
  readonly product_model_id: string;
};

/** Product ids or model ids looked up per statement when resolving a release file's products. */
const PRODUCT_LOOKUP_CHUNK = 1000;

/** The key of a product's component in the maps below. */
export const productComponent = (productId: string, component: string): string => `${productId}\u0000${component}`;

/**
 * Orders releases newest first, as "latest" means: release date, then version, then id. Pass the alias the
 * releases are selected under (`fr` in subqueries).
 */
export function newestFirst<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  alias = 'firmware_releases',
): SelectQueryBuilder<DB, TB, O> {
  const column = (name: string) => `${alias}.${name}` as never;
  return query
    .orderBy(column('released_at'), 'desc')
    .orderBy(column('version_key'), 'desc')
    .orderBy(column('id'), 'desc');
}

export class FirmwareRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly capabilities: Pick<Capabilities, 'maxParameters'>,
  ) {}

  /** The releases already stored for these products: how a catalogue import skips what it holds. */
  async findReleaseKeys(productIds: readonly string[]): Promise<FirmwareReleaseKey[]> {
    return (await this.findByProducts(productIds)).map((r) => ({
      product_id: r.product_id,
      component: r.component,
      version: r.version,
    }));
  }

  /** Every release of these products, whole rows, in id order. */
  async findByProducts(productIds: readonly string[]): Promise<FirmwareReleaseRow[]> {
    const ids = [...new Set(productIds)];
    const rows: FirmwareReleaseRow[] = [];
    for (let i = 0; i < ids.length; i += this.capabilities.maxParameters) {
      rows.push(
        ...(await this.db
          .selectFrom('firmware_releases')
          .selectAll()
          .where('product_id', 'in', ids.slice(i, i + this.capabilities.maxParameters))
          .orderBy('id')
          .execute()),
      );
    }
    return rows;
  }

  async findById(id: string): Promise<FirmwareReleaseRecord | undefined> {
    return this.withProduct().where('fr.id', '=', id).executeTakeFirst();
  }

  async list(
    filter: FirmwareReleaseFilter,
    page: PageRequest<FirmwareReleaseSortField>,
  ): Promise<Page<FirmwareReleaseRecord>> {
    let query = this.withProduct();
    if (filter.productId !== undefined) query = query.where('fr.product_id', '=', filter.productId);
    if (filter.component !== undefined) query = query.where('fr.component', '=', filter.component);
    const byDate = page.sort.field === 'releasedAt';
    query = applyPage(query, page, { sortColumn: byDate ? 'fr.released_at' : 'fr.id', idColumn: 'fr.id' });
    return toPage(await query.execute(), page, (row) => ({ value: byDate ? row.released_at : row.id, id: row.id }));
  }

  /**
   * The newest release of each product and component, keyed by productComponent(): of these products, or of
   * every product when 'all'; of these components only, when given.
   */
  async latest(
    productIds: readonly string[] | 'all',
    components?: readonly string[],
  ): Promise<Map<string, FirmwareReleaseRow>> {
    const latest = new Map<string, FirmwareReleaseRow>();
    const chunks =
      productIds === 'all'
        ? [null]
        : Array.from({ length: Math.ceil(productIds.length / this.capabilities.maxParameters) }, (_, i) =>
            productIds.slice(i * this.capabilities.maxParameters, (i + 1) * this.capabilities.maxParameters),
          );
    for (const chunk of chunks) {
      let query = this.db.selectFrom('firmware_releases').selectAll();
      if (chunk !== null) query = query.where('product_id', 'in', [...chunk]);
      if (components !== undefined) {
        if (components.length === 0) return latest;
        query = query.where('component', 'in', [...components]);
      }
      for (const row of await newestFirst(query.orderBy('product_id').orderBy('component')).execute()) {
        const key = productComponent(row.product_id, row.component);
        if (!latest.has(key)) latest.set(key, row);
      }
    }
    return latest;
  }

  async insert(row: Insertable<FirmwareReleaseTable>): Promise<void> {
    await this.db.insertInto('firmware_releases').values(row).execute();
  }

  async update(id: string, values: Updateable<FirmwareReleaseTable>): Promise<void> {
    await this.db.updateTable('firmware_releases').set(values).where('id', '=', id).execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('firmware_releases').where('id', '=', id).execute();
  }

  /** The ids among `ids` that are catalogue products. */
  async existingProductIds(ids: readonly string[]): Promise<string[]> {
    const found: string[] = [];
    for (let i = 0; i < ids.length; i += PRODUCT_LOOKUP_CHUNK) {
      const rows = await this.db
        .selectFrom('products')
        .select('id')
        .where('id', 'in', ids.slice(i, i + PRODUCT_LOOKUP_CHUNK))
        .execute();
      found.push(...rows.map((r) => r.id));
    }
    return found;
  }

  /** The catalogue products whose model id is among `modelIds` (of any manufacturer). */
  async productsByModelIds(
    modelIds: readonly string[],
  ): Promise<{ id: string; manufacturer: string; model_id: string }[]> {
    const found: { id: string; manufacturer: string; model_id: string }[] = [];
    for (let i = 0; i < modelIds.length; i += PRODUCT_LOOKUP_CHUNK) {
      found.push(
        ...(await this.db
          .selectFrom('products')
          .select(['id', 'manufacturer', 'model_id'])
          .where('model_id', 'in', modelIds.slice(i, i + PRODUCT_LOOKUP_CHUNK))
          .execute()),
      );
    }
    return found;
  }

  /** Runs `work` in one transaction, with this repository on it. */
  transaction<T>(work: (releases: FirmwareRepository, db: Kysely<Database>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work(new FirmwareRepository(trx, this.capabilities), trx));
  }

  private withProduct() {
    return this.db
      .selectFrom('firmware_releases as fr')
      .innerJoin('products as p', 'p.id', 'fr.product_id')
      .selectAll('fr')
      .select(['p.manufacturer as product_manufacturer', 'p.model_id as product_model_id']);
  }
}
