/**
 * `ucfleet firmware import|list|remove`: the shared firmware catalogue for operators (tenants only read it over
 * the API). `import <file.json|file.csv> [--dry-run]` upserts releases by product + component + version and prints
 * the counts and every failed row with its line (exit 1 when a row failed: nothing is stored then), and how many
 * devices had their compliance re-derived because a "latest" moved; `list [--product <id>]` prints releases;
 * `remove <releaseId>` deletes one. Validation and SQL are the firmware module's; this only reads and prints.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import type {
  CatalogueRelease,
  CatalogueRow,
  RecomputeSummary,
  ReleaseImportResult,
} from '../modules/firmware/firmware-catalog.service.js';
import { type ReleaseFileRow, releaseRowsOfCsv, releaseRowsOfJson } from '../modules/firmware/firmware-import.js';
import type { Cursor } from '../query/page.js';
import { withAccess } from './access-context.js';

function rowsOfFile(file: string, text: string): CatalogueRow[] {
  const ext = extname(file).toLowerCase();
  let rows: ReleaseFileRow[];
  try {
    if (ext === '.csv') rows = releaseRowsOfCsv(text);
    else if (ext === '.json') rows = releaseRowsOfJson(text);
    else throw new Error(`Cannot tell the format of '${file}': name it .json or .csv.`);
  } catch (error) {
    if (error instanceof AppError) throw new Error(`${file}: ${error.detail}`, { cause: error });
    throw error;
  }
  return rows.map((r, i) => ({ row: i + 1, line: r.line, value: r.value }));
}

function recomputeLine(recomputed: RecomputeSummary): string {
  if (recomputed.tenants === 0) return 'No compliance policy follows a latest release that changed.';
  return (
    `Compliance re-derived for ${recomputed.devicesExamined} device${recomputed.devicesExamined === 1 ? '' : 's'} of ${recomputed.tenants} ` +
    `tenant${recomputed.tenants === 1 ? '' : 's'}: ${recomputed.devicesChanged} changed.`
  );
}

export async function runFirmwareImport(
  config: Config,
  file: string,
  options: { dryRun?: boolean },
): Promise<ReleaseImportResult> {
  const rows = rowsOfFile(file, await readFile(file, 'utf8'));
  if (rows.length === 0) throw new Error(`'${file}' holds no releases.`);
  return withAccess(config, async ({ services }) => {
    const result = await services.firmwareCatalog.importReleases(rows, { dryRun: options.dryRun ?? false });
    const verb = result.stored ? 'were' : result.dryRun ? 'would be' : 'would have been';
    console.log(
      `${rows.length} rows: ${result.created} ${verb} created, ${result.updated} updated, ` +
        `${result.unchanged} unchanged, ${result.failures.length} failed.`,
    );
    for (const f of result.failures) {
      console.log(`  row ${f.row} (line ${f.line}): ${f.field || '(row)'} breaks ${f.rule}: ${f.message}`);
    }
    if (result.failures.length > 0) {
      console.log('Nothing was stored: fix the failed rows and import the file again.');
      process.exitCode = 1;
    } else if (result.stored) console.log(recomputeLine(result.recomputed));
    return result;
  });
}

export async function runFirmwareList(config: Config, options: { product?: string }): Promise<void> {
  await withAccess(config, async ({ services }) => {
    const releases: CatalogueRelease[] = [];
    let after: Cursor | undefined;
    do {
      const page = await services.firmwareCatalog.list(
        { productId: options.product },
        { sort: { field: 'id', direction: 'asc' }, limit: 500, after },
      );
      releases.push(...page.items);
      after = page.next;
    } while (after);
    if (releases.length === 0) {
      console.log(
        options.product
          ? `The product ${options.product} has no firmware releases.`
          : 'The catalogue has no firmware releases.',
      );
      return;
    }
    console.log(`${releases.length} ${releases.length === 1 ? 'release' : 'releases'}:`);
    for (const { record: r, latest } of releases) {
      const day = new Date(r.released_at).toISOString().slice(0, 10);
      const update = r.update_id === null ? '' : `  update ${r.update_id}`;
      console.log(
        `  ${r.id}  ${r.product_manufacturer}  ${r.product_model_id}  ${r.component}  ${r.version}  ${day}${update}${latest ? '  (latest)' : ''}`,
      );
    }
  });
}

export async function runFirmwareRemove(config: Config, id: string): Promise<void> {
  await withAccess(config, async ({ services }) => {
    try {
      const { release: r, recomputed } = await services.firmwareCatalog.removeRelease(id);
      console.log(
        `Removed the release ${id} (${r.product_manufacturer} ${r.product_model_id} ${r.component} ${r.version}).`,
      );
      console.log(recomputeLine(recomputed));
    } catch (error) {
      if (error instanceof AppError) throw new Error(error.detail, { cause: error });
      throw error;
    }
  });
}
