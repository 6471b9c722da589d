/**
 * RingCentral's v2 device inventory (vendor-apis.md §4.2; the bodies of RingCentral's SDK definitions
 * AddDeviceToInventoryRequest, DeleteDeviceFromInventoryRequest, BulkAddDevicesRequest, SwapDeviceRequest):
 * the inventory is the account's devices without an owner. Adding to it creates unassigned devices (all or
 * none); removing deletes unassigned devices, each with its own result; bulk-add creates devices for
 * extensions, each with its own result; replace puts a device in another's place (owner, lines, emergency
 * settings) in one transaction, the replaced device taking the other's (the inventory, for an inventory device).
 * Every change goes through the device write service: the device rules, versions and audit events are the
 * canonical ones.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../../errors.js';
import { principalOf, viewerFrom } from '../../http/auth.js';
import { actorOf } from '../../modules/audit/audit-trail.js';
import type { DeviceRecord } from '../../modules/devices/device.repository.js';
import type { DeviceService } from '../../modules/devices/device.service.js';
import type { DeviceBody } from '../../modules/devices/device-write.schemas.js';
import { type DeviceWriteService, deviceEditorOf } from '../../modules/devices/device-write.service.js';
import { EmergencyAddress } from '../../modules/devices/ringcentral-blocks.js';
import { callerTenantOf } from './auth.js';
import { MAIN_SITE } from './account-devices.routes.js';
import { type RingCentralErrorEntry, VENDOR_PARAMETER, renderRingCentralError } from './errors.js';
import { type Directory, resolveExtension } from './extensions.js';
import { numericIdOf, uuidOfNumericId } from './ids.js';

/** Devices added to the inventory in one request (RingCentral's limit). */
export const MAX_INVENTORY_QUANTITY = 50;
/** Devices removed from the inventory in one request (RingCentral's limit). */
export const MAX_INVENTORY_REMOVALS = 10;
/** Records of one bulk-add. */
export const MAX_BULK_ADD_RECORDS = 100;
/** The name of a device added without one: RingCentral calls a customer-provided phone an existing phone. */
export const EXISTING_PHONE_NAME = 'Existing Phone';
/** The device kinds RingCentral can replace one by another. */
export const REPLACEABLE_KINDS = ['HardPhone', 'OtherPhone'] as const;

const PathId = Type.String({ minLength: 1, maxLength: 64 });
const Id = Type.String({ minLength: 1, maxLength: 64 });

const AddToInventoryBody = Type.Object(
  {
    type: Type.Literal('OtherPhone'),
    quantity: Type.Integer({ minimum: 1, maximum: MAX_INVENTORY_QUANTITY }),
    site: Type.Optional(Type.Object({ id: Id }, { additionalProperties: false })),
    // Ucfleet's addition: the devices' own names, serials and MACs, one entry per device (quantity of them).
    devices: Type.Optional(
      Type.Array(
        Type.Object(
          {
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
            serial: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
            mac: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
          },
          { additionalProperties: false },
        ),
        { minItems: 1, maxItems: MAX_INVENTORY_QUANTITY },
      ),
    ),
  },
  { additionalProperties: false },
);

const RemoveFromInventoryBody = Type.Object(
  {
    records: Type.Array(Type.Object({ deviceId: Id }, { additionalProperties: false }), {
      minItems: 1,
      maxItems: MAX_INVENTORY_REMOVALS,
    }),
  },
  { additionalProperties: false },
);

const BulkAddBody = Type.Object(
  {
    records: Type.Array(
      Type.Object(
        {
          extension: Type.Object(
            { id: Type.Union([Type.String({ minLength: 1, maxLength: 20 }), Type.Integer({ minimum: 1 })]) },
            { additionalProperties: false },
          ),
          type: Type.Union([Type.Literal('OtherPhone'), Type.Literal('WebRTC')]),
          emergency: Type.Optional(
            Type.Object({ address: Type.Optional(EmergencyAddress) }, { additionalProperties: false }),
          ),
          phoneInfo: Type.Optional(
            Type.Object(
              {
                id: Type.Optional(Type.String({ maxLength: 64 })),
                phoneNumber: Type.Optional(Type.String({ maxLength: 32 })),
                tollType: Type.Optional(Type.Union([Type.Literal('Toll'), Type.Literal('TollFree')])),
              },
              { additionalProperties: false },
            ),
          ),
          costCenterId: Type.Optional(Type.String({ maxLength: 64 })),
          contactCenterPhoneLine: Type.Optional(Type.Boolean()),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: MAX_BULK_ADD_RECORDS },
    ),
  },
  { additionalProperties: false },
);

const ReplaceParams = Type.Object({ accountId: PathId, extensionId: PathId, deviceId: PathId });
const ReplaceBody = Type.Object({ targetDeviceId: Id }, { additionalProperties: false });

export interface RingCentralInventoryRouteOptions extends Directory {
  readonly devices: DeviceService;
  readonly deviceWrites: DeviceWriteService;
}

export const ringCentralInventoryRoutes: FastifyPluginAsyncTypebox<RingCentralInventoryRouteOptions> = async (
  app,
  options,
) => {
  const { devices, deviceWrites } = options;
  const writer = (request: FastifyRequest) => {
    const principal = principalOf(request);
    return { actor: actorOf(principal, request.id), editor: deviceEditorOf(principal) };
  };

  app.post(
    '/restapi/v2/accounts/:accountId/device-inventory',
    {
      schema: { hide: true, params: Type.Object({ accountId: PathId }), body: AddToInventoryBody },
      config: { ringcentralPermissions: { app: 'EditAccounts' } },
    },
    async (request) => {
      const { quantity, site, devices: described } = request.body;
      if (described !== undefined && described.length !== quantity) {
        throw new AppError('invalid_parameter', 'devices must have one entry per device (quantity of them).', {
          parameter: 'devices',
        });
      }
      let siteId: string | null = null;
      if (site !== undefined && site.id !== MAIN_SITE) {
        siteId = uuidOfNumericId(site.id) ?? null;
        if (siteId === null) throw new AppError('invalid_parameter', 'Unknown site.', { parameter: 'site.id' });
      }
      const bodies: DeviceBody[] = Array.from({ length: quantity }, (_, i) => {
        const own = described?.[i];
        return {
          kind: 'OtherPhone',
          name: own?.name ?? EXISTING_PHONE_NAME,
          ...(own?.serial !== undefined ? { serial: own.serial } : {}),
          ...(own?.mac !== undefined ? { mac: own.mac } : {}),
          siteId,
        };
      });
      const { actor, editor } = writer(request);
      let created: DeviceRecord[];
      try {
        created = await deviceWrites.createMany(actor, editor, bodies);
      } catch (error) {
        throw described === undefined ? error : atDevice(error);
      }
      const first = created[0]!.row;
      return {
        devices: created.map((record) => ({ id: numericIdOf(record.row.id) })),
        site:
          first.site_id === null
            ? { id: MAIN_SITE, name: callerTenantOf(request).name }
            : { id: numericIdOf(first.site_id), name: first.site_name ?? '' },
      };
    },
  );

  app.delete(
    '/restapi/v2/accounts/:accountId/device-inventory',
    {
      schema: { hide: true, params: Type.Object({ accountId: PathId }), body: RemoveFromInventoryBody },
      config: { ringcentralPermissions: { app: 'EditAccounts' } },
    },
    async (request) => {
      const { actor, editor } = writer(request);
      const records = [];
      for (const { deviceId } of request.body.records) {
        try {
          const uuid = uuidOfNumericId(deviceId);
          if (uuid === undefined) throw unknown('deviceId');
          await deviceWrites.delete(actor, editor, uuid, undefined, (current) => {
            const { row } = current;
            const owned = row.owner_person_id ?? row.owner_workspace_id ?? row.owner_virtual_line_id;
            if (owned !== null || current.lines.length > 0) {
              throw new AppError('device_assigned', 'Device already assigned', { parameter: 'deviceId' });
            }
          });
          records.push({ bulkItemSuccessful: true, deviceId });
        } catch (error) {
          records.push({ bulkItemSuccessful: false, deviceId, bulkItemErrors: errorsOf(error, request) });
        }
      }
      return { records };
    },
  );

  app.post(
    '/restapi/v2/accounts/:accountId/devices/bulk-add',
    {
      schema: { hide: true, params: Type.Object({ accountId: PathId }), body: BulkAddBody },
      config: { ringcentralPermissions: { app: 'EditAccounts', user: 'AddRemoveDevices' } },
    },
    async (request) => {
      const { actor, editor } = writer(request);
      const principal = principalOf(request);
      const viewer = viewerFrom(request);
      const results = [];
      for (const record of request.body.records) {
        const extension = { id: String(record.extension.id) };
        try {
          if (record.phoneInfo?.id !== undefined || record.phoneInfo?.phoneNumber !== undefined) {
            throw new AppError(
              'invalid_parameter',
              'Numbers are assigned to a device with PUT …/device/{deviceId} (phoneLines), not here.',
              { parameter: 'phoneInfo' },
            );
          }
          const owner = await resolveExtension(options, principal, viewer, extension.id);
          const device = await deviceWrites.create(actor, editor, {
            kind: record.type,
            name: record.type === 'WebRTC' ? 'WebRTC' : EXISTING_PHONE_NAME,
            ...(owner.type === 'person' ? { personId: owner.id } : { workspaceId: owner.id }),
            ...(record.emergency?.address !== undefined ? { emergency: { address: record.emergency.address } } : {}),
          } as DeviceBody);
          results.push({ successful: true, id: numericIdOf(device.row.id), extension });
        } catch (error) {
          results.push({ successful: false, extension, errors: errorsOf(error, request) });
        }
      }
      return { results };
    },
  );

  app.post(
    '/restapi/v2/accounts/:accountId/extensions/:extensionId/devices/:deviceId/replace',
    {
      schema: { hide: true, params: ReplaceParams, body: ReplaceBody },
      config: { ringcentralPermissions: { app: 'EditAccounts', user: 'EditUserDevices' } },
    },
    async (request, reply) => {
      const { extensionId, deviceId } = request.params;
      const { targetDeviceId } = request.body;
      const viewer = viewerFrom(request);
      const owner = await resolveExtension(options, principalOf(request), viewer, extensionId);
      const source = await visibleDevice(devices, viewer, deviceId, 'deviceId');
      const ownerId = owner.type === 'person' ? source.row.owner_person_id : source.row.owner_workspace_id;
      if (ownerId !== owner.id) throw unknown('deviceId');
      const target = await visibleDevice(devices, viewer, targetDeviceId, 'targetDeviceId');
      if (target.row.id === source.row.id) {
        throw new AppError('invalid_parameter', 'A device cannot replace itself.', { parameter: 'targetDeviceId' });
      }
      for (const [record, parameter] of [
        [source, 'deviceId'],
        [target, 'targetDeviceId'],
      ] as const) {
        if (!(REPLACEABLE_KINDS as readonly string[]).includes(record.row.kind)) {
          throw new AppError('invalid_parameter', 'Only HardPhone and OtherPhone devices can be replaced.', {
            parameter,
          });
        }
      }
      const { actor, editor } = writer(request);
      await deviceWrites.swap(actor, editor, source.row.id, target.row.id);
      return reply.code(204).send();
    },
  );
};

/** A device the viewer may see, by its RingCentral id; else 404 CMN-102 for `parameter`. */
async function visibleDevice(
  devices: DeviceService,
  viewer: ReturnType<typeof viewerFrom>,
  id: string,
  parameter: string,
): Promise<DeviceRecord> {
  const uuid = uuidOfNumericId(id);
  if (uuid === undefined) throw unknown(parameter);
  try {
    return await devices.getDevice(viewer, uuid);
  } catch (error) {
    if (error instanceof AppError && error.code === 'device_not_found') throw unknown(parameter);
    throw error;
  }
}

function unknown(parameter: string): AppError {
  return new AppError('device_not_found', `Resource for parameter [${parameter}] is not found`, {
    parameter,
    [VENDOR_PARAMETER]: parameter,
  });
}

/** A refusal of a described device's own member, naming its entry (`devices[2].mac`). */
function atDevice(error: unknown): unknown {
  if (!(error instanceof AppError)) return error;
  const member = error.extras.parameter;
  if (member === undefined || !DESCRIBED_MEMBERS.has(member)) return error;
  const parameter = `devices[${error.extras.index ?? '0'}].${member}`;
  return new AppError(error.code, error.detail, { ...error.extras, parameter });
}

/** The members of AddToInventoryBody's `devices` entries. */
const DESCRIBED_MEMBERS = new Set(['name', 'serial', 'mac']);

/** One item's failure as RingCentral's error entries; anything but an AppError is the request's own failure. */
function errorsOf(error: unknown, request: FastifyRequest): RingCentralErrorEntry[] {
  if (!(error instanceof AppError)) throw error;
  return (renderRingCentralError(error, request).body as { errors: RingCentralErrorEntry[] }).errors;
}
