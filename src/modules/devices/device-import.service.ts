/**
 * Bulk device import: upserts rows keyed by MAC, else serial (a device of the tenant with that MAC — or, failing
 * that, that serial — is updated, any other row creates a device). A row creating a device is a whole document
 * (as POST); a row updating one is a merge patch of it (as PATCH): members it names are set, the others kept.
 * Every row passes the same schema and rules as the single writes (device-write.schemas.ts, device-rules.ts);
 * a failed row is reported with its number, field, rule and message, and writes nothing.
 *
 * An import runs as a background job (job.service.ts) in two passes: it validates every row, then, unless it is a
 * dry run or a row failed and `partial` was not asked for, writes them. Both passes work on batches of IMPORT_BATCH
 * rows with a fixed number of statements per batch, not per row: one read of the devices holding the batch's MACs
 * and serials, one read of the devices it updates, multi-row INSERTs of devices, tags and audit events
 * (`device.create` / `device.update`, one per device); only updates are one statement per row (each conditional on
 * the version it read). The catalogue and tenant lookups of the rules are memoised for the whole import.
 * A row that breaks a rule only during the write pass (a concurrent change since it was validated) fails alone
 * with `partial`; without it the job stops there as failed. Without `partial` the write pass is one transaction
 * when the store has a pool of connections (PostgreSQL), so a failed import stores nothing; when every query shares
 * one connection (SQLite, or a PostgreSQL pool of one such as the command line's) a transaction open for the whole
 * import would block every other query (and the job's progress reports), so each batch is its own transaction and
 * the batches before a write-pass failure stay committed. With `partial` each batch is its own transaction.
 * Two rows of one file may not name the same device, MAC or serial (rule duplicate_in_file).
 */
import type { Insertable, Kysely } from 'kysely';
import { Compile } from 'typebox/compile';
import type { Capabilities } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import { newId } from '../../db/ids.js';
import { AppError } from '../../errors.js';
import type { AuditEventTable } from '../audit/audit-event.table.js';
import { type Actor, auditEventOf } from '../audit/audit-trail.js';
import type { ApplicablePolicy } from '../firmware/compliance.js';
import type { JobContext, JobOutcome, JobService } from '../jobs/job.service.js';
import type { JobRow } from '../jobs/job.repository.js';
import type { ImportResult } from '../jobs/job.schemas.js';
import { type DeviceDraft, draftOfBody, draftOfPatch } from './device-document.js';
import { type ImportFormat, type ImportRow, withoutIgnored } from './device-import-format.js';
import { DeviceImportRepository, type KeyHolder } from './device-import.repository.js';
import { presentDevice } from './device.presenter.js';
import type { DeviceRecord, DeviceRepository } from './device.repository.js';
import type { DeviceTable, DeviceTagTable } from './device.table.js';
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
    private readonly capabilities: Pick<Capabilities, 'maxParameters' | 'singleConnection'>,
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
    const failures: Failure[] = [];
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
      const plans = await this.planBatch(this.db, cache, tenantId, rows.slice(start, end), claims);
      plans.forEach((plan, k) => {
        if (plan.outcome === 'failed') failures.push({ row: start + k + 1, outcome: 'failed', error: plan.error });
        else counts[plan.outcome] += 1;
      });
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

    // Pass 2: write the valid rows.
    const failedRows = new Set(failures.map((f) => f.row));
    counts.created = counts.updated = counts.unchanged = 0;
    claims = new Claims();
    const writeBatch = async (trx: Kysely<Database>, start: number) => {
      const end = Math.min(rows.length, start + IMPORT_BATCH);
      const numbers: number[] = [];
      for (let i = start; i < end; i++) if (!failedRows.has(i + 1)) numbers.push(i + 1);
      const plans = await this.planBatch(
        trx,
        cache,
        tenantId,
        numbers.map((n) => rows[n - 1]!),
        claims,
      );
      return this.writeBatch(trx, actor, numbers, plans, options.partial);
    };
    const add = (batch: BatchOutcome) => {
      for (const k of ['created', 'updated', 'unchanged'] as const) counts[k] += batch.counts[k];
      failures.push(...batch.lateFailures);
    };
    // One transaction for an all-or-nothing import, unless that would hold the engine's only connection.
    const atomic = !options.partial && !this.capabilities.singleConnection;
    let committedBatches = 0;
    try {
      if (atomic) {
        await this.db.transaction().execute(async (trx) => {
          for (let start = 0; start < rows.length; start += IMPORT_BATCH) {
            add(await writeBatch(trx, start));
            await context.progress(rows.length + Math.min(rows.length, start + IMPORT_BATCH), total);
          }
        });
      } else {
        for (let start = 0; start < rows.length; start += IMPORT_BATCH) {
          add(await this.db.transaction().execute((trx) => writeBatch(trx, start)));
          committedBatches += 1;
          await context.progress(rows.length + Math.min(rows.length, start + IMPORT_BATCH), total);
        }
      }
    } catch (error) {
      if (!(error instanceof RowFailure)) throw error;
      // The counts are of what was stored: nothing when the import was one transaction.
      if (atomic) counts.created = counts.updated = counts.unchanged = 0;
      return { result: result(committedBatches > 0), error: { code: 'import_row_failed', detail: error.message } };
    }
    failures.sort((a, b) => a.row - b.row);
    return { result: result(true) };
  }

  /**
   * What each row of a batch would do, without writing: its failure, or the columns to insert or update. The
   * stages run over the whole batch (reads of many keys at once), each row keeping the first failure it meets in
   * the order of the single writes: schema and MAC, serial ambiguity, kind, rules, then uniqueness (in row order,
   * against the tenant and the earlier rows of the file).
   */
  private async planBatch(
    db: Kysely<Database>,
    cache: Map<string, Promise<unknown>>,
    tenantId: string,
    raws: readonly ImportRow[],
    claims: Claims,
  ): Promise<Plan[]> {
    const keys = new DeviceKeys(new DeviceImportRepository(db, this.capabilities), tenantId);
    const lookups = new CachedLookups(db, cache);
    const plans: (Plan | undefined)[] = new Array<Plan | undefined>(raws.length);
    const attempt = async <T>(k: number, step: () => T | Promise<T>): Promise<T | undefined> => {
      try {
        return await step();
      } catch (error) {
        plans[k] = failedPlan(error);
        return undefined;
      }
    };

    const parsed = await Promise.all(raws.map((raw, k) => attempt(k, () => parsedRow(raw))));
    await keys.load(
      parsed.flatMap((p) => (p?.mac === undefined ? [] : [p.mac])),
      parsed.flatMap((p) => (p?.serial === undefined ? [] : [p.serial])),
    );
    const existingIds: (string | undefined)[] = [];
    for (let k = 0; k < raws.length; k++) {
      const row = parsed[k];
      if (row !== undefined) existingIds[k] = await attempt(k, () => keys.existingId(row));
    }
    const wanted = [...new Set(existingIds.filter((id): id is string => id !== undefined))];
    const current = new Map((await this.reads.inTransaction(db).findByIds(tenantId, wanted)).map((r) => [r.row.id, r]));

    const checked: (Checked | undefined)[] = [];
    for (let k = 0; k < raws.length; k++) {
      const row = parsed[k];
      if (row === undefined || plans[k] !== undefined) continue;
      const record = existingIds[k] === undefined ? undefined : current.get(existingIds[k]!);
      checked[k] = await attempt(k, () => this.checked(lookups, tenantId, row.body, record));
    }

    await keys.load(
      checked.flatMap((c) => (c?.columns.mac ? [c.columns.mac] : [])),
      checked.flatMap((c) => (c?.columns.serial ? [c.columns.serial] : [])),
    );
    for (let k = 0; k < raws.length; k++) {
      const c = checked[k];
      if (c === undefined || plans[k] !== undefined) continue;
      const plan = await attempt(k, async (): Promise<Plan> => {
        await this.assertUnique(keys, c.columns, c.current?.row.id, claims);
        if (!c.current) return { outcome: 'created', columns: c.columns, tags: c.tags };
        const tagsChanged = !sameSet(c.tags, c.current.tags);
        if (!tagsChanged && sameColumns(c.columns, c.current.row)) return { outcome: 'unchanged' };
        return { outcome: 'updated', current: c.current, columns: c.columns, tags: c.tags, tagsChanged };
      });
      if (plan !== undefined) plans[k] = plan;
    }
    return plans as Plan[];
  }

  /** The row's document checked by the device rules, and the columns it stores. */
  private async checked(
    lookups: CachedLookups,
    tenantId: string,
    body: RowBody,
    current: DeviceRecord | undefined,
  ): Promise<Checked> {
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
    return { current, columns, tags: checked.document.tags };
  }

  /** MAC unique in the tenant, serial per manufacturer, and neither nor the device named twice in the file. */
  private async assertUnique(
    keys: DeviceKeys,
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
      const holder = await keys.idByMac(columns.mac);
      if (holder !== undefined && holder !== deviceId) {
        throw new RowFailure({
          field: 'mac',
          rule: 'mac_taken',
          message: 'Another device of the tenant has this MAC.',
        });
      }
    }
    if (columns.serial !== null) {
      const holder = (await keys.bySerial(columns.serial)).find((d) => d.manufacturer === columns.manufacturer);
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

  /**
   * Writes a planned batch with its audit events, in row order: a failed row (or a device changed since it was
   * read) fails alone with `partial` and stops the import without it. Updates are one conditional statement per
   * row; new devices, tags and audit events go in multi-row INSERTs.
   */
  private async writeBatch(
    trx: Kysely<Database>,
    actor: Actor,
    rowNumbers: readonly number[],
    plans: readonly Plan[],
    partial: boolean,
  ): Promise<BatchOutcome> {
    const tenantId = actor.tenantId;
    const writes = new DeviceWriteRepository(trx);
    const bulk = new DeviceImportRepository(trx, this.capabilities);
    const outcome: BatchOutcome = { counts: { created: 0, updated: 0, unchanged: 0 }, lateFailures: [] };
    const fail = (row: number, error: RowError) => {
      if (!partial) throw new RowFailure({ ...error, message: `row ${row}: ${error.message}` });
      outcome.lateFailures.push({ row, outcome: 'failed', error });
    };
    const newDevices: Insertable<DeviceTable>[] = [];
    const retagged: string[] = [];
    const tags: Insertable<DeviceTagTable>[] = [];
    const written: ({ created: string } | { updated: DeviceRecord })[] = [];

    for (let k = 0; k < plans.length; k++) {
      const plan = plans[k]!;
      const row = rowNumbers[k]!;
      if (plan.outcome === 'failed') {
        fail(row, plan.error);
        continue;
      }
      if (plan.outcome === 'unchanged') {
        outcome.counts.unchanged += 1;
        continue;
      }
      const at = this.now();
      if (plan.outcome === 'created') {
        const id = newId();
        newDevices.push({ id, tenant_id: tenantId, ...plan.columns, ...newDeviceState(at) });
        for (const tag of plan.tags) tags.push({ tenant_id: tenantId, device_id: id, tag });
        written.push({ created: id });
        outcome.counts.created += 1;
        continue;
      }
      const { row: stored } = plan.current;
      const values = { ...plan.columns, updated_at: Math.max(at, stored.updated_at + 1), version: stored.version + 1 };
      if (!(await writes.update(tenantId, stored.id, stored.version, values))) {
        fail(row, { field: '', rule: 'write_conflict', message: 'The device changed while the import ran.' });
        continue;
      }
      if (plan.tagsChanged) {
        retagged.push(stored.id);
        for (const tag of plan.tags) tags.push({ tenant_id: tenantId, device_id: stored.id, tag });
      }
      written.push({ updated: plan.current });
      outcome.counts.updated += 1;
    }

    await bulk.insertDevices(newDevices);
    await bulk.deleteTags(tenantId, retagged);
    await bulk.insertTags(tags);
    const reads = this.reads.inTransaction(trx);
    const createdIds = written.flatMap((w) => ('created' in w ? [w.created] : []));
    const updatedIds = written.flatMap((w) => ('updated' in w ? [w.updated.row.id] : []));
    const after = new Map(
      [
        ...(await reads.findByIds(tenantId, createdIds, CREATED_RELATIONS)),
        ...(await reads.findByIds(tenantId, updatedIds)),
      ].map((r) => [r.row.id, r]),
    );
    const events: Insertable<AuditEventTable>[] = written.map((w) => {
      const id = 'created' in w ? w.created : w.updated.row.id;
      const device = after.get(id);
      if (!device) throw new Error(`device ${id} vanished inside its own transaction`);
      return 'created' in w
        ? auditEventOf(actor, {
            action: 'device.create',
            resourceType: 'device',
            resourceId: id,
            after: presentDevice(device),
          })
        : auditEventOf(actor, {
            action: 'device.update',
            resourceType: 'device',
            resourceId: id,
            before: presentDevice(w.updated),
            after: presentDevice(device),
          });
    });
    await bulk.insertAuditEvents(events);
    return outcome;
  }
}

type RowBody = DevicePatchBody & { kind?: string };

interface ParsedRow {
  readonly body: RowBody;
  /** The row's MAC, normalised. */
  readonly mac?: string;
  /** The row's serial, trimmed, when not blank. */
  readonly serial?: string;
}

interface Checked {
  readonly current: DeviceRecord | undefined;
  readonly columns: Columns;
  readonly tags: readonly string[];
}

type Failure = { row: number; outcome: 'failed'; error: RowError };

interface BatchOutcome {
  readonly counts: { created: number; updated: number; unchanged: number };
  readonly lateFailures: Failure[];
}

/** A row's schema and MAC checked: its body and the keys that may name an existing device. */
function parsedRow(raw: ImportRow): ParsedRow {
  const body = validRow(raw);
  let mac: string | undefined;
  if (typeof body.mac === 'string') {
    const parsed = parseMac(body.mac);
    if (!parsed.ok) throw new RowFailure({ field: 'mac', rule: parsed.rule, message: parsed.message });
    mac = parsed.mac;
  }
  const serial = typeof body.serial === 'string' && body.serial.trim() !== '' ? body.serial.trim() : undefined;
  return { body, mac, serial };
}

/** A row failure (schema, rule) as a failed plan; anything else is not the row's fault and is thrown on. */
function failedPlan(error: unknown): Plan {
  if (error instanceof RowFailure) return { outcome: 'failed', error: error.error };
  if (error instanceof AppError) return { outcome: 'failed', error: rowErrorOf(error) };
  throw error;
}

/**
 * The tenant's devices holding MACs and serials, read many keys per statement and remembered for one batch (the
 * devices do not change under it: the batch's own writes come after its plans).
 */
class DeviceKeys {
  private readonly macHolders = new Map<string, string | undefined>();
  private readonly serialHolders = new Map<string, KeyHolder[]>();

  constructor(
    private readonly repository: DeviceImportRepository,
    private readonly tenantId: string,
  ) {}

  /** Reads the holders of the keys not read yet. */
  async load(macs: readonly string[], serials: readonly string[]): Promise<void> {
    const newMacs = [...new Set(macs)].filter((m) => !this.macHolders.has(m));
    const newSerials = [...new Set(serials)].filter((s) => !this.serialHolders.has(s));
    for (const mac of newMacs) this.macHolders.set(mac, undefined);
    for (const serial of newSerials) this.serialHolders.set(serial, []);
    if (newMacs.length > 0) {
      for (const holder of await this.repository.holdersOfMacs(this.tenantId, newMacs)) {
        if (holder.mac !== null) this.macHolders.set(holder.mac, holder.id);
      }
    }
    if (newSerials.length > 0) {
      for (const holder of await this.repository.holdersOfSerials(this.tenantId, newSerials)) {
        if (holder.serial !== null) this.serialHolders.get(holder.serial)?.push(holder);
      }
    }
  }

  async idByMac(mac: string): Promise<string | undefined> {
    await this.load([mac], []);
    return this.macHolders.get(mac);
  }

  /** The tenant's devices with this serial (one per manufacturer at most). */
  async bySerial(serial: string): Promise<KeyHolder[]> {
    await this.load([], [serial]);
    return this.serialHolders.get(serial) ?? [];
  }

  /** The device a row updates: the holder of its MAC, else of its serial (several manufacturers: ambiguous). */
  async existingId(row: ParsedRow): Promise<string | undefined> {
    const byMac = row.mac === undefined ? undefined : await this.idByMac(row.mac);
    if (byMac !== undefined || row.serial === undefined) return byMac;
    const matches = await this.bySerial(row.serial);
    if (matches.length > 1) {
      throw new RowFailure({
        field: 'serial',
        rule: 'serial_ambiguous',
        message: 'Devices of several manufacturers have this serial: name the device by its MAC.',
      });
    }
    return matches[0]?.id;
  }
}

/** The row as a device patch body, or the first schema violation as a row failure. */
function validRow(raw: ImportRow): RowBody {
  const row = withoutIgnored(raw);
  if (rowValidator.Check(row)) return row;
  for (const error of rowValidator.Errors(row)) {
    const unknown =
      error.keyword === 'additionalProperties' || (error.keyword === 'boolean' && error.message === 'schema is false');
    if (unknown) {
      const params = error.params as { additionalProperties?: string[] };
      // The whole path of a nested member: emergency.address.colour.
      const path = [...error.instancePath.split('/').slice(1), ...(params.additionalProperties ?? []).slice(0, 1)];
      const member = path.join('.');
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
