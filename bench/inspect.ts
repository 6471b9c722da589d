/**
 * Where does a request's time go? Runs the app in-process (from src/, via tsx) over a bench database
 * with a Kysely logger, injects the benchmark's list and get requests, and prints per request: the
 * number of SQL queries, their time, the rest (framework, presenter, serialization), and the
 * EXPLAIN QUERY PLAN of each distinct statement.
 *
 * Usage: npx tsx bench/inspect.ts [data/bench-1m.db] [iterations]
 *        BENCH_LIST_QUERY overrides the list query string, as for bench/run.ts.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { CompiledQuery, sql } from 'kysely';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openStore } from '../src/db/database.js';

const SANDBOX_API_KEY = '1hKMMPFMmaldnC0rcohvXN0UX7UeWPjb';
const file = process.argv[2] ?? 'data/bench-1m.db';
const iterations = Number(process.argv[3] ?? 300);
const listPath = `/v1/devices?${process.env.BENCH_LIST_QUERY ?? 'limit=50&status=Online&manufacturer=poly'}`;

interface QueryStat {
  count: number;
  ms: number;
  parameters: readonly unknown[];
}

if (!fs.existsSync(file)) throw new Error(`${file} does not exist: run npm run bench (or the seed command) first`);
let recording = false;
const perQuery = new Map<string, QueryStat>();
let queryCount = 0;
let queryMs = 0;
const store = openStore(file, {
  log: (event) => {
    if (!recording || event.level !== 'query') return;
    queryCount++;
    queryMs += event.queryDurationMillis;
    const stat = perQuery.get(event.query.sql) ?? { count: 0, ms: 0, parameters: event.query.parameters };
    stat.count++;
    stat.ms += event.queryDurationMillis;
    perQuery.set(event.query.sql, stat);
  },
});

const app = await buildApp(loadConfig({ LOG_LEVEL: 'warn', DATABASE_URL: file, RATE_LIMITS: 'off' }), { store });
await app.ready();

const hash = createHash('sha256').update(SANDBOX_API_KEY, 'utf8').digest('hex');
const { tenant_id: tenantId } = await store.db
  .selectFrom('api_keys')
  .select('tenant_id')
  .where('key_hash', '=', hash)
  .executeTakeFirstOrThrow();
const ids = (
  await sql<{ id: string }>`select id from devices where tenant_id = ${tenantId} order by random() limit 1000`.execute(
    store.db,
  )
).rows.map((r) => r.id);

async function profile(label: string, pathFor: (i: number) => string): Promise<void> {
  const headers = { authorization: `Bearer ${SANDBOX_API_KEY}` };
  for (let i = 0; i < 50; i++) await app.inject({ method: 'GET', url: pathFor(i), headers }); // warm-up
  perQuery.clear();
  queryCount = 0;
  queryMs = 0;
  recording = true;
  let bytes = 0;
  const started = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) {
    const response = await app.inject({ method: 'GET', url: pathFor(i), headers });
    if (response.statusCode !== 200)
      throw new Error(`${pathFor(i)}: ${response.statusCode} ${response.body.slice(0, 200)}`);
    bytes += response.rawPayload.length;
  }
  const totalMs = Number(process.hrtime.bigint() - started) / 1e6;
  recording = false;
  console.log(`\n=== ${label}: ${iterations} requests, body ${Math.round(bytes / iterations)} B`);
  console.log(
    `per request: ${(totalMs / iterations).toFixed(3)} ms total (inject), ${(queryCount / iterations).toFixed(2)} queries, ` +
      `${(queryMs / iterations).toFixed(3)} ms in SQL, ${((totalMs - queryMs) / iterations).toFixed(3)} ms elsewhere`,
  );
  for (const [text, stat] of perQuery) {
    console.log(
      `\n  ${(stat.ms / stat.count).toFixed(3)} ms × ${(stat.count / iterations).toFixed(2)}/request: ${text}`,
    );
    try {
      const plan = await store.db.executeQuery<{ detail: string }>(
        CompiledQuery.raw(`explain query plan ${text}`, [...stat.parameters]),
      );
      for (const row of plan.rows) console.log(`      plan: ${row.detail}`);
    } catch (error) {
      console.log(`      plan: (unavailable: ${(error as Error).message})`);
    }
  }
}

await profile(`GET ${listPath}`, () => listPath);
await profile('GET /v1/devices/{id}', (i) => `/v1/devices/${ids[i % ids.length]}`);
await app.close();
await store.close();
