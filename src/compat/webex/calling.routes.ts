/**
 * Webex Calling device routes under /v1/telephony/config (vendor-apis.md §3.2, §3.5, §3.6; seed 002): device
 * details, members (GET, and PUT replacing the lines that have a member), available members and their counts,
 * MAC validation, apply changes, a person's and a workspace's devices, supported devices (device settings,
 * layouts and hoteling: settings.routes.ts).
 * A Webex Calling device is a canonical device of a calling kind (CALLING_KINDS); any other id — malformed, of
 * another type, another tenant's, or a headset — is 404. docs/compat/webex.md lists the SILENT choices.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { AppError, invalidParameter } from '../../errors.js';
import { principalOf } from '../../http/auth.js';
import { viewerOf } from '../../modules/access/principal.js';
import { actorOf } from '../../modules/audit/audit-trail.js';
import type { DeviceRecord } from '../../modules/devices/device.repository.js';
import { ruleViolation } from '../../modules/devices/device-rules.js';
import { deviceEditorOf } from '../../modules/devices/device-write.service.js';
import type { MemberSearch } from '../../modules/numbers/line-member.repository.js';
import type { LineMember, LineMemberKind, RequestedMember } from '../../modules/numbers/line-member.service.js';
import type { Services } from '../../services.js';
import {
  APPLICATION_KINDS,
  CALLING_KINDS,
  DEVICE_COUNT_LIMIT,
  FIXED_MEMBER_SETTINGS,
  SUPPORTED_DEVICE_KINDS,
  UNKNOWN_MODEL_LINE_COUNT,
  UPGRADE_CHANNELS,
  presentAvailableMember,
  presentCallingDevice,
  presentMembers,
  presentOwnedDevice,
  presentSupportedDevice,
  webexModelType,
} from './calling.presenter.js';
import {
  AvailableMembers,
  AvailableMembersQuery,
  CallingDevice,
  DeviceParams,
  MacValidation,
  MemberCountQuery,
  Members,
  MembersBody,
  OrgMemberCountQuery,
  OrgQuery,
  PersonDeviceCount,
  PersonDevices,
  PersonParams,
  SupportedDevices,
  SupportedDevicesQuery,
  TotalCount,
  ValidateMacsBody,
  WorkspaceDevices,
  WorkspaceParams,
} from './calling.schemas.js';
import { canonicalIdOf } from './ids.js';
import { callingDeviceOf } from './lookups.js';
import { linkNext } from './paging.js';

const BASE = '/v1/telephony/config';
/** availableMembers: Webex's default page size, and the most one page answers (SILENT; larger is clamped). */
export const AVAILABLE_MEMBERS_DEFAULT_MAX = 2000;
export const AVAILABLE_MEMBERS_MAX_LIMIT = 10_000;
/** The catalogue is read in pages of this size for supportedDevices. */
const CATALOGUE_PAGE = 500;

export interface WebexCallingOptions {
  readonly services: Services;
  readonly publicBaseUrl?: string;
}

export const webexCallingRoutes: FastifyPluginAsyncTypebox<WebexCallingOptions> = async (app, options) => {
  const { services, publicBaseUrl } = options;

  /** The Webex Calling device a Webex id names, as the caller may see it; else device_not_found. */
  const callingDevice = (request: FastifyRequest, id: string) => callingDeviceOf(services, request, id);

  async function maxLineCountOf(device: DeviceRecord): Promise<number> {
    if (device.row.product_id === null) return UNKNOWN_MODEL_LINE_COUNT;
    const product = await services.products.getProduct(device.row.product_id, { firmware: false });
    return product.row.line_count ?? UNKNOWN_MODEL_LINE_COUNT;
  }

  app.get(
    `${BASE}/devices/:deviceId`,
    { schema: { hide: true, params: DeviceParams, querystring: OrgQuery, response: { 200: CallingDevice } } },
    async (request) => presentCallingDevice(await callingDevice(request, request.params.deviceId)),
  );

  app.get(
    `${BASE}/devices/:deviceId/members`,
    { schema: { hide: true, params: DeviceParams, querystring: OrgQuery, response: { 200: Members } } },
    async (request) => {
      const device = await callingDevice(request, request.params.deviceId);
      const directory = await services.lineMembers.directoryFor(device.row.tenant_id, { devices: [device] });
      return presentMembers(device, directory.linesOf(device), directory.ownerOf(device), await maxLineCountOf(device));
    },
  );

  app.put(
    `${BASE}/devices/:deviceId/members`,
    { schema: { hide: true, params: DeviceParams, querystring: OrgQuery, body: MembersBody } },
    async (request, reply) => {
      const principal = principalOf(request);
      const device = await callingDevice(request, request.params.deviceId);
      const maxLineCount = await maxLineCountOf(device);
      const directory = await services.lineMembers.directoryFor(device.row.tenant_id, { devices: [device] });
      const owner = directory.ownerOf(device);
      const ports = new Set<number>();
      const requested = request.body.members.map((m, index): RequestedMember => {
        const at = `members[${index}]`;
        if (m.port > maxLineCount) {
          throw ruleViolation(
            `${at}.port`,
            'port_out_of_range',
            `The device's model has ${maxLineCount} line port(s).`,
          );
        }
        if (ports.has(m.port)) throw ruleViolation(`${at}.port`, 'port_taken', `Port ${m.port} is used twice.`);
        ports.add(m.port);
        for (const [name, fixed] of Object.entries(FIXED_MEMBER_SETTINGS)) {
          const sent = (m as Record<string, unknown>)[name];
          if (sent !== undefined && sent !== fixed) {
            throw ruleViolation(
              `${at}.${name}`,
              'setting_not_stored',
              `Ucfleet keeps no ${name} per line: send ${JSON.stringify(fixed)}.`,
            );
          }
        }
        if (m.lineLabel !== undefined && m.lineLabel !== '') {
          throw ruleViolation(`${at}.lineLabel`, 'setting_not_stored', 'Ucfleet keeps no line labels: send "".');
        }
        const { kind, id } = memberIdOf(m.id, `${at}.id`);
        const isOwner = owner?.kind === kind && owner.id === id;
        if (m.primaryOwner !== isOwner) {
          throw ruleViolation(
            `${at}.primaryOwner`,
            'primary_owner_is_device_owner',
            "primaryOwner is true for the device's owner only (change the owner through the Devices API).",
          );
        }
        return { index, position: m.port - 1, kind, id, shared: m.lineType === 'SHARED_CALL_APPEARANCE' };
      });
      await services.lineMembers.replaceMembers(
        actorOf(principal, request.id),
        deviceEditorOf(principal),
        () => callingDevice(request, request.params.deviceId),
        requested,
      );
      return reply.code(204).send();
    },
  );

  /** The search a query asks for (the database filters: LineMemberService.searchMembers). */
  function memberSearch(
    query: {
      memberName?: string;
      phoneNumber?: string;
      extension?: string;
      locationId?: string;
      excludeVirtualLine?: boolean;
    },
    exclude: readonly { kind: LineMemberKind; id: string }[] = [],
  ): MemberSearch {
    return {
      name: query.memberName,
      numberDigits: query.phoneNumber?.replace(/\D/g, ''),
      extension: query.extension,
      // A Webex id of another type names no location: nothing matches.
      siteId: query.locationId === undefined ? undefined : (canonicalIdOf('location', query.locationId) ?? ''),
      excludeVirtualLines: query.excludeVirtualLine === true,
      exclude,
    };
  }

  /** The members already on `device`: available members leave them out. */
  async function membersOn(device: DeviceRecord) {
    const directory = await services.lineMembers.directoryFor(device.row.tenant_id, { devices: [device] });
    return directory.linesOf(device).map((l) => ({ kind: l.member.kind, id: l.member.id }));
  }

  app.get(
    `${BASE}/devices/:deviceId/availableMembers`,
    {
      schema: {
        hide: true,
        params: DeviceParams,
        querystring: AvailableMembersQuery,
        response: { 200: AvailableMembers },
      },
    },
    async (request, reply) => {
      const { query } = request;
      const order = (query.order ?? 'lname').toLowerCase();
      if (order !== 'lname' && order !== 'fname') {
        throw invalidParameter('order', "order is 'lname' or 'fname'.");
      }
      const device = await callingDevice(request, request.params.deviceId);
      const start = query.start ?? 0;
      const max = Math.min(query.max ?? AVAILABLE_MEMBERS_DEFAULT_MAX, AVAILABLE_MEMBERS_MAX_LIMIT);
      // One more than the page: whether a next page follows.
      const found = await services.lineMembers.searchMembers(
        device.row.tenant_id,
        memberSearch(query, await membersOn(device)),
        { order, limit: max + 1, offset: start },
      );
      const lineType = query.usageType === 'DEVICE_OWNER' ? 'PRIMARY' : 'SHARED_CALL_APPEARANCE';
      linkNext(
        request,
        reply,
        publicBaseUrl ?? `${request.protocol}://${request.host}`,
        { sort: { field: 'id', direction: 'asc' }, limit: max, offset: start },
        found.length > max,
      );
      return { members: found.slice(0, max).map((m) => presentAvailableMember(m, lineType)) };
    },
  );

  app.get(
    `${BASE}/devices/:deviceId/availableMembers/count`,
    { schema: { hide: true, params: DeviceParams, querystring: MemberCountQuery, response: { 200: TotalCount } } },
    async (request) => {
      const device = await callingDevice(request, request.params.deviceId);
      const search = memberSearch(request.query, await membersOn(device));
      return { totalCount: await services.lineMembers.countMembers(device.row.tenant_id, search) };
    },
  );

  app.get(
    `${BASE}/devices/availableMembers/count`,
    { schema: { hide: true, querystring: OrgMemberCountQuery, response: { 200: TotalCount } } },
    async (request) => {
      const tenantId = principalOf(request).tenantId;
      return { totalCount: await services.lineMembers.countMembers(tenantId, memberSearch(request.query)) };
    },
  );

  app.post(
    `${BASE}/devices/actions/validateMacs/invoke`,
    { schema: { hide: true, querystring: OrgQuery, body: ValidateMacsBody, response: { 200: MacValidation } } },
    async (request) => {
      const { status, macStatus } = await services.macLists.validate(principalOf(request).tenantId, request.body.macs);
      return { status, macStatus: [...macStatus] };
    },
  );

  app.post(
    `${BASE}/devices/:deviceId/actions/applyChanges/invoke`,
    { schema: { hide: true, params: DeviceParams, querystring: OrgQuery } },
    async (request, reply) => {
      // Ucfleet pushes no configuration to devices: the device must exist and be the caller's to change.
      await callingDevice(request, request.params.deviceId);
      return reply.code(204).send();
    },
  );

  /** The calling devices an owner has, oldest first. */
  async function devicesOwnedBy(request: FastifyRequest, ownerId: string): Promise<DeviceRecord[]> {
    const page = await services.devices.listDevices(
      viewerOf(principalOf(request)),
      { owner: ownerId },
      { sort: { field: 'id', direction: 'asc' }, limit: DEVICE_COUNT_LIMIT },
      { tags: true, connected: false, sightings: false, lines: false },
    );
    return page.items.filter((d) => CALLING_KINDS.includes(d.row.kind));
  }

  /**
   * The member's calling devices: those they own (primary), then those of others where they have a line past
   * port 1 (shared), with each device's owner (the member itself for a device nobody owns).
   */
  async function devicesOf(request: FastifyRequest, member: LineMember) {
    const tenantId = principalOf(request).tenantId;
    const owned = await devicesOwnedBy(request, member.id);
    const shown = owned.map((device) => ({ device, owner: member, primary: true }));
    const others: DeviceRecord[] = [];
    for (const id of await services.lineMembers.sharedDeviceIds(tenantId, member)) {
      if (shown.length + others.length >= DEVICE_COUNT_LIMIT) break;
      if (owned.some((d) => d.row.id === id)) continue;
      const device = await services.devices.getDevice(viewerOf(principalOf(request)), id).catch(() => undefined);
      if (device && CALLING_KINDS.includes(device.row.kind)) others.push(device);
    }
    const directory = await services.lineMembers.directoryFor(tenantId, { devices: others, members: [member] });
    for (const device of others) {
      const line = directory
        .linesOf(device)
        .find((l) => l.position > 0 && l.member.kind === member.kind && l.member.id === member.id);
      if (line) shown.push({ device, owner: directory.ownerOf(device) ?? member, primary: false });
    }
    return shown;
  }

  async function ownerMember(request: FastifyRequest, kind: LineMemberKind, canonical: string): Promise<LineMember> {
    const directory = await services.lineMembers.directoryFor(principalOf(request).tenantId, {
      members: [{ kind, id: canonical }],
    });
    const member = directory.member(kind, canonical);
    if (!member) throw new AppError(kind === 'person' ? 'person_not_found' : 'workspace_not_found', 'Not found.');
    return member;
  }

  async function person(request: FastifyRequest, id: string): Promise<LineMember> {
    const canonical = canonicalIdOf('person', id);
    const notFound = new AppError('person_not_found', `The requested person '${id.slice(0, 300)}' was not found.`);
    if (canonical === undefined) throw notFound;
    try {
      await services.people.getPerson(viewerOf(principalOf(request)), canonical, { userGroups: false });
      return await ownerMember(request, 'person', canonical);
    } catch (error) {
      throw error instanceof AppError && error.code === 'person_not_found' ? notFound : error;
    }
  }

  app.get(
    `${BASE}/people/:personId/devices`,
    { schema: { hide: true, params: PersonParams, querystring: OrgQuery, response: { 200: PersonDevices } } },
    async (request) => {
      const member = await person(request, request.params.personId);
      const devices = await devicesOf(request, member);
      const { hoteling } = await services.deviceSettings.ownerSettings(principalOf(request).tenantId, {
        kind: 'person',
        id: member.id,
      });
      return {
        devices: devices.map((d) => presentOwnedDevice(d.device, d.owner, 'person', d.primary, hoteling)),
        maxDeviceCount: DEVICE_COUNT_LIMIT,
        maxOwnedDeviceCount: DEVICE_COUNT_LIMIT,
      };
    },
  );

  app.get(
    `${BASE}/people/:personId/devices/count`,
    { schema: { hide: true, params: PersonParams, querystring: OrgQuery, response: { 200: PersonDeviceCount } } },
    async (request) => {
      const devices = await devicesOf(request, await person(request, request.params.personId));
      const applications = devices.filter((d) => APPLICATION_KINDS.includes(d.device.row.kind)).length;
      return { totalDeviceCount: devices.length - applications, applicationsCount: applications };
    },
  );

  app.get(
    `${BASE}/workspaces/:workspaceId/devices`,
    { schema: { hide: true, params: WorkspaceParams, querystring: OrgQuery, response: { 200: WorkspaceDevices } } },
    async (request) => {
      const id = request.params.workspaceId;
      const canonical = canonicalIdOf('workspace', id);
      if (canonical === undefined) {
        throw new AppError('workspace_not_found', `The requested workspace '${id.slice(0, 300)}' was not found.`);
      }
      const owner = await ownerMember(request, 'workspace', canonical).catch(() => {
        throw new AppError('workspace_not_found', `The requested workspace '${id.slice(0, 300)}' was not found.`);
      });
      const devices = await devicesOf(request, owner);
      const { hoteling } = await services.deviceSettings.ownerSettings(principalOf(request).tenantId, {
        kind: 'workspace',
        id: canonical,
      });
      return {
        devices: devices.map((d) => presentOwnedDevice(d.device, d.owner, 'workspace', d.primary, hoteling)),
        maxDeviceCount: DEVICE_COUNT_LIMIT,
        maxOwnedDeviceCount: DEVICE_COUNT_LIMIT,
      };
    },
  );

  app.get(
    `${BASE}/supportedDevices`,
    { schema: { hide: true, querystring: SupportedDevicesQuery, response: { 200: SupportedDevices } } },
    async (request) => {
      const { type, allowConfigureLayoutEnabled } = request.query;
      const excluded = type?.toLowerCase().startsWith('not:') ?? false;
      const wanted = type === undefined ? undefined : (excluded ? type.slice(4) : type).toUpperCase();
      const devices: ReturnType<typeof presentSupportedDevice>[] = [];
      for (const kind of SUPPORTED_DEVICE_KINDS) {
        let after: Parameters<typeof services.products.listProducts>[1]['after'];
        do {
          const page = await services.products.listProducts(
            { kind },
            { sort: { field: 'id', direction: 'asc' }, limit: CATALOGUE_PAGE, ...(after ? { after } : {}) },
            { firmware: false },
          );
          for (const product of page.items) {
            const modelType = webexModelType(product.row.device_kind, product.row.manufacturer) ?? 'GENERIC_SIP';
            if (wanted !== undefined && (modelType === wanted) === excluded) continue;
            const shown = presentSupportedDevice(product.row);
            if (
              allowConfigureLayoutEnabled !== undefined &&
              shown.allowConfigureLayoutEnabled !== allowConfigureLayoutEnabled
            ) {
              continue;
            }
            devices.push(shown);
          }
          after = page.next;
        } while (after);
      }
      devices.sort((a, b) => (a.model < b.model ? -1 : a.model > b.model ? 1 : 0));
      return { upgradeChannelList: [...UPGRADE_CHANNELS], devices };
    },
  );
};

/** A member's Webex id → its canonical kind and id; another type or a malformed id is 400 naming `field`. */
function memberIdOf(webex: string, field: string): { kind: LineMemberKind; id: string } {
  for (const kind of ['person', 'workspace', 'virtualLine'] as const) {
    const id = canonicalIdOf(kind, webex);
    if (id !== undefined) return { kind, id };
  }
  throw ruleViolation(field, 'member_id', 'A member is a person, a workspace or a virtual line (their Webex id).');
}
