/**
 * RELIABILITY.md, "kill -9 at random points during a 10,000-event ingest, repeated": a real server process (tsx,
 * the production code) ingests 10,000 events in batches of 100, and is killed with SIGKILL at a random moment,
 * several times; the client keeps the ids of every acknowledged batch and resends what was not acknowledged to
 * the next server. After every kill the database must hold every acknowledged event and pass its integrity check;
 * at the end it holds all 10,000 events exactly once. SQLite (a file, WAL + synchronous=FULL) and PostgreSQL.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { seedDemoFleet } from '../../src/demo/fleet.js';
import { engines, openTestStore } from '../support/stores.js';

const SANDBOX_KEY = '1hKMMPFMmaldnC0rcohvXN0UX7UeWPjb';
const EVENTS = 10_000;
const BATCH = 100;
const KILLS = 4;
const root = path.resolve(import.meta.dirname, '../..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function startServer(databaseUrl: string): Promise<{ child: ChildProcess; origin: string }> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    LOG_LEVEL: 'silent',
    RATE_LIMITS: 'off',
  };
  delete env.REDIS_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], {
    cwd: root,
    env,
    stdio: 'ignore',
  });
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    const ready = await fetch(`${origin}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return { child, origin };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('server did not start');
}

function batches(): { ids: string[]; body: string }[] {
  const start = Date.now() - 3_600_000;
  const list: { ids: string[]; body: string }[] = [];
  for (let b = 0; b < EVENTS / BATCH; b++) {
    const events = Array.from({ length: BATCH }, (_, k) => {
      const i = b * BATCH + k;
      return {
        id: `durable-${i}`,
        type: i % 5 === 0 ? 'firmware' : 'heartbeat',
        occurredAt: new Date(start + i).toISOString(),
        device: { serial: `DUR-${i % 700}` },
        host: { hostName: `host-${i % 50}` },
        ...(i % 5 === 0 ? { firmware: { main: `1.${i % 9}` } } : {}),
      };
    });
    list.push({ ids: events.map((e) => e.id), body: JSON.stringify({ events }) });
  }
  return list;
}

/** Sends pending batches (two in flight) until the server dies or all are acknowledged; returns acknowledged ids. */
async function ingestUntilDeath(
  origin: string,
  pending: { ids: string[]; body: string }[],
  acked: Set<string>,
  onAck: () => void = () => {},
) {
  let next = 0;
  const failed: { ids: string[]; body: string }[] = [];
  const worker = async () => {
    while (next < pending.length) {
      const batch = pending[next++]!;
      try {
        const res = await fetch(`${origin}/v1/telemetry/events`, {
          method: 'POST',
          headers: { authorization: `Bearer ${SANDBOX_KEY}`, 'content-type': 'application/json' },
          body: batch.body,
        });
        if (res.status !== 200) throw new Error(`status ${res.status}`);
        const report = (await res.json()) as { rejected: unknown[] };
        expect(report.rejected).toEqual([]);
        for (const id of batch.ids) acked.add(id);
        onAck();
      } catch {
        failed.push(batch);
      }
    }
  };
  await Promise.all([worker(), worker()]);
  return failed;
}

async function storedIds(store: Store): Promise<string[]> {
  const rows = await store.db.selectFrom('telemetry_events').select('id').execute();
  return rows.map((r) => r.id);
}

for (const engine of engines) {
  describe(`telemetry ingest survives kill -9 [${engine}]`, () => {
    let dir: string;
    let databaseUrl: string;
    let dispose: () => Promise<void> = async () => {};

    beforeAll(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ucfleet-durability-'));
      let store: Store;
      if (engine === 'sqlite') {
        databaseUrl = path.join(dir, 'ucfleet.db');
        store = openStore(databaseUrl);
        await migrateToLatest(store.db);
      } else {
        // A database of its own, reachable by URL from the server process.
        const opened = await openTestStore('postgres');
        store = opened.store;
        databaseUrl = opened.url ?? '';
        dispose = opened.dispose;
      }
      await seedDemoFleet(store, { devices: 0 });
      if (engine === 'sqlite') await store.close();
    });
    afterAll(async () => {
      await dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('loses no acknowledged event and keeps the database sound, kill after kill', { timeout: 240_000 }, async () => {
      expect(databaseUrl).not.toBe('');
      let pending = batches();
      const acked = new Set<string>();
      let interrupted = 0;
      for (let kill = 0; kill <= KILLS && pending.length > 0; kill++) {
        const { child, origin } = await startServer(databaseUrl);
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        const last = kill === KILLS;
        // Kill between 50 ms and 1 s into the ingest (the last server runs to the end).
        // Kill at a random moment while batches are in flight: after a random number of acknowledged batches
        // (1 to 15) plus a random delay of up to 20 ms (the last server runs to the end).
        const killAfter = 1 + Math.floor(Math.random() * 15);
        let acks = 0;
        let timer: NodeJS.Timeout | undefined;
        const onAck = () => {
          acks += 1;
          if (!last && acks === killAfter) timer = setTimeout(() => child.kill('SIGKILL'), Math.random() * 20);
        };
        pending = await ingestUntilDeath(origin, pending, acked, onAck);
        if (timer) clearTimeout(timer);
        if (pending.length > 0) interrupted += 1;
        child.kill('SIGKILL');
        await exited;

        const check = openStore(databaseUrl);
        try {
          if (engine === 'sqlite') {
            const integrity = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(check.db);
            expect(integrity.rows).toEqual([{ integrity_check: 'ok' }]);
          }
          const stored = new Set(await storedIds(check));
          const lost = [...acked].filter((id) => !stored.has(id));
          expect(lost, `after kill ${kill + 1}`).toEqual([]);
        } finally {
          await check.close();
        }
      }
      expect(pending).toEqual([]);
      // The kills did land mid-ingest (else the test would prove nothing).
      expect(interrupted).toBeGreaterThan(0);
      const final = openStore(databaseUrl);
      try {
        const ids = await storedIds(final);
        expect(ids.length).toBe(EVENTS);
        expect(new Set(ids).size).toBe(EVENTS);
        const devices = await final.db
          .selectFrom('devices')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('serial', 'like', 'DUR-%')
          .executeTakeFirstOrThrow();
        expect(Number(devices.n)).toBe(700);
      } finally {
        await final.close();
      }
    });
  });
}
