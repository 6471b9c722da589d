/**
 * GET /v1/devices/export on both engines: CSV (header, RFC 4180 quoting, formula cells prefixed with ') and
 * NDJSON, selected columns, the filters of GET /v1/devices, an agent's own devices only, bad columns refused.
 */
import { expect, it } from 'vitest';
import { createApiKey, createDevices, createTenant, deviceRow, insertPerson, tagDevice } from '../support/factories.js';
import { useApp } from '../support/http.js';
import { describeEachStore } from '../support/stores.js';

describeEachStore('device export', ({ store }) => {
  const { app } = useApp(store);

  async function setup() {
    const tenant = await createTenant(store());
    const person = await insertPerson(store(), tenant.tenantId);
    const ids = await createDevices(store(), [
      deviceRow(tenant.tenantId, { name: '=HYPERLINK("http://evil")', kind: 'Headset', status: 'Online' }),
      deviceRow(tenant.tenantId, { name: 'Desk "A", left\nside', kind: 'Headset', owner_person_id: person }),
      deviceRow(tenant.tenantId, { name: '+1 room', kind: 'Room', mac: '001A2B0000FF' }),
    ]);
    await tagDevice(store(), tenant.tenantId, ids[0]!, 'blue', 'red');
    const get = (url: string, headers = tenant.auth) => app().inject({ method: 'GET', url, headers });
    return { tenant, person, ids, get };
  }

  it('streams CSV with a header, RFC 4180 quoting and formula cells prefixed with an apostrophe', async () => {
    const { get } = await setup();
    const res = await get('/v1/devices/export?columns=name,kind,tags,mac');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="devices.csv"');
    expect(res.body).toBe(
      'name,kind,tags,mac\r\n' +
        '"\'=HYPERLINK(""http://evil"")",Headset,blue;red,\r\n' +
        '"Desk ""A"", left\nside",Headset,,\r\n' +
        "'+1 room,Room,,001A2B0000FF\r\n",
    );
  });

  it('writes NDJSON with JSON values and applies the list filters', async () => {
    const { get, ids } = await setup();
    const res = await get('/v1/devices/export?format=ndjson&columns=id,tags,hotDesk,mac&kind=Headset&tag=blue');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    expect(
      res.body
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as unknown),
    ).toEqual([{ id: ids[0], tags: ['blue', 'red'], hotDesk: false, mac: null }]);
    const all = await get('/v1/devices/export?format=ndjson');
    const first = JSON.parse(all.body.split('\n')[0]!) as Record<string, unknown>;
    expect(Object.keys(first)).toContain('version');
  });

  it("exports only an agent's own devices", async () => {
    const { tenant, person, get, ids } = await setup();
    const agent = await createApiKey(store(), tenant.tenantId, { role: 'agent', personId: person });
    const res = await get('/v1/devices/export?format=ndjson&columns=id', agent.auth);
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(`${JSON.stringify({ id: ids[1] })}\n`);
  });

  it('refuses unknown columns, formats and parameters with 400 naming them', async () => {
    const { get } = await setup();
    for (const [query, parameter] of [
      ['columns=name,colour', 'columns'],
      ['format=xlsx', 'format'],
      ['limit=5', 'limit'],
    ]) {
      const res = await get(`/v1/devices/export?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json()).toMatchObject({ parameter });
    }
  });
});
