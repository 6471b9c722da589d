/**
 * Device writes shared by every API surface: create, update (a whole document for PUT, a merge patch for
 * PATCH) and delete, each checked against the device rules (device-rules.ts), written with its audit event
 * in one transaction, and bumping the device's version and updated_at.
 *
 * Who may change what: admins any device of the tenant; agents and supervisors only the devices they own,
 * and a device they create or change stays theirs (a missing owner on POST or PUT means themselves; any
 * other owner is 403 device_not_owned). Another person's device is 404 for an agent (who cannot see it) and
 * 403 for a supervisor (who can).
 *
 * Race-free: the change is conditional on the version the device was read at (`WHERE version = ?`). When
 * that version is gone, a conditional request (a precondition, the native If-Match) fails with 412; an
 * unconditional one is re-applied to the new state, up to MAX_ATTEMPTS times, then answered 409.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { newId } from '../../db/ids.js';
import { violatedConstraint } from '../../db/unique-violation.js';
import { AppError } from '../../errors.js';
import { actsAsPerson, type Principal } from '../access/principal.js';
import { type Actor, recordChange } from '../audit/audit-trail.js';
import { evaluateCompliance, installedFirmware } from '../firmware/compliance.js';
import { checkPrecondition, type Precondition, preconditionFailed } from '../preconditions.js';
import { type DeviceDraft, documentOf, draftOfBody, draftOfPatch } from './device-document.js';
import { presentDevice } from './device.presenter.js';
import type { DeviceRecord, DeviceRepository } from './device.repository.js';
import type { DeviceTable } from './device.table.js';
import { type CheckedDevice, checkDevice } from './device-rules.js';
import { DEVICE_UNIQUE_CONSTRAINTS, DeviceWriteRepository, newDeviceState } from './device-write.repository.js';
import type { DeviceBody, DevicePatchBody } from './device-write.schemas.js';

/** Who changes devices, and which. */
export interface DeviceEditor {
  readonly tenantId: string;
  /** null: any device of the tenant. Otherwise only this person's devices, which stay theirs. */
  readonly ownPerson: string | null;
  /** Whether the editor reads every device of the tenant (another's device is then 403 rather than 404). */
  readonly readsTenant: boolean;
}

export function deviceEditorOf(principal: Principal): DeviceEditor {
  if (!actsAsPerson(principal.role)) return { tenantId: principal.tenantId, ownPerson: null, readsTenant: true };
  // A personal credential always names its person (checked when it is created); '' owns nothing.
  return { tenantId: principal.tenantId, ownPerson: principal.personId ?? '', readsTenant: principal.role !== 'agent' };
}

/** Attempts of an unconditional change racing other writes to the same device. */
const MAX_ATTEMPTS = 5;

/** The device changed between the read and the conditional write. */
class StaleRead extends Error {}

type Columns = Pick<
  DeviceTable,
  | 'kind'
  | 'name'
  | 'product_id'
  | 'manufacturer'
  | 'mac'
  | 'serial'
  | 'display_id'
  | 'status'
  | 'owner_person_id'
  | 'owner_workspace_id'
  | 'owner_virtual_line_id'
  | 'site_id'
  | 'upgrade_channel'
  | 'managed_by'
  | 'sip_user_name'
  | 'sip_line_port'
  | 'sip_outbound_proxy'
  | 'hot_desk'
  | 'common_phone'
  | 'line_pooling'
  | 'computer_name'
  | 'emergency'
  | 'shipping'
  | 'billing'
  | 'compliance'
  | 'policy_id'
>;

export class DeviceWriteService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly reads: DeviceRepository,
    private readonly now: () => number = Date.now,
  ) {}

  async create(actor: Actor, editor: DeviceEditor, body: DeviceBody): Promise<DeviceRecord> {
    const [record] = await this.createMany(actor, editor, [body]);
    return record!;
  }

  /**
   * Several creations in one transaction: every device is created, or none is. A refusal of one body carries
   * its position in the `index` extra (the first body is 0). One audit event per device.
   */
  async createMany(actor: Actor, editor: DeviceEditor, bodies: readonly DeviceBody[]): Promise<DeviceRecord[]> {
    const drafts = bodies.map((body) =>
      draftOfBody(editor.ownPerson !== null && !('personId' in body) ? { ...body, personId: editor.ownPerson } : body),
    );
    for (const draft of drafts) assertStaysOwned(editor, draft);
    let position = 0;
    try {
      return await this.translated(() =>
        this.db.transaction().execute(async (trx) => {
          const writes = new DeviceWriteRepository(trx);
          const created: DeviceRecord[] = [];
          for (position = 0; position < drafts.length; position++) {
            const checked = await checkDevice(editor.tenantId, drafts[position]!, writes);
            const at = this.now();
            const id = newId();
            const state = newDeviceState(at);
            await writes.insert({
              id,
              tenant_id: editor.tenantId,
              ...(await this.columnsOf(writes, editor.tenantId, checked, state, null)),
              ...state,
            });
            await writes.replaceTags(editor.tenantId, id, checked.document.tags);
            const after = await this.reads.inTransaction(trx).findById(editor.tenantId, id);
            if (!after) throw new Error(`device ${id} vanished inside its own transaction`);
            await recordChange(trx, actor, {
              action: 'device.create',
              resourceType: 'device',
              resourceId: id,
              after: presentDevice(after),
            });
            created.push(after);
          }
          return created;
        }),
      );
    } catch (error) {
      if (bodies.length > 1 && error instanceof AppError) {
        throw new AppError(error.code, error.detail, { ...error.extras, index: String(position) });
      }
      throw error;
    }
  }

  /** PUT: the body replaces every writable field; a missing one becomes null, false, [] or Offline. */
  replace(
    actor: Actor,
    editor: DeviceEditor,
    id: string,
    body: DeviceBody,
    precondition?: Precondition<DeviceRecord>,
  ): Promise<DeviceRecord> {
    const owned = editor.ownPerson !== null && !('personId' in body) ? { ...body, personId: editor.ownPerson } : body;
    return this.change(actor, editor, id, () => draftOfBody(owned), precondition);
  }

  /** PATCH: a JSON merge patch of the writable fields (RFC 7396). */
  patch(
    actor: Actor,
    editor: DeviceEditor,
    id: string,
    patch: DevicePatchBody,
    precondition?: Precondition<DeviceRecord>,
  ): Promise<DeviceRecord> {
    return this.change(actor, editor, id, (current) => draftOfPatch(current, patch), precondition);
  }

  /** `guard` may refuse the deletion (by throwing) on the state about to be deleted, inside the transaction. */
  async delete(
    actor: Actor,
    editor: DeviceEditor,
    id: string,
    precondition?: Precondition<DeviceRecord>,
    guard?: (current: DeviceRecord) => void,
  ): Promise<void> {
    await this.retried(precondition, () =>
      this.db.transaction().execute(async (trx) => {
        const current = await this.editable(this.reads.inTransaction(trx), editor, id);
        checkPrecondition(precondition, current);
        guard?.(current);
        if (!(await new DeviceWriteRepository(trx).delete(editor.tenantId, id, current.row.version)))
          throw new StaleRead();
        await recordChange(trx, actor, {
          action: 'device.delete',
          resourceType: 'device',
          resourceId: id,
          before: presentDevice(current),
        });
      }),
    );
  }

  /**
   * Automatic Location Update on or off for several devices, in one transaction: every listed device must be
   * one the editor may change, else nothing changes (the refusal carries the position in the `index` extra).
   * A device whose flag changes gets a new version and one audit event (`device.emergency_auto_update`); one
   * already in that state is left alone. Answers how many devices changed.
   */
  async setEmergencyAutoUpdate(
    actor: Actor,
    editor: DeviceEditor,
    changes: readonly { readonly id: string; readonly enabled: boolean }[],
  ): Promise<number> {
    let position = 0;
    try {
      return await this.retried(undefined, () =>
        this.db.transaction().execute(async (trx) => {
          const reads = this.reads.inTransaction(trx);
          const writes = new DeviceWriteRepository(trx);
          let changed = 0;
          for (position = 0; position < changes.length; position++) {
            const { id, enabled } = changes[position]!;
            const { row } = await this.editable(reads, editor, id);
            const before = row.emergency_auto_update === 1;
            if (before === enabled) continue;
            const values = {
              emergency_auto_update: enabled ? 1 : 0,
              updated_at: Math.max(this.now(), row.updated_at + 1),
              version: row.version + 1,
            };
            if (!(await writes.update(editor.tenantId, id, row.version, values))) throw new StaleRead();
            await recordChange(trx, actor, {
              action: 'device.emergency_auto_update',
              resourceType: 'device',
              resourceId: id,
              before: { emergencyAutoUpdate: before },
              after: { emergencyAutoUpdate: enabled },
            });
            changed += 1;
          }
          return changed;
        }),
      );
    } catch (error) {
      if (error instanceof AppError)
        throw new AppError(error.code, error.detail, { ...error.extras, index: String(position) });
      throw error;
    }
  }

  /**
   * Replaces one device by another (RingCentral's device replace): the target takes the source's place — its
   * owner, lines (and so numbers), emergency settings, line pooling and common-phone use — and the source
   * takes the target's (for a target from the inventory: none, so the source goes to the inventory). Both
   * devices are checked by the device rules and written in one transaction: both change or neither does, with
   * one audit event each.
   */
  swap(
    actor: Actor,
    editor: DeviceEditor,
    sourceId: string,
    targetId: string,
  ): Promise<{ source: DeviceRecord; target: DeviceRecord }> {
    return this.retried(undefined, () =>
      this.db.transaction().execute(async (trx) => {
        const reads = this.reads.inTransaction(trx);
        const writes = new DeviceWriteRepository(trx);
        const source = await this.editable(reads, editor, sourceId);
        const target = await this.editable(reads, editor, targetId);
        const placeOf = (record: DeviceRecord) => {
          const d = documentOf(record);
          return {
            personId: d.personId,
            workspaceId: d.workspaceId,
            virtualLineId: d.virtualLineId,
            emergency: d.emergency,
            linePooling: d.linePooling,
            commonPhone: d.commonPhone,
          };
        };
        const drafts = [
          { current: source, draft: { document: { ...documentOf(source), ...placeOf(target) }, selectors: {} } },
          { current: target, draft: { document: { ...documentOf(target), ...placeOf(source) }, selectors: {} } },
        ];
        const checked = [];
        for (const { draft } of drafts) {
          assertStaysOwned(editor, draft);
          checked.push(await checkDevice(editor.tenantId, draft, writes));
        }
        await writes.swapLines(editor.tenantId, source.row.id, target.row.id);
        const after: DeviceRecord[] = [];
        for (const [i, { current }] of drafts.entries()) {
          const { row } = current;
          const columns = await this.columnsOf(writes, editor.tenantId, checked[i]!, row, row);
          const values = { ...columns, updated_at: Math.max(this.now(), row.updated_at + 1), version: row.version + 1 };
          if (!(await writes.update(editor.tenantId, row.id, row.version, values))) throw new StaleRead();
          const changed = await reads.findById(editor.tenantId, row.id);
          if (!changed) throw new Error(`device ${row.id} vanished inside its own transaction`);
          await recordChange(trx, actor, {
            action: 'device.update',
            resourceType: 'device',
            resourceId: row.id,
            before: presentDevice(current),
            after: presentDevice(changed),
          });
          after.push(changed);
        }
        return { source: after[0]!, target: after[1]! };
      }),
    );
  }

  private change(
    actor: Actor,
    editor: DeviceEditor,
    id: string,
    draftOf: (current: DeviceRecord) => DeviceDraft,
    precondition: Precondition<DeviceRecord> | undefined,
  ): Promise<DeviceRecord> {
    return this.retried(precondition, () =>
      this.db.transaction().execute(async (trx) => {
        const reads = this.reads.inTransaction(trx);
        const writes = new DeviceWriteRepository(trx);
        const current = await this.editable(reads, editor, id);
        checkPrecondition(precondition, current);
        const draft = draftOf(current);
        assertStaysOwned(editor, draft);
        const checked = await checkDevice(editor.tenantId, draft, writes);
        const { row } = current;
        const columns = await this.columnsOf(writes, editor.tenantId, checked, row, row);
        const tagsChanged = !sameSet(checked.document.tags, current.tags);
        if (!tagsChanged && unchanged(columns, row)) return current;
        const version = row.version + 1;
        const updatedAt = Math.max(this.now(), row.updated_at + 1);
        if (!(await writes.update(editor.tenantId, id, row.version, { ...columns, updated_at: updatedAt, version }))) {
          throw new StaleRead();
        }
        if (tagsChanged) await writes.replaceTags(editor.tenantId, id, checked.document.tags);
        const after = await reads.findById(editor.tenantId, id);
        if (!after) throw new Error(`device ${id} vanished inside its own transaction`);
        await recordChange(trx, actor, {
          action: 'device.update',
          resourceType: 'device',
          resourceId: id,
          before: presentDevice(current),
          after: presentDevice(after),
        });
        return after;
      }),
    );
  }

  /** The device if the editor may change it: 404 when they may not see it, 403 when they see but do not own it. */
  private async editable(reads: DeviceRepository, editor: DeviceEditor, id: string): Promise<DeviceRecord> {
    const record = id.length <= 64 ? await reads.findById(editor.tenantId, id) : undefined;
    const owned = editor.ownPerson === null || record?.row.owner_person_id === editor.ownPerson;
    if (!record || (!owned && !editor.readsTenant)) {
      throw new AppError('device_not_found', `There is no device with id '${id.slice(0, 64)}'.`);
    }
    if (!owned) throw new AppError('device_not_owned', 'You may change only the devices you own.');
    return record;
  }

  /** The stored columns of a checked device: product's manufacturer, display id, derived compliance (bulk import reuses it). */
  async columnsOf(
    writes: DeviceWriteRepository,
    tenantId: string,
    { document: d, product }: CheckedDevice,
    firmware: Pick<DeviceTable, 'fw_main' | 'fw_base' | 'fw_headset' | 'fw_bluetooth' | 'fw_usb'>,
    stored: Pick<DeviceTable, 'display_id' | 'serial'> | null,
  ): Promise<Columns> {
    const productId = product?.id ?? null;
    const policies = await writes.policiesFor(tenantId, productId);
    const groups = policies.length > 0 && d.personId !== null ? await writes.groupIdsOf(tenantId, d.personId) : [];
    const compliance = evaluateCompliance(
      {
        productId,
        firmware: installedFirmware(firmware),
        userGroupIds: groups,
      },
      policies,
    );
    // The display id is the tattoo id when the device has one, else it follows the serial.
    const followsSerial = stored === null || stored.display_id === null || stored.display_id === stored.serial;
    return {
      kind: d.kind,
      name: d.name,
      product_id: productId,
      manufacturer: product?.manufacturer ?? null,
      mac: d.mac,
      serial: d.serial,
      display_id: followsSerial ? d.serial : stored.display_id,
      status: d.status,
      owner_person_id: d.personId,
      owner_workspace_id: d.workspaceId,
      owner_virtual_line_id: d.virtualLineId,
      site_id: d.siteId,
      upgrade_channel: d.upgradeChannel,
      managed_by: d.managedBy,
      sip_user_name: d.sip?.userName ?? null,
      sip_line_port: d.sip?.linePort ?? null,
      sip_outbound_proxy: d.sip?.outboundProxy ?? null,
      hot_desk: d.hotDesk ? 1 : 0,
      common_phone: d.commonPhone ? 1 : 0,
      line_pooling: d.linePooling,
      computer_name: d.computerName,
      emergency: d.emergency === null ? null : JSON.stringify(d.emergency),
      shipping: d.shipping === null ? null : JSON.stringify(d.shipping),
      billing: d.billing === null ? null : JSON.stringify(d.billing),
      compliance: compliance.status,
      policy_id: compliance.policyId,
    };
  }

  /** Runs a change, re-running it on a stale read unless it is conditional (412). */
  private async retried<T>(precondition: Precondition<DeviceRecord> | undefined, run: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.translated(run);
      } catch (error) {
        if (!(error instanceof StaleRead)) throw error;
        if (precondition !== undefined) throw preconditionFailed();
        if (attempt >= MAX_ATTEMPTS) {
          throw new AppError('write_conflict', 'The device kept changing while this request was applied; retry it.');
        }
      }
    }
  }

  /** Unique-constraint violations as the 409 they stand for. */
  private async translated<T>(run: () => Promise<T>): Promise<T> {
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
        throw new AppError(
          'device_serial_taken',
          'Another device of this manufacturer in the tenant has this serial number.',
          {
            parameter: 'serial',
          },
        );
      }
      throw error;
    }
  }
}

/**
 * Agents and supervisors keep what they change: owned by themselves, never by a workspace, a virtual line or
 * another person.
 */
function assertStaysOwned(editor: DeviceEditor, { document }: DeviceDraft): void {
  if (editor.ownPerson === null) return;
  if (document.workspaceId !== null) {
    throw new AppError('device_not_owned', 'You may not give a device to a workspace.', { parameter: 'workspaceId' });
  }
  if (document.virtualLineId !== null) {
    throw new AppError('device_not_owned', 'You may not give a device to a virtual line.', {
      parameter: 'virtualLineId',
    });
  }
  if (document.personId !== editor.ownPerson) {
    throw new AppError('device_not_owned', 'You may not give a device to someone else.', { parameter: 'personId' });
  }
}

function unchanged(columns: Columns, row: Columns): boolean {
  return (Object.keys(columns) as (keyof Columns)[]).every((k) =>
    k === 'emergency' || k === 'shipping' || k === 'billing' ? sameJson(columns[k], row[k]) : columns[k] === row[k],
  );
}

function sameJson(a: string | null, b: string | null): boolean {
  return a === b || (a !== null && b !== null && JSON.stringify(JSON.parse(b)) === a);
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(b);
  return a.length === b.length && a.every((t) => set.has(t));
}
