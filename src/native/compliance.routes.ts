/**
 * Native firmware and compliance reads: GET /v1/firmware-releases (the catalogue's releases, keyset-paged),
 * GET /v1/compliance/summary (device counts per compliance state: totals, by product, user group and site) and
 * GET /v1/compliance/noncompliant-devices (the native device list, forced to non-compliant devices). Both
 * compliance reads are for the caller's viewer: an agent counts and lists only their own devices.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { principalOf, viewerFrom } from '../http/auth.js';
import { listBody, pageRequestFrom } from '../http/pagination.js';
import { parseFields } from '../http/projection.js';
import { errorResponses, listEnvelope } from '../http/schemas.js';
import { DEVICE_SORT_FIELDS } from '../modules/devices/device.repository.js';
import { deviceIncludesFor, presentDevice } from '../modules/devices/device.presenter.js';
import { DEVICE_FIELDS } from '../modules/devices/device.schemas.js';
import type { DeviceService } from '../modules/devices/device.service.js';
import {
  ComplianceSummaryBody,
  ComplianceSummaryQuery,
  FIRMWARE_RELEASE_FIELDS,
  FirmwareReleaseListQuery,
  NoncompliantDeviceListQuery,
} from '../modules/firmware/compliance.schemas.js';
import { type ComplianceSummaryService, SUMMARY_BREAKDOWNS } from '../modules/firmware/compliance-summary.js';
import type { FirmwareCatalogService } from '../modules/firmware/firmware-catalog.service.js';
import { FIRMWARE_RELEASE_SORT_FIELDS } from '../modules/firmware/firmware.repository.js';
import { presentFirmwareRelease } from '../modules/firmware/firmware-release.presenter.js';
import { deviceFilterFrom } from './devices.routes.js';

export const complianceRoutes: FastifyPluginAsyncTypebox<{
  firmwareCatalog: FirmwareCatalogService;
  complianceSummary: ComplianceSummaryService;
  devices: DeviceService;
}> = async (app, { firmwareCatalog, complianceSummary, devices }) => {
  app.get(
    '/firmware-releases',
    {
      schema: {
        tags: ['compliance'],
        summary: 'List firmware releases of the catalogue',
        description:
          'Filters are ANDed. Ordered by id unless sort says otherwise. `latest` marks the newest release of ' +
          "each product's component (newest release date, ties by version).",
        querystring: FirmwareReleaseListQuery,
        response: { 200: listEnvelope(Type.Ref('FirmwareRelease')), ...errorResponses },
      },
    },
    async (request, reply) => {
      principalOf(request);
      const query = request.query;
      const fields = parseFields(query.fields, FIRMWARE_RELEASE_FIELDS);
      const page = await firmwareCatalog.list(
        { productId: query.productId, component: query.component },
        pageRequestFrom(query, FIRMWARE_RELEASE_SORT_FIELDS, 'id'),
      );
      return listBody(request, reply, page, presentFirmwareRelease, fields);
    },
  );

  app.get(
    '/compliance/summary',
    {
      schema: {
        tags: ['compliance'],
        summary: 'Count devices per compliance state',
        description:
          'Totals, and the counts by product, by user group (a device counts under every group of its owner) ' +
          'and by site, most devices first; `by` keeps one breakdown. An agent counts only their own devices.',
        querystring: ComplianceSummaryQuery,
        response: { 200: ComplianceSummaryBody, ...errorResponses },
      },
    },
    async (request) => {
      const by = request.query.by as (typeof SUMMARY_BREAKDOWNS)[number] | undefined;
      return complianceSummary.summarize(viewerFrom(request), by === undefined ? SUMMARY_BREAKDOWNS : [by]);
    },
  );

  app.get(
    '/compliance/noncompliant-devices',
    {
      schema: {
        tags: ['compliance'],
        summary: 'List non-compliant devices',
        description:
          'GET /v1/devices with compliance=noncompliant: the same filters, sort, projection and cursor paging.',
        querystring: NoncompliantDeviceListQuery,
        response: { 200: listEnvelope(Type.Ref('Device')), ...errorResponses },
      },
    },
    async (request, reply) => {
      const query = request.query;
      const fields = parseFields(query.fields, DEVICE_FIELDS);
      const page = await devices.listDevices(
        viewerFrom(request),
        { ...deviceFilterFrom(query), compliance: 'noncompliant' },
        pageRequestFrom(query, DEVICE_SORT_FIELDS, 'id'),
        deviceIncludesFor(fields),
      );
      return listBody(request, reply, page, presentDevice, fields);
    },
  );
};
