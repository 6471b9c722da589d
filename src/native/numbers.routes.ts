/**
 * Native phone numbers and device lines: GET /v1/numbers (keyset-paged, `q` substring), GET /v1/numbers/{id},
 * POST/PUT/PATCH/DELETE /v1/numbers[/{id}] (versioned-write-routes.ts: If-Match, 201 and Location), and
 * PUT /v1/devices/{id}/lines, which replaces a device's whole line list and answers the device.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { principalOf } from '../http/auth.js';
import { ifMatchPrecondition } from '../http/conditional.js';
import { acceptMergePatch } from '../http/merge-patch.js';
import { listBody, pageRequestFrom } from '../http/pagination.js';
import { errorResponses, listEnvelope } from '../http/schemas.js';
import { actorOf } from '../modules/audit/audit-trail.js';
import { presentDevice } from '../modules/devices/device.presenter.js';
import type { DeviceRecord } from '../modules/devices/device.repository.js';
import { deviceEditorOf } from '../modules/devices/device-write.service.js';
import { DeviceLinesBody } from '../modules/numbers/device-line.schemas.js';
import type { DeviceLineService } from '../modules/numbers/device-line.service.js';
import { presentPhoneNumber } from '../modules/numbers/phone-number.presenter.js';
import { PHONE_NUMBER_SORT_FIELDS } from '../modules/numbers/phone-number.repository.js';
import {
  PhoneNumberBody,
  PhoneNumberListQuery,
  PhoneNumberPatchBody,
  PhoneNumberView,
} from '../modules/numbers/phone-number.schemas.js';
import type { PhoneNumberService } from '../modules/numbers/phone-number.service.js';
import type { PhoneNumberWriteService } from '../modules/numbers/phone-number-write.service.js';
import { conditionalErrors, IdParams, ifMatchHeaders, versionedWriteRoutes } from './versioned-write-routes.js';

const DeviceRef = Type.Ref('Device');

export const numberRoutes: FastifyPluginAsyncTypebox<{
  numbers: PhoneNumberService;
  numberWrites: PhoneNumberWriteService;
  deviceLines: DeviceLineService;
}> = async (app, { numbers, numberWrites, deviceLines }) => {
  acceptMergePatch(app);

  app.get(
    '/numbers',
    {
      schema: {
        tags: ['numbers'],
        summary: 'List phone numbers',
        querystring: PhoneNumberListQuery,
        response: { 200: listEnvelope(PhoneNumberView), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { tenantId } = principalOf(request);
      const page = await numbers.list(
        tenantId,
        pageRequestFrom(request.query, PHONE_NUMBER_SORT_FIELDS, 'id'),
        request.query.q,
      );
      return listBody(request, reply, page, presentPhoneNumber, undefined);
    },
  );

  app.get(
    '/numbers/:id',
    {
      schema: {
        tags: ['numbers'],
        summary: 'Get a phone number',
        params: IdParams,
        response: { 200: PhoneNumberView, ...errorResponses },
      },
    },
    async (request) => presentPhoneNumber(await numbers.get(principalOf(request).tenantId, request.params.id)),
  );

  versionedWriteRoutes(app, {
    collection: '/numbers',
    tag: 'numbers',
    noun: 'phone number',
    ref: PhoneNumberView,
    body: PhoneNumberBody,
    patchBody: PhoneNumberPatchBody,
    service: numberWrites,
    present: presentPhoneNumber,
    createNotes:
      'Valid for its country (national numbers need `country`) or an extension of 1 to 8 digits; stored in E.164 ' +
      'when it has that form and unique in the tenant (409 phone_number_taken).',
    deleteNotes: 'A number on a device line is 409 phone_number_in_use: take it off the device first.',
  });

  app.put(
    '/devices/:id/lines',
    {
      schema: {
        tags: ['devices'],
        summary: "Replace a device's lines",
        description:
          'The whole line list: distinct positions (below the model line count), tenant numbers at most once each. ' +
          'Standalone numbers are on one device; a number is BlaPrimary on at most one device and may appear as ' +
          'BlaSecondary on many (else 409 phone_number_in_use).',
        params: IdParams,
        headers: ifMatchHeaders('/v1/devices/{id}'),
        body: DeviceLinesBody,
        response: { 200: DeviceRef, ...conditionalErrors },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      return presentDevice(
        await deviceLines.replace(
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
