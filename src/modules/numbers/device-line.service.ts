/**
 * A device's phone lines, replaced as a whole (PUT /v1/devices/{id}/lines), with the device write guarantees
 * (device-change.ts: rights, If-Match, version bump, one audit event). Rules, each a 400 naming the line's
 * member unless said otherwise:
 * - positions are distinct and below the product's line count when the catalogue knows it;
 * - each number is a phone number of the tenant, at most once on the device;
 * - sharing (409 phone_number_in_use): a Standalone or StandaloneFree number is on no other device; a number
 *   is BlaPrimary on at most one device; shared appearances (BlaSecondary, Unknown) may be on many devices,
 *   alongside at most one BlaPrimary but never alongside a Standalone line.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../audit/audit-trail.js';
import type { DeviceRecord, DeviceRepository } from '../devices/device.repository.js';
import { DeviceChanges } from '../devices/device-change.js';
import { ruleViolation } from '../devices/device-rules.js';
import type { DeviceEditor } from '../devices/device-write.service.js';
import type { Precondition } from '../preconditions.js';
import type { DeviceLinesBody } from './device-line.schemas.js';
import { PhoneNumberRepository } from './phone-number.repository.js';

const EXCLUSIVE = new Set(['Standalone', 'StandaloneFree']);

export class DeviceLineService {
  private readonly changes: DeviceChanges;

  constructor(db: Kysely<Database>, reads: DeviceRepository, now: () => number = Date.now) {
    this.changes = new DeviceChanges(db, reads, now);
  }

  replace(
    actor: Actor,
    editor: DeviceEditor,
    deviceId: string,
    body: DeviceLinesBody,
    precondition?: Precondition<DeviceRecord>,
  ): Promise<DeviceRecord> {
    return this.changes.run(
      actor,
      editor,
      deviceId,
      'device.lines.replace',
      async ({ trx, current }) => {
        const numbers = new PhoneNumberRepository(trx);
        const { lines } = body;
        const lineCount = await numbers.lineCountOf(current.row.product_id);
        const positions = new Set<number>();
        const numberIds = new Set<string>();
        lines.forEach((line, i) => {
          if (positions.has(line.position)) {
            throw ruleViolation(
              `lines[${i}].position`,
              'line_position_taken',
              `Position ${line.position} is used twice.`,
            );
          }
          if (lineCount !== null && line.position >= lineCount) {
            throw ruleViolation(
              `lines[${i}].position`,
              'line_position_out_of_range',
              `The device's model has ${lineCount} line(s): positions 0 to ${lineCount - 1}.`,
            );
          }
          if (numberIds.has(line.phoneNumberId)) {
            throw ruleViolation(
              `lines[${i}].phoneNumberId`,
              'number_twice_on_device',
              'A number is on a device at most once.',
            );
          }
          positions.add(line.position);
          numberIds.add(line.phoneNumberId);
        });
        const known = await numbers.existing(editor.tenantId, [...numberIds]);
        lines.forEach((line, i) => {
          if (!known.has(line.phoneNumberId)) {
            throw ruleViolation(
              `lines[${i}].phoneNumberId`,
              'unknown_phone_number',
              `There is no phone number with id '${line.phoneNumberId}'.`,
            );
          }
        });
        const elsewhere = await numbers.linesOnOtherDevices(editor.tenantId, [...numberIds], deviceId);
        lines.forEach((line, i) => {
          const others = elsewhere.filter((o) => o.phone_number_id === line.phoneNumberId);
          const clash = others.find(
            (o) =>
              EXCLUSIVE.has(line.lineType) ||
              EXCLUSIVE.has(o.line_type) ||
              (line.lineType === 'BlaPrimary' && o.line_type === 'BlaPrimary'),
          );
          if (clash) {
            throw new AppError(
              'phone_number_in_use',
              `The number is a ${clash.line_type} line of device ${clash.device_id}; a ${line.lineType} line cannot share it.`,
              { parameter: `lines[${i}].phoneNumberId` },
            );
          }
        });
        const key = (l: { position: number; phoneNumberId: string; lineType: string }) =>
          `${l.position}|${l.phoneNumberId}|${l.lineType}`;
        const before = current.lines
          .map((l) => key({ position: l.position, phoneNumberId: l.phone_number_id, lineType: l.line_type }))
          .sort();
        const after = lines.map(key).sort();
        if (before.length === after.length && before.every((k, i) => k === after[i])) return 'unchanged';
        await numbers.replaceLines(
          editor.tenantId,
          deviceId,
          lines.map((l) => ({ position: l.position, phone_number_id: l.phoneNumberId, line_type: l.lineType })),
        );
        return {};
      },
      precondition,
    );
  }
}
