/** Native device routes: GET /v1/devices (filtered, keyset-paged, projectable) and GET /v1/devices/{id}. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { principalOf } from '../http/auth.js';
import { linkNextPage } from '../http/pagination.js';
import { parseFields, project } from '../http/projection.js';
import { errorResponses, listEnvelope } from '../http/schemas.js';
import { DEVICE_SORT_FIELDS, type DeviceFilter, type DeviceIncludes } from '../modules/devices/device.repository.js';
import { presentDevice } from '../modules/devices/device.presenter.js';
import { DEVICE_FIELDS, type DeviceField, DeviceListQuery } from '../modules/devices/device.schemas.js';
import type { DeviceService } from '../modules/devices/device.service.js';
import { clampLimit, decodeCursor, parseSort } from '../query/page.js';

const DeviceRef = Type.Ref('Device');

/** Relations a projection needs; an unrequested relation is not loaded at all. */
function includesFor(fields: readonly DeviceField[] | undefined): DeviceIncludes {
  const has = (f: DeviceField) => !fields || fields.includes(f);
  return {
    tags: has('tags'),
    connected: has('connectedDevices'),
    sightings: has('firstSeen') || has('lastSeen'),
    lines: has('lines'),
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
      const { tenantId } = principalOf(request);
      const query = request.query;
      const sort = parseSort(query.sort, DEVICE_SORT_FIELDS, 'id');
      const fields = parseFields(query.fields, DEVICE_FIELDS);
      const filter: DeviceFilter = {
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
      const page = await devices.listDevices(
        tenantId,
        filter,
        {
          sort,
          limit: clampLimit(query.limit),
          after: query.cursor === undefined ? undefined : decodeCursor(query.cursor, sort),
        },
        includesFor(fields),
      );
      return {
        items: page.items.map((record) => project(presentDevice(record), fields)),
        nextCursor: linkNextPage(request, reply, page.next),
      };
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
      const { tenantId } = principalOf(request);
      const fields = parseFields(request.query.fields, DEVICE_FIELDS);
      const record = await devices.getDevice(tenantId, request.params.id, includesFor(fields));
      return project(presentDevice(record), fields);
    },
  );
};
