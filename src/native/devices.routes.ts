/** Native device routes: GET /v1/devices (filtered, keyset-paged, projectable) and GET /v1/devices/{id}. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { viewerFrom } from '../http/auth.js';
import { listBody, pageRequestFrom } from '../http/pagination.js';
import { parseFields, project } from '../http/projection.js';
import { errorResponses, listEnvelope } from '../http/schemas.js';
import { DEVICE_SORT_FIELDS, type DeviceFilter } from '../modules/devices/device.repository.js';
import { deviceIncludesFor, presentDevice } from '../modules/devices/device.presenter.js';
import { DEVICE_FIELDS, DeviceListQuery } from '../modules/devices/device.schemas.js';
import type { DeviceService } from '../modules/devices/device.service.js';

const DeviceRef = Type.Ref('Device');

/** The device list's query parameters as the canonical filter (shared by every native device list). */
export function deviceFilterFrom(query: Omit<DeviceListQuery, 'limit' | 'cursor' | 'fields' | 'sort'>): DeviceFilter {
  return {
    manufacturer: query.manufacturer,
    kind: query.kind,
    status: query.status,
    product: query.product,
    productType: query.productType,
    userGroup: query.userGroup,
    site: query.site,
    owner: query.owner,
    tags: query.tag,
    compliance: query.compliance,
    q: query.q,
  };
}

export const deviceRoutes: FastifyPluginAsyncTypebox<{ devices: DeviceService }> = async (app, { devices }) => {
  app.get(
    '/devices',
    {
      schema: {
        tags: ['devices'],
        summary: 'List devices',
        description: 'Filters are ANDed. Ordered by id (creation order) unless sort says otherwise.',
        querystring: DeviceListQuery,
        response: { 200: listEnvelope(DeviceRef), ...errorResponses },
      },
    },
    async (request, reply) => {
      const viewer = viewerFrom(request);
      const query = request.query;
      const fields = parseFields(query.fields, DEVICE_FIELDS);
      const page = await devices.listDevices(
        viewer,
        deviceFilterFrom(query),
        pageRequestFrom(query, DEVICE_SORT_FIELDS, 'id'),
        deviceIncludesFor(fields),
      );
      return listBody(request, reply, page, presentDevice, fields);
    },
  );

  app.get(
    '/devices/:id',
    {
      schema: {
        tags: ['devices'],
        summary: 'Get a device',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        querystring: Type.Object({ fields: DeviceListQuery.properties.fields }, { additionalProperties: false }),
        response: { 200: DeviceRef, ...errorResponses },
      },
    },
    async (request) => {
      const fields = parseFields(request.query.fields, DEVICE_FIELDS);
      const record = await devices.getDevice(viewerFrom(request), request.params.id, deviceIncludesFor(fields));
      return project(presentDevice(record), fields);
    },
  );
};
