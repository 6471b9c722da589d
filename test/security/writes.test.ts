/**
 * Every route that changes data, generated from the route policy table. Each must: succeed with a valid body
 * and write exactly one audit event; refuse protected members (mass assignment) and prototype-poisoning bodies
 * with 400, storing nothing; accept JSON only, in its spellings; stay within its resource limits.
 */
import { expect, it } from 'vitest';
import type { Store } from '../../src/db/database.js';
import { ROUTE_POLICIES } from '../../src/http/policy.js';
import {
  createApiKey,
  createDevices,
  createTenant,
  deviceRow,
  insertPerson,
  insertProduct,
  insertWorkspace,
  type TestTenant,
} from '../support/factories.js';
import { useApp } from '../support/http.js';
import { numberIdOf, numericIdOf } from '../../src/compat/ringcentral/ids.js';
import { webexId } from '../../src/compat/webex/ids.js';
import { POLY_TEST_APP_ID, surfaceOf, surfaceTenant } from '../support/surfaces.js';
import { describeEachStore } from '../support/stores.js';

type Method = 'POST' | 'PUT' | 'PATCH' | 'DELETE';
interface Call {
  url: string;
  body?: Record<string, unknown>;
  /** A dialect's own credential headers (surfaces.ts), sent with the caller's. */
  headers?: Record<string, string>;
}
type Api = (
  method: Method | 'GET',
  url: string,
  body?: object,
  headers?: Record<string, string>,
) => Promise<{ statusCode: number; body: string; json: () => { id: string } & Record<string, unknown> }>;

/** Sign-in exchanges change no tenant data; they are tested with the logins and OAuth tests. */
const SIGN_IN_ROUTES = new Set(['POST /v1/sessions', 'DELETE /v1/sessions/current', 'POST /oauth/token']);
/** POSTs that only compute an answer (validation of a list): no change, so no audit event. */
const CHANGES_NOTHING = new Set([
  'POST /v1/devices/validate-macs',
  'POST /compat/webex/v1/telephony/config/devices/actions/validateMacs/invoke',
  // Webex Calling: Ucfleet pushes no configuration to devices (docs/compat/webex.md).
  'POST /compat/webex/v1/telephony/config/devices/:deviceId/actions/applyChanges/invoke',
]);
/** Writes that change several resources and audit each one (RingCentral's replace: two devices swap places). */
const AUDIT_EVENTS: Record<string, number> = {
  'POST /compat/ringcentral/restapi/v2/accounts/:accountId/extensions/:extensionId/devices/:deviceId/replace': 2,
};
/** Bayeux (CometD) exchanges carry messages, not tenant data: test/compat/genesys-notifications.test.ts. */
const isMessaging = (key: string) => key.startsWith('POST /compat/genesys/api/v2/notifications');

let serial = 0;
const unique = (prefix: string) => `${prefix}-${process.pid}-${(serial += 1)}`;
/** Four digits, different on every call: the end of a valid US number. */
const nextDigits = () => String(1000 + ((serial += 1) % 9000));
/** Seven digits, different on every call: a virtual line's extension. */
const nextExtension = () => String(1_000_000 + (serial += 1));

type Caller = TestTenant & { store: Store };

/** For each write route: prepares what it needs and returns one valid call. */
const FIXTURES: Record<string, (api: Api, tenant: Caller) => Promise<Call>> = {
  'POST /v1/devices': async () => ({
    url: '/v1/devices',
    body: { kind: 'Headset', name: unique('device'), tags: ['ci'] },
  }),
  'PUT /v1/devices/:id': async (api) => {
    const device = await api('POST', '/v1/devices', { kind: 'Headset', name: unique('device') });
    return { url: `/v1/devices/${device.json().id}`, body: { kind: 'Headset', name: unique('replaced') } };
  },
  'PATCH /v1/devices/:id': async (api) => {
    const device = await api('POST', '/v1/devices', { kind: 'Headset', name: unique('device') });
    return { url: `/v1/devices/${device.json().id}`, body: { name: unique('patched'), tags: ['ci'] } };
  },
  'DELETE /v1/devices/:id': async (api) => {
    const device = await api('POST', '/v1/devices', { kind: 'Headset', name: unique('device') });
    return { url: `/v1/devices/${device.json().id}` };
  },
  'POST /v1/devices/activation-codes': async (_api, tenant) => {
    const model = unique('model');
    await insertProduct(tenant.store, { name: model, device_kind: 'HardPhone' });
    return {
      url: '/v1/devices/activation-codes',
      body: { personId: await insertPerson(tenant.store, tenant.tenantId), model },
    };
  },
  'POST /v1/activations': async (api, tenant) => {
    const model = unique('model');
    await insertProduct(tenant.store, { name: model, device_kind: 'HardPhone' });
    const issued = await api('POST', '/v1/devices/activation-codes', {
      personId: await insertPerson(tenant.store, tenant.tenantId),
      model,
    });
    const mac = `00AA${(serial += 1).toString(16).padStart(8, '0')}`.slice(-12);
    return { url: '/v1/activations', body: { code: issued.json().code, mac } };
  },
  'POST /v1/devices/:id/deactivate': async (api, tenant) => {
    const model = unique('model');
    await insertProduct(tenant.store, { name: model, device_kind: 'HardPhone' });
    const issued = await api('POST', '/v1/devices/activation-codes', {
      personId: await insertPerson(tenant.store, tenant.tenantId),
      model,
    });
    return { url: `/v1/devices/${(issued.json().device as { id: string }).id}/deactivate` };
  },
  'POST /v1/numbers': async () => ({ url: '/v1/numbers', body: { number: `+1650987${nextDigits()}` } }),
  'PUT /v1/numbers/:id': async (api) => {
    const number = await api('POST', '/v1/numbers', { number: `+1650987${nextDigits()}` });
    return { url: `/v1/numbers/${number.json().id}`, body: { number: `+1650987${nextDigits()}` } };
  },
  'PATCH /v1/numbers/:id': async (api) => {
    const number = await api('POST', '/v1/numbers', { number: `+1650987${nextDigits()}` });
    return { url: `/v1/numbers/${number.json().id}`, body: { number: `+1650987${nextDigits()}` } };
  },
  'DELETE /v1/numbers/:id': async (api) => {
    const number = await api('POST', '/v1/numbers', { number: `+1650987${nextDigits()}` });
    return { url: `/v1/numbers/${number.json().id}` };
  },
  'PUT /v1/devices/:id/lines': async (api) => {
    const device = await api('POST', '/v1/devices', { kind: 'OtherPhone', name: unique('phone') });
    const number = await api('POST', '/v1/numbers', { number: `+1650987${nextDigits()}` });
    return {
      url: `/v1/devices/${device.json().id}/lines`,
      body: { lines: [{ position: 0, phoneNumberId: number.json().id, lineType: 'Standalone' }] },
    };
  },
  'PUT /v1/devices/:id/paired-device': async (api) => {
    const headset = await api('POST', '/v1/devices', { kind: 'Headset', name: unique('headset') });
    const base = await api('POST', '/v1/devices', { kind: 'Base', name: unique('base') });
    return { url: `/v1/devices/${headset.json().id}/paired-device`, body: { deviceId: base.json().id } };
  },
  'PUT /v1/devices/:id/firmware': async (api) => {
    const device = await api('POST', '/v1/devices', { kind: 'Headset', name: unique('headset') });
    return { url: `/v1/devices/${device.json().id}/firmware`, body: { main: '1.2.3', headset: '4.5' } };
  },
  'POST /v1/devices/validate-macs': async () => ({
    url: '/v1/devices/validate-macs',
    body: { macs: ['00:11:22:33:44:55', '001122334455', 'nope'] },
  }),
  'POST /v1/people': async () => ({
    url: '/v1/people',
    body: { username: unique('user'), firstName: 'Dana', email: `${unique('mail')}@example.com`, roles: ['agent'] },
  }),
  'PUT /v1/people/:id': async (api) => {
    const person = await api('POST', '/v1/people', { username: unique('user') });
    return { url: `/v1/people/${person.json().id}`, body: { username: unique('replaced'), lastName: 'Walker' } };
  },
  'PATCH /v1/people/:id': async (api) => {
    const person = await api('POST', '/v1/people', { username: unique('user') });
    return { url: `/v1/people/${person.json().id}`, body: { agentState: { state: 'NotReady', workMode: 'AuxWork' } } };
  },
  'DELETE /v1/people/:id': async (api) => {
    const person = await api('POST', '/v1/people', { username: unique('user') });
    return { url: `/v1/people/${person.json().id}` };
  },
  'PUT /v1/people/:id/user-groups': async (api) => {
    const person = await api('POST', '/v1/people', { username: unique('user') });
    const group = await api('POST', '/v1/user-groups', { name: unique('group') });
    return { url: `/v1/people/${person.json().id}/user-groups`, body: { userGroupIds: [group.json().id] } };
  },
  'POST /v1/user-groups': async () => ({ url: '/v1/user-groups', body: { name: unique('group'), description: 'ci' } }),
  'PUT /v1/user-groups/:id': async (api) => {
    const group = await api('POST', '/v1/user-groups', { name: unique('group') });
    return { url: `/v1/user-groups/${group.json().id}`, body: { name: unique('replaced') } };
  },
  'PATCH /v1/user-groups/:id': async (api) => {
    const group = await api('POST', '/v1/user-groups', { name: unique('group') });
    return { url: `/v1/user-groups/${group.json().id}`, body: { description: 'patched' } };
  },
  'DELETE /v1/user-groups/:id': async (api) => {
    const group = await api('POST', '/v1/user-groups', { name: unique('group') });
    return { url: `/v1/user-groups/${group.json().id}` };
  },
  'POST /v1/sites': async () => ({
    url: '/v1/sites',
    body: { name: unique('site'), address: { city: 'Berlin', countryCode: 'de' }, timeZone: 'Europe/Berlin' },
  }),
  'PUT /v1/sites/:id': async (api) => {
    const site = await api('POST', '/v1/sites', { name: unique('site') });
    return { url: `/v1/sites/${site.json().id}`, body: { name: unique('replaced'), subnets: ['10.1.0.0/16'] } };
  },
  'PATCH /v1/sites/:id': async (api) => {
    const site = await api('POST', '/v1/sites', { name: unique('site') });
    return { url: `/v1/sites/${site.json().id}`, body: { address: { city: 'Austin', countryCode: 'US' } } };
  },
  'DELETE /v1/sites/:id': async (api) => {
    const site = await api('POST', '/v1/sites', { name: unique('site') });
    return { url: `/v1/sites/${site.json().id}` };
  },
  'POST /v1/workspaces': async () => ({ url: '/v1/workspaces', body: { name: unique('room') } }),
  'PUT /v1/workspaces/:id': async (api) => {
    const room = await api('POST', '/v1/workspaces', { name: unique('room') });
    return { url: `/v1/workspaces/${room.json().id}`, body: { name: unique('replaced') } };
  },
  'PATCH /v1/workspaces/:id': async (api) => {
    const room = await api('POST', '/v1/workspaces', { name: unique('room') });
    return { url: `/v1/workspaces/${room.json().id}`, body: { name: unique('patched') } };
  },
  'DELETE /v1/workspaces/:id': async (api) => {
    const room = await api('POST', '/v1/workspaces', { name: unique('room') });
    return { url: `/v1/workspaces/${room.json().id}` };
  },
  'POST /v1/compliance-policies': async () => ({
    url: '/v1/compliance-policies',
    body: { name: unique('policy'), component: 'main', targetVersion: '1.0' },
  }),
  'PUT /v1/compliance-policies/:id': async (api) => {
    const policy = await api('POST', '/v1/compliance-policies', {
      name: unique('policy'),
      component: 'main',
      targetVersion: '1.0',
    });
    return {
      url: `/v1/compliance-policies/${policy.json().id}`,
      body: { name: unique('policy'), component: 'headset', targetVersion: 'latest', allowDecline: true },
    };
  },
  'PATCH /v1/compliance-policies/:id': async (api) => {
    const policy = await api('POST', '/v1/compliance-policies', {
      name: unique('policy'),
      component: 'main',
      targetVersion: '1.0',
    });
    return { url: `/v1/compliance-policies/${policy.json().id}`, body: { targetVersion: '2.0' } };
  },
  'DELETE /v1/compliance-policies/:id': async (api) => {
    const policy = await api('POST', '/v1/compliance-policies', {
      name: unique('policy'),
      component: 'main',
      targetVersion: '1.0',
    });
    return { url: `/v1/compliance-policies/${policy.json().id}` };
  },
  'POST /v1/virtual-lines': async () => ({
    url: '/v1/virtual-lines',
    body: { firstName: 'Front', lastName: 'Desk', extension: nextExtension() },
  }),
  'PUT /v1/virtual-lines/:id': async (api) => {
    const line = await api('POST', '/v1/virtual-lines', { firstName: 'A', lastName: 'B', extension: nextExtension() });
    return {
      url: `/v1/virtual-lines/${line.json().id}`,
      body: { firstName: 'Lobby', lastName: 'Line', extension: nextExtension() },
    };
  },
  'PATCH /v1/virtual-lines/:id': async (api) => {
    const line = await api('POST', '/v1/virtual-lines', { firstName: 'A', lastName: 'B', extension: nextExtension() });
    return { url: `/v1/virtual-lines/${line.json().id}`, body: { displayName: unique('line') } };
  },
  'DELETE /v1/virtual-lines/:id': async (api) => {
    const line = await api('POST', '/v1/virtual-lines', { firstName: 'A', lastName: 'B', extension: nextExtension() });
    return { url: `/v1/virtual-lines/${line.json().id}` };
  },
  'POST /v1/paging-groups': async () => ({ url: '/v1/paging-groups', body: { name: unique('paging') } }),
  'PUT /v1/paging-groups/:id/devices': async (api) => {
    const group = await api('POST', '/v1/paging-groups', { name: unique('paging') });
    const device = await api('POST', '/v1/devices', { kind: 'Paging', name: unique('speaker') });
    return { url: `/v1/paging-groups/${group.json().id}/devices`, body: { deviceIds: [device.json().id] } };
  },
  'DELETE /v1/paging-groups/:id': async (api) => {
    const group = await api('POST', '/v1/paging-groups', { name: unique('paging') });
    return { url: `/v1/paging-groups/${group.json().id}` };
  },
  // A dry run: its only change is the job itself (the devices a real import writes are audited as they commit).
  'POST /v1/imports': async () => ({
    url: '/v1/imports?dryRun=true',
    body: { devices: [{ kind: 'Headset', name: unique('imported') }] },
  }),
  // One report of a device the inventory does not hold: the device is created (and audited) by telemetry.
  'POST /v1/telemetry/events': async () => ({
    url: '/v1/telemetry/events',
    body: {
      events: [
        {
          id: unique('evt'),
          type: 'attached',
          occurredAt: new Date(Date.now() - 60_000).toISOString(),
          device: { serial: unique('SN') },
        },
      ],
    },
  }),
  'POST /v1/api-keys': async () => ({ url: '/v1/api-keys', body: { name: 'ci', role: 'readonly_admin' } }),
  'DELETE /v1/api-keys/:id': async (api) => {
    const key = await api('POST', '/v1/api-keys', { name: 'to revoke', role: 'readonly_admin' });
    return { url: `/v1/api-keys/${key.json().id}` };
  },
  'POST /v1/oauth-clients': async () => ({ url: '/v1/oauth-clients', body: { name: 'ci', role: 'readonly_admin' } }),
  'DELETE /v1/oauth-clients/:id': async (api) => {
    const client = await api('POST', '/v1/oauth-clients', { name: 'to revoke', role: 'readonly_admin' });
    return { url: `/v1/oauth-clients/${client.json().id}` };
  },
  'POST /v1/apps': async () => ({ url: '/v1/apps', body: { name: 'ci' } }),
  'DELETE /v1/apps/:id': async (api) => {
    const app = await api('POST', '/v1/apps', { name: 'to revoke' });
    return { url: `/v1/apps/${app.json().id}` };
  },
  'PUT /v1/people/:id/login': async (_api, tenant) => ({
    url: `/v1/people/${await insertPerson(tenant.store, tenant.tenantId)}/login`,
    body: { login: unique('login'), role: 'agent', password: 'a long enough password' },
  }),
  'DELETE /v1/people/:id/login': async (api, tenant) => {
    const person = await insertPerson(tenant.store, tenant.tenantId);
    const set = await api('PUT', `/v1/people/${person}/login`, {
      login: unique('login'),
      role: 'agent',
      password: 'a long enough password',
    });
    expect(set.statusCode).toBe(201);
    return { url: `/v1/people/${person}/login` };
  },
  'PUT /v1/devices/:id/telephony': async (_api, tenant) => ({
    url: `/v1/devices/${await phoneDevice(tenant)}/telephony`,
    body: { phoneNumber: '+16509870000', telephonyNetwork: 'Public' },
  }),
  'PUT /v1/devices/:id/do-not-disturb': async (api, tenant) => ({
    url: `/v1/devices/${await numberedPhone(api, tenant)}/do-not-disturb`,
    body: { enabled: true },
  }),
  'PUT /v1/devices/:id/forwarding': async (api, tenant) => ({
    url: `/v1/devices/${await numberedPhone(api, tenant)}/forwarding`,
    body: { enabled: true, destination: '+442079460123' },
  }),
  'POST /v1/devices/:id/monitoring': async (api, tenant) => ({
    url: `/v1/devices/${await numberedPhone(api, tenant, await insertPerson(tenant.store, tenant.tenantId))}/monitoring`,
    body: { targetDeviceId: await numberedPhone(api, tenant) },
  }),
  'DELETE /v1/devices/:id/monitoring': async (api, tenant) => {
    const supervisorDevice = await numberedPhone(api, tenant, await insertPerson(tenant.store, tenant.tenantId));
    const started = await api('POST', `/v1/devices/${supervisorDevice}/monitoring`, {
      targetDeviceId: await numberedPhone(api, tenant),
    });
    expect(started.statusCode, started.body).toBe(200);
    return { url: `/v1/devices/${supervisorDevice}/monitoring` };
  },
  'PUT /v1/devices/:id/monitoring/mute': async (api, tenant) => {
    const supervisorDevice = await numberedPhone(api, tenant, await insertPerson(tenant.store, tenant.tenantId));
    const started = await api('POST', `/v1/devices/${supervisorDevice}/monitoring`, {
      targetDeviceId: await numberedPhone(api, tenant),
    });
    expect(started.statusCode, started.body).toBe(200);
    return { url: `/v1/devices/${supervisorDevice}/monitoring/mute`, body: { muted: true } };
  },
  // Genesys operations act on the caller's own device or person: an API key acting as that person (Bearer).
  'POST /compat/genesys/api/v2/me/devices/:id': async (api, tenant) => {
    const person = await insertPerson(tenant.store, tenant.tenantId);
    return {
      url: `/compat/genesys/api/v2/me/devices/${await numberedPhone(api, tenant, person)}`,
      body: { operationName: 'DoNotDisturbOn' },
      headers: await personalKey(tenant, 'agent', person),
    };
  },
  'POST /compat/genesys/api/v2/me/channels/voice': async (_api, tenant) => ({
    url: '/compat/genesys/api/v2/me/channels/voice',
    body: { operationName: 'AuxWork' },
    headers: await personalKey(tenant, 'agent', await insertPerson(tenant.store, tenant.tenantId)),
  }),
  'PUT /v1/people/:id/agent-state': async (_api, tenant) => ({
    url: `/v1/people/${await insertPerson(tenant.store, tenant.tenantId)}/agent-state`,
    body: { state: 'NotReady', workMode: 'AuxWork' },
  }),
  'POST /compat/poly/v1/assets/management/tenant/:tenantId/policy': async (_api, tenant) => ({
    ...(await dialectCall('/compat/poly/v1/assets/management/tenant/:tenantId/policy', tenant)),
    body: { policyName: unique('policy'), component: 'main', firmwareVersion: '1.2.3', allowDecline: true },
  }),
  'PUT /compat/poly/app': async (_api, tenant) => ({
    ...(await dialectCall('/compat/poly/app', tenant)),
    body: { name: unique('app'), description: 'route table suites', partnerProfile: { partnerName: 'CI' } },
  }),
  'PUT /compat/poly/partner/app/:appId/authrequests': async (_api, tenant) =>
    dialectCall(
      `/compat/poly/partner/app/${POLY_TEST_APP_ID}/authrequests?tenantApiCode=${await otherTenantCode(tenant)}&subscription=ASSETHISTORICAL`,
      tenant,
    ),
  'DELETE /compat/poly/partner/app/:appId/authrequests/:requestId': async (api, tenant) => {
    const ask = await dialectCall(
      `/compat/poly/partner/app/${POLY_TEST_APP_ID}/authrequests?tenantApiCode=${await otherTenantCode(tenant)}&subscription=ASSETHISTORICAL`,
      tenant,
    );
    const asked = await api('PUT', ask.url, undefined, ask.headers);
    expect(asked.statusCode, asked.body).toBe(201);
    const requestId = asked.json().requestId as string;
    return dialectCall(`/compat/poly/partner/app/${POLY_TEST_APP_ID}/authrequests/${requestId}`, tenant);
  },
  'POST /v1/app-authorizations/:id/approve': async (api, tenant) => ({
    url: `/v1/app-authorizations/${await authorizationAskedOf(api, tenant)}/approve`,
    body: { subscriptions: ['ASSETHISTORICAL'] },
  }),
  'POST /v1/app-authorizations/:id/reject': async (api, tenant) => ({
    url: `/v1/app-authorizations/${await authorizationAskedOf(api, tenant)}/reject`,
  }),
  // RingCentral: the tenant's API key as the bearer token, `~` for its account, numeric device ids.
  'PUT /compat/ringcentral/restapi/v1.0/account/:accountId/device/:deviceId': async (_api, tenant) => ({
    url: `/compat/ringcentral/restapi/v1.0/account/~/device/${await ringCentralPhone(tenant)}`,
    body: { name: unique('rc phone'), useAsCommonPhone: false },
  }),
  'PUT /compat/ringcentral/restapi/v1.0/account/:accountId/device/:deviceId/emergency': async (_api, tenant) => ({
    url: `/compat/ringcentral/restapi/v1.0/account/~/device/${await ringCentralPhone(tenant)}/emergency`,
    body: { emergency: { address: { street: '20 Davis Drive', city: 'Belmont', countryIsoCode: 'US' } } },
  }),
  'POST /compat/ringcentral/restapi/v1.0/account/:accountId/emergency-address-auto-update/devices/bulk-assign': async (
    _api,
    tenant,
  ) => ({
    url: '/compat/ringcentral/restapi/v1.0/account/~/emergency-address-auto-update/devices/bulk-assign',
    body: { enabledDeviceIds: [await ringCentralPhone(tenant)] },
  }),
  'POST /compat/ringcentral/restapi/v2/accounts/:accountId/device-inventory': async () => ({
    url: '/compat/ringcentral/restapi/v2/accounts/~/device-inventory',
    body: { type: 'OtherPhone', quantity: 1 },
  }),
  'DELETE /compat/ringcentral/restapi/v2/accounts/:accountId/device-inventory': async (_api, tenant) => {
    const [id] = await createDevices(tenant.store, [deviceRow(tenant.tenantId, { kind: 'OtherPhone' })]);
    return {
      url: '/compat/ringcentral/restapi/v2/accounts/~/device-inventory',
      body: { records: [{ deviceId: numericIdOf(id!) }] },
    };
  },
  'POST /compat/ringcentral/restapi/v2/accounts/:accountId/devices/bulk-add': async (_api, tenant) => ({
    url: '/compat/ringcentral/restapi/v2/accounts/~/devices/bulk-add',
    body: {
      records: [
        {
          extension: { id: String(numberIdOf(await insertPerson(tenant.store, tenant.tenantId))) },
          type: 'OtherPhone',
        },
      ],
    },
  }),
  'POST /compat/ringcentral/restapi/v2/accounts/:accountId/extensions/:extensionId/devices/:deviceId/replace': async (
    _api,
    tenant,
  ) => {
    const person = await insertPerson(tenant.store, tenant.tenantId);
    const [source, target] = await createDevices(tenant.store, [
      deviceRow(tenant.tenantId, { kind: 'OtherPhone', owner_person_id: person }),
      deviceRow(tenant.tenantId, { kind: 'OtherPhone' }),
    ]);
    return {
      url: `/compat/ringcentral/restapi/v2/accounts/~/extensions/${numberIdOf(person)}/devices/${numericIdOf(source!)}/replace`,
      body: { targetDeviceId: numericIdOf(target!) },
    };
  },
  'DELETE /compat/ringcentral/restapi/v2/accounts/:accountId/devices/:deviceId': async (_api, tenant) => ({
    url: `/compat/ringcentral/restapi/v2/accounts/~/devices/${await ringCentralPhone(tenant)}`,
    body: { keepAssetsInInventory: true },
  }),
  // Webex: the tenant's API key as the bearer token, Webex ids (base64 ciscospark URIs).
  'POST /compat/webex/v1/devices': async (_api, tenant) => ({
    url: '/compat/webex/v1/devices',
    body: {
      mac: `00:AB:${(serial += 1)
        .toString(16)
        .padStart(8, '0')
        .replace(/(..)(?!$)/g, '$1:')}`,
      model: await webexModel(tenant),
      personId: webexId('person', await insertPerson(tenant.store, tenant.tenantId)),
    },
  }),
  // One JSON Patch operation, as the spec's schema shows it (an array of them is tested with the dialect).
  'PATCH /compat/webex/v1/devices/:deviceId': async (_api, tenant) => ({
    url: `/compat/webex/v1/devices/${await webexDevice(tenant)}`,
    body: { op: 'replace', path: 'tags', value: ['ci'] },
    headers: { 'content-type': 'application/json-patch+json' },
  }),
  'DELETE /compat/webex/v1/devices/:deviceId': async (_api, tenant) => ({
    url: `/compat/webex/v1/devices/${await webexDevice(tenant)}`,
  }),
  'POST /compat/webex/v1/devices/activationCode': async (_api, tenant) => ({
    url: '/compat/webex/v1/devices/activationCode',
    body: {
      workspaceId: webexId('workspace', await insertWorkspace(tenant.store, tenant.tenantId)),
      model: await webexModel(tenant),
    },
  }),
  // Webex Calling: a person's phone with their number on port 1; the PUT adds a virtual line on port 2.
  'PUT /compat/webex/v1/telephony/config/devices/:deviceId/members': async (api, tenant) => {
    const person = await insertPerson(tenant.store, tenant.tenantId);
    const device = await phoneDevice(tenant, person);
    const own = await api('POST', '/v1/numbers', { number: `+1650987${nextDigits()}` });
    const shared = await api('POST', '/v1/numbers', { number: `+1650987${nextDigits()}` });
    const line = await api('POST', '/v1/virtual-lines', {
      firstName: 'Shared',
      lastName: unique('line'),
      phoneNumberId: shared.json().id,
    });
    expect(line.statusCode, line.body).toBe(201);
    const lines = await api('PUT', `/v1/devices/${device}/lines`, {
      lines: [{ position: 0, phoneNumberId: own.json().id, lineType: 'Standalone' }],
    });
    expect(lines.statusCode, lines.body).toBe(200);
    const member = (id: string, port: number, primaryOwner: boolean) => ({
      port,
      id,
      primaryOwner,
      lineType: primaryOwner ? 'PRIMARY' : 'SHARED_CALL_APPEARANCE',
      lineWeight: 1,
      hotlineEnabled: false,
      hotlineDestination: '',
      allowCallDeclineEnabled: true,
    });
    return {
      url: `/compat/webex/v1/telephony/config/devices/${webexId('device', device)}/members`,
      body: {
        members: [member(webexId('person', person), 1, true), member(webexId('virtualLine', line.json().id), 2, false)],
      },
    };
  },
  'POST /compat/webex/v1/telephony/config/devices/actions/validateMacs/invoke': async () => ({
    url: '/compat/webex/v1/telephony/config/devices/actions/validateMacs/invoke',
    body: { macs: ['00AB12345678', 'not a mac'] },
  }),
  'POST /compat/webex/v1/telephony/config/devices/:deviceId/actions/applyChanges/invoke': async (_api, tenant) => ({
    url: `/compat/webex/v1/telephony/config/devices/${webexId('device', await phoneDevice(tenant))}/actions/applyChanges/invoke`,
  }),
  // An override of no family: the device keeps its inherited settings but is marked customized.
  'PUT /compat/webex/v1/telephony/config/devices/:deviceId/settings': async (_api, tenant) => ({
    url: `/compat/webex/v1/telephony/config/devices/${webexId('device', await phoneDevice(tenant))}/settings`,
    body: { customizations: {}, customEnabled: true },
  }),
  'PUT /compat/webex/v1/telephony/config/people/:personId/devices/settings': async (_api, tenant) => ({
    url: `/compat/webex/v1/telephony/config/people/${webexId('person', await insertPerson(tenant.store, tenant.tenantId))}/devices/settings`,
    body: { compression: 'ON' },
  }),
  'PUT /compat/webex/v1/telephony/config/people/:personId/devices/settings/hoteling': async (_api, tenant) => ({
    url: `/compat/webex/v1/telephony/config/people/${webexId('person', await insertPerson(tenant.store, tenant.tenantId))}/devices/settings/hoteling`,
    body: { hoteling: { enabled: true, limitGuestUse: true, guestHoursLimit: 8 } },
  }),
  'PUT /compat/webex/v1/telephony/config/workspaces/:workspaceId/devices/settings': async (_api, tenant) => ({
    url: `/compat/webex/v1/telephony/config/workspaces/${webexId('workspace', await insertWorkspace(tenant.store, tenant.tenantId))}/devices/settings`,
    body: { compression: 'ON' },
  }),
  'PUT /compat/webex/v1/telephony/config/workspaces/:workspaceId/devices': async (_api, tenant) => ({
    url: `/compat/webex/v1/telephony/config/workspaces/${webexId('workspace', await insertWorkspace(tenant.store, tenant.tenantId))}/devices`,
    body: { enabled: true },
  }),
  // A Cisco MPP model with 4 line keys: the layout puts a speed dial on key 2.
  'PUT /compat/webex/v1/telephony/config/devices/:deviceId/layout': async (_api, tenant) => {
    const product = await insertProduct(tenant.store, {
      name: unique('DMS Cisco 8845'),
      manufacturer: 'Cisco',
      device_kind: 'HardPhone',
      line_count: 4,
    });
    const [id] = await createDevices(tenant.store, [
      deviceRow(tenant.tenantId, { kind: 'HardPhone', product_id: product, manufacturer: 'Cisco' }),
    ]);
    return {
      url: `/compat/webex/v1/telephony/config/devices/${webexId('device', id!)}/layout`,
      body: {
        layoutMode: 'CUSTOM',
        lineKeys: [
          { lineKeyIndex: 1, lineKeyType: 'PRIMARY_LINE' },
          { lineKeyIndex: 2, lineKeyType: 'SPEED_DIAL', lineKeyLabel: 'Desk', lineKeyValue: '2135' },
        ],
      },
    };
  },
  // A Cisco room device (xAPI): one configured value, as the spec's schema shows one operation.
  'PATCH /compat/webex/v1/deviceConfigurations': async (_api, tenant) => {
    const [id] = await createDevices(tenant.store, [
      deviceRow(tenant.tenantId, { kind: 'Room', manufacturer: 'Cisco' }),
    ]);
    return {
      url: `/compat/webex/v1/deviceConfigurations?deviceId=${webexId('device', id!)}`,
      body: { op: 'replace', path: 'Audio.Ultrasound.MaxVolume/sources/configured/value', value: 50 },
      headers: { 'content-type': 'application/json-patch+json' },
    };
  },
  // A generic SIP phone (no catalogue product): a third-party device.
  'PUT /compat/webex/v1/telephony/config/devices/:deviceId': async (_api, tenant) => ({
    url: `/compat/webex/v1/telephony/config/devices/${await webexDevice(tenant)}`,
    body: { sipPassword: 'Str0ng&Sip-Pass' },
  }),
};

/** The name of a new catalogue desk phone, as Webex names a model. */
async function webexModel(tenant: Caller): Promise<string> {
  const model = unique('DMS model');
  await insertProduct(tenant.store, { name: model, manufacturer: 'Cisco', device_kind: 'HardPhone' });
  return model;
}

/** The Webex id of a phone of the tenant. */
async function webexDevice(tenant: Caller): Promise<string> {
  const [id] = await createDevices(tenant.store, [deviceRow(tenant.tenantId, { kind: 'OtherPhone' })]);
  return webexId('device', id!);
}

/** The RingCentral id of a phone owned by a new person of the tenant. */
async function ringCentralPhone(tenant: Caller): Promise<string> {
  const person = await insertPerson(tenant.store, tenant.tenantId);
  const [id] = await createDevices(tenant.store, [
    deviceRow(tenant.tenantId, { kind: 'OtherPhone', owner_person_id: person }),
  ]);
  return numericIdOf(id!);
}

/** The tenantApiCode of a new tenant (one the caller's app may ask for authorization). */
async function otherTenantCode(tenant: Caller): Promise<string> {
  const other = await createTenant(tenant.store);
  return (await surfaceTenant(tenant.store, other.tenantId)).apiCode;
}

/** The id of an authorization that a new partner tenant's app asked of the caller's tenant (pending). */
async function authorizationAskedOf(api: Api, tenant: Caller): Promise<string> {
  const partner = await createTenant(tenant.store);
  const registered = await api('PUT', `/compat/poly/app?apikey=${partner.apiKey}`, { name: unique('partner app') });
  expect(registered.statusCode, registered.body).toBe(201);
  const { apiCode } = await surfaceTenant(tenant.store, tenant.tenantId);
  const asked = await api(
    'PUT',
    `/compat/poly/partner/app/${registered.json().appId as string}/authrequests?apikey=${partner.apiKey}&tenantApiCode=${apiCode}&subscription=ASSETHISTORICAL`,
  );
  expect(asked.statusCode, asked.body).toBe(201);
  return asked.json().requestId as string;
}

/** The URL and headers of a dialect route for the tenant's API key (its surface prepares the tenant). */
async function dialectCall(path: string, tenant: Caller): Promise<Required<Pick<Call, 'url' | 'headers'>>> {
  const surface = surfaceOf(path);
  await surface.prepare?.(tenant.store, tenant.tenantId);
  return surface.request(path, await surfaceTenant(tenant.store, tenant.tenantId), tenant.apiKey);
}

/** The Authorization header of an API key acting as `personId` with `role`. */
async function personalKey(tenant: Caller, role: 'agent' | 'supervisor', personId: string) {
  return (await createApiKey(tenant.store, tenant.tenantId, { role, personId })).auth;
}

/** A desk phone of the tenant without a number (owned by `personId` when given). */
async function phoneDevice(tenant: Caller, personId: string | null = null): Promise<string> {
  const [id] = await createDevices(tenant.store, [
    deviceRow(tenant.tenantId, { kind: 'OtherPhone', owner_person_id: personId }),
  ]);
  return id!;
}

/** A desk phone of the tenant with the number +1 650 987 0000 on its first line. */
async function numberedPhone(api: Api, tenant: Caller, personId: string | null = null): Promise<string> {
  const id = await phoneDevice(tenant, personId);
  const res = await api('PUT', `/v1/devices/${id}/telephony`, { phoneNumber: '+16509870000' });
  expect(res.statusCode, res.body).toBe(200);
  return id;
}

const writeRoutes = Object.keys(ROUTE_POLICIES).filter(
  (key) => !key.startsWith('GET ') && !key.startsWith('OPTIONS ') && !SIGN_IN_ROUTES.has(key) && !isMessaging(key),
);

/** Members a client must never set: identity, tenancy, bookkeeping, secrets. */
const PROTECTED_MEMBERS: Record<string, unknown> = {
  id: '0190a3c0-0000-7000-8000-000000000000',
  tenantId: '0190a3c0-0000-7000-8000-000000000000',
  tenant_id: '0190a3c0-0000-7000-8000-000000000000',
  createdAt: '2020-01-01T00:00:00Z',
  updatedAt: '2020-01-01T00:00:00Z',
  revokedAt: null,
  lastUsedAt: '2020-01-01T00:00:00Z',
  version: 7,
  prefix: 'ucf_fake',
  key: 'ucf_chosen-by-the-client',
  keyHash: 'ff',
  key_hash: 'ff',
  secretHash: 'ff',
  clientId: 'ucfc_chosen',
  clientSecret: 'ucfs_chosen',
  passwordHash: '$scrypt$ln=1,r=1,p=1$AA$AA',
  password_hash: 'x',
};

describeEachStore('write routes', ({ store }) => {
  const { app } = useApp(store, { RATE_LIMITS: 'off' });

  async function setup() {
    const tenant: Caller = { ...(await createTenant(store())), store: store() };
    const api: Api = (method, url, body, headers = {}) =>
      app().inject({
        method,
        url,
        headers: { ...tenant.auth, ...headers },
        ...(body === undefined ? {} : { payload: body }),
      });
    return { tenant, api };
  }

  async function counts(): Promise<Record<string, number>> {
    const tables = [
      'audit_events',
      'api_keys',
      'oauth_clients',
      'apps',
      'person_logins',
      'sessions',
      'devices',
      'people',
      'user_groups',
      'group_memberships',
      'sites',
      'workspaces',
      'virtual_lines',
      'paging_groups',
      'compliance_policies',
      'app_authorizations',
    ] as const;
    const out: Record<string, number> = {};
    for (const table of tables) {
      const row = await store()
        .db.selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      out[table] = Number(row.n);
    }
    return out;
  }

  it('has a fixture for every write route of the policy table', () => {
    expect(writeRoutes.filter((key) => !FIXTURES[key])).toEqual([]);
  });

  it('writes exactly one audit event per successful change', async () => {
    const { tenant, api } = await setup();
    for (const key of writeRoutes) {
      const method = key.split(' ')[0] as Method;
      const call = await FIXTURES[key]!(api, tenant);
      const before = await counts();
      const res = await api(method, call.url, call.body, call.headers);
      expect(res.statusCode, `${key}: ${res.body}`).toBeLessThan(300);
      // Canaries: the secrets this call handled (an issued key or client secret, a password) and their hashes.
      const answer = res.statusCode === 204 ? {} : (res.json() as Record<string, unknown>);
      const canaries = [answer.key, answer.clientSecret, call.body?.password].filter((v) => typeof v === 'string');
      const after = await counts();
      expect(after.audit_events! - before.audit_events!, key).toBe(
        CHANGES_NOTHING.has(key) ? 0 : (AUDIT_EVENTS[key] ?? 1),
      );
      const [event] = await store()
        .db.selectFrom('audit_events')
        .selectAll()
        .where('tenant_id', '=', tenant.tenantId)
        .orderBy('id', 'desc')
        .limit(1)
        .execute();
      expect(event!.request_id, key).not.toBeNull();
      const recorded = `${event!.after ?? ''}${event!.before ?? ''}`;
      expect(recorded, key).not.toMatch(/scrypt|[0-9a-f]{64}/);
      for (const canary of canaries) expect(recorded, key).not.toContain(canary);
    }
  });

  it('refuses protected members in every write body with 400 and stores nothing', async () => {
    const { tenant, api } = await setup();
    let attempts = 0;
    for (const key of writeRoutes) {
      const method = key.split(' ')[0] as Method;
      const call = await FIXTURES[key]!(api, tenant);
      if (!call.body) continue;
      for (const [member, value] of Object.entries(PROTECTED_MEMBERS)) {
        if (member in call.body) continue;
        const before = await counts();
        const res = await api(method, call.url, { ...call.body, [member]: value }, call.headers);
        attempts += 1;
        expect(res.statusCode, `${key} with ${member}`).toBe(400);
        if (surfaceOf(key.split(' ')[1]!).name === 'native') {
          expect(res.json()).toMatchObject({ status: 400, parameter: member });
        } else {
          // A dialect's error body has no `parameter`; its message names the member.
          // A dialect's error body has no `parameter`; its message names the member.
          const named = expect.stringContaining(`'${member}'`);
          const dialect = surfaceOf(key.split(' ')[1]!).name;
          expect(res.json()).toMatchObject(
            dialect === 'genesys'
              ? { statusCode: 10, statusMessage: named }
              : dialect === 'ringcentral'
                ? { errorCode: 'CMN-101', message: named, parameterName: member }
                : dialect === 'webex'
                  ? { message: named, errors: [{ description: named }] }
                  : { status: 400, message: named },
          );
        }
        expect(await counts(), `${key} with ${member}`).toEqual(before);
      }
    }
    expect(attempts).toBeGreaterThan(30);
  });

  it('refuses prototype-poisoning bodies with 400 and leaves Object.prototype alone', async () => {
    const { tenant, api } = await setup();
    for (const key of writeRoutes) {
      const method = key.split(' ')[0] as Method;
      const call = await FIXTURES[key]!(api, tenant);
      if (!call.body) continue;
      const valid = JSON.stringify(call.body);
      for (const poison of ['"__proto__":{"polluted":true}', '"constructor":{"prototype":{"polluted":true}}']) {
        const before = await counts();
        const res = await app().inject({
          method,
          url: call.url,
          headers: { ...tenant.auth, ...call.headers, 'content-type': 'application/json' },
          payload: `{${poison},${valid.slice(1)}`,
        });
        expect(res.statusCode, `${key} ${poison}: ${res.body}`).toBe(400);
        expect(
          surfaceOf(key.split(' ')[1]!).isErrorBody(res.json(), res.headers['content-type'] as string | undefined),
          key,
        ).toBe(true);
        expect(await counts()).toEqual(before);
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads JSON bodies in every spelling of the media type and refuses other types', async () => {
    const { tenant } = await setup();
    const send = (contentType: string | undefined, payload: string) =>
      app().inject({
        method: 'POST',
        url: '/v1/apps',
        headers: { ...tenant.auth, ...(contentType === undefined ? {} : { 'content-type': contentType }) },
        payload,
      });
    for (const type of [
      'application/json',
      'Application/JSON',
      'application/json; charset=utf-8',
      'application/json;charset=UTF-8',
      'application/json ; charset=utf-8',
      'application/json;\tcharset=utf-8',
    ]) {
      const name = unique('app');
      const res = await send(type, JSON.stringify({ name }));
      expect(res.statusCode, `${JSON.stringify(type)}: ${res.body}`).toBe(201);
      expect(res.json()).toMatchObject({ name });
      // The same spelling with an invalid body is validated, never stored.
      const before = await counts();
      const bad = await send(type, JSON.stringify({ name, extra: 1 }));
      expect(bad.statusCode).toBe(400);
      expect(await counts()).toEqual(before);
    }
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/xml',
      'multipart/form-data; boundary=x',
    ]) {
      const before = await counts();
      const res = await send(type, JSON.stringify({ name: 'x' }));
      expect(res.statusCode, type).toBe(415);
      expect(await counts()).toEqual(before);
    }
  });

  it('keeps to its resource limits: huge bodies, arrays, strings and nesting are refused', async () => {
    const { tenant, api } = await setup();
    const before = await counts();
    const huge = await app().inject({
      method: 'POST',
      url: '/v1/apps',
      headers: { ...tenant.auth, 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x'.repeat(2_000_000) }),
    });
    expect(huge.statusCode).toBe(413);
    const longString = await api('POST', '/v1/apps', { name: 'x'.repeat(100_000) });
    expect(longString.statusCode).toBe(400);
    const bigArray = await api('POST', '/v1/api-keys', {
      name: 'x',
      role: 'readonly_admin',
      scopes: Array.from({ length: 100_000 }, () => 'x'),
    });
    expect(bigArray.statusCode).toBe(400);
    const depth = 10_000;
    const deep = await app().inject({
      method: 'POST',
      url: '/v1/apps',
      headers: { ...tenant.auth, 'content-type': 'application/json' },
      payload: `${'{"name":'.repeat(depth)}"x"${'}'.repeat(depth)}`,
    });
    expect(deep.statusCode).toBe(400);
    expect(await counts()).toEqual(before);
    const page = await api('GET', '/v1/devices?limit=1000000');
    expect(page.statusCode).toBe(200);
  });
});
