/**
 * Bulk throughput (`npm run bench:bulk [rows]`, default 100,000): imports that many devices from CSV into a fresh
 * database through the import service (validation pass + write pass, 1,000-row batches, one audit event per
 * device), then streams them back out as CSV through GET /v1/devices/export; prints rows/s of each.
 * The database is SQLite in memory, or with DATABASE_URL=postgres://… a scratch database created on that server
 * (and dropped afterwards). DRY=1 imports as a dry run (validation only); PARTIAL=1 with `partial`.
 */
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openStore } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { systemActor } from '../src/modules/audit/audit-trail.js';
import { rowsOfCsv } from '../src/modules/devices/device-import-format.js';
import { createServices } from '../src/services.js';
import { createBenchTenant, createScratchDatabase } from './scratch.js';

const rows = Number(process.argv[2] ?? 100_000);
const serverUrl = process.env.DATABASE_URL;
const scratch = serverUrl ? await createScratchDatabase(serverUrl, 'bench') : undefined;
const store = openStore(scratch?.url ?? ':memory:');
await migrateToLatest(store.db);
const { tenantId, key } = await createBenchTenant(store, 'bench');

const lines = ['kind,name,mac,serial,status,tags'];
for (let i = 0; i < rows; i++) {
  const mac = (0x001a2b000000 + i).toString(16).toUpperCase().padStart(12, '0');
  lines.push(`Headset,Device ${i},${mac},SN${i},${i % 2 ? 'Online' : 'Offline'},${i % 3 ? 'x;y' : ''}`);
}
const config = loadConfig({ LOG_LEVEL: 'silent', RATE_LIMITS: 'off' });
const services = createServices(store, config);

const t0 = performance.now();
const parsed = rowsOfCsv(`${lines.join('\r\n')}\r\n`);
const outcome = await services.deviceImports.run(
  systemActor(tenantId),
  parsed,
  { format: 'csv', dryRun: process.env.DRY === '1', partial: process.env.PARTIAL === '1' },
  { progress: async () => {} },
);
const importMs = performance.now() - t0;
if (outcome.error) throw new Error(JSON.stringify(outcome.error));

const rate = (ms: number) => Math.round((rows / ms) * 1000).toLocaleString('en-US');
const engine = scratch ? `PostgreSQL (${new URL(serverUrl!).host})` : 'SQLite (in memory)';
console.log(`${engine}, ${rows.toLocaleString('en-US')} devices`);
console.log(`import: ${(importMs / 1000).toFixed(1)} s, ${rate(importMs)} rows/s (validate + write, audited)`);

try {
  const app = await buildApp(config, { store, services });
  const t1 = performance.now();
  const res = await app.inject({
    method: 'GET',
    url: '/v1/devices/export?format=csv',
    headers: { authorization: `Bearer ${key}` },
  });
  const exportMs = performance.now() - t1;
  const exported = res.body.split('\r\n').length - 2;
  if (exported !== rows && process.env.DRY !== '1') throw new Error(`exported ${exported} rows of ${rows}`);

  console.log(`export: ${(exportMs / 1000).toFixed(1)} s, ${rate(exportMs)} rows/s (CSV, every column)`);
  await app.close();
} finally {
  await store.close();
  await scratch?.drop();
}
