/**
 * Product catalogue use cases shared by every API surface. The catalogue is global, not per tenant: tenants only
 * read it; operators change it at the command line (importCatalogue, removeProduct).
 */
import { newId } from '../../db/ids.js';
import { AppError } from '../../errors.js';
import type { Page, PageRequest } from '../../query/page.js';
import { type ProductColumns, type ProductRowError, ProductRowFailure, checkProductRow } from './product-import.js';
import {
  ALL_PRODUCT_RELATIONS,
  type ProductFilter,
  type ProductIncludes,
  type ProductRecord,
  type ProductRepository,
  type ProductRow,
  type ProductSortField,
} from './product.repository.js';

export interface CatalogueImportResult {
  readonly dryRun: boolean;
  /** Whether the rows were stored: never on a dry run or when a row failed. */
  readonly stored: boolean;
  /** What the valid rows do (or would do): create a product, change one, or match it already. */
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  /** Every failed row (row 1 is the first record), in row order. */
  readonly failures: readonly (ProductRowError & { readonly row: number })[];
}

export class ProductService {
  constructor(
    private readonly products: ProductRepository,
    private readonly now: () => number = Date.now,
  ) {}

  /** A catalogue product; any other id (missing or malformed) is product_not_found. */
  async getProduct(id: string, include: ProductIncludes = ALL_PRODUCT_RELATIONS): Promise<ProductRecord> {
    const record = id.length <= 64 ? await this.products.findById(id, include) : undefined;
    if (!record) throw new AppError('product_not_found', `There is no product with id '${id.slice(0, 64)}'.`);
    return record;
  }

  listProducts(
    filter: ProductFilter,
    page: PageRequest<ProductSortField>,
    include: ProductIncludes = ALL_PRODUCT_RELATIONS,
  ): Promise<Page<ProductRecord>> {
    return this.products.list(filter, page, include);
  }

  /**
   * Upserts catalogue rows keyed by manufacturer + modelId (compared exactly): a row matching no product creates
   * one, a row differing from its product replaces every member of it (the row is the whole product), an equal
   * row changes nothing. All or nothing: one failed row (checkProductRow, or the same product twice in the file)
   * stores nothing; the valid rows are still counted, as a dry run counts them. Products keep their ids.
   */
  async importCatalogue(rows: readonly unknown[], options: { dryRun: boolean }): Promise<CatalogueImportResult> {
    const failures: (ProductRowError & { row: number })[] = [];
    const checked: ProductColumns[] = [];
    const seen = new Set<string>();
    rows.forEach((raw, index) => {
      try {
        const columns = checkProductRow(raw);
        const key = modelKey(columns);
        if (seen.has(key)) {
          throw new ProductRowFailure({
            field: 'modelId',
            rule: 'duplicate_in_file',
            message: 'An earlier row of the file names the same manufacturer and modelId.',
          });
        }
        seen.add(key);
        checked.push(columns);
      } catch (error) {
        if (!(error instanceof ProductRowFailure)) throw error;
        failures.push({ row: index + 1, ...error.error });
      }
    });
    const store = !options.dryRun && failures.length === 0;
    const counts = await this.products.transaction(async (products) => {
      const stored = await products.findByModels(
        checked.map((c) => ({ manufacturer: c.manufacturer, modelId: c.model_id })),
      );
      const byModel = new Map(stored.map((row) => [modelKey(row), row]));
      const created: (ProductColumns & { id: string; created_at: number })[] = [];
      const changed: { id: string; columns: ProductColumns }[] = [];
      let unchanged = 0;
      for (const columns of checked) {
        const current = byModel.get(modelKey(columns));
        if (!current) created.push({ id: newId(), ...columns, created_at: this.now() });
        else if (sameProduct(columns, current)) unchanged += 1;
        else changed.push({ id: current.id, columns });
      }
      if (store) {
        await products.insertMany(created);
        for (const { id, columns } of changed) await products.update(id, columns);
      }
      return { created: created.length, updated: changed.length, unchanged };
    });
    return { dryRun: options.dryRun, stored: store, ...counts, failures };
  }

  /**
   * Removes a catalogue product that nothing names. Devices, firmware releases and compliance policies naming it
   * make it product_in_use (the database would refuse the devices and silently delete the other two).
   */
  async removeProduct(id: string): Promise<ProductRow> {
    return this.products.transaction(async (products) => {
      const record = id.length <= 64 ? await products.findById(id, { firmware: false }) : undefined;
      if (!record) throw new AppError('product_not_found', `There is no product with id '${id.slice(0, 64)}'.`);
      const refs = await products.referencesTo(id);
      const uses = [
        plural(refs.devices, 'device'),
        plural(refs.firmwareReleases, 'firmware release'),
        plural(refs.compliancePolicies, 'compliance policy', 'compliance policies'),
      ].filter((u): u is string => u !== null);
      if (uses.length > 0) {
        const { manufacturer, model_id: modelId } = record.row;
        throw new AppError(
          'product_in_use',
          `The product ${id} (${manufacturer} ${modelId}) is named by ${uses.join(', ')}: ` +
            'move or delete those first.',
        );
      }
      await products.delete(id);
      return record.row;
    });
  }
}

function modelKey(row: { manufacturer: string; model_id: string }): string {
  return `${row.manufacturer}\u0000${row.model_id}`;
}

function sameProduct(columns: ProductColumns, row: ProductRow): boolean {
  return (Object.keys(columns) as (keyof ProductColumns)[]).every((k) => columns[k] === row[k]);
}

function plural(n: number, one: string, many = `${one}s`): string | null {
  return n === 0 ? null : `${n} ${n === 1 ? one : many}`;
}
