/**
 * Bulk device import through POST /v1/imports and its job (GET /v1/jobs/{id}) on both engines: CSV, JSON and
 * NDJSON bodies; upsert by MAC and by serial; dry runs storing nothing; per-row errors naming field and rule;
 * all-or-nothing versus partial; one audit event per written device; and the import → export round trip
 * (100,000 rows on SQLite; 20,000 on PostgreSQL, whose import over TCP is slower and would add half a minute
 * to the suite at 100,000 — ROUND_TRIP_ROWS sets both; `npm run bench:bulk` measures throughput).
 */
import { expect, it } from 'vitest';
import type { Store } from '../../src/db/database.js';
import { createApiKey, createTenant, insertPerson, insertProduct } from '../support/factories.js';
import { useApp } from '../support/http.js';
import { describeEachStore } from '../support/stores.js';

type Json = Record<string, unknown>;
interface Job {
  id: string;
  state: string;
  progress: { done: number; total: number };
  result: null | {
    dryRun: boolean;
    committed: boolean;
    created: number;
    updated: number;
    unchanged: number;
    failed: number;
    failures: { row: number; outcome: string; error: { field: string; rule: string; message: string } }[];
  };
  error: null | { code: string; detail: string };
}

const mac = (n: number) =>
  `00:1A:2B:${[(n >> 16) & 255, (n >> 8) & 255, n & 255].map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join(':')}`;
const bareMac = (n: number) => mac(n).replaceAll(':', '');

describeEachStore('device import', ({ store, engine }) => {
  const { app } = useApp(store, { IMPORT_MAX_BYTES: '104857600' });

  async function setup() {
    const tenant = await createTenant(store());
    return { tenant, ...clientOf(tenant.auth) };
  }

  function clientOf(auth: Record<string, string>) {
    const submit = (payload: string | object, contentType = 'application/json', query = '') =>
      app().inject({
        method: 'POST',
        url: `/v1/imports${query}`,
        headers: { ...auth, 'content-type': contentType },
        payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
      });
    /** Waits for the job at `location` to finish. */
    const finished = async (location: string): Promise<Job> => {
      for (;;) {
        const job = await app().inject({ method: 'GET', url: location, headers: auth });
        expect(job.statusCode, job.body).toBe(200);
        const body = job.json<Job>();
        if (body.state === 'succeeded' || body.state === 'failed') return body;
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    /** Submits an import and waits for its job to finish. */
    const run = async (payload: string | object, contentType?: string, query?: string): Promise<Job> => {
      const res = await submit(payload, contentType, query);
      expect(res.statusCode, res.body).toBe(202);
      expect(res.headers.location).toBe(`/v1/jobs/${res.json<Job>().id}`);
      return finished(res.headers.location as string);
    };
    const devices = async (query = '') => {
      const res = await app().inject({ method: 'GET', url: `/v1/devices?limit=500${query}`, headers: auth });
      return res.json<{ items: Json[] }>().items;
    };
    return { submit, run, finished, devices };
  }

  async function auditActions(s: Store, tenantId: string): Promise<string[]> {
    const rows = await s.db
      .selectFrom('audit_events')
      .select('action')
      .where('tenant_id', '=', tenantId)
      .orderBy('id')
      .execute();
    return rows.map((r) => r.action);
  }

  it('imports CSV as a job: 202, Location, progress, counts, one audit event per device', async () => {
    const { tenant, submit, finished, devices } = await setup();
    const csv = `kind,name,mac,serial,status,tags\r\nHeadset,"Desk, left",${mac(1)},S-1,Online,a;b\r\nHeadset,Desk right,${mac(2)},S-2,,\r\n`;
    const accepted = await submit(csv, 'text/csv');
    expect(accepted.statusCode, accepted.body).toBe(202);
    expect(accepted.json()).toMatchObject({
      kind: 'device_import',
      options: { format: 'csv', dryRun: false, partial: false },
      progress: { done: 0, total: 4 },
      result: null,
    });
    const job = await finished(accepted.headers.location as string);
    expect(job).toMatchObject({ state: 'succeeded', progress: { done: 4, total: 4 }, error: null });
    expect(job.result).toMatchObject({
      committed: true,
      created: 2,
      updated: 0,
      unchanged: 0,
      failed: 0,
      failures: [],
    });
    const listed = await devices();
    expect(listed.map((d) => [d.name, d.mac, d.serial, d.status, d.tags])).toEqual([
      ['Desk, left', bareMac(1), 'S-1', 'Online', ['a', 'b']],
      ['Desk right', bareMac(2), 'S-2', 'Offline', []],
    ]);
    expect(await auditActions(store(), tenant.tenantId)).toEqual(['job.create', 'device.create', 'device.create']);
  });

  it('upserts JSON and NDJSON rows by MAC first, then by serial', async () => {
    const { run, devices } = await setup();
    const product = await insertProduct(store(), { manufacturer: 'Poly', name: `Poly ${Math.random()}` });
    const first = await run({
      devices: [
        { kind: 'Headset', name: 'A', mac: mac(10), serial: 'SA' },
        { kind: 'Headset', name: 'B', serial: 'SB', productId: product },
        { kind: 'Headset', name: 'C', mac: mac(12) },
      ],
    });
    expect(first.result).toMatchObject({ created: 3, failed: 0 });
    const ndjson = [
      // A by its MAC, written another way; the serial changes too.
      JSON.stringify({ name: 'A2', mac: mac(10).toLowerCase().replaceAll(':', '-'), serial: 'SA2' }),
      '',
      // B by its serial, keeping what the row does not name (product, kind).
      JSON.stringify({ serial: 'SB', status: 'Online' }),
      // C unchanged.
      JSON.stringify({ kind: 'Headset', name: 'C', mac: mac(12) }),
      JSON.stringify({ kind: 'Headset', name: 'D', mac: mac(13) }),
    ].join('\n');
    const second = await run(ndjson, 'application/x-ndjson');
    expect(second.result).toMatchObject({ created: 1, updated: 2, unchanged: 1, failed: 0, committed: true });
    const byName = Object.fromEntries((await devices()).map((d) => [d.name, d]));
    expect(Object.keys(byName).sort()).toEqual(['A2', 'B', 'C', 'D']);
    expect(byName.A2).toMatchObject({ serial: 'SA2', mac: bareMac(10), version: 2 });
    expect(byName.B).toMatchObject({ status: 'Online', kind: 'Headset', version: 2, product: { id: product } });
    expect(byName.C).toMatchObject({ version: 1 });
  });

  it('dry run validates every row and stores nothing', async () => {
    const { tenant, run, devices } = await setup();
    const job = await run(
      {
        devices: [
          { kind: 'Headset', name: 'X', mac: mac(20) },
          { kind: 'Headset', name: 'Y' },
        ],
      },
      undefined,
      '?dryRun=true',
    );
    expect(job.state).toBe('succeeded');
    expect(job.result).toMatchObject({ dryRun: true, committed: false, created: 2, failed: 0 });
    expect(await devices()).toEqual([]);
    expect(await auditActions(store(), tenant.tenantId)).toEqual(['job.create']);
  });

  const badRows = [
    { kind: 'Headset', name: 'ok 1', mac: mac(30) },
    { kind: 'Headset', name: 'bad mac', mac: 'zz:zz' },
    { kind: 'SoftPhone' },
    { kind: 'Headset', name: 'bad member', color: 'red' },
    { kind: 'Pager', name: 'bad kind' },
    { kind: 'Headset', name: 'same mac', mac: mac(30) },
    { name: 'no kind' },
    { kind: 'Headset', name: 'ok 2', serial: 'OK2' },
  ];
  const expectedFailures = [
    { row: 2, outcome: 'failed', error: { field: 'mac', rule: 'mac_format' } },
    { row: 3, outcome: 'failed', error: { field: 'name', rule: 'name_required' } },
    { row: 4, outcome: 'failed', error: { field: 'color', rule: 'unknown_member' } },
    { row: 5, outcome: 'failed', error: { field: 'kind', rule: 'enum' } },
    { row: 6, outcome: 'failed', error: { field: 'mac', rule: 'duplicate_in_file' } },
    { row: 7, outcome: 'failed', error: { field: 'kind', rule: 'required' } },
  ];

  it('reports each failed row with its field and rule, and by default stores nothing', async () => {
    const { tenant, run, devices } = await setup();
    const job = await run({ devices: badRows });
    expect(job.state).toBe('failed');
    expect(job.error?.code).toBe('import_rows_invalid');
    expect(job.result).toMatchObject({ committed: false, failed: 6, failures: expectedFailures });
    for (const f of job.result!.failures) expect(f.error.message.length).toBeGreaterThan(0);
    expect(await devices()).toEqual([]);
    expect(await auditActions(store(), tenant.tenantId)).toEqual(['job.create']);
  });

  it('with partial=true stores the valid rows and reports the others', async () => {
    const { tenant, run, devices } = await setup();
    const job = await run({ devices: badRows }, undefined, '?partial=true');
    expect(job.state).toBe('succeeded');
    expect(job.result).toMatchObject({ committed: true, created: 2, failed: 6, failures: expectedFailures });
    expect((await devices()).map((d) => d.name)).toEqual(['ok 1', 'ok 2']);
    expect(await auditActions(store(), tenant.tenantId)).toEqual(['job.create', 'device.create', 'device.create']);
  });

  it('refuses a malformed body, an unknown CSV column and an empty import with 400, creating no job', async () => {
    const { tenant, submit } = await setup();
    for (const [payload, type, parameter] of [
      ['kind,colour\r\nHeadset,red\r\n', 'text/csv', 'colour'],
      ['kind,name\r\n"Headset,x\r\n', 'text/csv', 'body'],
      ['{"kind":"Headset"}\n{oops', 'application/x-ndjson', 'body'],
      [{ devices: [] }, 'application/json', 'devices'],
    ] as const) {
      const res = await submit(payload, type);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json()).toMatchObject({ parameter });
    }
    const jobs = await store().db.selectFrom('jobs').select('id').where('tenant_id', '=', tenant.tenantId).execute();
    expect(jobs).toEqual([]);
  });

  it('is for admins: supervisors and agents get 403; a job is visible to its tenant only', async () => {
    const { tenant, run } = await setup();
    const person = await insertPerson(store(), tenant.tenantId);
    for (const role of ['supervisor', 'agent'] as const) {
      const key = await createApiKey(store(), tenant.tenantId, { role, personId: person });
      const res = await clientOf(key.auth).submit({ devices: [{ kind: 'Headset', name: 'x' }] });
      expect(res.statusCode, role).toBe(403);
    }
    const job = await run({ devices: [{ kind: 'Headset', name: 'x' }] }, undefined, '?dryRun=true');
    const other = await createTenant(store());
    const res = await app().inject({ method: 'GET', url: `/v1/jobs/${job.id}`, headers: other.auth });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'job_not_found' });
  });

  it('round-trips a large import through the export unchanged', { timeout: 300_000 }, async () => {
    const { tenant, run } = await setup();
    const rows = Number(process.env.ROUND_TRIP_ROWS ?? (engine === 'sqlite' ? 100_000 : 20_000));
    const columns = 'kind,name,mac,serial,status,tags';
    const lines = [columns];
    for (let i = 0; i < rows; i++) {
      // Every thousandth name looks like a formula: the export protects it as the file did ('=…).
      const name = i % 1000 === 0 ? `'=formula ${i}` : `Device "${i}", desk`;
      const cells = ['Headset', name, bareMac(100_000 + i), `SN${i}`, i % 2 ? 'Online' : 'Offline', i % 3 ? 'x;y' : ''];
      lines.push(cells.map((c) => (/[",]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(','));
    }
    const csv = `${lines.join('\r\n')}\r\n`;
    const started = Date.now();
    const job = await run(csv, 'text/csv');
    const imported = Date.now();
    expect(job.result).toMatchObject({ created: rows, failed: 0 });
    const exported = await app().inject({
      method: 'GET',
      url: `/v1/devices/export?format=csv&columns=${columns}`,
      headers: tenant.auth,
    });
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(exported.body.split('\r\n')).toEqual(csv.split('\r\n'));
    console.log(`[${engine}] ${rows} rows: import ${imported - started} ms, export ${Date.now() - imported} ms`);
  });
});
