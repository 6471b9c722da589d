/**
 * Poly device rules (seed 000, vendor-apis.md §1) beyond the writable document, with the device write
 * guarantees (device-change.ts):
 * - Pairing: a headset pairs with a base or a dongle, a base or dongle with a headset; never with itself; both
 *   devices of the tenant and changeable by the editor. A device has at most one paired device (ODA's
 *   `connectedDevice` is one object): pairing replaces the device's own pairing, but a partner already paired
 *   elsewhere is 409 device_already_paired. Each side's connected-device entry names the other (component,
 *   display id, family, model id, name); both devices' versions bump; one audit event, for the device named.
 * - Firmware: the installed version of each component (main, base, headset, bluetooth, usb), replaced as a
 *   set; compliance is re-derived from the tenant's policies.
 * The display id (tattoo id if present, else the serial) is kept by the device writes themselves.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { newId } from '../../db/ids.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../audit/audit-trail.js';
import { evaluateCompliance } from '../firmware/compliance.js';
import type { Precondition } from '../preconditions.js';
import type { DeviceRecord, DeviceRepository } from './device.repository.js';
import { DeviceChanges, StaleDevice } from './device-change.js';
import { ruleViolation } from './device-rules.js';
import type { DeviceEditor } from './device-write.service.js';
import type { FirmwareBody, PairedDeviceBody } from './poly.schemas.js';
import { PolyRepository } from './poly.repository.js';

/** The component each kind is when it is someone's connected device. */
const COMPONENT: Readonly<Record<string, string>> = { Headset: 'headset', Base: 'base', Dongle: 'dongle' };

function canPair(a: string, b: string): boolean {
  return (a === 'Headset' && (b === 'Base' || b === 'Dongle')) || (b === 'Headset' && (a === 'Base' || a === 'Dongle'));
}

export class PolyDeviceService {
  private readonly changes: DeviceChanges;

  constructor(db: Kysely<Database>, reads: DeviceRepository, now: () => number = Date.now) {
    this.changes = new DeviceChanges(db, reads, now);
  }

  pair(
    actor: Actor,
    editor: DeviceEditor,
    id: string,
    body: PairedDeviceBody,
    precondition?: Precondition<DeviceRecord>,
  ): Promise<DeviceRecord> {
    return this.changes.run(
      actor,
      editor,
      id,
      body.deviceId === null ? 'device.unpair' : 'device.pair',
      async ({ trx, current, reads, at }) => {
        const poly = new PolyRepository(trx);
        const partnerId = body.deviceId;
        const currentPartner =
          current.connected.find((c) => c.connected_device_id !== null)?.connected_device_id ?? null;
        if (partnerId === currentPartner && current.connected.length <= 1) return 'unchanged';
        if (partnerId === id) throw ruleViolation('deviceId', 'pairing_self', 'A device does not pair with itself.');
        const bump = async (record: DeviceRecord) => {
          const { version, updated_at } = record.row;
          if (!(await poly.bump(editor.tenantId, record.row.id, version, Math.max(at, updated_at + 1)))) {
            throw new StaleDevice();
          }
        };
        // The old partner forgets this device.
        if (currentPartner !== null && currentPartner !== partnerId) {
          const old = await reads.findById(editor.tenantId, currentPartner);
          await poly.removeConnection(editor.tenantId, currentPartner, id);
          if (old) await bump(old);
        }
        await poly.clearConnections(editor.tenantId, id);
        if (partnerId === null) return {};

        const partner = partnerId.length <= 64 ? await reads.findById(editor.tenantId, partnerId) : undefined;
        const visible = partner && (editor.readsTenant || partner.row.owner_person_id === editor.ownPerson);
        if (!partner || !visible) {
          throw ruleViolation('deviceId', 'unknown_device', `There is no device with id '${partnerId.slice(0, 64)}'.`);
        }
        if (editor.ownPerson !== null && partner.row.owner_person_id !== editor.ownPerson) {
          throw new AppError('device_not_owned', 'You may pair only devices you own.', { parameter: 'deviceId' });
        }
        if (!canPair(current.row.kind, partner.row.kind)) {
          throw ruleViolation(
            'deviceId',
            'pairing_kinds',
            `A ${current.row.kind} cannot pair with a ${partner.row.kind}: a headset pairs with a base or a dongle.`,
          );
        }
        const partnersOther = partner.connected.find(
          (c) => c.connected_device_id !== null && c.connected_device_id !== id,
        );
        if (partnersOther) {
          throw new AppError(
            'device_already_paired',
            `Device ${partnerId} is paired with device ${partnersOther.connected_device_id}; unpair it first.`,
            { parameter: 'deviceId' },
          );
        }
        await poly.clearConnections(editor.tenantId, partnerId);
        await poly.connect(editor.tenantId, current, partner, COMPONENT[partner.row.kind]!, newId());
        await poly.connect(editor.tenantId, partner, current, COMPONENT[current.row.kind]!, newId());
        await bump(partner);
        return {};
      },
      precondition,
    );
  }

  setFirmware(
    actor: Actor,
    editor: DeviceEditor,
    id: string,
    body: FirmwareBody,
    precondition?: Precondition<DeviceRecord>,
  ): Promise<DeviceRecord> {
    return this.changes.run(
      actor,
      editor,
      id,
      'device.firmware.update',
      async ({ current, writes }) => {
        const firmware = {
          main: body.main ?? null,
          base: body.base ?? null,
          headset: body.headset ?? null,
          bluetooth: body.bluetooth ?? null,
          usb: body.usb ?? null,
        };
        const { row } = current;
        const policies = await writes.policiesFor(editor.tenantId, row.product_id);
        const groups =
          policies.length > 0 && row.owner_person_id !== null
            ? await writes.groupIdsOf(editor.tenantId, row.owner_person_id)
            : [];
        const compliance = evaluateCompliance({ productId: row.product_id, firmware, userGroupIds: groups }, policies);
        const values = {
          fw_main: firmware.main,
          fw_base: firmware.base,
          fw_headset: firmware.headset,
          fw_bluetooth: firmware.bluetooth,
          fw_usb: firmware.usb,
          compliance: compliance.status,
          policy_id: compliance.policyId,
        };
        const same = (Object.keys(values) as (keyof typeof values)[]).every((k) => values[k] === row[k]);
        return same ? 'unchanged' : values;
      },
      precondition,
    );
  }
}
