/**
 * Reads the product catalogue and its firmware releases, and writes the catalogue for operators (the command
 * line's catalogue import and removal). The catalogue is shared by all tenants, so these queries name no tenant;
 * callers must still be authenticated.
 */
import { type Insertable, type Kysely, type Selectable, type Updateable, sql } from 'kysely';
import { insertRows } from '../../db/bulk-insert.js';
import type { Capabilities } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import { applyPage, toPage } from '../../query/keyset.js';
import type { Page, PageRequest } from '../../query/page.js';
import type { FirmwareReleaseTable } from '../firmware/firmware.table.js';
import type { ProductTable } from './product.table.js';
import { anyColumnContains, containsPattern } from '../../db/text-search.js';

export const PRODUCT_SORT_FIELDS = ['id', 'name'] as const;
export type ProductSortField = (typeof PRODUCT_SORT_FIELDS)[number];

/** Canonical product filters. */
export interface ProductFilter {
  /** Manufacturer name, any case. */
  manufacturer?: string;
  /** Product type (USB, DECT, Bluetooth, SIP, …), any case. */
  type?: string;
  /** The kind of device the product makes (HardPhone, Headset, …). */
  kind?: string;
  /** Case-insensitive substring of name, model id, family or SKU. */
  q?: string;
}

export type ProductRow = Selectable<ProductTable>;
export type FirmwareReleaseRow = Selectable<FirmwareReleaseTable>;

export interface ProductRecord {
  readonly row: ProductRow;
  /** Newest first. */
  readonly firmware: FirmwareReleaseRow[];
}

/** Which relations to load besides the row; a projection that omits them skips their query. */
export interface ProductIncludes {
  firmware: boolean;
}
export const ALL_PRODUCT_RELATIONS: ProductIncludes = { firmware: true };

/** A product as its manufacturer names it: what identifies a catalogue entry across databases. */
export interface ProductModel {
  readonly manufacturer: string;
  readonly modelId: string;
}

export class ProductRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly capabilities: Capabilities,
  ) {}

  async findById(id: string, include: ProductIncludes = ALL_PRODUCT_RELATIONS): Promise<ProductRecord | undefined> {
    const row = await this.db.selectFrom('products').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    const [record] = await this.withRelations([row], include);
    return record;
  }

  async list(
    filter: ProductFilter,
    page: PageRequest<ProductSortField>,
    include: ProductIncludes = ALL_PRODUCT_RELATIONS,
  ): Promise<Page<ProductRecord>> {
    let query = this.db.selectFrom('products as p').selectAll('p');
    if (filter.manufacturer !== undefined) {
      query = query.where(sql<boolean>`lower(p.manufacturer) = ${filter.manufacturer.toLowerCase()}`);
    }
    if (filter.type !== undefined) query = query.where(sql<boolean>`lower(p.type) = ${filter.type.toLowerCase()}`);
    if (filter.kind !== undefined) query = query.where('p.device_kind', '=', filter.kind);
    if (filter.q !== undefined && filter.q !== '') {
      query = query.where(
        anyColumnContains(this.capabilities, ['p.name', 'p.model_id', 'p.family', 'p.sku'], containsPattern(filter.q)),
      );
    }
    const byName = page.sort.field === 'name';
    query = applyPage(query, page, { sortColumn: byName ? 'p.name' : 'p.id', idColumn: 'p.id' });
    const rows = await query.execute();
    const result = toPage(rows, page, (row) => ({ value: byName ? row.name : row.id, id: row.id }));
    return { ...result, items: await this.withRelations(result.items, include) };
  }

  /**
   * The stored products among `models`, with their ids: how a catalogue import recognises the
   * products a database already holds (under whatever id they were stored).
   */
  async findIdsByModel(models: readonly ProductModel[]): Promise<(ProductModel & { id: string })[]> {
    const key = (manufacturer: string, modelId: string): string => `${manufacturer}\u0000${modelId}`;
    const wanted = new Set(models.map((m) => key(m.manufacturer, m.modelId)));
    const modelIds = [...new Set(models.map((m) => m.modelId))];
    const found: (ProductModel & { id: string })[] = [];
    for (let i = 0; i < modelIds.length; i += this.capabilities.maxParameters) {
      const rows = await this.db
        .selectFrom('products')
        .select(['id', 'manufacturer', 'model_id'])
        .where('model_id', 'in', modelIds.slice(i, i + this.capabilities.maxParameters))
        .orderBy('id')
        .execute();
      for (const r of rows) {
        if (wanted.has(key(r.manufacturer, r.model_id)))
          found.push({ id: r.id, manufacturer: r.manufacturer, modelId: r.model_id });
      }
    }
    return found;
  }

  /** Runs `work` in one transaction, with this repository on it. */
  transaction<T>(work: (products: ProductRepository) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work(new ProductRepository(trx, this.capabilities)));
  }

  /** The stored products among `models` (manufacturer and model id compared exactly), whole rows. */
  async findByModels(models: readonly ProductModel[]): Promise<ProductRow[]> {
    const ids = await this.findIdsByModel(models);
    const rows: ProductRow[] = [];
    for (let i = 0; i < ids.length; i += this.capabilities.maxParameters) {
      const chunk = ids.slice(i, i + this.capabilities.maxParameters).map((p) => p.id);
      rows.push(...(await this.db.selectFrom('products').selectAll().where('id', 'in', chunk).execute()));
    }
    return rows;
  }

  async insertMany(rows: readonly Insertable<ProductTable>[]): Promise<void> {
    await insertRows(this.db, this.capabilities, 'products', rows);
  }

  async update(id: string, values: Updateable<ProductTable>): Promise<void> {
    await this.db.updateTable('products').set(values).where('id', '=', id).execute();
  }

  /** What names the product: devices (of any tenant), firmware releases, compliance policies (of any tenant). */
  async referencesTo(id: string): Promise<{ devices: number; firmwareReleases: number; compliancePolicies: number }> {
    const count = async (table: 'devices' | 'firmware_releases' | 'compliance_policies') => {
      const row = await this.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('product_id', '=', id)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    };
    return {
      devices: await count('devices'),
      firmwareReleases: await count('firmware_releases'),
      compliancePolicies: await count('compliance_policies'),
    };
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('products').where('id', '=', id).execute();
  }

  /** Firmware releases of a whole page in one query, newest first. */
  private async withRelations(rows: ProductRow[], include: ProductIncludes): Promise<ProductRecord[]> {
    if (rows.length === 0) return [];
    const releases = include.firmware
      ? await this.db
          .selectFrom('firmware_releases')
          .selectAll()
          .where(
            'product_id',
            'in',
            rows.map((r) => r.id),
          )
          .orderBy('released_at', 'desc')
          .orderBy('component')
          .orderBy('id', 'desc')
          .execute()
      : [];
    const byProduct = new Map<string, FirmwareReleaseRow[]>();
    for (const row of rows) byProduct.set(row.id, []);
    for (const r of releases) byProduct.get(r.product_id)?.push(r);
    return rows.map((row) => ({ row, firmware: byProduct.get(row.id)! }));
  }
}
