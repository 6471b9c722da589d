/**
 * The Webex Devices API (vendor-apis.md §3.2–3.4): list with every filter of §3.3 on the canonical device
 * filter (start/max paging, Link rel="next"), get, create by MAC and model, tags by JSON Patch
 * (`application/json-patch+json`), delete, and activation codes. Every change goes through the canonical write
 * services (rules, audit trail); docs/compat/webex.md lists the SILENT points and the choices made.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError, invalidParameter } from '../../errors.js';
import { principalOf, viewerFrom } from '../../http/auth.js';
import { actsAsPerson, type Principal } from '../../modules/access/principal.js';
import { actorOf } from '../../modules/audit/audit-trail.js';
import type { DeviceFilter, DeviceRecord, DeviceSortField } from '../../modules/devices/device.repository.js';
import { ruleViolation } from '../../modules/devices/device-rules.js';
import type { DeviceBody } from '../../modules/devices/device-write.schemas.js';
import { deviceEditorOf } from '../../modules/devices/device-write.service.js';
import { parseMac } from '../../modules/devices/mac-address.js';
import type { TenantSummary } from '../../modules/tenants/tenant.service.js';
import type { Sort } from '../../query/page.js';
import {
  CISCO_MANUFACTURER,
  KINDS_BY_TYPE,
  PLANNED_MAINTENANCE_MODE,
  XAPI_KINDS,
  callerChangesDevices,
  presentWebexDevice,
} from './device.presenter.js';
import {
  ActivationCode,
  ActivationCodeBody,
  CreateDeviceBody,
  DeviceCollection,
  DeviceIdParams,
  DeviceListQuery,
  OrgQuery,
  WebexDevice,
  type WebexDeviceType,
} from './device.schemas.js';
import { canonicalIdOf, type WebexKind } from './ids.js';
import { originOf, type WebexOptions } from './index.js';
import { linkNext, webexPageRequest } from './paging.js';

/** The stable order of every list: the walk with start/max sees each device once. */
const ORDER: Sort<DeviceSortField> = { field: 'id', direction: 'asc' };
export const JSON_PATCH_TYPE = 'application/json-patch+json';
/** Both spellings of the one patchable path: Webex's ("tags") and a JSON Pointer ("/tags"). */
const TAG_PATHS = ['tags', '/tags'];
/** Tags per device and characters per tag, as the native API allows. */
const MAX_TAGS = 100;
const MAX_TAG_LENGTH = 100;
/** Operations per JSON Patch document. */
const MAX_PATCH_OPERATIONS = 50;
/** Attempts of a tag patch racing other writes to the same device (the patch reads the tags it changes). */
const PATCH_ATTEMPTS = 3;

export const webexDeviceRoutes: FastifyPluginAsyncTypebox<WebexOptions> = async (app, { services, publicBaseUrl }) => {
  const { devices, deviceWrites, activation, products } = services;
  acceptJsonPatch(app);

  app.get(
    '/v1/devices',
    { schema: { hide: true, querystring: DeviceListQuery, response: { 200: DeviceCollection } } },
    async (request, reply) => {
      const principal = principalOf(request);
      const tenant = tenantOf(request);
      for (const name of ['max', 'start'] as const) {
        // "1e309" coerces to Infinity, which the schema's integer check lets through.
        const value = request.query[name];
        if (value !== undefined && !Number.isSafeInteger(value)) {
          throw invalidParameter(name, `${name} must be a whole number.`);
        }
      }
      const page = webexPageRequest(ORDER, request.query);
      const filter = listFilter(request.query, principal);
      if (filter === undefined) return { items: [] };
      const result = await devices.listDevices(viewerFrom(request), filter, page);
      linkNext(request, reply, originOf(request, publicBaseUrl), page, result.next !== undefined);
      return { items: result.items.map((record) => presentWebexDevice(record, tenant, principal)) };
    },
  );

  app.get(
    '/v1/devices/:deviceId',
    { schema: { hide: true, params: DeviceIdParams, querystring: OrgQuery, response: { 200: WebexDevice } } },
    async (request) => {
      const { deviceId } = request.params;
      const record = await notFoundAs(deviceId, () => devices.getDevice(viewerFrom(request), deviceIdOf(deviceId)));
      return presentWebexDevice(record, tenantOf(request), principalOf(request));
    },
  );

  app.post(
    '/v1/devices',
    {
      schema: {
        hide: true,
        querystring: OrgQuery,
        body: CreateDeviceBody,
        response: { 200: WebexDevice },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { mac, model, password } = request.body;
      if (password !== undefined) {
        throw ruleViolation(
          'password',
          'sip_password_unsupported',
          'Create the device without a password, then set it with PUT /telephony/config/devices/{deviceId}.',
        );
      }
      const owner = ownerOf(request.body, principal);
      const product = await productOfModel(model);
      const body = { kind: product.kind, productId: product.id, mac, ...owner } as DeviceBody;
      const record = await deviceWrites.create(actorOf(principal, request.id), deviceEditorOf(principal), body);
      return presentWebexDevice(record, tenantOf(request), principal);
    },
  );

  app.patch(
    '/v1/devices/:deviceId',
    {
      schema: { hide: true, params: DeviceIdParams, querystring: OrgQuery, response: { 200: WebexDevice } },
      preValidation: async (request) => requireJsonPatch(request),
    },
    async (request) => {
      const principal = principalOf(request);
      const { deviceId } = request.params;
      const operations = parseTagPatch(request.body);
      const id = deviceIdOf(deviceId);
      const record = await notFoundAs(deviceId, async () => {
        for (let attempt = 1; ; attempt++) {
          const current = await devices.getDevice(viewerFrom(request), id);
          const tags = applyTagPatch(current.tags, operations);
          try {
            return await deviceWrites.patch(
              actorOf(principal, request.id),
              deviceEditorOf(principal),
              id,
              { tags },
              (now: DeviceRecord) => now.row.version === current.row.version,
            );
          } catch (error) {
            const raced = error instanceof AppError && error.code === 'precondition_failed';
            if (!raced || attempt >= PATCH_ATTEMPTS) {
              throw raced ? new AppError('write_conflict', 'The device kept changing; retry the patch.') : error;
            }
          }
        }
      });
      return presentWebexDevice(record, tenantOf(request), principal);
    },
  );

  app.delete(
    '/v1/devices/:deviceId',
    { schema: { hide: true, params: DeviceIdParams, querystring: OrgQuery, response: { 204: Type.Null() } } },
    async (request, reply) => {
      const principal = principalOf(request);
      const { deviceId } = request.params;
      await notFoundAs(deviceId, () =>
        deviceWrites.delete(actorOf(principal, request.id), deviceEditorOf(principal), deviceIdOf(deviceId)),
      );
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/v1/devices/activationCode',
    {
      schema: {
        hide: true,
        querystring: OrgQuery,
        body: ActivationCodeBody,
        response: { 200: ActivationCode },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { model } = request.body;
      if (model === undefined) {
        throw ruleViolation('model', 'model_required', 'Ucfleet pre-creates the device: name its model.');
      }
      const owner = ownerOf(request.body, principal);
      const issued = await activation.issue(actorOf(principal, request.id), deviceEditorOf(principal), {
        ...owner,
        model,
      });
      return { code: issued.code, expiryTime: new Date(issued.expiresAt).toISOString() };
    },
  );

  /** The catalogue product a Webex `model` names: by its name or model id, exactly (the oldest if several). */
  async function productOfModel(model: string): Promise<{ id: string; kind: string }> {
    const wanted = model.trim();
    const page = await products.listProducts(
      { q: wanted },
      { sort: { field: 'id', direction: 'asc' }, limit: 500 },
      { firmware: false },
    );
    const exact = page.items
      .map((p) => p.row)
      .filter((p) => p.name === wanted || p.model_id === wanted)
      .sort((a, b) => a.created_at - b.created_at || a.id.localeCompare(b.id))[0];
    if (!exact) throw ruleViolation('model', 'unknown_model', `No product in the catalogue is named '${wanted}'.`);
    return { id: exact.id, kind: exact.device_kind };
  }
};

/** The canonical list filter for the Webex parameters; undefined when they can match no device. */
export function listFilter(query: DeviceListQuery, caller: Principal): DeviceFilter | undefined {
  const filter: { -readonly [K in keyof DeviceFilter]: DeviceFilter[K] } = {};
  let kinds: readonly string[] | undefined;
  const narrowKinds = (allowed: readonly string[]) => {
    kinds = kinds === undefined ? allowed : kinds.filter((k) => allowed.includes(k));
  };
  const given = (value: string | undefined): value is string => value !== undefined && value.trim() !== '';

  if (given(query.displayName)) filter.nameContains = query.displayName.trim();
  const person = given(query.personId) ? canonicalIdOf('person', query.personId.trim()) : null;
  const workspace = given(query.workspaceId) ? canonicalIdOf('workspace', query.workspaceId.trim()) : null;
  // An id that names no person (or workspace) owns no device; a device has one owner, never both.
  if (person === undefined || workspace === undefined || (person !== null && workspace !== null)) return undefined;
  if (person !== null || workspace !== null) filter.owner = (person ?? workspace)!;

  switch (query.connectionStatus) {
    case undefined:
      break;
    case 'activating':
      filter.activating = true;
      break;
    case 'connected':
      Object.assign(filter, { status: 'Online', activating: false });
      break;
    case 'disconnected':
      Object.assign(filter, { status: 'Offline', activating: false });
      break;
    default:
      return undefined; // never shown: Ucfleet records no such state
  }
  if (given(query.product)) filter.product = query.product.trim();
  if (query.type !== undefined) narrowKinds(KINDS_BY_TYPE[query.type as WebexDeviceType]);
  if (given(query.serial)) filter.serial = query.serial.trim();
  const tags = (query.tag ?? []).flatMap((t) => t.split(',')).map((t) => t.trim());
  if (tags.some((t) => t !== '')) filter.tags = [...new Set(tags.filter((t) => t !== ''))];
  if (given(query.software)) filter.firmware = query.software.trim();
  if (given(query.upgradeChannel)) filter.upgradeChannel = query.upgradeChannel.trim();
  if (given(query.errorCode)) return undefined; // Ucfleet keeps no device error codes
  if (query.capability !== undefined || query.permission !== undefined) {
    filter.manufacturer = CISCO_MANUFACTURER;
    narrowKinds(XAPI_KINDS);
  }
  if (query.permission === 'xapi:all') {
    if (!callerChangesDevices(caller, undefined)) return undefined;
    if (caller.role !== 'admin') filter.ownerPerson = caller.personId ?? '';
  }
  const location = given(query.locationId) ? canonicalIdOf('location', query.locationId.trim()) : null;
  const workspaceLocation = given(query.workspaceLocationId)
    ? canonicalIdOf('location', query.workspaceLocationId.trim())
    : null;
  if (location === undefined || workspaceLocation === undefined) return undefined;
  if (location !== null && workspaceLocation !== null && location !== workspaceLocation) return undefined;
  if (location !== null || workspaceLocation !== null) filter.site = (location ?? workspaceLocation)!;
  if (given(query.mac)) {
    const parsed = parseMac(query.mac);
    if (!parsed.ok) throw invalidParameter('mac', `mac breaks rule ${parsed.rule}: ${parsed.message}`);
    filter.mac = parsed.mac;
  }
  if (query.devicePlatform === 'cisco') filter.manufacturer = CISCO_MANUFACTURER;
  if (query.devicePlatform === 'microsoftTeamsRoom') return undefined; // Ucfleet knows no Teams Rooms platform
  if (query.plannedMaintenance !== undefined && query.plannedMaintenance !== PLANNED_MAINTENANCE_MODE) {
    return undefined;
  }
  if (kinds !== undefined) {
    if (kinds.length === 0) return undefined;
    filter.kinds = kinds;
  }
  return filter;
}

/** The owner a create or activation body names, in canonical ids (both → 400; none → the caller, if personal). */
function ownerOf(
  body: { personId?: string; workspaceId?: string },
  caller: Principal,
): { personId?: string; workspaceId?: string } {
  if (body.personId !== undefined && body.workspaceId !== undefined) {
    throw ruleViolation(
      'workspaceId',
      'owner_person_or_workspace',
      'A device belongs to a person or to a workspace, not both: send personId or workspaceId.',
    );
  }
  if (body.personId !== undefined) return { personId: referenced('person', 'personId', body.personId) };
  if (body.workspaceId !== undefined) return { workspaceId: referenced('workspace', 'workspaceId', body.workspaceId) };
  if (actsAsPerson(caller.role)) return {};
  throw ruleViolation('personId', 'owner_required', 'A device is for a person or a workspace: send one of them.');
}

function referenced(kind: WebexKind, field: string, id: string): string {
  const canonical = canonicalIdOf(kind, id.trim());
  if (canonical === undefined) {
    throw ruleViolation(field, `unknown_${kind}`, `There is no ${kind} with id '${id.slice(0, 300)}'.`);
  }
  return canonical;
}

/** The canonical id of a Webex device id; a malformed one, or another type's, names no device. */
function deviceIdOf(deviceId: string): string {
  const id = canonicalIdOf('device', deviceId);
  if (id === undefined) throw deviceNotFound(deviceId);
  return id;
}

/** Webex's 404 text is SILENT: the message names the id as the caller sent it. */
function deviceNotFound(deviceId: string): AppError {
  return new AppError('device_not_found', `The requested device '${deviceId.slice(0, 300)}' was not found.`);
}

/** Runs `work`, answering the canonical device_not_found in terms of the Webex id. */
async function notFoundAs<T>(deviceId: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError && error.code === 'device_not_found') throw deviceNotFound(deviceId);
    throw error;
  }
}

function tenantOf(request: FastifyRequest): TenantSummary {
  if (!request.callerTenant) throw new AppError('unauthenticated', 'Authentication required.');
  return request.callerTenant;
}

/** application/json-patch+json, parsed like JSON (prototype poisoning refused), for PATCH only. */
export function acceptJsonPatch(app: FastifyInstance): void {
  const json = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser(JSON_PATCH_TYPE, { parseAs: 'string' }, (request, body, done) => {
    if (request.method !== 'PATCH') {
      done(new AppError('unsupported_media_type', `${JSON_PATCH_TYPE} is accepted by PATCH only.`), undefined);
      return;
    }
    json(request, body as string, done);
  });
}

/** Tags and configurations are patched with a JSON Patch document only: any other media type is 415. */
export function requireJsonPatch(request: FastifyRequest): void {
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== JSON_PATCH_TYPE) {
    throw new AppError('unsupported_media_type', `Send a JSON Patch document (${JSON_PATCH_TYPE}).`);
  }
}

export interface TagOperation {
  readonly op: 'add' | 'remove' | 'replace';
  readonly value?: readonly string[];
}

/**
 * A JSON Patch of the tags: an array of operations, or (as the spec's schema shows it) one operation object.
 * Each names path "tags" (or "/tags"); add and replace carry the tags, remove carries none.
 */
export function parseTagPatch(body: unknown): TagOperation[] {
  const list = Array.isArray(body) ? (body as unknown[]) : body === undefined || body === null ? null : [body];
  if (list === null) throw bodyError('body', 'The body is a JSON Patch document: [{"op","path","value"}].');
  if (list.length > MAX_PATCH_OPERATIONS) {
    throw bodyError('body', `A JSON Patch document has at most ${MAX_PATCH_OPERATIONS} operations.`);
  }
  return list.map((item, i) => {
    const at = Array.isArray(body) ? `/${i}` : '';
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw bodyError(`body${at}`, 'Each operation is an object {"op","path","value"}.');
    }
    const members = item as Record<string, unknown>;
    const unknown = Object.keys(members).find((k) => k !== 'op' && k !== 'path' && k !== 'value');
    if (unknown !== undefined) {
      throw new AppError('invalid_body', `Unknown body parameter '${unknown.slice(0, 100)}'.`, { parameter: unknown });
    }
    const { op, path, value } = members;
    if (op !== 'add' && op !== 'remove' && op !== 'replace') {
      throw bodyError(`op`, 'op must be one of add, remove, replace.');
    }
    if (typeof path !== 'string' || !TAG_PATHS.includes(path)) {
      throw bodyError('path', 'Only the tags of a device may be patched: path must be "tags".');
    }
    if (op === 'remove') {
      if (value !== undefined) throw bodyError('value', 'remove takes no value: it removes every tag.');
      return { op };
    }
    if (!Array.isArray(value) || value.length > MAX_TAGS) {
      throw bodyError('value', `${op} takes the tags as an array of at most ${MAX_TAGS} strings.`);
    }
    for (const tag of value) {
      if (typeof tag !== 'string' || tag.trim() === '' || tag.length > MAX_TAG_LENGTH) {
        throw bodyError('value', `A tag is a non-blank string of at most ${MAX_TAG_LENGTH} characters.`);
      }
    }
    return { op, value: value as string[] };
  });
}

/** The tags after the operations, in order: add appends the new ones, replace sets them, remove clears them. */
export function applyTagPatch(current: readonly string[], operations: readonly TagOperation[]): string[] {
  let tags = [...current];
  for (const { op, value = [] } of operations) {
    if (op === 'remove') tags = [];
    else if (op === 'replace') tags = [...new Set(value)];
    else tags = [...new Set([...tags, ...value])];
  }
  if (tags.length > MAX_TAGS) throw bodyError('value', `A device has at most ${MAX_TAGS} tags.`);
  return tags;
}

function bodyError(parameter: string, detail: string): AppError {
  return new AppError('invalid_body', detail, { parameter });
}
