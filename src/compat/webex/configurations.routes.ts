/**
 * Webex device configurations (`/v1/deviceConfigurations?deviceId=`): a RoomOS (xAPI) device's configured values,
 * listed (GET, with the spec's `key` filter: absolute, wildcard, range) and changed by a JSON Patch whose paths are
 * `<Key.Path>/sources/configured/value` (PATCH, `replace` sets a value, `remove` reverts to the device default).
 * A thin rendering over DeviceConfigurationService. docs/compat/webex.md "Device configurations" lists the
 * choices: Ucfleet knows no factory defaults or value spaces, so it answers the configured keys only.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type Static, Type } from 'typebox';
import { AppError, invalidParameter } from '../../errors.js';
import { principalOf } from '../../http/auth.js';
import type { Principal } from '../../modules/access/principal.js';
import { actorOf } from '../../modules/audit/audit-trail.js';
import type { DeviceRecord } from '../../modules/devices/device.repository.js';
import { configurationKeyFilter } from '../../modules/devices/device-configuration-keys.js';
import type { ConfigurationOperation, ConfigurationValue } from '../../modules/devices/device-configuration.service.js';
import type { Services } from '../../services.js';
import { callerChangesDevices, hasXapi } from './device.presenter.js';
import { acceptJsonPatch, requireJsonPatch } from './devices.routes.js';
import { webexId } from './ids.js';
import { deviceOf } from './lookups.js';

const CONFIGURED_VALUE_PATH = '/sources/configured/value';
/** Operations one patch may carry (SILENT in the spec). */
export const MAX_CONFIGURATION_OPERATIONS = 100;

const DeviceQuery = Type.Object({
  deviceId: Type.String({ minLength: 1, maxLength: 300 }),
  orgId: Type.Optional(Type.String({ maxLength: 300 })),
});
const ListQuery = Type.Object({ ...DeviceQuery.properties, key: Type.Optional(Type.String({ maxLength: 300 })) });
const Editability = Type.Object(
  { isEditable: Type.Boolean(), reason: Type.Optional(Type.String()) },
  { additionalProperties: false },
);
const Value = Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]);
const Configuration = Type.Object(
  {
    value: Value,
    source: Type.Enum(['default', 'configured']),
    sources: Type.Object(
      {
        default: Type.Object({ value: Value, editability: Editability }, { additionalProperties: false }),
        configured: Type.Object({ value: Value, editability: Editability }, { additionalProperties: false }),
      },
      { additionalProperties: false },
    ),
    valueSpace: Type.Object({}, { additionalProperties: false }),
  },
  { additionalProperties: false },
);
const ConfigurationCollection = Type.Object(
  { deviceId: Type.String(), items: Type.Record(Type.String(), Configuration) },
  { additionalProperties: false },
);
type ConfigurationCollection = Static<typeof ConfigurationCollection>;

export interface WebexConfigurationOptions {
  readonly services: Services;
}

export const webexConfigurationRoutes: FastifyPluginAsyncTypebox<WebexConfigurationOptions> = async (
  app,
  { services },
) => {
  acceptJsonPatch(app);

  /** The RoomOS device a query names; another device has no configurations (400). */
  async function roomDevice(request: Parameters<typeof deviceOf>[1], id: string): Promise<DeviceRecord> {
    const device = await deviceOf(services, request, id);
    if (!hasXapi(device.row)) {
      throw invalidParameter('deviceId', 'Configurations belong to RoomOS (xAPI) devices; this device has none.');
    }
    return device;
  }

  app.get(
    '/v1/deviceConfigurations',
    { schema: { hide: true, querystring: ListQuery, response: { 200: ConfigurationCollection } } },
    async (request) => {
      const { deviceId, key } = request.query;
      const filter = key === undefined ? undefined : configurationKeyFilter(key);
      if (key !== undefined && filter === undefined) {
        throw invalidParameter('key', 'key is a configuration key, with * for segments and [a..b] for indexes.');
      }
      const device = await roomDevice(request, deviceId);
      const values = await services.deviceConfigurations.configured(device.row.tenant_id, device.row.id, filter);
      return presentConfigurations(device, values, principalOf(request));
    },
  );

  app.patch(
    '/v1/deviceConfigurations',
    {
      schema: { hide: true, querystring: DeviceQuery, response: { 201: ConfigurationCollection } },
      preValidation: async (request) => requireJsonPatch(request),
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const operations = parseConfigurationPatch(request.body);
      const device = await roomDevice(request, request.query.deviceId);
      if (!callerChangesDevices(principal, device.row.owner_person_id)) {
        throw new AppError('device_not_owned', 'You may read this device but not change its configurations.');
      }
      const at = (i: number, member: string) => (Array.isArray(request.body) ? `/${i}/${member}` : member);
      await services.deviceConfigurations.apply(actorOf(principal, request.id), device.row.id, operations, at);
      const values = await services.deviceConfigurations.configured(device.row.tenant_id, device.row.id);
      return reply.code(201).send(presentConfigurations(device, values, principal));
    },
  );
};

/** The collection: each configured key with its sources (the default is unknown to Ucfleet: null). */
function presentConfigurations(
  device: DeviceRecord,
  values: ReadonlyMap<string, ConfigurationValue>,
  caller: Principal,
): ConfigurationCollection {
  const editable = callerChangesDevices(caller, device.row.owner_person_id);
  const items: ConfigurationCollection['items'] = {};
  for (const [key, value] of values) {
    items[key] = {
      value,
      source: 'configured',
      sources: {
        default: { value: null, editability: { isEditable: false, reason: 'FACTORY_DEFAULT' } },
        configured: {
          value,
          editability: editable ? { isEditable: true } : { isEditable: false, reason: 'NOT_AUTHORIZED' },
        },
      },
      valueSpace: {},
    };
  }
  return { deviceId: webexId('device', device.row.id), items };
}

function bodyError(parameter: string, message: string): AppError {
  return new AppError('invalid_body', message, { parameter });
}

/**
 * The patch: an array of operations, or one operation object (the spec's schema shows one, its example an array).
 * Each is {op: replace|remove, path: "<key>/sources/configured/value", value (replace only)}.
 */
export function parseConfigurationPatch(body: unknown): ConfigurationOperation[] {
  const list = Array.isArray(body) ? (body as unknown[]) : body === undefined || body === null ? null : [body];
  if (list === null || list.length === 0) {
    throw bodyError('body', 'The body is a JSON Patch document: [{"op","path","value"}].');
  }
  if (list.length > MAX_CONFIGURATION_OPERATIONS) {
    throw bodyError('body', `A JSON Patch document has at most ${MAX_CONFIGURATION_OPERATIONS} operations.`);
  }
  return list.map((item, i) => {
    const at = (member: string) => (Array.isArray(body) ? `/${i}/${member}` : member);
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw bodyError(at('op'), 'Each operation is an object {"op","path","value"}.');
    }
    const members = item as Record<string, unknown>;
    const unknown = Object.keys(members).find((k) => k !== 'op' && k !== 'path' && k !== 'value');
    if (unknown !== undefined) {
      throw bodyError(unknown, `Unknown body parameter '${unknown.slice(0, 100)}'.`);
    }
    const { op, path, value } = members;
    if (op !== 'replace' && op !== 'remove') throw bodyError(at('op'), "op is 'replace' or 'remove'.");
    if (typeof path !== 'string' || !path.endsWith(CONFIGURED_VALUE_PATH)) {
      throw bodyError(at('path'), `Only paths ending in ${CONFIGURED_VALUE_PATH} are supported.`);
    }
    const key = path.slice(0, -CONFIGURED_VALUE_PATH.length);
    if (op === 'remove') {
      if (value !== undefined) throw bodyError(at('value'), 'A remove operation carries no value.');
      return { op, key };
    }
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      throw bodyError(at('value'), "A replace operation's value is a string, a number or a boolean.");
    }
    return { op, key, value };
  });
}
