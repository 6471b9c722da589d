/**
 * Webex device provisioning in the native API: POST /v1/devices/activation-codes (pre-creates the device,
 * `activating`, and answers its one-time code), POST /v1/activations (a device registers with its code and
 * MAC: `activated`), POST /v1/devices/{id}/deactivate (`deactivated`; If-Match honoured), and
 * POST /v1/devices/validate-macs (Webex's validateMacs: changes nothing).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { principalOf } from '../http/auth.js';
import { ifMatchPrecondition } from '../http/conditional.js';
import { errorResponses } from '../http/schemas.js';
import {
  ActivationBody,
  ActivationCodeBody,
  IssuedActivationCode,
  MacListBody,
  MacListValidation,
} from '../modules/activation/activation.schemas.js';
import type { ActivationService } from '../modules/activation/activation.service.js';
import { actorOf } from '../modules/audit/audit-trail.js';
import { presentDevice } from '../modules/devices/device.presenter.js';
import type { DeviceRecord } from '../modules/devices/device.repository.js';
import { DeviceIdParams } from '../modules/devices/device-write.schemas.js';
import { deviceEditorOf } from '../modules/devices/device-write.service.js';
import type { MacListService } from '../modules/devices/mac-list.service.js';

const DeviceRef = Type.Ref('Device');
const problem = Type.Ref('Problem');
const writeErrors = { ...errorResponses, 403: problem, 409: problem, 412: problem, 422: problem };

export const deviceActivationRoutes: FastifyPluginAsyncTypebox<{
  activation: ActivationService;
  macLists: MacListService;
}> = async (app, { activation, macLists }) => {
  app.post(
    '/devices/activation-codes',
    {
      schema: {
        tags: ['devices'],
        summary: 'Create a device activation code',
        description:
          'Pre-creates a device of the model for a person or a workspace (not both), activationState activating, ' +
          'and answers its 16-digit code: shown only here, valid 7 days, usable once.',
        body: ActivationCodeBody,
        response: { 201: IssuedActivationCode, ...writeErrors },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const issued = await activation.issue(actorOf(principal, request.id), deviceEditorOf(principal), request.body);
      reply.code(201).header('location', `/v1/devices/${issued.device.row.id}`);
      return {
        code: issued.code,
        expiresAt: new Date(issued.expiresAt).toISOString(),
        device: presentDevice(issued.device),
      };
    },
  );

  app.post(
    '/activations',
    {
      schema: {
        tags: ['devices'],
        summary: 'Activate a device with its activation code',
        description:
          'A device registering: the code (unused, unexpired) moves its device from activating to activated and ' +
          'records the MAC (unique in the tenant) and serial. A used, expired or unknown code is 422 activation_code_invalid.',
        body: ActivationBody,
        response: { 200: DeviceRef, ...writeErrors },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      return presentDevice(
        await activation.redeem(actorOf(principal, request.id), deviceEditorOf(principal), request.body),
      );
    },
  );

  app.post(
    '/devices/:id/deactivate',
    {
      schema: {
        tags: ['devices'],
        summary: 'Deactivate a device',
        description:
          'activating or activated → deactivated; its unused activation codes stop working. A device not added ' +
          'with a code, or deactivated already, is 409 device_not_activated.',
        params: DeviceIdParams,
        headers: Type.Object({ 'if-match': Type.Optional(Type.String()) }),
        response: { 200: DeviceRef, ...writeErrors },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      return presentDevice(
        await activation.deactivate(
          actorOf(principal, request.id),
          deviceEditorOf(principal),
          request.params.id,
          ifMatchPrecondition(request, reply, DeviceRef, (current: DeviceRecord) => presentDevice(current)),
        ),
      );
    },
  );

  app.post(
    '/devices/validate-macs',
    {
      schema: {
        tags: ['devices'],
        summary: 'Validate a list of MAC addresses',
        description:
          "Webex Calling's validateMacs: each MAC AVAILABLE, UNAVAILABLE (on a device of the tenant; error 5675), " +
          'DUPLICATE_IN_LIST (an earlier entry is the same MAC in any layout) or INVALID. Changes nothing.',
        body: MacListBody,
        response: { 200: MacListValidation, ...errorResponses },
      },
    },
    async (request) => macLists.validate(principalOf(request).tenantId, request.body.macs),
  );
};
