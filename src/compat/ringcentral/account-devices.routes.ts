/**
 * RingCentral's account-wide device lists and Automatic Location Update (vendor-apis.md §4.2): the devices of a
 * paging-only group (the canonical paging groups, src/modules/paging-groups), the devices with their Automatic
 * Location Update state, and turning that state on or off for many devices at once (all of them or none, one
 * audit event per device changed, through the device write service).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { type Static, Type } from 'typebox';
import { AppError } from '../../errors.js';
import { principalOf, viewerFrom } from '../../http/auth.js';
import { actorOf } from '../../modules/audit/audit-trail.js';
import type { DeviceFilter, DeviceSortField } from '../../modules/devices/device.repository.js';
import type { DeviceService } from '../../modules/devices/device.service.js';
import { type DeviceWriteService, deviceEditorOf } from '../../modules/devices/device-write.service.js';
import type { PagingGroupService } from '../../modules/paging-groups/paging-group.service.js';
import type { Sort } from '../../query/page.js';
import { numberedPage } from '../paging.js';
import { accountIdOf, callerTenantOf } from './auth.js';
import { presentRingCentralDevice } from './device.presenter.js';
import { DEFAULT_PER_PAGE, MAX_PER_PAGE } from './device.schemas.js';
import { VENDOR_PARAMETER } from './errors.js';
import { type Directory, relatedOf } from './extensions.js';
import { numericIdOf, uuidOfNumericId } from './ids.js';
import { pagedList } from './paging-envelope.js';
import type { RingCentralRoutePermissions } from './permissions.js';
import { RINGCENTRAL_PREFIX } from './devices.routes.js';

/** The device types of an Automatic Location Update record; the canonical kinds listed there. */
export const LOCATION_UPDATE_TYPES = ['HardPhone', 'SoftPhone', 'OtherPhone'] as const;
/** The model features an Automatic Location Update record names. */
const LOCATION_UPDATE_FEATURES = new Set(['BLA', 'Intercom', 'Paging', 'HELD']);
/** `siteId` of the company itself (devices at no site). */
export const MAIN_SITE = 'main-site';
/** Ids in one bulk-assign request (both lists together). */
export const MAX_BULK_ASSIGN_IDS = 1000;
const MODEL_ID = /^[A-Za-z0-9.-]{1,64}$/;

const PathId = Type.String({ minLength: 1, maxLength: 64 });
const Page = Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 }));

const PagingGroupDevicesParams = Type.Object({ accountId: PathId, pagingOnlyGroupId: PathId });
const PagingGroupDevicesQuery = Type.Object({ page: Page, perPage: Type.Optional(Type.Integer({ minimum: 1 })) });

const LocationUpdateDevicesQuery = Type.Object({
  siteId: Type.Optional(Type.String({ maxLength: 64 })),
  featureEnabled: Type.Optional(Type.Boolean()),
  model: Type.Optional(
    Type.Union([Type.String({ maxLength: 1000 }), Type.Array(Type.String({ maxLength: 64 }), { maxItems: 20 })]),
  ),
  compatibleOnly: Type.Optional(Type.Boolean()),
  searchString: Type.Optional(Type.String({ maxLength: 64 })),
  orderBy: Type.Optional(Type.String({ maxLength: 100 })),
  perPage: Type.Optional(Type.Union([Type.Literal('Max'), Type.Integer({ minimum: 1 })])),
  page: Page,
});
type LocationUpdateDevicesQuery = Static<typeof LocationUpdateDevicesQuery>;

const DeviceIdList = Type.Optional(
  Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: MAX_BULK_ASSIGN_IDS, uniqueItems: true }),
);
const BulkAssignBody = Type.Object(
  { enabledDeviceIds: DeviceIdList, disabledDeviceIds: DeviceIdList },
  { additionalProperties: false },
);

export interface RingCentralAccountDeviceRouteOptions extends Directory {
  readonly devices: DeviceService;
  readonly deviceWrites: DeviceWriteService;
  readonly pagingGroups: PagingGroupService;
  readonly publicBaseUrl?: string;
}

const permissions = (app: RingCentralRoutePermissions['app'], user: RingCentralRoutePermissions['user']) => ({
  ringcentralPermissions: { app, user },
});

export const ringCentralAccountDeviceRoutes: FastifyPluginAsyncTypebox<RingCentralAccountDeviceRouteOptions> = async (
  app,
  options,
) => {
  const { devices, deviceWrites, pagingGroups, publicBaseUrl } = options;
  const accountUri = (request: FastifyRequest): string =>
    `${publicBaseUrl ?? `${request.protocol}://${request.host}`}${RINGCENTRAL_PREFIX}/restapi/v1.0/account/` +
    accountIdOf(callerTenantOf(request));

  app.get(
    '/restapi/v1.0/account/:accountId/paging-only-groups/:pagingOnlyGroupId/devices',
    {
      schema: { hide: true, params: PagingGroupDevicesParams, querystring: PagingGroupDevicesQuery },
      config: permissions('ReadAccounts', 'ReadCompanyDevices'),
    },
    async (request) => {
      const { pagingOnlyGroupId } = request.params;
      const groupId = uuidOfNumericId(pagingOnlyGroupId);
      if (groupId === undefined) {
        throw new AppError('paging_group_not_found', 'Resource for parameter [pagingOnlyGroupId] is not found', {
          parameter: 'pagingOnlyGroupId',
        });
      }
      const page = request.query.page ?? 1;
      const perPage = Math.min(request.query.perPage ?? DEFAULT_PER_PAGE, MAX_PER_PAGE);
      const { tenantId } = principalOf(request);
      const members = await pagingGroups.memberPage(tenantId, groupId, (page - 1) * perPage, perPage);
      const base = accountUri(request);
      const records = members.devices.map((device) => {
        const id = numericIdOf(device.id);
        return { uri: `${base}/device/${id}`, id, name: device.name };
      });
      const uri = `${base}/paging-only-groups/${pagingOnlyGroupId}/devices`;
      return pagedList(uri, request.url, records, { total: members.total }, page, perPage);
    },
  );

  app.get(
    '/restapi/v1.0/account/:accountId/emergency-address-auto-update/devices',
    {
      schema: {
        hide: true,
        params: Type.Object({ accountId: PathId }),
        querystring: LocationUpdateDevicesQuery,
      },
      config: permissions('EditAccounts', 'ConfigureEmergencyMaps'),
    },
    async (request) => {
      const { query } = request;
      const viewer = viewerFrom(request);
      const page = query.page ?? 1;
      const perPage =
        query.perPage === 'Max' ? MAX_PER_PAGE : Math.min(query.perPage ?? DEFAULT_PER_PAGE, MAX_PER_PAGE);
      const result = await devices.listDevices(
        viewer,
        locationUpdateFilter(query),
        numberedPage(orderOf(query.orderBy), page, perPage, 1, { page: 'page', size: 'perPage' }),
      );
      const related = await relatedOf(options, viewer, result.items);
      const context = { accountUri: accountUri(request), ...related };
      const records = result.items.map((record) => {
        const device = presentRingCentralDevice(record, context) as Record<string, unknown> & {
          type?: string;
          model?: { id?: string; name?: string; features?: string[] };
          phoneLines?: { lineType: string; phoneInfo?: { id: number; phoneNumber?: string } }[];
        };
        const out: Record<string, unknown> = {
          id: device.id,
          type: (LOCATION_UPDATE_TYPES as readonly string[]).includes(device.type ?? '') ? device.type : 'OtherPhone',
        };
        if (device.serial !== undefined) out.serial = device.serial;
        out.featureEnabled = record.row.emergency_auto_update === 1;
        out.name = device.name;
        if (device.model !== undefined) {
          const { id, name, features } = device.model;
          out.model = {
            ...(id !== undefined ? { id } : {}),
            ...(name !== undefined ? { name } : {}),
            ...(features !== undefined ? { features: features.filter((f) => LOCATION_UPDATE_FEATURES.has(f)) } : {}),
          };
        }
        if (device.site !== undefined) out.site = device.site;
        out.phoneLines = (device.phoneLines ?? []).map((line) => ({
          lineType: line.lineType,
          ...(line.phoneInfo
            ? {
                phoneInfo: {
                  id: line.phoneInfo.id,
                  ...(line.phoneInfo.phoneNumber !== undefined ? { phoneNumber: line.phoneInfo.phoneNumber } : {}),
                },
              }
            : {}),
        }));
        return out;
      });
      const uri = `${accountUri(request)}/emergency-address-auto-update/devices`;
      return pagedList(uri, request.url, records, { hasNext: result.next !== undefined }, page, perPage);
    },
  );

  app.post(
    '/restapi/v1.0/account/:accountId/emergency-address-auto-update/devices/bulk-assign',
    {
      schema: { hide: true, params: Type.Object({ accountId: PathId }), body: Type.Optional(BulkAssignBody) },
      config: permissions('EditAccounts', 'ConfigureEmergencyMaps'),
    },
    async (request, reply) => {
      const body = request.body ?? {};
      const viewer = viewerFrom(request);
      const changes: { id: string; enabled: boolean; parameter: string }[] = [];
      const listed = new Set<string>();
      for (const [member, enabled] of [
        ['enabledDeviceIds', true],
        ['disabledDeviceIds', false],
      ] as const) {
        for (const [i, deviceId] of (body[member] ?? []).entries()) {
          const parameter = `${member}[${i}]`;
          if (listed.has(deviceId)) {
            throw new AppError('invalid_parameter', `Device ${deviceId} is both enabled and disabled.`, {
              parameter,
            });
          }
          listed.add(deviceId);
          changes.push({ id: await locationUpdateDevice(devices, viewer, deviceId, parameter), enabled, parameter });
        }
      }
      if (changes.length > MAX_BULK_ASSIGN_IDS) {
        throw new AppError('invalid_parameter', `At most ${MAX_BULK_ASSIGN_IDS} device ids in one request.`, {
          parameter: 'disabledDeviceIds',
        });
      }
      const principal = principalOf(request);
      try {
        await deviceWrites.setEmergencyAutoUpdate(actorOf(principal, request.id), deviceEditorOf(principal), changes);
      } catch (error) {
        // A device deleted since it was checked: reported for its place in the body.
        const index = error instanceof AppError ? error.extras.index : undefined;
        const parameter = index === undefined ? undefined : changes[Number(index)]?.parameter;
        if (error instanceof AppError && error.code === 'device_not_found' && parameter !== undefined) {
          throw unknownListedDevice(parameter);
        }
        throw error;
      }
      return reply.code(204).send();
    },
  );
};

/** The canonical id of a listed device the caller may see and that has Automatic Location Update, else the error. */
async function locationUpdateDevice(
  devices: DeviceService,
  viewer: ReturnType<typeof viewerFrom>,
  deviceId: string,
  parameter: string,
): Promise<string> {
  const uuid = uuidOfNumericId(deviceId);
  if (uuid === undefined) throw unknownListedDevice(parameter);
  let kind: string;
  try {
    kind = (await devices.getDevice(viewer, uuid, { tags: false, connected: false, sightings: false, lines: false }))
      .row.kind;
  } catch (error) {
    if (error instanceof AppError && error.code === 'device_not_found') throw unknownListedDevice(parameter);
    throw error;
  }
  if (!(LOCATION_UPDATE_TYPES as readonly string[]).includes(kind)) {
    throw new AppError('invalid_parameter', `Device ${deviceId} is not a phone: it has no Automatic Location Update.`, {
      parameter,
    });
  }
  return uuid;
}

function unknownListedDevice(parameter: string): AppError {
  return new AppError('device_not_found', `Resource for parameter [${parameter}] is not found`, {
    parameter,
    [VENDOR_PARAMETER]: parameter,
  });
}

/** The canonical filter of the spec's query parameters: phones only (the record's types). */
function locationUpdateFilter(query: LocationUpdateDevicesQuery): DeviceFilter {
  const filter: { -readonly [K in keyof DeviceFilter]: DeviceFilter[K] } = { kinds: [...LOCATION_UPDATE_TYPES] };
  if (query.siteId !== undefined) {
    if (query.siteId === MAIN_SITE) filter.withoutSite = true;
    else {
      const site = uuidOfNumericId(query.siteId);
      if (site === undefined) throw new AppError('invalid_parameter', 'Unknown siteId.', { parameter: 'siteId' });
      filter.site = site;
    }
  }
  if (query.featureEnabled !== undefined) filter.emergencyAutoUpdate = query.featureEnabled;
  if (query.model !== undefined) {
    const models = [query.model]
      .flat()
      .flatMap((value) => value.split(','))
      .map((value) => value.trim())
      .filter((value) => value !== '');
    if (models.length > 20 || models.some((m) => !MODEL_ID.test(m))) {
      throw new AppError('invalid_parameter', 'model: model ids are letters, digits, dots and dashes.', {
        parameter: 'model',
      });
    }
    if (models.length > 0) filter.modelIds = models;
  }
  if (query.compatibleOnly === true) filter.productFeatures = ['HELD'];
  const words = (query.searchString ?? '').split(/\s+/).filter((w) => w !== '');
  if (words.length > 0) filter.nameWords = words;
  return filter;
}

/** `orderBy`: `name` ascending by default; `+name` / `-name`. Other fields are not ordered by. */
function orderOf(orderBy: string | undefined): Sort<DeviceSortField> {
  // A `+` in a query string reads as a space.
  const fields = (orderBy ?? 'name').split(',').map((field) => field.trim());
  const match = fields.length === 1 ? /^([+-]?)name$/.exec(fields[0]!) : null;
  if (!match) {
    throw new AppError('invalid_parameter', 'orderBy: only name (+name, -name) is supported.', {
      parameter: 'orderBy',
    });
  }
  return { field: 'name', direction: match[1] === '-' ? 'desc' : 'asc' };
}
