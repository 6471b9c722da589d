/**
 * Native paging groups (/v1/paging-groups): create with members, read, list, replace the member list (the
 * whole of it, one audited change, If-Match), delete; members are devices of the same tenant only; a device
 * may be in several groups; deleting a device or a group removes only the membership.
 */
import { expect, it } from 'vitest';
import { createApiKey, createDevices, createTenant, deviceRow, type TestTenant } from '../support/factories.js';
import { useApp } from '../support/http.js';
import { describeEachStore } from '../support/stores.js';

describeEachStore('paging groups', ({ store }) => {
  const { app } = useApp(store, { RATE_LIMITS: 'off' });
  let tenant: TestTenant;
  let other: TestTenant;
  let speakers: string[];
  let foreignDevice: string;

  const call = (
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    payload?: object,
    headers: Record<string, string> = tenant.auth,
  ) => app().inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) });
  const auditCount = async (resourceId: string) =>
    (await store().db.selectFrom('audit_events').select('action').where('resource_id', '=', resourceId).execute())
      .length;

  it('sets up two tenants with devices', async () => {
    tenant = await createTenant(store());
    other = await createTenant(store());
    speakers = await createDevices(store(), [
      deviceRow(tenant.tenantId, { kind: 'Paging', name: 'Lobby speaker' }),
      deviceRow(tenant.tenantId, { kind: 'Paging', name: 'Warehouse speaker' }),
      deviceRow(tenant.tenantId, { kind: 'HardPhone', name: 'Front desk' }),
    ]);
    [foreignDevice] = (await createDevices(store(), [deviceRow(other.tenantId, { kind: 'Paging' })])) as [string];
  });

  it('creates a group with members, reads and lists it', async () => {
    const created = await call('POST', '/v1/paging-groups', {
      name: 'Building A',
      extension: '7001',
      deviceIds: [speakers[1], speakers[0]],
    });
    expect(created.statusCode, created.body).toBe(201);
    const group = created.json();
    expect(created.headers.location).toBe(`/v1/paging-groups/${group.id}`);
    expect(group).toMatchObject({ name: 'Building A', extension: '7001', version: 1 });
    expect(group.deviceIds).toEqual([...speakers.slice(0, 2)].sort());
    expect(await auditCount(group.id)).toBe(1);

    const read = await call('GET', `/v1/paging-groups/${group.id}`);
    expect(read.json()).toEqual(group);
    const list = await call('GET', '/v1/paging-groups');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items).toEqual([group]);
  });

  it('replaces the member list as one audited change, honouring If-Match, and lets a device be in several groups', async () => {
    const first = (await call('POST', '/v1/paging-groups', { name: 'Floor 1', deviceIds: [speakers[0]] })).json();
    const second = (await call('POST', '/v1/paging-groups', { name: 'Floor 2', deviceIds: [speakers[0]] })).json();
    expect(second.deviceIds).toEqual([speakers[0]]);

    const read = await call('GET', `/v1/paging-groups/${first.id}`);
    const stale = await call(
      'PUT',
      `/v1/paging-groups/${first.id}/devices`,
      { deviceIds: [] },
      {
        ...tenant.auth,
        'if-match': '"stale"',
      },
    );
    expect(stale.statusCode).toBe(412);
    const replaced = await call(
      'PUT',
      `/v1/paging-groups/${first.id}/devices`,
      { deviceIds: [speakers[2], speakers[1]] },
      {
        ...tenant.auth,
        'if-match': read.headers.etag as string,
      },
    );
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(replaced.json()).toMatchObject({ version: 2, deviceIds: [speakers[1], speakers[2]].sort() });
    const events = await store()
      .db.selectFrom('audit_events')
      .select('action')
      .where('resource_id', '=', first.id)
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.action)).toEqual(['paging_group.create', 'paging_group.devices_replace']);

    // The same list again changes nothing: no new version, no audit event.
    const again = await call('PUT', `/v1/paging-groups/${first.id}/devices`, { deviceIds: [speakers[1], speakers[2]] });
    expect(again.json()).toMatchObject({ version: 2 });
    expect(await auditCount(first.id)).toBe(2);
  });

  it('refuses devices of another tenant or unknown ones, duplicate names and extensions, storing nothing', async () => {
    const before = (await call('GET', '/v1/paging-groups?limit=100')).json().items.length;
    const foreign = await call('POST', '/v1/paging-groups', { name: 'Leak', deviceIds: [speakers[0], foreignDevice] });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json()).toMatchObject({ code: 'invalid_body', parameter: 'deviceIds' });
    expect(foreign.json().detail).toContain('deviceIds[1]');
    const taken = await call('POST', '/v1/paging-groups', { name: 'Building A' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ code: 'paging_group_name_taken', parameter: 'name' });
    const extension = await call('POST', '/v1/paging-groups', { name: 'Other', extension: '7001' });
    expect(extension.statusCode).toBe(409);
    expect(extension.json()).toMatchObject({ code: 'extension_taken', parameter: 'extension' });
    const bad = await call('POST', '/v1/paging-groups', { name: 'Bad', extension: '7' });
    expect(bad.statusCode).toBe(400);
    expect((await call('GET', '/v1/paging-groups?limit=100')).json().items).toHaveLength(before);

    const group = (await call('GET', '/v1/paging-groups?limit=1')).json().items[0];
    const replaced = await call('PUT', `/v1/paging-groups/${group.id}/devices`, { deviceIds: [foreignDevice] });
    expect(replaced.statusCode).toBe(400);
    expect((await call('GET', `/v1/paging-groups/${group.id}`)).json()).toEqual(group);
  });

  it('is invisible to other tenants and written by admins only', async () => {
    const group = (await call('GET', '/v1/paging-groups?limit=1')).json().items[0];
    expect((await call('GET', `/v1/paging-groups/${group.id}`, undefined, other.auth)).statusCode).toBe(404);
    expect((await call('DELETE', `/v1/paging-groups/${group.id}`, undefined, other.auth)).statusCode).toBe(404);
    expect((await call('GET', '/v1/paging-groups', undefined, other.auth)).json().items).toEqual([]);
    const readonly = await createApiKey(store(), tenant.tenantId, { role: 'readonly_admin' });
    expect((await call('GET', `/v1/paging-groups/${group.id}`, undefined, readonly.auth)).statusCode).toBe(200);
    const refused = await call('POST', '/v1/paging-groups', { name: 'Nope' }, readonly.auth);
    expect(refused.statusCode).toBe(403);
  });

  it('loses a deleted device as a member, and deletes a group without touching its devices', async () => {
    const [doomed] = await createDevices(store(), [deviceRow(tenant.tenantId, { kind: 'Paging' })]);
    const group = (
      await call('POST', '/v1/paging-groups', { name: 'Temporary', deviceIds: [doomed, speakers[0]] })
    ).json();
    expect((await call('DELETE', `/v1/devices/${doomed}`)).statusCode).toBe(204);
    expect((await call('GET', `/v1/paging-groups/${group.id}`)).json().deviceIds).toEqual([speakers[0]]);
    expect((await call('DELETE', `/v1/paging-groups/${group.id}`)).statusCode).toBe(204);
    expect((await call('GET', `/v1/paging-groups/${group.id}`)).statusCode).toBe(404);
    expect((await call('GET', `/v1/devices/${speakers[0]}`)).statusCode).toBe(200);
  });
});
