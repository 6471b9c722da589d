/**
 * `ucfleet import <file> --tenant <id or apiCode> [--dry-run] [--partial]`: imports devices from a CSV, JSON (an
 * array, or {"devices": […]}) or NDJSON file (by its extension: .csv, .json, .ndjson/.jsonl) with the same rules,
 * passes and audit events as POST /v1/imports (the actor is `system`), in this process, drawing a progress bar;
 * prints the counts and the first failures. Exits 1 when the import stored nothing because of failed rows.
 *
 * `ucfleet export --tenant <id or apiCode> [--format csv|ndjson] [--columns a,b] [filters] > file`: streams the
 * tenant's devices to standard output page by page, as GET /v1/devices/export does.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import cliProgress from 'cli-progress';
import type { Config } from '../config.js';
import { systemActor } from '../modules/audit/audit-trail.js';
import { type ExportFormat, exportChunks, includesFor, parseColumns } from '../modules/devices/device-export.js';
import { type ImportFormat, type ImportRow, rowsOfCsv, rowsOfNdjson } from '../modules/devices/device-import-format.js';
import type { DeviceFilter } from '../modules/devices/device.repository.js';
import type { ImportResult } from '../modules/jobs/job.schemas.js';
import { withAccess } from './access-context.js';

export interface ImportCommandOptions {
  readonly tenant: string;
  readonly dryRun?: boolean;
  readonly partial?: boolean;
  readonly progress?: boolean;
}

function formatOfFile(file: string): ImportFormat {
  const ext = extname(file).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.ndjson' || ext === '.jsonl') return 'ndjson';
  if (ext === '.json') return 'json';
  throw new Error(`Cannot tell the format of '${file}': name it .csv, .json, .ndjson or .jsonl.`);
}

function rowsOf(text: string, format: ImportFormat): ImportRow[] {
  if (format === 'csv') return rowsOfCsv(text);
  if (format === 'ndjson') return rowsOfNdjson(text);
  const parsed = JSON.parse(text) as unknown;
  const rows = Array.isArray(parsed) ? parsed : (parsed as { devices?: unknown } | null)?.devices;
  if (!Array.isArray(rows) || !rows.every((r) => r !== null && typeof r === 'object' && !Array.isArray(r))) {
    throw new Error('A JSON import is an array of device objects, or {"devices": [ … ]}.');
  }
  return rows as ImportRow[];
}

export async function runImport(config: Config, file: string, options: ImportCommandOptions): Promise<ImportResult> {
  const format = formatOfFile(file);
  const rows = rowsOf(await readFile(file, 'utf8'), format);
  if (rows.length === 0) throw new Error(`'${file}' holds no rows.`);
  return withAccess(config, async ({ services, tenant }) => {
    const { id } = await tenant(options.tenant);
    const bar =
      options.progress === false
        ? undefined
        : new cliProgress.SingleBar(
            {
              stream: process.stderr,
              format: 'Importing [{bar}] {percentage}% | {value}/{total} row steps | ETA {eta_formatted}',
              hideCursor: true,
            },
            cliProgress.Presets.shades_classic,
          );
    bar?.start(rows.length * (options.dryRun ? 1 : 2), 0);
    const outcome = await services.deviceImports.run(
      systemActor(id),
      rows,
      { format, dryRun: options.dryRun ?? false, partial: options.partial ?? false },
      { progress: async (done) => bar?.update(done) },
    );
    bar?.stop();
    const result = outcome.result as ImportResult;
    const verb = result.dryRun ? 'would be' : result.committed ? 'were' : 'would have been';
    console.log(
      `${rows.length} rows: ${result.created} ${verb} created, ${result.updated} updated, ${result.unchanged} unchanged, ${result.failed} failed.`,
    );
    for (const f of result.failures.slice(0, 10)) {
      console.log(`  row ${f.row}: ${f.error?.field || '(row)'} breaks ${f.error?.rule}: ${f.error?.message}`);
    }
    if (result.failed > 10) console.log(`  … and ${result.failed - 10} more.`);
    if (outcome.error) {
      console.log(outcome.error.detail);
      process.exitCode = 1;
    }
    return result;
  });
}

export interface ExportCommandOptions extends Omit<DeviceFilter, 'tags' | 'ownerPerson'> {
  readonly tenant: string;
  readonly format?: ExportFormat;
  readonly columns?: string;
  readonly tag?: string[];
}

export async function runExport(
  config: Config,
  options: ExportCommandOptions,
  out: NodeJS.WritableStream = process.stdout,
): Promise<void> {
  const { tenant: tenantName, format = 'csv', columns: rawColumns, tag, ...filter } = options;
  if (format !== 'csv' && format !== 'ndjson') throw new Error('--format is csv or ndjson.');
  const columns = parseColumns(rawColumns);
  await withAccess(config, async ({ services, tenant }) => {
    const { id } = await tenant(tenantName);
    const viewer = { tenantId: id, onlyPerson: null };
    const read = (page: Parameters<typeof services.devices.listDevices>[2]) =>
      services.devices.listDevices(viewer, { ...filter, tags: tag }, page, includesFor(columns));
    for await (const chunk of exportChunks(read, columns, format)) {
      if (!out.write(chunk)) await new Promise((resolve) => out.once('drain', resolve));
    }
  });
}
