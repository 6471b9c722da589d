/**
 * RingCentral's v2 device endpoints (vendor-apis.md §4.2) that the canonical model can serve: deleting a device
 * from an account, `keepAssetsInInventory` (default true) deciding whether it stays in the inventory unassigned
 * (its owner and, as RingCentral requires of an unassigned device, its emergency settings cleared) or is deleted.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../errors.js';
import { principalOf, viewerFrom } from '../../http/auth.js';
import { actorOf } from '../../modules/audit/audit-trail.js';
import type { DeviceService } from '../../modules/devices/device.service.js';
import { type DeviceWriteService, deviceEditorOf } from '../../modules/devices/device-write.service.js';
import { uuidOfNumericId } from './ids.js';

const PathId = Type.String({ minLength: 1, maxLength: 64 });
const DeleteDeviceParams = Type.Object({ accountId: PathId, deviceId: PathId });
const DeleteDeviceBody = Type.Union([
  Type.Object({ keepAssetsInInventory: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
  Type.Null(),
]);

export interface RingCentralV2RouteOptions {
  readonly devices: DeviceService;
  readonly deviceWrites: DeviceWriteService;
}

export const ringCentralV2Routes: FastifyPluginAsyncTypebox<RingCentralV2RouteOptions> = async (
  app,
  { devices, deviceWrites },
) => {
  app.delete(
    '/restapi/v2/accounts/:accountId/devices/:deviceId',
    {
      schema: { hide: true, params: DeleteDeviceParams, body: Type.Optional(DeleteDeviceBody) },
      config: { ringcentralPermissions: { app: 'EditAccounts', user: 'EditAccountDevices' } },
    },
    async (request, reply) => {
      const uuid = uuidOfNumericId(request.params.deviceId);
      if (uuid === undefined) {
        throw new AppError('device_not_found', 'Resource for parameter [deviceId] is not found', {
          parameter: 'deviceId',
        });
      }
      const current = await devices.getDevice(viewerFrom(request), uuid);
      const principal = principalOf(request);
      const actor = actorOf(principal, request.id);
      const editor = deviceEditorOf(principal);
      if (request.body?.keepAssetsInInventory === false) {
        await deviceWrites.delete(actor, editor, current.row.id);
      } else {
        await deviceWrites.patch(actor, editor, current.row.id, {
          personId: null,
          workspaceId: null,
          virtualLineId: null,
          emergency: null,
        });
      }
      return reply.code(204).send();
    },
  );
};
