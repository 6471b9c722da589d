/**
 * The device reports desktop agents send (POST /v1/telemetry/events). A batch's body is only checked as a list of
 * objects; each event is then checked on its own (checkEvent), so one bad event is reported and the rest kept.
 *
 * An event names its device by at least one identity — serial (or genesId, the same Poly serial), tattooId, mac —
 * and may name its product by productId, by usbVendorId + usbProductId, or by manufacturer + modelId.
 */
import { type Static, Type } from 'typebox';
import { Compile } from 'typebox/compile';
import { DEVICE_KINDS } from '../devices/device.schemas.js';
import { normaliseMac } from '../devices/mac-address.js';

/** Events per batch: a documented maximum, so a batch commits in well under a second. */
export const MAX_EVENTS_PER_BATCH = 5_000;
/** An event may be stamped this far ahead of the server's clock (agents' clocks drift); later is refused. */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;
/** Reports older than this are refused: no agent buffers that long, and a typo in a year is caught. */
export const OLDEST_EVENT = Date.UTC(2000, 0, 1);

export const EVENT_TYPES = ['attached', 'detached', 'heartbeat', 'firmware', 'settings'] as const;
export type TelemetryEventType = (typeof EVENT_TYPES)[number];
export const CONNECTED_COMPONENTS = ['headset', 'base', 'dongle'] as const;

const Text = (maxLength = 200) => Type.String({ minLength: 1, maxLength });
const Optional = <T extends Parameters<typeof Type.Optional>[0]>(schema: T) => Type.Optional(schema);
const UsbId = Type.String({ pattern: '^[0-9A-Fa-f]{4}$' });
const Version = Text(64);

export const ReportedDevice = Type.Object(
  {
    serial: Optional(Text(100)),
    genesId: Optional(Text(100)),
    tattooId: Optional(Text(100)),
    mac: Optional(Text(32)),
    productId: Optional(Type.String({ format: 'uuid' })),
    usbVendorId: Optional(UsbId),
    usbProductId: Optional(UsbId),
    manufacturer: Optional(Text(100)),
    modelId: Optional(Text(100)),
    name: Optional(Text(200)),
    kind: Optional(Type.Union(DEVICE_KINDS.map((k) => Type.Literal(k)))),
  },
  { additionalProperties: false },
);

export const TelemetryEvent = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._:~-]+$' }),
    type: Type.Union(EVENT_TYPES.map((t) => Type.Literal(t))),
    occurredAt: Type.String({ minLength: 20, maxLength: 35 }),
    device: ReportedDevice,
    connectedDevice: Optional(
      Type.Object(
        {
          component: Type.Union(CONNECTED_COMPONENTS.map((c) => Type.Literal(c))),
          serial: Optional(Text(100)),
          genesId: Optional(Text(100)),
          tattooId: Optional(Text(100)),
          family: Optional(Text(100)),
          modelId: Optional(Text(100)),
          name: Optional(Text(200)),
        },
        { additionalProperties: false },
      ),
    ),
    host: Optional(
      Type.Object(
        {
          clientInstanceId: Optional(Text(128)),
          hostName: Optional(Text(255)),
          os: Optional(Text(64)),
          osVersion: Optional(Text(64)),
        },
        { additionalProperties: false },
      ),
    ),
    softphone: Optional(
      Type.Object(
        {
          name: Optional(Text(100)),
          pluginId: Optional(Text(128)),
          vendor: Optional(Text(100)),
          version: Optional(Version),
        },
        { additionalProperties: false },
      ),
    ),
    user: Optional(
      Type.Object(
        {
          username: Optional(Text(200)),
          firstName: Optional(Text(100)),
          lastName: Optional(Text(100)),
          userGroups: Optional(Type.Array(Text(200), { maxItems: 50 })),
        },
        { additionalProperties: false },
      ),
    ),
    firmware: Optional(
      Type.Object(
        {
          main: Optional(Version),
          base: Optional(Version),
          headset: Optional(Version),
          bluetooth: Optional(Version),
          usb: Optional(Version),
        },
        { additionalProperties: false, minProperties: 1 },
      ),
    ),
    settings: Optional(Type.Record(Type.String({ maxLength: 100 }), Type.Unknown(), { maxProperties: 200 })),
  },
  { additionalProperties: false },
);
export type TelemetryEvent = Static<typeof TelemetryEvent>;

export const TelemetryBatch = Type.Object(
  { events: Type.Array(Type.Unknown(), { minItems: 1, maxItems: MAX_EVENTS_PER_BATCH }) },
  { additionalProperties: false },
);

const EventProblem = Type.Object({ field: Type.String(), rule: Type.String(), message: Type.String() });
export type EventProblem = Static<typeof EventProblem>;

export const IngestReport = Type.Object(
  {
    accepted: Type.Integer({ description: 'New events stored and applied.' }),
    duplicates: Type.Integer({ description: 'Events whose id was stored before (or earlier in the batch): ignored.' }),
    rejected: Type.Array(
      Type.Object({
        index: Type.Integer({ description: 'Position of the event in the batch, from 0.' }),
        id: Type.Union([Type.String(), Type.Null()]),
        errors: Type.Array(EventProblem),
      }),
    ),
    devicesCreated: Type.Integer({ description: 'Devices the accepted events named that were not in the inventory.' }),
  },
  { additionalProperties: false },
);
export type IngestReport = Static<typeof IngestReport>;

/** A checked event, with what the service needs precomputed. */
export interface CheckedEvent {
  readonly index: number;
  readonly event: TelemetryEvent;
  readonly at: number;
  readonly serial: string | null;
  readonly tattooId: string | null;
  readonly mac: string | null;
  /** The identity the ledger keeps: the first of serial, tattoo id, MAC. */
  readonly deviceKey: string;
}

const validator = Compile(TelemetryEvent);
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** The event checked against its schema and rules, or every problem found. */
export function checkEvent(
  raw: unknown,
  index: number,
  now: number,
): { ok: true; event: CheckedEvent } | { ok: false; errors: EventProblem[] } {
  if (!validator.Check(raw)) {
    const errors: EventProblem[] = [];
    for (const error of validator.Errors(raw)) {
      const params = error.params as { additionalProperties?: string[] } | undefined;
      const path = [...error.instancePath.split('/').slice(1), ...(params?.additionalProperties ?? []).slice(0, 1)];
      const field = path.join('.');
      // TypeBox reports a member outside the schema as additionalProperties, or as the `false` schema it meets.
      const unknown =
        error.keyword === 'additionalProperties' ||
        (error.keyword === 'boolean' && error.message === 'schema is false');
      errors.push({
        field,
        rule: unknown ? 'unknown_member' : error.keyword,
        message: unknown
          ? `'${field}' is not a member of a telemetry event.`
          : `${field || 'The event'} ${error.message}.`,
      });
      if (errors.length >= 10) break;
    }
    return { ok: false, errors };
  }
  const event = raw;
  const errors: EventProblem[] = [];
  const at = ISO_INSTANT.test(event.occurredAt) ? Date.parse(event.occurredAt) : Number.NaN;
  if (!Number.isFinite(at)) {
    errors.push({ field: 'occurredAt', rule: 'instant', message: 'occurredAt is an ISO 8601 instant with a zone.' });
  } else if (at > now + FUTURE_TOLERANCE_MS) {
    errors.push({ field: 'occurredAt', rule: 'future', message: 'occurredAt is later than the server clock allows.' });
  } else if (at < OLDEST_EVENT) {
    errors.push({ field: 'occurredAt', rule: 'too_old', message: 'occurredAt is before 2000-01-01.' });
  }
  const d = event.device;
  if (d.serial !== undefined && d.genesId !== undefined && d.serial !== d.genesId) {
    errors.push({ field: 'device.genesId', rule: 'serial_mismatch', message: 'genesId is the serial: they differ.' });
  }
  let mac: string | null = null;
  if (d.mac !== undefined) {
    mac = normaliseMac(d.mac) ?? null;
    if (mac === null) errors.push({ field: 'device.mac', rule: 'mac', message: 'device.mac is not a MAC address.' });
  }
  const serial = (d.serial ?? d.genesId)?.trim() || null;
  const tattooId = d.tattooId?.trim() || null;
  if (serial === null && tattooId === null && d.mac === undefined) {
    errors.push({
      field: 'device',
      rule: 'identity_required',
      message: 'A device is named by serial (or genesId), tattooId or mac.',
    });
  }
  if ((d.usbVendorId === undefined) !== (d.usbProductId === undefined)) {
    errors.push({
      field: 'device.usbProductId',
      rule: 'usb_pair',
      message: 'usbVendorId and usbProductId go together.',
    });
  }
  if (event.type === 'firmware' && event.firmware === undefined) {
    errors.push({ field: 'firmware', rule: 'required', message: 'A firmware event carries firmware versions.' });
  }
  if (event.type === 'settings' && event.settings === undefined) {
    errors.push({ field: 'settings', rule: 'required', message: 'A settings event carries settings.' });
  }
  if (event.settings !== undefined && JSON.stringify(event.settings).length > 16_384) {
    errors.push({ field: 'settings', rule: 'too_large', message: 'settings take at most 16 KiB of JSON.' });
  }
  if (errors.length > 0) return { ok: false, errors };
  const deviceKey = serial !== null ? `serial:${serial}` : tattooId !== null ? `tattoo:${tattooId}` : `mac:${mac}`;
  return { ok: true, event: { index, event, at, serial, tattooId, mac, deviceKey } };
}
