/**
 * The Plantronics device inventory reports (vendor-apis.md §1.3–1.4): devices of one user, and devices of the
 * members of user groups. Parameters map onto the canonical device filter and the shared list engine (pages
 * from 0, `count` per page, the engine's stable order); the answer is presented by device.presenter.ts.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AppError, invalidParameter } from '../../errors.js';
import { viewerFrom } from '../../http/auth.js';
import type { DeviceFilter, DeviceSortField } from '../../modules/devices/device.repository.js';
import type { DeviceService } from '../../modules/devices/device.service.js';
import type { PersonService } from '../../modules/people/person.service.js';
import type { TenantSummary } from '../../modules/tenants/tenant.service.js';
import type { Sort } from '../../query/page.js';
import { numberedPage } from '../paging.js';
import { PLANTRONICS_MANUFACTURERS, presentPolyDevice } from './device.presenter.js';
import { ByUserGroupParams, ByUserGroupQuery, ByUserParams, ByUserQuery, POLY_ENVELOPE } from './device.schemas.js';

const ORDER: Sort<DeviceSortField> = { field: 'id', direction: 'asc' };
/** Plantronics device states (the vendor's enum is SILENT) onto canonical statuses. */
const DEVICE_STATES: Readonly<Record<string, string>> = {
  online: 'Online',
  active: 'Online',
  offline: 'Offline',
  inactive: 'Offline',
};

export interface PolyDeviceRouteOptions {
  readonly devices: DeviceService;
  readonly people: PersonService;
}

export const polyDeviceRoutes: FastifyPluginAsyncTypebox<PolyDeviceRouteOptions> = async (app, { devices, people }) => {
  app.get(
    '/reports/assets/tenant/:tenantApiCode/devices/user/:username',
    { schema: { hide: true, params: ByUserParams, querystring: ByUserQuery, response: { 200: POLY_ENVELOPE } } },
    async (request) => {
      const viewer = viewerFrom(request);
      const { query } = request;
      let ownerPerson: string;
      try {
        ownerPerson = await people.idOfUsername(viewer, request.params.username);
      } catch (error) {
        throw error instanceof AppError && error.code === 'person_not_found'
          ? noDevices(request.params.username)
          : error;
      }
      const page = await devices.listDevices(
        viewer,
        { ...reportFilter(query), ownerPerson },
        numberedPage(ORDER, query.page, query.count, 0),
      );
      if (page.items.length === 0) {
        // 404 when the path names no devices at all; filters or paging past the end answer [].
        const any = await devices.listDevices(viewer, { ownerPerson }, { sort: ORDER, limit: 1 }, NO_RELATIONS);
        if (any.items.length === 0) throw noDevices(request.params.username);
      }
      return present(page.items, tenantOf(request));
    },
  );

  app.get(
    '/reports/assets/tenant/:tenantApiCode/devices/usergroup',
    {
      schema: {
        hide: true,
        params: ByUserGroupParams,
        querystring: ByUserGroupQuery,
        response: { 200: POLY_ENVELOPE },
      },
    },
    async (request) => {
      const viewer = viewerFrom(request);
      const { query } = request;
      const groups = query.userGroups
        .split(',')
        .map((g) => g.trim())
        .filter((g) => g !== '');
      if (groups.length === 0 || groups.length > 50) {
        throw invalidParameter('userGroups', 'userGroups must name 1 to 50 user groups, comma-separated.');
      }
      if (query.userGroup !== undefined && !groups.includes(query.userGroup)) {
        // Both given: devices of members of userGroup that is also one of userGroups.
        return [];
      }
      const filter: DeviceFilter = { ...reportFilter(query), userGroup: query.userGroup ?? groups };
      if (query.userName !== undefined && query.userName !== '') {
        let ownerPerson: string;
        try {
          ownerPerson = await people.idOfUsername(viewer, query.userName);
        } catch (error) {
          if (error instanceof AppError && error.code === 'person_not_found') return [];
          throw error;
        }
        Object.assign(filter, { ownerPerson });
      }
      const page = await devices.listDevices(viewer, filter, numberedPage(ORDER, query.page, query.count, 0));
      return present(page.items, tenantOf(request));
    },
  );
};

const NO_RELATIONS = { tags: false, connected: false, sightings: false, lines: false };

/** The report filters common to both paths, as the canonical device filter. */
function reportFilter(query: ByUserQuery): DeviceFilter {
  const filter: { -readonly [K in keyof DeviceFilter]: DeviceFilter[K] } = {};
  if (query.manufacturer !== undefined) {
    const m = query.manufacturer
      .trim()
      .toLowerCase()
      .replace(/[\s_-]+/g, ' ');
    if (m === 'plantronics') filter.manufacturer = PLANTRONICS_MANUFACTURERS;
    else if (m === 'non plantronics' || m === 'nonplantronics') filter.notManufacturer = PLANTRONICS_MANUFACTURERS;
    else throw invalidParameter('manufacturer', 'manufacturer must be "plantronics" or "non plantronics".');
  }
  if (query.deviceState !== undefined) {
    const status = DEVICE_STATES[query.deviceState.trim().toLowerCase()];
    if (!status) throw invalidParameter('deviceState', 'deviceState must be Online or Offline (or Active, Inactive).');
    filter.status = status;
  }
  if (query.productName !== undefined && query.productName !== '') filter.product = query.productName;
  if (query.deviceType !== undefined && query.deviceType !== '') filter.productType = query.deviceType;
  if (query.userGroup !== undefined && query.userGroup !== '') filter.userGroup = query.userGroup;
  return filter;
}

function present(items: Parameters<typeof presentPolyDevice>[0][], tenant: TenantSummary) {
  return items.map((record) => presentPolyDevice(record, tenant));
}

function tenantOf(request: { callerTenant: TenantSummary | null }): TenantSummary {
  if (!request.callerTenant) throw new AppError('unauthenticated', 'Authentication required.');
  return request.callerTenant;
}

function noDevices(username: string): AppError {
  return new AppError(
    'device_not_found',
    `No device entity could be found for the requested device path parameters (user '${username.slice(0, 200)}').`,
  );
}
