/**
 * Bulk device import: upserts rows keyed by MAC, else serial (a device of the tenant with that MAC — or, failing
 * that, that serial — is updated, any other row creates a device). A row creating a device is a whole document
 * (as POST); a row updating one is a merge patch of it (as PATCH): members it names are set, the others kept.
 * Every row passes the same schema and rules as the single writes (device-write.schemas.ts, device-rules.ts);
 * a failed row is reported with its number, field, rule and message, and writes nothing.
 *
 * An import runs as a background job (job.service.ts) in two passes: it validates every row, then, unless it is a
 * dry run or a row failed and `partial` was not asked for, writes them in batches of IMPORT_BATCH rows, each batch
 * one transaction holding its devices and their audit events (`device.create` / `device.update`, one per device).
 * A row that breaks a rule only during the write pass (a concurrent change since it was validated) fails alone
 * with `partial`; without it, the job stops there as failed, its earlier batches staying committed.
 * Two rows of one file may not name the same device, MAC or serial (rule duplicate_in_file).
 */
import type { Kysely } from 'kysely';
import { Compile } from 'typebox/compile';
import type { Database } from '../../db/schema.js';
import { newId } from '../../db/ids.js';
import { AppError } from '../../errors.js';
import { type Actor, recordChange } from '../audit/audit-trail.js';
import type { ApplicablePolicy } from '../firmware/compliance.js';
import type { JobContext, JobOutcome, JobService } from '../jobs/job.service.js';
import type { JobRow } from '../jobs/job.repository.js';
import type { ImportResult } from '../jobs/job.schemas.js';
import { type DeviceDraft, draftOfBody, draftOfPatch } from './device-document.js';
import { type ImportFormat, type ImportRow, withoutIgnored } from './device-import-format.js';
import { DeviceImportRepository } from './device-import.repository.js';
import { presentDevice } from './device.presenter.js';
import type { DeviceRecord, DeviceRepository } from './device.repository.js';
import { checkDevice } from './device-rules.js';
import { type CatalogueProduct, DeviceWriteRepository, newDeviceState } from './device-write.repository.js';
import { type DeviceBody, DevicePatchBody } from './device-write.schemas.js';
import type { DeviceWriteService } from './device-write.service.js';
import { parseMac } from './mac-address.js';

export const IMPORT_BATCH = 1000;
/** The row schema, compiled once: checking 100,000 rows interpretively would dominate an import. */
const rowValidator = Compile(DevicePatchBody);
/** A created device has no pairings, sightings or lines yet: only its tags are read back for the audit event. */
const CREATED_RELATIONS = { tags: true, connected: false, sightings: false, lines: false };
const MAX_REPORTED_FAILURES = 1000;

export interface ImportOptions {
  readonly format: ImportFormat;
  readonly dryRun: boolean;
  readonly partial: boolean;
}

export interface RowError {
  readonly field: string;
  readonly rule: string;
  readonly message: string;
}

type Columns = Awaited<ReturnType<DeviceWriteService['columnsOf']>>;

type Plan =
  | { readonly outcome: 'failed'; readonly error: RowError }
  | { readonly outcome: 'unchanged' }
  | { readonly outcome: 'created'; readonly columns: Columns; readonly tags: readonly string[] }
  | {
      readonly outcome: 'updated';
      readonly current: DeviceRecord;
      readonly columns: Columns;
      readonly tags: readonly string[];
      readonly tagsChanged: boolean;
    };

class RowFailure extends Error {
  constructor(readonly error: RowError) {
    super(error.message);
  }
}

/** What rows of one file already claimed: devices, MACs, manufacturer + serial. */
class Claims {
  readonly devices = new Set<string>();
  readonly macs = new Set<string>();
  readonly serials = new Set<string>();
}

export class DeviceImportService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly reads: DeviceRepository,
    private readonly deviceWrites: DeviceWriteService,
    private readonly jobs: JobService,
    private readonly now: () => number = Date.now,
  ) {}

  /** Starts the import job; rows are the parsed records (device-import-format.ts). Admins only (route policy). */
  start(actor: Actor, rows: readonly ImportRow[], options: ImportOptions): Promise<JobRow> {
    if (rows.length === 0) {
      throw new AppError('invalid_body', 'An import needs at least one row.', { parameter: 'devices' });
    }
    const total = rows.length * (options.dryRun ? 1 : 2);
    return this.jobs.start(actor, 'device_import', options, total, (context) =>
      this.run(actor, rows, options, context),
    );
  }

  /** Runs an import in the calling process (the job's work; also the command line's). */
  async run(
    actor: Actor,
    rows: readonly ImportRow[],
    options: ImportOptions,
    context: JobContext,
  ): Promise<JobOutcome> {
    const tenantId = actor.tenantId;
    const cache = new Map<string, Promise<unknown>>();
    const total = rows.length * (options.dryRun ? 1 : 2);
    const failures: { row: number; outcome: 'failed'; error: RowError }[] = [];
    const counts = { created: 0, updated: 0, unchanged: 0 };
    const result = (committed: boolean): ImportResult => ({
      dryRun: options.dryRun,
      committed,
      ...counts,
      failed: failures.length,
      failures: failures.slice(0, MAX_REPORTED_FAILURES),
      failuresTruncated: failures.length > MAX_REPORTED_FAILURES,
    });

    // Pass 1: validate every row.
    let claims = new Claims();
    for (let start = 0; start < rows.length; start += IMPORT_BATCH) {
      const end = Math.min(rows.length, start + IMPORT_BATCH);
      for (let i = start; i < end; i++) {
        const plan = await this.plan(this.db, cache, tenantId, rows[i]!, claims);
        if (plan.outcome === 'failed') failures.push({ row: i + 1, outcome: 'failed', error: plan.error });
        else counts[plan.outcome] += 1;
      }
      await context.progress(end, total);
    }
    if (options.dryRun) return { result: result(false) };
    if (failures.length > 0 && !options.partial) {
      return {
        result: result(false),
        error: {
          code: 'import_rows_invalid',
          detail: `${failures.length} row(s) failed; nothing was stored (send partial=true to store the valid rows).`,
        },
      };
    }

    // Pass 2: write the valid rows, one transaction per batch.
    const failedRows = new Set(failures.map((f) => f.row));
    counts.created = counts.updated = counts.unchanged = 0;
    claims = new Claims();
    for (let start = 0; start < rows.length; start += IMPORT_BATCH) {
      const end = Math.min(rows.length, start + IMPORT_BATCH);
      const batch = { created: 0, updated: 0, unchanged: 0 };
      const lateFailures: typeof failures = [];
      try {
        await this.db.transaction().execute(async (trx) => {
          for (let i = start; i < end; i++) {
            if (failedRows.has(i + 1)) continue;
            const plan = await this.plan(trx, cache, tenantId, rows[i]!, claims);
            const written = plan.outcome === 'failed' ? plan : await this.write(trx, actor, plan);
            if (written.outcome !== 'failed') batch[written.outcome] += 1;
            else if (options.partial) lateFailures.push({ row: i + 1, outcome: 'failed', error: written.error });
            else throw new RowFailure({ ...written.error, message: `row ${i + 1}: ${written.error.message}` });
          }
        });
      } catch (error) {
        if (!(error instanceof RowFailure)) throw error;
        return { result: result(start > 0), error: { code: 'import_row_failed', detail: error.message } };
      }
      for (const k of ['created', 'updated', 'unchanged'] as const) counts[k] += batch[k];
      failures.push(...lateFailures);
      await context.progress(rows.length + end, total);
    }
    failures.sort((a, b) => a.row - b.row);
    return { result: result(true) };
  }

  /** What a row would do, without writing: its failure, or the columns to insert or update. */
  private async plan(
    db: Kysely<Database>,
    cache: Map<string, Promise<unknown>>,
    tenantId: string,
    raw: ImportRow,
    claims: Claims,
  ): Promise<Plan> {
    try {
      const body = validRow(raw);
      const keys = new DeviceImportRepository(db);
      const reads = this.reads.inTransaction(db);
      const lookups = new CachedLookups(db, cache);

      let existingId: string | undefined;
      if (typeof body.mac === 'string') {
        const mac = parseMac(body.mac);
        if (!mac.ok) throw new RowFailure({ field: 'mac', rule: mac.rule, message: mac.message });
        existingId = await keys.idByMac(tenantId, mac.mac);
      }
      if (existingId === undefined && typeof body.serial === 'string' && body.serial.trim() !== '') {
        const matches = await keys.bySerial(tenantId, body.serial.trim());
        if (matches.length > 1) {
          throw new RowFailure({
            field: 'serial',
            rule: 'serial_ambiguous',
            message: 'Devices of several manufacturers have this serial: name the device by its MAC.',
          });
        }
        existingId = matches[0]?.id;
      }
      const current = existingId === undefined ? undefined : await reads.findById(tenantId, existingId);
      if (current === undefined && body.kind === undefined) {
        throw new RowFailure({ field: 'kind', rule: 'required', message: 'A row creating a device needs a kind.' });
      }
      const draft: DeviceDraft = current ? draftOfPatch(current, body) : draftOfBody(body as DeviceBody);
      const checked = await checkDevice(tenantId, draft, lookups);
      const firmware = current?.row ?? {
        fw_main: null,
        fw_base: null,
        fw_headset: null,
        fw_bluetooth: null,
        fw_usb: null,
      };
      const columns = await this.deviceWrites.columnsOf(lookups, tenantId, checked, firmware, current?.row ?? null);

      await this.assertUnique(keys, tenantId, columns, current?.row.id, claims);
      const tags = checked.document.tags;
      if (!current) return { outcome: 'created', columns, tags };
      const tagsChanged = !sameSet(tags, current.tags);
      if (!tagsChanged && sameColumns(columns, current.row)) return { outcome: 'unchanged' };
      return { outcome: 'updated', current, columns, tags, tagsChanged };
    } catch (error) {
      if (error instanceof RowFailure) return { outcome: 'failed', error: error.error };
      if (error instanceof AppError) return { outcome: 'failed', error: rowErrorOf(error) };
      throw error;
    }
  }

  /** MAC unique in the tenant, serial per manufacturer, and neither nor the device named twice in the file. */
  private async assertUnique(
    keys: DeviceImportRepository,
    tenantId: string,
    columns: Columns,
    deviceId: string | undefined,
    claims: Claims,
  ): Promise<void> {
    const serialKey = columns.serial === null ? null : `${columns.manufacturer ?? ''}\u0000${columns.serial}`;
    const twice = (field: string, what: string) =>
      new RowFailure({
        field,
        rule: 'duplicate_in_file',
        message: `An earlier row of the file names the same ${what}.`,
      });
    if (deviceId !== undefined && claims.devices.has(deviceId)) throw twice(columns.mac ? 'mac' : 'serial', 'device');
    if (columns.mac !== null && claims.macs.has(columns.mac)) throw twice('mac', 'MAC');
    if (serialKey !== null && claims.serials.has(serialKey)) throw twice('serial', 'serial');
    if (columns.mac !== null) {
      const holder = await keys.idByMac(tenantId, columns.mac);
      if (holder !== undefined && holder !== deviceId) {
        throw new RowFailure({
          field: 'mac',
          rule: 'mac_taken',
          message: 'Another device of the tenant has this MAC.',
        });
      }
    }
    if (columns.serial !== null) {
      const holder = (await keys.bySerial(tenantId, columns.serial)).find(
        (d) => d.manufacturer === columns.manufacturer,
      );
      if (holder !== undefined && holder.id !== deviceId) {
        throw new RowFailure({
          field: 'serial',
          rule: 'serial_taken',
          message: 'Another device of this manufacturer in the tenant has this serial.',
        });
      }
    }
    if (deviceId !== undefined) claims.devices.add(deviceId);
    if (columns.mac !== null) claims.macs.add(columns.mac);
    if (serialKey !== null) claims.serials.add(serialKey);
  }

  /** Writes a planned row with its audit event; a device changed since it was read fails the row. */
  private async write(trx: Kysely<Database>, actor: Actor, plan: Exclude<Plan, { outcome: 'failed' }>) {
    if (plan.outcome === 'unchanged') return plan;
    const tenantId = actor.tenantId;
    const writes = new DeviceWriteRepository(trx);
    const reads = this.reads.inTransaction(trx);
    const at = this.now();
    if (plan.outcome === 'created') {
      const id = newId();
      await writes.insert({
        id,
        tenant_id: tenantId,
        ...plan.columns,
        ...newDeviceState(at),
      });
      if (plan.tags.length > 0) await writes.replaceTags(tenantId, id, plan.tags);
      const after = await reads.findById(tenantId, id, CREATED_RELATIONS);
      if (!after) throw new Error(`device ${id} vanished inside its own transaction`);
      await recordChange(trx, actor, {
        action: 'device.create',
        resourceType: 'device',
        resourceId: id,
        after: presentDevice(after),
      });
      return { outcome: 'created' as const };
    }
    const { row } = plan.current;
    const values = { ...plan.columns, updated_at: Math.max(at, row.updated_at + 1), version: row.version + 1 };
    if (!(await writes.update(tenantId, row.id, row.version, values))) {
      const error = { field: '', rule: 'write_conflict', message: 'The device changed while the import ran.' };
      return { outcome: 'failed' as const, error };
    }
    if (plan.tagsChanged) await writes.replaceTags(tenantId, row.id, plan.tags);
    const after = await reads.findById(tenantId, row.id);
    if (!after) throw new Error(`device ${row.id} vanished inside its own transaction`);
    await recordChange(trx, actor, {
      action: 'device.update',
      resourceType: 'device',
      resourceId: row.id,
      before: presentDevice(plan.current),
      after: presentDevice(after),
    });
    return { outcome: 'updated' as const };
  }
}

/** The row as a device patch body, or the first schema violation as a row failure. */
function validRow(raw: ImportRow): DevicePatchBody & { kind?: string } {
  const row = withoutIgnored(raw);
  if (rowValidator.Check(row)) return row;
  for (const error of rowValidator.Errors(row)) {
    const unknown =
      error.keyword === 'additionalProperties' || (error.keyword === 'boolean' && error.message === 'schema is false');
    if (unknown) {
      const params = error.params as { additionalProperties?: string[] };
      const member = params.additionalProperties?.[0] ?? error.instancePath.split('/')[1] ?? '';
      throw new RowFailure({ field: member, rule: 'unknown_member', message: `'${member}' is not a device member.` });
    }
    const field = error.instancePath.split('/').slice(1).join('.');
    throw new RowFailure({ field, rule: error.keyword, message: `${field || 'The row'} ${error.message}.` });
  }
  return row as DevicePatchBody;
}

/** A rule violation (device-rules.ts: "<field> breaks rule <rule>: <message>") as a row error. */
function rowErrorOf(error: AppError): RowError {
  const parsed = /^(\S+) breaks rule (\S+): ([\s\S]*)$/.exec(error.detail);
  if (parsed) return { field: parsed[1]!, rule: parsed[2]!, message: parsed[3]! };
  const parameter = (error.extras as { parameter?: unknown } | undefined)?.parameter;
  return { field: typeof parameter === 'string' ? parameter : '', rule: error.code, message: error.detail };
}

/** The write rules' lookups, memoised for one import: the catalogue and the tenant's references rarely repeat. */
class CachedLookups extends DeviceWriteRepository {
  constructor(
    db: Kysely<Database>,
    private readonly cache: Map<string, Promise<unknown>>,
  ) {
    super(db);
  }

  private memo<T>(key: string, load: () => Promise<T>): Promise<T> {
    let hit = this.cache.get(key) as Promise<T> | undefined;
    if (!hit) {
      hit = load();
      this.cache.set(key, hit);
    }
    return hit;
  }

  override productById(id: string): Promise<CatalogueProduct | undefined> {
    return this.memo(`product:${id}`, () => super.productById(id));
  }
  override productBySku(sku: string): Promise<CatalogueProduct | undefined> {
    return this.memo(`sku:${sku}`, () => super.productBySku(sku));
  }
  override productByBoxBillingId(box: number): Promise<CatalogueProduct | undefined> {
    return this.memo(`box:${box}`, () => super.productByBoxBillingId(box));
  }
  override personExists(tenantId: string, id: string): Promise<boolean> {
    return this.memo(`person:${id}`, () => super.personExists(tenantId, id));
  }
  override workspaceExists(tenantId: string, id: string): Promise<boolean> {
    return this.memo(`workspace:${id}`, () => super.workspaceExists(tenantId, id));
  }
  override siteExists(tenantId: string, id: string): Promise<boolean> {
    return this.memo(`site:${id}`, () => super.siteExists(tenantId, id));
  }
  override groupIdsOf(tenantId: string, personId: string): Promise<string[]> {
    return this.memo(`groups:${personId}`, () => super.groupIdsOf(tenantId, personId));
  }
  override policiesFor(tenantId: string, productId: string | null): Promise<ApplicablePolicy[]> {
    return this.memo(`policies:${productId ?? ''}`, () => super.policiesFor(tenantId, productId));
  }
}

function sameColumns(columns: Columns, row: Columns): boolean {
  return (Object.keys(columns) as (keyof Columns)[]).every((k) => {
    const a = columns[k];
    const b = row[k];
    if (k === 'emergency' || k === 'shipping' || k === 'billing') {
      return a === b || (typeof a === 'string' && typeof b === 'string' && JSON.stringify(JSON.parse(b)) === a);
    }
    return a === b;
  });
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(b);
  return a.length === b.length && a.every((t) => set.has(t));
}
