/**
 * Webex Calling device settings under /v1/telephony/config (the spec extract's device-settings operations; docs/
 * compat/webex.md "Device settings" maps every field): a device's settings override (GET/PUT), the location and
 * organization settings it inherits, a person's and a workspace's device settings (compression), hoteling of a
 * person's primary devices and of a workspace's devices, a device's line-key layout, and a third-party device's
 * SIP password. A thin rendering over DeviceSettingsService, which stores, checks and audits.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { invalidParameter } from '../../errors.js';
import { principalOf } from '../../http/auth.js';
import { type Actor, actorOf } from '../../modules/audit/audit-trail.js';
import type { DeviceRecord } from '../../modules/devices/device.repository.js';
import { DeviceLayout } from '../../modules/devices/device-layout.schemas.js';
import { ruleViolation } from '../../modules/devices/device-rules.js';
import type { SettingsOwner } from '../../modules/devices/device-settings.repository.js';
import type { SettingsDevice } from '../../modules/devices/device-settings.service.js';
import type { Services } from '../../services.js';
import { UNKNOWN_MODEL_LINE_COUNT, webexManufacturer, webexModelType } from './calling.presenter.js';
import { DeviceParams, OrgQuery, PersonParams, WorkspaceParams } from './calling.schemas.js';
import { callingDeviceOf, locationOf, personIdOf, workspaceIdOf } from './lookups.js';
import {
  CompressionSettings,
  DeviceSettings,
  DeviceSettingsBody,
  DeviceSettingsQuery,
  LocationDeviceSettings,
  LocationParams,
  OrganizationDeviceSettings,
  PersonHotelingBody,
  ThirdPartyDeviceBody,
  WorkspaceDevicesBody,
} from './settings.schemas.js';
import { checkSipPassword } from './sip-password.js';

const BASE = '/v1/telephony/config';
/** Device kinds that take MPP, ATA or Wi-Fi settings: the devices a location's or the organization's count. */
export const CONFIGURABLE_KINDS: readonly string[] = ['HardPhone', 'OtherPhone', 'Paging', 'BLA'];

export interface WebexSettingsOptions {
  readonly services: Services;
}

const settingsDevice = (device: DeviceRecord): SettingsDevice => ({
  tenantId: device.row.tenant_id,
  id: device.row.id,
  siteId: device.row.site_id,
  updatedAt: device.row.updated_at,
});

export const webexSettingsRoutes: FastifyPluginAsyncTypebox<WebexSettingsOptions> = async (app, { services }) => {
  const settings = services.deviceSettings;
  const actor = (request: FastifyRequest): Actor => actorOf(principalOf(request), request.id);
  const device = (request: FastifyRequest, id: string) => callingDeviceOf(services, request, id);

  app.get(
    `${BASE}/devices/:deviceId/settings`,
    {
      schema: { hide: true, params: DeviceParams, querystring: DeviceSettingsQuery, response: { 200: DeviceSettings } },
    },
    async (request) => {
      const view = await settings.deviceSettings(settingsDevice(await device(request, request.params.deviceId)));
      return {
        customizations: view.customizations,
        customEnabled: view.customEnabled,
        updateInProgress: false,
        deviceCount: 1,
        lastUpdateTime: view.updatedAt,
      };
    },
  );

  app.put(
    `${BASE}/devices/:deviceId/settings`,
    { schema: { hide: true, params: DeviceParams, querystring: DeviceSettingsQuery, body: DeviceSettingsBody } },
    async (request, reply) => {
      const found = await device(request, request.params.deviceId);
      const { customEnabled, customizations } = request.body;
      await settings.setDeviceSettings(actor(request), settingsDevice(found), customEnabled, customizations);
      return reply.code(204).send();
    },
  );

  app.get(
    `${BASE}/locations/:locationId/devices/settings`,
    {
      schema: { hide: true, params: LocationParams, querystring: OrgQuery, response: { 200: LocationDeviceSettings } },
    },
    async (request) => {
      const site = await locationOf(services, request, request.params.locationId);
      const view = await settings.fleetSettings(site.tenant_id, CONFIGURABLE_KINDS, site.id);
      return {
        customizations: view.customizations,
        customEnabled: false,
        updateInProgress: false,
        deviceCount: view.deviceCount,
        lastUpdateTime: view.updatedAt,
      };
    },
  );

  app.get(
    `${BASE}/devices/settings`,
    { schema: { hide: true, querystring: OrgQuery, response: { 200: OrganizationDeviceSettings } } },
    async (request) => {
      const view = await settings.fleetSettings(principalOf(request).tenantId, CONFIGURABLE_KINDS);
      return {
        customizations: view.customizations,
        updateInProgress: false,
        deviceCount: view.deviceCount,
        lastUpdateTime: view.updatedAt,
      };
    },
  );

  // A person's and a workspace's device settings: the audio compression of their devices.
  const personOwner = async (request: FastifyRequest, id: string): Promise<SettingsOwner> => ({
    kind: 'person',
    id: await personIdOf(services, request, id),
  });
  const workspaceOwner = async (request: FastifyRequest, id: string): Promise<SettingsOwner> => ({
    kind: 'workspace',
    id: await workspaceIdOf(services, request, id),
  });
  const compressionOf = async (request: FastifyRequest, owner: SettingsOwner) => ({
    compression: (await settings.ownerSettings(principalOf(request).tenantId, owner)).compression,
  });
  const compressionSchema = { hide: true, querystring: OrgQuery, response: { 200: CompressionSettings } };
  const compressionBody = { hide: true, querystring: OrgQuery, body: CompressionSettings };

  app.get(
    `${BASE}/people/:personId/devices/settings`,
    { schema: { ...compressionSchema, params: PersonParams } },
    async (request) => compressionOf(request, await personOwner(request, request.params.personId)),
  );
  app.put(
    `${BASE}/people/:personId/devices/settings`,
    { schema: { ...compressionBody, params: PersonParams } },
    async (request, reply) => {
      const owner = await personOwner(request, request.params.personId);
      await settings.setCompression(actor(request), owner, request.body.compression);
      return reply.code(204).send();
    },
  );
  app.get(
    `${BASE}/workspaces/:workspaceId/devices/settings`,
    { schema: { ...compressionSchema, params: WorkspaceParams } },
    async (request) => compressionOf(request, await workspaceOwner(request, request.params.workspaceId)),
  );
  app.put(
    `${BASE}/workspaces/:workspaceId/devices/settings`,
    { schema: { ...compressionBody, params: WorkspaceParams } },
    async (request, reply) => {
      const owner = await workspaceOwner(request, request.params.workspaceId);
      await settings.setCompression(actor(request), owner, request.body.compression);
      return reply.code(204).send();
    },
  );

  app.put(
    `${BASE}/people/:personId/devices/settings/hoteling`,
    { schema: { hide: true, params: PersonParams, querystring: OrgQuery, body: PersonHotelingBody } },
    async (request, reply) => {
      const id = await personIdOf(services, request, request.params.personId);
      checkGuestHours(request.body.hoteling, 'hoteling');
      await settings.setHoteling(actor(request), { kind: 'person', id }, request.body.hoteling);
      return reply.code(204).send();
    },
  );

  app.put(
    `${BASE}/workspaces/:workspaceId/devices`,
    { schema: { hide: true, params: WorkspaceParams, querystring: OrgQuery, body: WorkspaceDevicesBody } },
    async (request, reply) => {
      const id = await workspaceIdOf(services, request, request.params.workspaceId);
      const { enabled, limitGuestUse, guestHoursLimit, enabledForMultipleDevices, hoteling } = request.body;
      const flat = enabled !== undefined || limitGuestUse !== undefined || guestHoursLimit !== undefined;
      if (flat && (hoteling !== undefined || enabledForMultipleDevices !== undefined)) {
        throw ruleViolation(
          'hoteling',
          'one_body_form',
          'Send the hoteling object itself ({enabled, …}) or {enabledForMultipleDevices, hoteling}, not both.',
        );
      }
      if (flat && enabled === undefined) {
        throw ruleViolation('enabled', 'required', 'The hoteling body needs enabled.');
      }
      const wanted = flat
        ? {
            enabled: enabled!,
            ...(limitGuestUse === undefined ? {} : { limitGuestUse }),
            ...(guestHoursLimit === undefined ? {} : { guestHoursLimit }),
          }
        : hoteling;
      if (wanted === undefined && enabledForMultipleDevices === undefined) {
        throw ruleViolation('hoteling', 'required', 'Send the hoteling settings or enabledForMultipleDevices.');
      }
      if (wanted !== undefined) checkGuestHours(wanted, flat ? '' : 'hoteling');
      await settings.setHoteling(actor(request), { kind: 'workspace', id }, wanted, enabledForMultipleDevices);
      return reply.code(204).send();
    },
  );

  /** The line keys and lines of a model that supports custom layouts (Cisco MPP); else a 400. */
  async function layoutModel(found: DeviceRecord): Promise<{ keyCount: number; lineCount: number }> {
    const product =
      found.row.product_id === null
        ? undefined
        : await services.products.getProduct(found.row.product_id, { firmware: false });
    const keyCount = product?.row.line_count ?? null;
    if (keyCount === null || !supportsLayout(found.row.kind, found.row.product_manufacturer)) {
      throw invalidParameter('deviceId', "The device's model does not support a custom line-key layout.");
    }
    return { keyCount, lineCount: product?.row.line_count ?? UNKNOWN_MODEL_LINE_COUNT };
  }

  app.get(
    `${BASE}/devices/:deviceId/layout`,
    { schema: { hide: true, params: DeviceParams, querystring: OrgQuery, response: { 200: DeviceLayout } } },
    async (request) => {
      const found = await device(request, request.params.deviceId);
      const { keyCount } = await layoutModel(found);
      return settings.layout(settingsDevice(found), keyCount);
    },
  );

  app.put(
    `${BASE}/devices/:deviceId/layout`,
    { schema: { hide: true, params: DeviceParams, querystring: OrgQuery, body: DeviceLayout } },
    async (request, reply) => {
      const found = await device(request, request.params.deviceId);
      const model = await layoutModel(found);
      await settings.setLayout(actor(request), settingsDevice(found), request.body, model);
      return reply.code(204).send();
    },
  );

  app.put(
    `${BASE}/devices/:deviceId`,
    { schema: { hide: true, params: DeviceParams, querystring: OrgQuery, body: ThirdPartyDeviceBody } },
    async (request, reply) => {
      const found = await device(request, request.params.deviceId);
      if (webexManufacturer(found) !== 'THIRD_PARTY') {
        throw invalidParameter(
          'deviceId',
          'Only a third-party (customer-managed) device has a SIP password to update.',
        );
      }
      const problem = checkSipPassword(request.body.sipPassword, [found.row.sip_user_name, found.row.mac]);
      if (problem !== undefined) throw ruleViolation('sipPassword', problem.rule, problem.message);
      await settings.setSipPassword(actor(request), settingsDevice(found), request.body.sipPassword);
      return reply.code(204).send();
    },
  );
};

/** Whether a model takes a custom line-key layout: Cisco MPP phones (supportedDevices allowConfigureLayoutEnabled). */
export function supportsLayout(kind: string, manufacturer: string | null): boolean {
  return webexModelType(kind, manufacturer) === 'MPP';
}

/** guestHoursLimit is mandatory when limitGuestUse is true (the spec). */
function checkGuestHours(hoteling: { limitGuestUse?: boolean; guestHoursLimit?: number }, at: string): void {
  if (hoteling.limitGuestUse === true && hoteling.guestHoursLimit === undefined) {
    throw ruleViolation(
      at === '' ? 'guestHoursLimit' : `${at}.guestHoursLimit`,
      'required',
      'guestHoursLimit is mandatory when limitGuestUse is true.',
    );
  }
}
