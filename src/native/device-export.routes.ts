/**
 * GET /v1/devices/export: the devices the caller sees (an agent only their own), with every filter of
 * GET /v1/devices, as CSV (header row, RFC 4180, formula cells prefixed with ') or NDJSON, streamed page by page
 * (src/modules/devices/device-export.ts) so an export of any size holds one page in memory.
 */
import { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { viewerFrom } from '../http/auth.js';
import { errorResponses } from '../http/schemas.js';
import {
  EXPORT_COLUMNS,
  EXPORT_FORMATS,
  exportChunks,
  includesFor,
  parseColumns,
} from '../modules/devices/device-export.js';
import { DeviceListQuery } from '../modules/devices/device.schemas.js';
import type { DeviceService } from '../modules/devices/device.service.js';
import { deviceFilterFrom } from './devices.routes.js';

const { limit: _limit, cursor: _cursor, fields: _fields, sort: _sort, ...filters } = DeviceListQuery.properties;

const ExportQuery = Type.Object(
  {
    ...filters,
    format: Type.Optional(Type.String({ enum: [...EXPORT_FORMATS], default: 'csv' })),
    columns: Type.Optional(
      Type.String({
        maxLength: 2000,
        description: `Comma-separated, in order; default all: ${EXPORT_COLUMNS.join(',')}.`,
      }),
    ),
  },
  { additionalProperties: false },
);

export const deviceExportRoutes: FastifyPluginAsyncTypebox<{ devices: DeviceService }> = async (app, { devices }) => {
  app.get(
    '/devices/export',
    {
      schema: {
        tags: ['devices'],
        summary: 'Export devices (CSV or NDJSON, streamed)',
        description: 'Ordered by id. Filters as GET /v1/devices. text/csv or application/x-ndjson.',
        querystring: ExportQuery,
        response: { ...errorResponses },
      },
    },
    async (request, reply) => {
      const viewer = viewerFrom(request);
      const { format = 'csv', columns: rawColumns, ...query } = request.query;
      const columns = parseColumns(rawColumns);
      const filter = deviceFilterFrom(query);
      const include = includesFor(columns);
      const chunks = exportChunks(
        (page) => devices.listDevices(viewer, filter, page, include),
        columns,
        format as 'csv' | 'ndjson',
      );
      reply
        .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
        .header('content-disposition', `attachment; filename="devices.${format}"`);
      return reply.send(Readable.from(chunks));
    },
  );
};
