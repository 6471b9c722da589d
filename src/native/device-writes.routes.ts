/**
 * Native device writes: POST /v1/devices (201 and Location), PUT /v1/devices/{id} (replace the writable
 * fields), PATCH /v1/devices/{id} (JSON merge patch: application/merge-patch+json or application/json) and
 * DELETE /v1/devices/{id} (204). PUT, PATCH and DELETE honour If-Match with the ETag GET /v1/devices/{id}
 * gave (412 precondition_failed when it is stale; `*` matches any existing device). Answers carry the device
 * as GET shows it, so their ETag (@fastify/etag) is the one the next conditional write needs.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { principalOf } from '../http/auth.js';
import { ifMatchPrecondition } from '../http/conditional.js';
import { acceptMergePatch } from '../http/merge-patch.js';
import { errorResponses } from '../http/schemas.js';
import { actorOf } from '../modules/audit/audit-trail.js';
import { presentDevice } from '../modules/devices/device.presenter.js';
import type { DeviceRecord } from '../modules/devices/device.repository.js';
import { DeviceBody, DeviceIdParams, DevicePatchBody } from '../modules/devices/device-write.schemas.js';
import { type DeviceWriteService, deviceEditorOf } from '../modules/devices/device-write.service.js';

/** The schema GET /v1/devices/{id} answers with: one object, so its serializer is compiled once. */
const DeviceRef = Type.Ref('Device');
const problem = Type.Ref('Problem');
const writeErrors = { ...errorResponses, 403: problem, 409: problem };
const conditionalErrors = { ...writeErrors, 412: problem };
const IfMatchHeaders = Type.Object({
  'if-match': Type.Optional(
    Type.String({ description: 'The ETag of GET /v1/devices/{id} (or *): the write happens only if it is current.' }),
  ),
});

export const deviceWriteRoutes: FastifyPluginAsyncTypebox<{ deviceWrites: DeviceWriteService }> = async (
  app,
  { deviceWrites },
) => {
  acceptMergePatch(app);

  app.post(
    '/devices',
    {
      schema: {
        tags: ['devices'],
        summary: 'Create a device',
        description:
          'For a person or a workspace, not both. Agents and supervisors create devices for themselves only. ' +
          'The MAC is unique in the tenant (409 device_mac_taken), the serial per manufacturer (409 device_serial_taken).',
        body: DeviceBody,
        response: { 201: DeviceRef, ...writeErrors },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const record = await deviceWrites.create(actorOf(principal, request.id), deviceEditorOf(principal), request.body);
      reply.code(201).header('location', `/v1/devices/${record.row.id}`);
      return presentDevice(record);
    },
  );

  app.put(
    '/devices/:id',
    {
      schema: {
        tags: ['devices'],
        summary: 'Replace a device',
        description: 'Replaces every writable field: a missing member becomes null, false, [] or Offline.',
        params: DeviceIdParams,
        headers: IfMatchHeaders,
        body: DeviceBody,
        response: { 200: DeviceRef, ...conditionalErrors },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const record = await deviceWrites.replace(
        actorOf(principal, request.id),
        deviceEditorOf(principal),
        request.params.id,
        request.body,
        ifMatchPrecondition(request, reply, DeviceRef, (current: DeviceRecord) => presentDevice(current)),
      );
      return presentDevice(record);
    },
  );

  app.patch(
    '/devices/:id',
    {
      schema: {
        tags: ['devices'],
        summary: 'Update a device',
        description:
          'A JSON merge patch (RFC 7396; application/merge-patch+json or application/json): members present ' +
          'are set, null clears a nullable field, tags replace the whole tag set.',
        params: DeviceIdParams,
        headers: IfMatchHeaders,
        body: DevicePatchBody,
        response: { 200: DeviceRef, ...conditionalErrors },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const record = await deviceWrites.patch(
        actorOf(principal, request.id),
        deviceEditorOf(principal),
        request.params.id,
        request.body,
        ifMatchPrecondition(request, reply, DeviceRef, (current: DeviceRecord) => presentDevice(current)),
      );
      return presentDevice(record);
    },
  );

  app.delete(
    '/devices/:id',
    {
      schema: {
        tags: ['devices'],
        summary: 'Delete a device',
        description: 'Its tags, pairings, sightings and line assignments go with it.',
        params: DeviceIdParams,
        headers: IfMatchHeaders,
        response: { 204: Type.Null(), ...conditionalErrors },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      await deviceWrites.delete(
        actorOf(principal, request.id),
        deviceEditorOf(principal),
        request.params.id,
        ifMatchPrecondition(request, reply, DeviceRef, (current: DeviceRecord) => presentDevice(current)),
      );
      return reply.code(204).send(null);
    },
  );
};
