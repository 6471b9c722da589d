/**
 * The contact-center controls of a device (Genesys rules, seed 001 and vendor-apis.md §2), for every API
 * surface: its telephony identity (a mandatory phone number on its first line, from which E.164, country,
 * national format and location are derived, and the telephony network, Private by default), do-not-disturb,
 * call forwarding, supervisor monitoring, and the capabilities the caller has on it now.
 *
 * Who may change what: DND and forwarding follow the device-write rules (admins any device; agents and
 * supervisors their own; another's device is 404 for an agent and 403 for a supervisor); the route policy
 * leaves the telephony identity (which number a device has) to admins.
 * Monitoring is recorded on the supervisor's device (as Genesys shows it: `supervisorMonitoringState` with
 * the target device): a supervisor starts it from a device they own, an admin from any device owned by a
 * person (that person becomes the supervisor); only one session at a time may monitor a device, so a second
 * one is 409 even under races (the target is locked, then the start is one conditional UPDATE). A session is
 * cancelled, and its monitored user muted or unmuted (a flag of the session, unmuted when it starts), from
 * either end by its supervisor or an admin.
 *
 * Every change is conditional on the version the device was read at, bumps it, and is audited in its
 * transaction; an unchanged state (DND already on…) changes nothing and records nothing. A change that loses
 * a race is re-applied to the new state up to MAX_ATTEMPTS times, then answered 409 write_conflict.
 */
import type { Kysely, Updateable } from 'kysely';
import { isDeadlock } from '../../db/deadlock.js';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import type { Principal } from '../access/principal.js';
import type { Role } from '../access/roles.js';
import { type Actor, recordChange } from '../audit/audit-trail.js';
import { countryNameOf, describePhoneNumber } from '../numbers/phone-number.js';
import { capabilitiesOf } from './capabilities.js';
import { DeviceControlsRepository, type MonitoredBy } from './device-controls.repository.js';
import type {
  DeviceTelephonyView,
  DoNotDisturbBody,
  ForwardingBody,
  MonitoringBody,
  TelephonyBody,
} from './device-controls.schemas.js';
import { presentDevice, presentMonitoring } from './device.presenter.js';
import type { DeviceRecord, DeviceRepository } from './device.repository.js';
import type { DeviceTable } from './device.table.js';
import { ruleViolation } from './device-rules.js';

/** Who uses the controls. */
export interface ControlsCaller {
  readonly tenantId: string;
  readonly role: Role;
  /** The person a personal credential (agent, supervisor) acts as; null for admins. */
  readonly personId: string | null;
}

export function controlsCallerOf(principal: Principal): ControlsCaller {
  const personal = principal.role === 'agent' || principal.role === 'supervisor';
  // A personal credential always names its person (checked when it is created); '' owns nothing.
  return { tenantId: principal.tenantId, role: principal.role, personId: personal ? (principal.personId ?? '') : null };
}

/** Audio peripherals carry no phone number, hence no telephony controls. */
const NOT_PHONES: readonly string[] = ['Headset', 'Base', 'Dongle'];

const MAX_ATTEMPTS = 5;

/** The device changed between the read and the conditional write. */
class StaleRead extends Error {}

/** One attempt of a change inside its transaction. */
interface Attempt {
  readonly trx: Kysely<Database>;
  readonly reads: DeviceRepository;
  readonly writes: DeviceControlsRepository;
  readonly at: (row: DeviceTable) => number;
}

const NO_MONITORING = {
  monitoring_state: null,
  monitoring_mode: null,
  monitoring_scope: null,
  monitoring_target_device_id: null,
  monitoring_supervisor_id: null,
  monitoring_muted: null,
} as const;

export class DeviceControlsService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly reads: DeviceRepository,
    private readonly now: () => number = Date.now,
  ) {}

  /** The controls as the caller sees them (an agent only on their own devices). */
  async telephony(caller: ControlsCaller, id: string): Promise<DeviceTelephonyView> {
    const record = await this.visible(this.reads, caller, id);
    return this.view(new DeviceControlsRepository(this.db), caller, record);
  }

  /** The controls of devices already read for the caller (a list), with one query for their monitoring sessions. */
  async telephonyOfMany(caller: ControlsCaller, records: readonly DeviceRecord[]): Promise<DeviceTelephonyView[]> {
    if (records.length === 0) return [];
    const monitored = await new DeviceControlsRepository(this.db).monitoredByMany(
      caller.tenantId,
      records.map((r) => r.row.id),
    );
    return records.map((record) => presentTelephony(record, monitored.get(record.row.id) ?? null, caller));
  }

  /** Sets the phone number of the device's first line (mandatory) and its telephony network (default Private). */
  setTelephony(actor: Actor, caller: ControlsCaller, id: string, body: TelephonyBody): Promise<DeviceTelephonyView> {
    const description = describePhoneNumber(body.phoneNumber);
    if (description === undefined) {
      throw ruleViolation(
        'phoneNumber',
        'phone-number',
        'must be an international number valid for its country (+16509870000) or an extension of 1 to 8 digits.',
      );
    }
    const number = description.e164 ?? body.phoneNumber.trim();
    const network = body.telephonyNetwork ?? 'Private';
    return this.change(actor, caller, id, 'device.telephony', async (current, a) => {
      assertPhone(current);
      if (current.lines[0]?.number === number && current.row.telephony_network === network) return false;
      await this.updated(a, caller, current, { telephony_network: network });
      const numberId = await a.writes.phoneNumberId(caller.tenantId, number, description, a.at(current.row));
      await a.writes.setFirstLine(caller.tenantId, id, numberId);
      return true;
    });
  }

  setDoNotDisturb(
    actor: Actor,
    caller: ControlsCaller,
    id: string,
    body: DoNotDisturbBody,
  ): Promise<DeviceTelephonyView> {
    const value = body.enabled ? 1 : 0;
    return this.change(actor, caller, id, 'device.do-not-disturb', async (current, a) => {
      assertHasNumber(current);
      if (current.row.do_not_disturb === value) return false;
      return this.updated(a, caller, current, { do_not_disturb: value });
    });
  }

  setForwarding(actor: Actor, caller: ControlsCaller, id: string, body: ForwardingBody): Promise<DeviceTelephonyView> {
    let destination: string | null = null;
    if (body.enabled) {
      if (body.destination === undefined) {
        throw ruleViolation('destination', 'required', 'is required to turn forwarding on.');
      }
      const described = describePhoneNumber(body.destination);
      if (described === undefined) {
        throw ruleViolation(
          'destination',
          'phone-number',
          'must be an international number valid for its country or an extension of 1 to 8 digits.',
        );
      }
      destination = described.e164 ?? body.destination.trim();
    } else if (body.destination !== undefined) {
      throw ruleViolation('destination', 'only-when-enabled', 'is allowed only when turning forwarding on.');
    }
    return this.change(actor, caller, id, 'device.forwarding', async (current, a) => {
      assertHasNumber(current);
      if (destination !== null && destination === current.lines[0]?.number) {
        throw ruleViolation('destination', 'not-own-number', 'must not be the number of the device itself.');
      }
      if (current.row.forward_to === destination) return false;
      return this.updated(a, caller, current, { forward_to: destination });
    });
  }

  /** Device `id` (the supervisor's) starts monitoring `body.targetDeviceId`, or changes how it does. */
  startMonitoring(
    actor: Actor,
    caller: ControlsCaller,
    id: string,
    body: MonitoringBody,
  ): Promise<DeviceTelephonyView> {
    const target = body.targetDeviceId;
    if (target === id) throw ruleViolation('targetDeviceId', 'not-self', 'a device cannot monitor itself.');
    return this.change(actor, caller, id, 'device.monitoring.start', async (current, a) => {
      assertHasNumber(current);
      const supervisor = current.row.owner_person_id;
      if (supervisor === null) {
        throw new AppError(
          'monitoring_device_unowned',
          'Monitoring is done by a person: the device must belong to one.',
        );
      }
      if (current.row.monitoring_target_device_id !== null && current.row.monitoring_target_device_id !== target) {
        throw new AppError(
          'device_already_monitoring',
          `The device already monitors device '${current.row.monitoring_target_device_id}'; cancel that first.`,
        );
      }
      // Serializes every start on this target until the transaction ends.
      if (!(await a.writes.lockDevice(caller.tenantId, target))) {
        throw ruleViolation('targetDeviceId', 'exists', `there is no device with id '${target}'.`);
      }
      const targetRecord = await a.reads.findById(caller.tenantId, target, {
        tags: false,
        connected: false,
        sightings: false,
        lines: true,
      });
      if (!targetRecord) throw new Error(`device ${target} vanished inside its own transaction`);
      if (targetRecord.lines.length === 0) {
        throw ruleViolation('targetDeviceId', 'has-phone-number', 'the device to monitor has no phone number.');
      }
      const row = current.row;
      const session = {
        monitoring_state: body.state ?? 'ListenIn',
        monitoring_mode: body.mode ?? 'AllCalls',
        monitoring_scope: body.scope ?? 'Call',
        monitoring_target_device_id: target,
        monitoring_supervisor_id: supervisor,
      };
      if ((Object.keys(session) as (keyof typeof session)[]).every((k) => row[k] === session[k])) return false;
      // A new session starts unmuted; changing how a session monitors keeps its mute.
      const muted = row.monitoring_target_device_id === target ? (row.monitoring_muted ?? 0) : 0;
      const columns = { ...session, monitoring_muted: muted };
      if (await a.writes.startMonitoring(caller.tenantId, id, row.version, a.at(row), columns)) return true;
      const busy = await a.writes.monitoredBy(caller.tenantId, target);
      if (busy !== undefined && busy.deviceId !== id) {
        throw new AppError('device_monitored', 'Another supervisor already monitors this device: one at a time.', {
          parameter: 'targetDeviceId',
        });
      }
      throw new StaleRead();
    });
  }

  /** Cancels the session device `id` takes part in, monitoring or monitored: its supervisor or an admin. */
  async cancelMonitoring(actor: Actor, caller: ControlsCaller, id: string): Promise<DeviceTelephonyView> {
    return this.retried(() =>
      this.db.transaction().execute(async (trx) => {
        const a = this.attempt(trx);
        const { record, session } = await this.ownSession(a, caller, id, 'cancel it');
        const { row } = session;
        if (!(await a.writes.update(caller.tenantId, row.id, row.version, a.at(row), NO_MONITORING)))
          throw new StaleRead();
        await this.audit(a, actor, 'device.monitoring.cancel', session);
        const after = row.id === id ? await a.reads.findById(caller.tenantId, id) : record;
        return this.view(a.writes, caller, after!);
      }),
    );
  }

  /**
   * Mutes or unmutes the monitored user of the session device `id` takes part in (the one it monitors from,
   * else the one monitoring it): its supervisor or an admin; 409 device_not_monitoring without a session.
   * Muting a muted session changes nothing and records nothing.
   */
  async setMonitoredUserMuted(
    actor: Actor,
    caller: ControlsCaller,
    id: string,
    muted: boolean,
  ): Promise<DeviceTelephonyView> {
    return this.retried(() =>
      this.db.transaction().execute(async (trx) => {
        const a = this.attempt(trx);
        const { record, session } = await this.ownSession(a, caller, id, 'mute or unmute the monitored user');
        const { row } = session;
        const value = muted ? 1 : 0;
        if ((row.monitoring_muted ?? 0) === value) return this.view(a.writes, caller, record);
        if (!(await a.writes.update(caller.tenantId, row.id, row.version, a.at(row), { monitoring_muted: value }))) {
          throw new StaleRead();
        }
        await this.audit(a, actor, muted ? 'device.monitoring.mute' : 'device.monitoring.unmute', session);
        const after = await a.reads.findById(caller.tenantId, id);
        return this.view(a.writes, caller, after!);
      }),
    );
  }

  /**
   * Device `id` (as the caller sees it) and the device recording the session it takes part in — the one it
   * monitors from, else the one monitoring it — when that session is the caller's (or the caller is an admin).
   */
  private async ownSession(
    a: Attempt,
    caller: ControlsCaller,
    id: string,
    what: string,
  ): Promise<{ record: DeviceRecord; session: DeviceRecord }> {
    const record = await this.visible(a.reads, caller, id);
    const session =
      record.row.monitoring_target_device_id !== null
        ? record
        : await this.sessionDevice(a, caller.tenantId, await a.writes.monitoredBy(caller.tenantId, id));
    if (session === undefined) {
      throw new AppError('device_not_monitoring', 'No monitoring session involves this device.');
    }
    if (caller.role !== 'admin' && session.row.monitoring_supervisor_id !== caller.personId) {
      throw new AppError('monitoring_not_yours', `Only the supervisor who monitors, or an admin, may ${what}.`);
    }
    return { record, session };
  }

  private async sessionDevice(
    a: Attempt,
    tenantId: string,
    monitoredBy: MonitoredBy | undefined,
  ): Promise<DeviceRecord | undefined> {
    return monitoredBy && a.reads.findById(tenantId, monitoredBy.deviceId);
  }

  /** One change: the editable device, `apply` (false when it changes nothing), the audit event, the new view. */
  private change(
    actor: Actor,
    caller: ControlsCaller,
    id: string,
    action: string,
    apply: (current: DeviceRecord, attempt: Attempt) => Promise<boolean>,
  ): Promise<DeviceTelephonyView> {
    return this.retried(() =>
      this.db.transaction().execute(async (trx) => {
        const a = this.attempt(trx);
        const current = await this.editable(a.reads, caller, id);
        if (!(await apply(current, a))) return this.view(a.writes, caller, current);
        const after = await this.audit(a, actor, action, current);
        return this.view(a.writes, caller, after);
      }),
    );
  }

  private attempt(trx: Kysely<Database>): Attempt {
    return {
      trx,
      reads: this.reads.inTransaction(trx),
      writes: new DeviceControlsRepository(trx),
      at: (row) => Math.max(this.now(), row.updated_at + 1),
    };
  }

  private async updated(
    a: Attempt,
    caller: ControlsCaller,
    current: DeviceRecord,
    values: Updateable<DeviceTable>,
  ): Promise<boolean> {
    const { row } = current;
    if (!(await a.writes.update(caller.tenantId, row.id, row.version, a.at(row), values))) throw new StaleRead();
    return true;
  }

  /** Records the change of device `before` (already written) and returns the device as it is now. */
  private async audit(a: Attempt, actor: Actor, action: string, before: DeviceRecord): Promise<DeviceRecord> {
    const after = await a.reads.findById(before.row.tenant_id, before.row.id);
    if (!after) throw new Error(`device ${before.row.id} vanished inside its own transaction`);
    await recordChange(a.trx, actor, {
      action,
      resourceType: 'device',
      resourceId: before.row.id,
      before: presentDevice(before),
      after: presentDevice(after),
    });
    return after;
  }

  private async view(
    writes: DeviceControlsRepository,
    caller: ControlsCaller,
    record: DeviceRecord,
  ): Promise<DeviceTelephonyView> {
    const { row } = record;
    const monitoredBy = (await writes.monitoredBy(row.tenant_id, row.id)) ?? null;
    return presentTelephony(record, monitoredBy, caller);
  }

  /** The device if the caller may see it (an agent only their own): 404 otherwise. */
  private async visible(reads: DeviceRepository, caller: ControlsCaller, id: string): Promise<DeviceRecord> {
    const record = id.length <= 64 ? await reads.findById(caller.tenantId, id) : undefined;
    if (!record || (caller.role === 'agent' && record.row.owner_person_id !== caller.personId)) {
      throw new AppError('device_not_found', `There is no device with id '${id.slice(0, 64)}'.`);
    }
    return record;
  }

  /** The device if the caller may change it: admins any; others their own (403 for a supervisor, 404 for an agent). */
  private async editable(reads: DeviceRepository, caller: ControlsCaller, id: string): Promise<DeviceRecord> {
    const record = await this.visible(reads, caller, id);
    if (caller.role !== 'admin' && record.row.owner_person_id !== caller.personId) {
      throw new AppError('device_not_owned', 'You may change only the devices you own.');
    }
    return record;
  }

  private async retried<T>(run: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await run();
      } catch (error) {
        // Two sessions started crosswise (A monitors B while B monitors A) lock the same two rows in opposite orders.
        if (!(error instanceof StaleRead) && !isDeadlock(error)) throw error;
        if (attempt >= MAX_ATTEMPTS) {
          throw new AppError('write_conflict', 'The device kept changing while this request was applied; retry it.');
        }
      }
    }
  }
}

/** The DeviceTelephony resource of a device, with the caller's capabilities. */
export function presentTelephony(
  { row, lines }: DeviceRecord,
  monitoredBy: MonitoredBy | null,
  caller: ControlsCaller,
): DeviceTelephonyView {
  const line = lines[0];
  const extension = line !== undefined && line.e164 === null;
  return {
    deviceId: row.id,
    phoneNumber: line?.number ?? null,
    e164Number: line === undefined ? null : (line.e164 ?? line.number),
    country:
      line === undefined
        ? null
        : extension || line.country_code === null
          ? { name: '', code: '', callingCode: '' }
          : {
              name: countryNameOf(line.country_code) ?? '',
              code: line.country_code,
              callingCode: line.calling_code ?? '',
            },
    localNumber: line === undefined ? null : (line.national_format ?? line.number),
    location: line?.location ?? null,
    telephonyNetwork:
      row.telephony_network === 'Public' || row.telephony_network === 'Private' ? row.telephony_network : null,
    doNotDisturb: row.do_not_disturb === 1,
    forwardTo: row.forward_to,
    monitoring: presentMonitoring(row),
    monitoredBy:
      monitoredBy === null ? null : { deviceId: monitoredBy.deviceId, supervisorId: monitoredBy.supervisorId },
    capabilities: capabilitiesOf(
      {
        hasPhoneNumber: line !== undefined,
        doNotDisturb: row.do_not_disturb === 1,
        forwarding: row.forward_to !== null,
        ownerPersonId: row.owner_person_id,
        monitoringSupervisorId: row.monitoring_target_device_id === null ? null : row.monitoring_supervisor_id,
        monitoredBySupervisorId: monitoredBy === null ? null : (monitoredBy.supervisorId ?? ''),
        monitoringMuted: row.monitoring_muted === 1,
        monitoredByMuted: monitoredBy?.muted ?? false,
      },
      caller,
    ),
    version: row.version,
  };
}

function assertPhone(record: DeviceRecord): void {
  if (NOT_PHONES.includes(record.row.kind)) {
    throw new AppError('device_not_a_phone', `A ${record.row.kind} carries no phone number.`);
  }
}

function assertHasNumber(record: DeviceRecord): void {
  assertPhone(record);
  if (record.lines.length === 0) {
    throw new AppError(
      'device_has_no_number',
      'The device has no phone number: set one with PUT /v1/devices/{id}/telephony first.',
    );
  }
}
