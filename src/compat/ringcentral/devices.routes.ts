/**
 * RingCentral's device endpoints (vendor-apis.md §4.2–4.5): read, update and the emergency update of one
 * account device, its SIP registration, and the devices of an extension, page by page (of several extensions at
 * once as an HTTP 207 batch, multipart.ts). Reads go through the
 * device service with the caller's viewer; writes through the device write service (rules, audit, version),
 * so RingCentral's answers and errors are the canonical ones in RingCentral's shape.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../errors.js';
import { principalOf, viewerFrom } from '../../http/auth.js';
import { actorOf } from '../../modules/audit/audit-trail.js';
import { ruleViolation } from '../../modules/devices/device-rules.js';
import type { DeviceFilter, DeviceRecord, DeviceSortField } from '../../modules/devices/device.repository.js';
import { DEVICE_KINDS } from '../../modules/devices/device.schemas.js';
import type { DeviceService } from '../../modules/devices/device.service.js';
import type { DevicePatchBody } from '../../modules/devices/device-write.schemas.js';
import { type DeviceWriteService, deviceEditorOf } from '../../modules/devices/device-write.service.js';
import type { DeviceLineService } from '../../modules/numbers/device-line.service.js';
import type { Sort } from '../../query/page.js';
import { numberedPage } from '../paging.js';
import { accountIdOf, callerTenantOf } from './auth.js';
import {
  OTHER_DEVICE_TYPE,
  type PresentOptions,
  RINGCENTRAL_DEVICE_TYPES,
  presentRingCentralDevice,
} from './device.presenter.js';
import {
  DEFAULT_PER_PAGE,
  DeviceParams,
  type EmergencyServiceAddressWrite,
  ExtensionParams,
  ListExtensionDevicesQuery,
  MAX_PER_PAGE,
  ReadDeviceQuery,
  UpdateDeviceBody,
  UpdateDeviceEmergencyBody,
  UpdateDeviceQuery,
} from './device.schemas.js';
import { type Directory, relatedOf, resolveExtension } from './extensions.js';
import { pagedList } from './paging-envelope.js';
import { uuidOfNumericId } from './ids.js';
import { type BatchPart, MAX_BATCH_IDS, renderBatch, wantsJsonMultipart } from './multipart.js';
import { renderRingCentralError } from './errors.js';
import type { RingCentralRoutePermissions } from './permissions.js';

export const RINGCENTRAL_PREFIX = '/compat/ringcentral';
const ORDER: Sort<DeviceSortField> = { field: 'id', direction: 'asc' };
/** RingCentral's SIP domain: the canonical device keeps its registration user and proxy, not a domain. */
export const SIP_DOMAIN = 'sip.ringcentral.com';
/** The region of a RingCentral SIP proxy, by its host's first label (sip10 NA, sip20 EMEA, sip40 APAC). */
export const SIP_PROXY_REGIONS: Readonly<Record<string, string>> = { sip10: 'NA', sip20: 'EMEA', sip40: 'APAC' };
/** The address members of DeviceEmergencyServiceAddressResource that the canonical emergency address keeps. */
const KEPT_ADDRESS_MEMBERS = [
  'country',
  'countryId',
  'countryIsoCode',
  'countryName',
  'state',
  'stateId',
  'stateIsoCode',
  'stateName',
  'city',
  'street',
  'street2',
  'zip',
  'customerName',
  'outOfCountry',
  'buildingName',
  'streetType',
  'buildingNumber',
] as const;

export interface RingCentralDeviceRouteOptions extends Directory {
  readonly devices: DeviceService;
  readonly deviceWrites: DeviceWriteService;
  readonly deviceLines: DeviceLineService;
  readonly publicBaseUrl?: string;
}

const permissions = (app: RingCentralRoutePermissions['app'], user: RingCentralRoutePermissions['user']) => ({
  ringcentralPermissions: { app, user },
});

export const ringCentralDeviceRoutes: FastifyPluginAsyncTypebox<RingCentralDeviceRouteOptions> = async (
  app,
  options,
) => {
  const { devices, deviceWrites, deviceLines, publicBaseUrl } = options;

  const accountUri = (request: FastifyRequest): string =>
    `${publicBaseUrl ?? `${request.protocol}://${request.host}`}${RINGCENTRAL_PREFIX}/restapi/v1.0/account/` +
    accountIdOf(callerTenantOf(request));

  const present = async (request: FastifyRequest, records: readonly DeviceRecord[], opts: PresentOptions = {}) => {
    const related = await relatedOf(options, viewerFrom(request), records);
    const context = { accountUri: accountUri(request), ...related };
    return records.map((record) => presentRingCentralDevice(record, context, opts));
  };

  const deviceOf = (request: FastifyRequest, deviceId: string): Promise<DeviceRecord> => {
    const uuid = uuidOfNumericId(deviceId);
    if (uuid === undefined) throw unknownDevice();
    return devices.getDevice(viewerFrom(request), uuid);
  };

  app.get(
    '/restapi/v1.0/account/:accountId/device/:deviceId',
    {
      schema: { hide: true, params: DeviceParams, querystring: ReadDeviceQuery },
      config: permissions('ReadAccounts', 'ReadCompanyDevices'),
    },
    async (request) => {
      // syncEmergencyAddress: the canonical emergency address is the one in effect, so there is nothing to sync.
      const [device] = await present(request, [await deviceOf(request, request.params.deviceId)]);
      return device;
    },
  );

  app.get(
    '/restapi/v1.0/account/:accountId/device/:deviceId/sip-info',
    { schema: { hide: true, params: DeviceParams }, config: permissions('ReadAccounts', 'ReadCompanyDevices') },
    async (request) => {
      const { row } = await deviceOf(request, request.params.deviceId);
      const out: Record<string, unknown> = { domain: SIP_DOMAIN };
      if (row.sip_outbound_proxy !== null) {
        const region = SIP_PROXY_REGIONS[row.sip_outbound_proxy.split('.')[0] ?? ''];
        out.outboundProxies = [{ ...(region ? { region } : {}), proxy: row.sip_outbound_proxy }];
      } else {
        out.outboundProxies = [];
      }
      if (row.sip_user_name !== null) out.userName = row.sip_user_name;
      if (row.sip_line_port !== null) out.authorizationId = row.sip_line_port;
      return out;
    },
  );

  app.put(
    '/restapi/v1.0/account/:accountId/device/:deviceId',
    {
      schema: { hide: true, params: DeviceParams, querystring: UpdateDeviceQuery, body: UpdateDeviceBody },
      config: permissions('EditAccounts', 'EditCompanyDevices'),
    },
    async (request) => {
      const { body } = request;
      const current = await deviceOf(request, request.params.deviceId);
      const principal = principalOf(request);
      const actor = actorOf(principal, request.id);
      const editor = deviceEditorOf(principal);
      const { phoneLines, ...members } = body;
      let record: DeviceRecord;
      if (phoneLines !== undefined) {
        if (Object.keys(members).length > 0) {
          throw new AppError(
            'invalid_parameter',
            'phoneLines is changed in a request of its own, so that a refused change stores nothing.',
            { parameter: 'phoneLines' },
          );
        }
        record = await deviceLines.replace(actor, editor, current.row.id, {
          lines: phoneLines.phoneLines.map((line, position) => {
            const phoneNumberId = uuidOfNumericId(line.id);
            if (phoneNumberId === undefined) {
              // As an id of no number of the tenant is refused by the line rules.
              throw ruleViolation(`lines[${position}].phoneNumberId`, 'unknown_phone_number', 'No such phone number.');
            }
            const kept = current.lines.find((l) => l.phone_number_id === phoneNumberId);
            return { position, phoneNumberId, lineType: (kept?.line_type ?? 'Standalone') as 'Standalone' };
          }),
        });
      } else {
        const patch: { -readonly [K in keyof DevicePatchBody]: DevicePatchBody[K] } = emergencyPatch(body);
        if (body.name !== undefined) patch.name = body.name;
        if (body.useAsCommonPhone !== undefined) patch.commonPhone = body.useAsCommonPhone;
        if (body.extension !== undefined) {
          const owner = await resolveExtension(options, principal, viewerFrom(request), String(body.extension.id));
          patch.personId = owner.type === 'person' ? owner.id : null;
          patch.workspaceId = owner.type === 'workspace' ? owner.id : null;
          patch.virtualLineId = null;
        }
        record = await deviceWrites.patch(actor, editor, current.row.id, patch);
      }
      const [device] = await present(request, [record], { billingStatement: request.query.prestatement === true });
      return device;
    },
  );

  app.put(
    '/restapi/v1.0/account/:accountId/device/:deviceId/emergency',
    {
      schema: { hide: true, params: DeviceParams, body: UpdateDeviceEmergencyBody },
      config: permissions('EditAccounts', 'EditCompanyDevices'),
    },
    async (request) => {
      const current = await deviceOf(request, request.params.deviceId);
      const principal = principalOf(request);
      const record = await deviceWrites.patch(
        actorOf(principal, request.id),
        deviceEditorOf(principal),
        current.row.id,
        emergencyPatch(request.body),
      );
      const [device] = await present(request, [record]);
      return device;
    },
  );

  app.get(
    '/restapi/v1.0/account/:accountId/extension/:extensionId/device',
    {
      schema: { hide: true, params: ExtensionParams, querystring: ListExtensionDevicesQuery },
      config: permissions('ReadAccounts', 'ReadUserDevices'),
    },
    async (request, reply) => {
      const { query } = request;
      const viewer = viewerFrom(request);
      const page = query.page ?? 1;
      const perPage = Math.min(query.perPage ?? DEFAULT_PER_PAGE, MAX_PER_PAGE);
      const filter: { -readonly [K in keyof DeviceFilter]: DeviceFilter[K] } = {};
      if (query.type !== undefined) filter.kinds = kindsOfType(query.type);
      if (query.linePooling !== undefined) filter.linePooling = query.linePooling;
      if (query.lineType !== undefined) filter.lineType = query.lineType;
      if (query.feature !== undefined) filter.productFeatures = [query.feature].flat();

      const listOf = async (extensionId: string) => {
        const owner = await resolveExtension(options, principalOf(request), viewer, extensionId);
        const ownerFilter = owner.type === 'person' ? { ownerPerson: owner.id } : { owner: owner.id };
        const result = await devices.listDevices(
          viewer,
          { ...filter, ...ownerFilter },
          numberedPage(ORDER, page, perPage, 1),
        );
        const records = await present(request, result.items);
        return pagedList(
          uriOf(extensionId),
          request.url,
          records,
          { hasNext: result.next !== undefined },
          page,
          perPage,
        );
      };
      const uriOf = (extensionId: string) => `${accountUri(request)}/extension/${extensionId}/device`;

      const ids = request.params.extensionId.split(',');
      if (ids.length === 1) return listOf(ids[0]!);
      if (ids.length > MAX_BATCH_IDS) {
        throw new AppError('invalid_parameter', `At most ${MAX_BATCH_IDS} extension ids in one request.`, {
          parameter: 'extensionId',
        });
      }
      // Bulk ids: each id answered in its own part, its failure as RingCentral's error body.
      const parts: BatchPart[] = [];
      for (const id of ids) {
        try {
          parts.push({ href: uriOf(id), status: 200, body: await listOf(id) });
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          const rendered = renderRingCentralError(error, request);
          parts.push({ href: uriOf(id), status: rendered.status, body: rendered.body });
        }
      }
      const batch = renderBatch(parts, wantsJsonMultipart(request.headers.accept));
      return reply.code(207).type(batch.contentType).send(batch.body);
    },
  );
};

/** The canonical emergency merge patch of an update's `emergency` and `emergencyServiceAddress`. */
function emergencyPatch(body: { emergency?: object; emergencyServiceAddress?: EmergencyServiceAddressWrite }): {
  -readonly [K in keyof DevicePatchBody]: DevicePatchBody[K];
} {
  if (body.emergency === undefined && body.emergencyServiceAddress === undefined) return {};
  const emergency: Record<string, unknown> = { ...((body.emergency ?? {}) as Record<string, unknown>) };
  if (body.emergencyServiceAddress !== undefined) {
    const address: Record<string, unknown> = {};
    for (const name of KEPT_ADDRESS_MEMBERS) {
      const value = body.emergencyServiceAddress[name];
      if (value !== undefined) address[name] = value;
    }
    const given = emergency.address;
    emergency.address = { ...address, ...(typeof given === 'object' && given !== null ? given : {}) };
  }
  return { emergency: emergency as DevicePatchBody['emergency'] };
}

/** The canonical kinds a RingCentral type stands for: OtherPhone also covers the kinds RingCentral has no type for. */
function kindsOfType(type: string): string[] {
  if (type !== OTHER_DEVICE_TYPE) return [type];
  return DEVICE_KINDS.filter(
    (kind) => kind === type || !(RINGCENTRAL_DEVICE_TYPES as readonly string[]).includes(kind),
  );
}

function unknownDevice(): AppError {
  return new AppError('device_not_found', 'Resource for parameter [deviceId] is not found', {
    parameter: 'deviceId',
  });
}
