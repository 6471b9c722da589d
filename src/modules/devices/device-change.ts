/**
 * One change to one device outside its writable document (activation state, lines, pairing, firmware), with
 * the guarantees every device write gives: the editor's rights checked (404 when they may not see the device,
 * 403 when they see but do not own it), the precondition evaluated on the state read, the device's version and
 * updated_at bumped conditionally on the version read (a stale read is retried, or 412 when conditional), a
 * unique MAC or serial kept (409), and one audit event with the device before and after, all in one transaction.
 */
import type { Kysely, Updateable } from 'kysely';
import type { Database } from '../../db/schema.js';
import { violatedConstraint } from '../../db/unique-violation.js';
import { AppError } from '../../errors.js';
import { type Actor, recordChange } from '../audit/audit-trail.js';
import { checkPrecondition, type Precondition, preconditionFailed } from '../preconditions.js';
import { presentDevice } from './device.presenter.js';
import type { DeviceRecord, DeviceRepository } from './device.repository.js';
import type { DeviceTable } from './device.table.js';
import { DEVICE_UNIQUE_CONSTRAINTS, DeviceWriteRepository } from './device-write.repository.js';
import type { DeviceEditor } from './device-write.service.js';

/** Attempts of an unconditional change racing other writes to the same device. */
const MAX_ATTEMPTS = 5;

/** A device changed between the read and the conditional write. */
export class StaleDevice extends Error {}

/** What a change gets: its transaction, the device as read, and the device write SQL on that transaction. */
export interface DeviceChangeContext {
  readonly trx: Kysely<Database>;
  readonly current: DeviceRecord;
  readonly writes: DeviceWriteRepository;
  readonly reads: DeviceRepository;
  /** The instant of this change (never before the device's last update). */
  readonly at: number;
}

/** Columns to set on the device, or 'unchanged' (no version bump, no audit event). */
export type DeviceChangeResult = Updateable<DeviceTable> | 'unchanged';

export class DeviceChanges {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly reads: DeviceRepository,
    private readonly now: () => number = Date.now,
  ) {}

  /** Applies `apply` to device `id` and records `action`; returns the device as it is afterwards. */
  run(
    actor: Actor,
    editor: DeviceEditor,
    id: string,
    action: string,
    apply: (context: DeviceChangeContext) => Promise<DeviceChangeResult>,
    precondition?: Precondition<DeviceRecord>,
  ): Promise<DeviceRecord> {
    return retried(precondition, () =>
      this.db.transaction().execute(async (trx) => {
        const reads = this.reads.inTransaction(trx);
        const writes = new DeviceWriteRepository(trx);
        const current = await editableDevice(reads, editor, id);
        checkPrecondition(precondition, current);
        const at = Math.max(this.now(), current.row.updated_at + 1);
        const values = await apply({ trx, current, writes, reads, at });
        if (values === 'unchanged') return current;
        const { version } = current.row;
        if (!(await writes.update(editor.tenantId, id, version, { ...values, updated_at: at, version: version + 1 }))) {
          throw new StaleDevice();
        }
        const after = await reads.findById(editor.tenantId, id);
        if (!after) throw new Error(`device ${id} vanished inside its own transaction`);
        await recordChange(trx, actor, {
          action,
          resourceType: 'device',
          resourceId: id,
          before: presentDevice(current),
          after: presentDevice(after),
        });
        return after;
      }),
    );
  }
}

/** The device if the editor may change it: 404 when they may not see it, 403 when they see but do not own it. */
export async function editableDevice(reads: DeviceRepository, editor: DeviceEditor, id: string): Promise<DeviceRecord> {
  const record = id.length <= 64 ? await reads.findById(editor.tenantId, id) : undefined;
  const owned = editor.ownPerson === null || record?.row.owner_person_id === editor.ownPerson;
  if (!record || (!owned && !editor.readsTenant)) {
    throw new AppError('device_not_found', `There is no device with id '${id.slice(0, 64)}'.`);
  }
  if (!owned) throw new AppError('device_not_owned', 'You may change only the devices you own.');
  return record;
}

/** Runs a change, re-running it on a stale read unless it is conditional (412); unique violations as 409. */
export async function retried<T>(
  precondition: Precondition<DeviceRecord> | undefined,
  run: () => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await translated(run);
    } catch (error) {
      if (!(error instanceof StaleDevice)) throw error;
      if (precondition !== undefined) throw preconditionFailed();
      if (attempt >= MAX_ATTEMPTS) {
        throw new AppError('write_conflict', 'The device kept changing while this request was applied; retry it.');
      }
    }
  }
}

/** A device's unique MAC or serial broken by a change: the 409 it stands for. */
export async function translated<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const broken = violatedConstraint(error, DEVICE_UNIQUE_CONSTRAINTS);
    if (broken?.field === 'mac') {
      throw new AppError('device_mac_taken', 'Another device of the tenant has this MAC address.', {
        parameter: 'mac',
      });
    }
    if (broken?.field === 'serial') {
      throw new AppError('device_serial_taken', 'Another device of this manufacturer in the tenant has this serial.', {
        parameter: 'serial',
      });
    }
    throw error;
  }
}
