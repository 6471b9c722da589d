/**
 * The write cycle every versioned directory resource shares (people, user groups, sites, workspaces): create,
 * change (a whole document for PUT, a merge patch for PATCH) and delete, each validated by the resource, written
 * with its audit event in one transaction, bumping the version and updated_at. The same rules as device writes
 * (device-write.service.ts): the change is conditional on the version that was read; a stale conditional write
 * (If-Match) is 412, an unconditional one is re-applied up to MAX_ATTEMPTS times, then 409 write_conflict; a write
 * that changes nothing keeps the version and writes no audit event. Unique violations become the resource's 409.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { newId } from '../db/ids.js';
import { AppError } from '../errors.js';
import { type Actor, recordChange } from './audit/audit-trail.js';
import { checkPrecondition, type Precondition, preconditionFailed } from './preconditions.js';

/** Attempts of an unconditional change racing other writes to the same resource. */
const MAX_ATTEMPTS = 5;

/** The resource changed between the read and the conditional write. */
export class StaleRead extends Error {}

/** The bookkeeping columns every versioned row carries. */
export interface Versioned {
  readonly version: number;
  readonly updated_at: number;
}

/** What one resource supplies to the writer. `Rec` is the stored record, `Doc` its writable document. */
export interface ResourceWrites<Rec, Doc, Cols> {
  /** The audit resource type, also the prefix of its actions (`site` → `site.create`). */
  readonly type: string;
  readonly noun: string;
  notFound(id: string): AppError;
  find(db: Kysely<Database>, tenantId: string, id: string): Promise<Rec | undefined>;
  rowOf(record: Rec): Versioned;
  present(record: Rec): object;
  documentOf(record: Rec): Doc;
  /** Validates the document (400 naming the field and the rule) and gives the columns to store. */
  columnsOf(db: Kysely<Database>, tenantId: string, document: Doc): Promise<Cols>;
  unchanged(columns: Cols, record: Rec): boolean;
  insert(db: Kysely<Database>, tenantId: string, id: string, columns: Cols, at: number): Promise<void>;
  /** Updates the row only if it is still at `version`; false when it is not (or is gone). */
  update(
    db: Kysely<Database>,
    tenantId: string,
    id: string,
    version: number,
    values: Cols & { updated_at: number; version: number },
  ): Promise<boolean>;
  /** Deletes the row only if it is still at `version`; false when it is not (or is gone). */
  remove(db: Kysely<Database>, tenantId: string, id: string, version: number): Promise<boolean>;
  /** Refuses a deletion (409) or releases what the row holds, inside the deleting transaction. */
  beforeDelete?(db: Kysely<Database>, tenantId: string, record: Rec, at: number): Promise<void>;
  /** The 409 a unique violation stands for, or undefined when it is not this resource's. */
  conflictOf(error: unknown): AppError | undefined;
}

export class VersionedWriter<Rec, Doc, Cols> {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly spec: ResourceWrites<Rec, Doc, Cols>,
    private readonly now: () => number = Date.now,
  ) {}

  create(actor: Actor, document: Doc): Promise<Rec> {
    return this.translated(() =>
      this.db.transaction().execute(async (trx) => {
        const columns = await this.spec.columnsOf(trx, actor.tenantId, document);
        const id = newId();
        await this.spec.insert(trx, actor.tenantId, id, columns, this.now());
        const after = await this.found(trx, actor.tenantId, id);
        await recordChange(trx, actor, {
          action: `${this.spec.type}.create`,
          resourceType: this.spec.type,
          resourceId: id,
          after: this.spec.present(after),
        });
        return after;
      }),
    );
  }

  /** PUT (`draftOf` ignores the current document) and PATCH (it merges into it). */
  change(actor: Actor, id: string, draftOf: (current: Doc) => Doc, precondition?: Precondition<Rec>): Promise<Rec> {
    return this.retried(precondition, () =>
      this.db.transaction().execute(async (trx) => {
        const current = await this.existing(trx, actor.tenantId, id);
        checkPrecondition(precondition, current);
        const columns = await this.spec.columnsOf(trx, actor.tenantId, draftOf(this.spec.documentOf(current)));
        if (this.spec.unchanged(columns, current)) return current;
        await this.bump(trx, actor.tenantId, id, current, columns);
        const after = await this.found(trx, actor.tenantId, id);
        await recordChange(trx, actor, {
          action: `${this.spec.type}.update`,
          resourceType: this.spec.type,
          resourceId: id,
          before: this.spec.present(current),
          after: this.spec.present(after),
        });
        return after;
      }),
    );
  }

  async delete(actor: Actor, id: string, precondition?: Precondition<Rec>): Promise<void> {
    await this.retried(precondition, () =>
      this.db.transaction().execute(async (trx) => {
        const current = await this.existing(trx, actor.tenantId, id);
        checkPrecondition(precondition, current);
        await this.spec.beforeDelete?.(trx, actor.tenantId, current, this.now());
        if (!(await this.spec.remove(trx, actor.tenantId, id, this.spec.rowOf(current).version))) throw new StaleRead();
        await recordChange(trx, actor, {
          action: `${this.spec.type}.delete`,
          resourceType: this.spec.type,
          resourceId: id,
          before: this.spec.present(current),
        });
      }),
    );
  }

  /**
   * A change the resource makes itself (e.g. a person's memberships): `apply` changes related rows and says
   * whether anything changed; the row's own columns are rewritten with a bumped version. Audited as `action`.
   */
  alter(
    actor: Actor,
    id: string,
    action: string,
    apply: (trx: Kysely<Database>, current: Rec) => Promise<boolean>,
    precondition?: Precondition<Rec>,
  ): Promise<Rec> {
    return this.retried(precondition, () =>
      this.db.transaction().execute(async (trx) => {
        const current = await this.existing(trx, actor.tenantId, id);
        checkPrecondition(precondition, current);
        const columns = await this.spec.columnsOf(trx, actor.tenantId, this.spec.documentOf(current));
        // The version moves first: a concurrent writer of the same row then fails its own conditional update.
        await this.bump(trx, actor.tenantId, id, current, columns);
        if (!(await apply(trx, current))) throw new Unchanged(current);
        const after = await this.found(trx, actor.tenantId, id);
        await recordChange(trx, actor, {
          action,
          resourceType: this.spec.type,
          resourceId: id,
          before: this.spec.present(current),
          after: this.spec.present(after),
        });
        return after;
      }),
    ).catch((error: unknown) => {
      // Nothing changed: the transaction was rolled back, the version and the audit trail stay as they were.
      if (error instanceof Unchanged) return error.record as Rec;
      throw error;
    });
  }

  private async bump(trx: Kysely<Database>, tenantId: string, id: string, current: Rec, columns: Cols) {
    const row = this.spec.rowOf(current);
    const values = { ...columns, updated_at: Math.max(this.now(), row.updated_at + 1), version: row.version + 1 };
    if (!(await this.spec.update(trx, tenantId, id, row.version, values))) throw new StaleRead();
  }

  private async existing(trx: Kysely<Database>, tenantId: string, id: string): Promise<Rec> {
    const record = id.length <= 64 ? await this.spec.find(trx, tenantId, id) : undefined;
    if (!record) throw this.spec.notFound(id);
    return record;
  }

  private async found(trx: Kysely<Database>, tenantId: string, id: string): Promise<Rec> {
    const record = await this.spec.find(trx, tenantId, id);
    if (!record) throw new Error(`${this.spec.type} ${id} vanished inside its own transaction`);
    return record;
  }

  /** Runs a change, re-running it on a stale read unless it is conditional (412). */
  private async retried<T>(precondition: Precondition<Rec> | undefined, run: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.translated(run);
      } catch (error) {
        if (!(error instanceof StaleRead)) throw error;
        if (precondition !== undefined) throw preconditionFailed();
        if (attempt >= MAX_ATTEMPTS) {
          throw new AppError(
            'write_conflict',
            `The ${this.spec.noun} kept changing while this request was applied; retry it.`,
          );
        }
      }
    }
  }

  private async translated<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw this.spec.conflictOf(error) ?? error;
    }
  }
}

/** Rolls back an alteration that changed nothing. */
class Unchanged extends Error {
  constructor(readonly record: unknown) {
    super('unchanged');
  }
}
