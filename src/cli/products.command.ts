/**
 * `ucfleet products import|list|remove`: the shared product catalogue for operators (tenants only read it over
 * the API). `import <file.json|file.csv> [--dry-run]` upserts by manufacturer + modelId and prints the counts and
 * every failed row (exit 1 when a row failed: nothing is stored then); `list` prints the catalogue; `remove <id>`
 * deletes a product nothing names. Validation and SQL are the products module's; this only reads and prints.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import { productRowsOfCsv, productRowsOfJson } from '../modules/products/product-import.js';
import type { ProductRecord } from '../modules/products/product.repository.js';
import type { CatalogueImportResult } from '../modules/products/product.service.js';
import type { Cursor } from '../query/page.js';
import { withAccess } from './access-context.js';

function rowsOfFile(file: string, text: string): unknown[] {
  const ext = extname(file).toLowerCase();
  try {
    if (ext === '.csv') return productRowsOfCsv(text);
    if (ext === '.json') return productRowsOfJson(text);
  } catch (error) {
    if (error instanceof AppError) throw new Error(`${file}: ${error.detail}`, { cause: error });
    throw error;
  }
  throw new Error(`Cannot tell the format of '${file}': name it .json or .csv.`);
}

export async function runProductsImport(
  config: Config,
  file: string,
  options: { dryRun?: boolean },
): Promise<CatalogueImportResult> {
  const rows = rowsOfFile(file, await readFile(file, 'utf8'));
  if (rows.length === 0) throw new Error(`'${file}' holds no products.`);
  return withAccess(config, async ({ services }) => {
    const result = await services.products.importCatalogue(rows, { dryRun: options.dryRun ?? false });
    const verb = result.stored ? 'were' : result.dryRun ? 'would be' : 'would have been';
    console.log(
      `${rows.length} rows: ${result.created} ${verb} created, ${result.updated} updated, ` +
        `${result.unchanged} unchanged, ${result.failures.length} failed.`,
    );
    for (const f of result.failures) {
      console.log(`  row ${f.row}: ${f.field || '(row)'} breaks ${f.rule}: ${f.message}`);
    }
    if (result.failures.length > 0) {
      console.log('Nothing was stored: fix the failed rows and import the file again.');
      process.exitCode = 1;
    }
    return result;
  });
}

export async function runProductsList(config: Config): Promise<void> {
  await withAccess(config, async ({ services }) => {
    const records: ProductRecord[] = [];
    let after: Cursor | undefined;
    do {
      const page = await services.products.listProducts(
        {},
        { sort: { field: 'id', direction: 'asc' }, limit: 500, after },
        { firmware: false },
      );
      records.push(...page.items);
      after = page.next;
    } while (after);
    if (records.length === 0) {
      console.log('The catalogue has no products.');
      return;
    }
    console.log(`${records.length} ${records.length === 1 ? 'product' : 'products'}:`);
    for (const { row } of records) {
      const sku = row.sku === null ? '' : `  sku ${row.sku}`;
      console.log(
        `  ${row.id}  ${row.manufacturer}  ${row.model_id}  ${row.name}  ${row.type}/${row.device_kind}${sku}`,
      );
    }
  });
}

export async function runProductsRemove(config: Config, id: string): Promise<void> {
  await withAccess(config, async ({ services }) => {
    try {
      const row = await services.products.removeProduct(id);
      console.log(`Removed the product ${id} (${row.manufacturer} ${row.model_id}).`);
    } catch (error) {
      if (error instanceof AppError) throw new Error(error.detail, { cause: error });
      throw error;
    }
  });
}
