/**
 * Genesys device reads (vendor-apis.md §2.3–2.4): the contact center's devices (admins), a user's devices
 * (admins), the caller's own (`/me/devices`), and `/me` with its devices and voice channel. A Genesys device is
 * a canonical device with a phone number. Lists answer URIs unless `fields` asks for attributes; every other
 * query parameter is an exact-match attribute filter. GWS documents no paging for devices (SILENT): a list
 * holds every matching device, up to GENESYS_MAX_LIST.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../../errors.js';
import { principalOf } from '../../http/auth.js';
import { type Principal, viewerOf } from '../../modules/access/principal.js';
import type { Role } from '../../modules/access/roles.js';
import { controlsCallerOf, type DeviceControlsService } from '../../modules/devices/device-controls.service.js';
import type { DeviceFilter, DeviceRecord } from '../../modules/devices/device.repository.js';
import type { DeviceService } from '../../modules/devices/device.service.js';
import type { AgentStateService } from '../../modules/people/agent-state.service.js';
import type { PersonService } from '../../modules/people/person.service.js';
import {
  type GenesysDevice,
  type GenesysUris,
  matchesFilters,
  presentAgentState,
  presentGenesysDevice,
  selectAttributes,
} from './device.presenter.js';

/** The most devices one list answers (GWS documents no paging for devices). */
export const GENESYS_MAX_LIST = 10_000;
const READ_BATCH = 500;

/** Query parameters that are not attribute filters. */
const RESERVED = new Set(['fields', 'subresources']);

const ListQuery = Type.Record(Type.String({ maxLength: 100 }), Type.String({ maxLength: 1000 }));
const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) });
const UserParams = Type.Object({ userId: Type.String({ minLength: 1, maxLength: 200 }) });

export const GENESYS_ROLES: Readonly<Record<Role, string>> = {
  admin: 'ROLE_ADMIN',
  readonly_admin: 'ROLE_ADMIN',
  supervisor: 'ROLE_SUPERVISOR',
  agent: 'ROLE_AGENT',
};

export interface GenesysDeviceRouteOptions {
  readonly devices: DeviceService;
  readonly controls: DeviceControlsService;
  readonly agentStates: AgentStateService;
  readonly people: PersonService;
  readonly uris: (request: FastifyRequest) => GenesysUris;
}

export const genesysDeviceRoutes: FastifyPluginAsyncTypebox<GenesysDeviceRouteOptions> = async (app, options) => {
  const { people } = options;
  const reader = deviceReader(options);

  app.get('/api/v2/devices', { schema: { hide: true, querystring: ListQuery } }, async (request) =>
    reader.list(request, {}, request.query),
  );

  app.get(
    '/api/v2/devices/:id',
    { schema: { hide: true, params: IdParams, querystring: ListQuery } },
    async (request) => reader.one(request, request.params.id, request.query, false),
  );

  app.get(
    '/api/v2/users/:userId/devices',
    { schema: { hide: true, params: UserParams, querystring: ListQuery } },
    async (request) => {
      const principal = principalOf(request);
      const { row } = await people.getPerson(viewerOf(principal), request.params.userId, { userGroups: false });
      return reader.list(request, { ownerPerson: row.id }, request.query);
    },
  );

  app.get('/api/v2/me/devices', { schema: { hide: true, querystring: ListQuery } }, async (request) =>
    reader.list(request, { ownerPerson: personOf(principalOf(request)) }, request.query),
  );

  app.get(
    '/api/v2/me/devices/:id',
    { schema: { hide: true, params: IdParams, querystring: ListQuery } },
    async (request) => reader.one(request, request.params.id, request.query, true),
  );

  app.get('/api/v2/me', { schema: { hide: true, querystring: ListQuery } }, async (request) => {
    const principal = principalOf(request);
    const personId = personOf(principal);
    const { row } = await people.getPerson(viewerOf(principal), personId, { userGroups: false });
    const state = row.agent_state === null ? undefined : { state: row.agent_state, workMode: row.agent_work_mode };
    const user: Record<string, unknown> = {
      id: row.id,
      userName: row.username,
      firstName: row.first_name ?? '',
      lastName: row.last_name ?? '',
      roles: [GENESYS_ROLES[principal.role]],
    };
    if (request.query.subresources === '*') {
      const mine = await reader.read(request, { ownerPerson: personId });
      user.devices = mine;
      user.channels = [{ name: 'voice', ...(state ? { userState: presentAgentState(state) } : {}) }];
    }
    return { statusCode: 0, user };
  });
};

/** The caller's own person; a credential that acts as nobody (an admin's API key) has no `/me`: not found. */
export function personOf(principal: Principal): string {
  if (principal.personId === null) {
    throw new AppError('person_not_found', 'This credential acts as no person: /me needs a user login.');
  }
  return principal.personId;
}

/** Reads devices for a request and presents them, whole or by the requested attributes. */
export function deviceReader({ devices, controls, agentStates, uris }: GenesysDeviceRouteOptions) {
  async function present(request: FastifyRequest, records: DeviceRecord[]): Promise<GenesysDevice[]> {
    const principal = principalOf(request);
    const caller = controlsCallerOf(principal);
    const telephony = await controls.telephonyOfMany(caller, records);
    const owners = records.map((r) => r.row.owner_person_id).filter((id): id is string => id !== null);
    const states = await agentStates.statesOf(principal.tenantId, owners);
    const u = uris(request);
    return records.map((record, i) =>
      presentGenesysDevice(record, telephony[i]!, states.get(record.row.owner_person_id ?? ''), u),
    );
  }

  /** Every device of the filter the caller may see, with a phone number, presented (up to GENESYS_MAX_LIST). */
  async function read(request: FastifyRequest, filter: DeviceFilter): Promise<GenesysDevice[]> {
    const viewer = viewerOf(principalOf(request));
    const records: DeviceRecord[] = [];
    let after;
    do {
      const page = await devices.listDevices(
        viewer,
        { ...filter, hasPhoneNumber: true },
        {
          sort: { field: 'id', direction: 'asc' },
          limit: Math.min(READ_BATCH, GENESYS_MAX_LIST - records.length),
          after,
        },
      );
      records.push(...page.items);
      after = page.next;
    } while (after && records.length < GENESYS_MAX_LIST);
    return present(request, records);
  }

  return {
    read,
    async list(request: FastifyRequest, filter: DeviceFilter, query: Record<string, string>) {
      const fields = fieldsOf(query);
      const filters = Object.fromEntries(Object.entries(query).filter(([k]) => !RESERVED.has(k)));
      const found = (await read(request, filter)).filter((d) => matchesFilters(d, filters));
      if (fields === undefined) return { statusCode: 0, uris: found.map((d) => uris(request).device(d.id)) };
      return { statusCode: 0, devices: found.map((d) => selectAttributes(d, fields)) };
    },
    async one(request: FastifyRequest, id: string, query: Record<string, string>, mine: boolean) {
      const principal = principalOf(request);
      const record = await devices.getDevice(viewerOf(principal), id);
      if ((mine && record.row.owner_person_id !== personOf(principal)) || record.lines.length === 0) {
        throw new AppError('device_not_found', `There is no device with id '${id.slice(0, 64)}'.`);
      }
      const [device] = await present(request, [record]);
      return { statusCode: 0, device: selectAttributes(device!, fieldsOf(query) ?? '*') };
    },
  };
}

/** `fields`: absent → undefined (URIs), `*` → everything, else the named attributes. */
function fieldsOf(query: Record<string, string>): readonly string[] | '*' | undefined {
  const raw = query.fields;
  if (raw === undefined) return undefined;
  if (raw.trim() === '*') return '*';
  return raw
    .split(',')
    .map((f) => f.trim())
    .filter((f) => f !== '');
}
