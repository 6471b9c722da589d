/**
 * Poly device writes in the native API: PUT /v1/devices/{id}/paired-device (headset ↔ base or dongle; null
 * unpairs) and PUT /v1/devices/{id}/firmware (installed version per component; compliance re-derived). Both
 * honour If-Match with the device's ETag and answer the device.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { principalOf } from '../http/auth.js';
import { ifMatchPrecondition } from '../http/conditional.js';
import { actorOf } from '../modules/audit/audit-trail.js';
import { presentDevice } from '../modules/devices/device.presenter.js';
import type { DeviceRecord } from '../modules/devices/device.repository.js';
import { deviceEditorOf } from '../modules/devices/device-write.service.js';
import { FirmwareBody, PairedDeviceBody } from '../modules/devices/poly.schemas.js';
import type { PolyDeviceService } from '../modules/devices/poly.service.js';
import { conditionalErrors, IdParams, ifMatchHeaders } from './versioned-write-routes.js';

const DeviceRef = Type.Ref('Device');

export const polyDeviceRoutes: FastifyPluginAsyncTypebox<{ polyDevices: PolyDeviceService }> = async (
  app,
  { polyDevices },
) => {
  app.put(
    '/devices/:id/paired-device',
    {
      schema: {
        tags: ['devices'],
        summary: 'Pair a headset with a base or dongle',
        description:
          'A headset pairs with a base or a dongle (and the reverse), never itself; a device has one paired device. ' +
          'A partner paired elsewhere is 409 device_already_paired. Both devices show each other in connectedDevices.',
        params: IdParams,
        headers: ifMatchHeaders('/v1/devices/{id}'),
        body: PairedDeviceBody,
        response: { 200: DeviceRef, ...conditionalErrors },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      return presentDevice(
        await polyDevices.pair(
          actorOf(principal, request.id),
          deviceEditorOf(principal),
          request.params.id,
          request.body,
          ifMatchPrecondition(request, reply, DeviceRef, (current: DeviceRecord) => presentDevice(current)),
        ),
      );
    },
  );

  app.put(
    '/devices/:id/firmware',
    {
      schema: {
        tags: ['devices'],
        summary: "Set a device's firmware versions",
        description:
          'The installed version of each component (main, base, headset, bluetooth, usb); a missing member is null. ' +
          'Compliance is re-derived from the tenant policies.',
        params: IdParams,
        headers: ifMatchHeaders('/v1/devices/{id}'),
        body: FirmwareBody,
        response: { 200: DeviceRef, ...conditionalErrors },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      return presentDevice(
        await polyDevices.setFirmware(
          actorOf(principal, request.id),
          deviceEditorOf(principal),
          request.params.id,
          request.body,
          ifMatchPrecondition(request, reply, DeviceRef, (current: DeviceRecord) => presentDevice(current)),
        ),
      );
    },
  );
};
