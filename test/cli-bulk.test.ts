/** `ucfleet import` and `ucfleet export` through the real command line, over a SQLite file. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './support/cli.js';
import { openStore } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { createTenant } from './support/factories.js';

describe('ucfleet import / export', () => {
  it('dry-runs, refuses a file with a bad row, imports with --partial and exports what it stored', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ucfleet-bulk-'));
    const env = { DATABASE_URL: path.join(dir, 'fleet.db') };
    try {
      const store = openStore(env.DATABASE_URL);
      await migrateToLatest(store.db);
      const { tenantId } = await createTenant(store);
      await store.close();
      const file = path.join(dir, 'devices.csv');
      fs.writeFileSync(
        file,
        'kind,name,mac\nHeadset,"=cmd, left",001A2B000001\nHeadset,bad,nope\nHeadset,ok,001A2B000002\n',
      );

      const dry = await cli(['import', file, '--tenant', tenantId, '--dry-run', '--no-progress'], env);
      expect(dry.stdout).toContain('3 rows: 2 would be created, 0 updated, 0 unchanged, 1 failed.');
      expect(dry.stdout).toContain('row 2: mac breaks mac_format');

      const refused = await cli(['import', file, '--tenant', tenantId, '--no-progress'], env).catch((e: unknown) => e);
      expect(refused).toMatchObject({ code: 1 });
      expect((refused as { stdout: string }).stdout).toContain('nothing was stored');

      const partial = await cli(['import', file, '--tenant', tenantId, '--partial', '--no-progress'], env);
      expect(partial.stdout).toContain('3 rows: 2 were created, 0 updated, 0 unchanged, 1 failed.');

      const csv = await cli(['export', '--tenant', tenantId, '--columns', 'name,mac'], env);
      expect(csv.stdout).toBe('name,mac\r\n"\'=cmd, left",001A2B000001\r\nok,001A2B000002\r\n');
      const ndjson = await cli(
        ['export', '--tenant', tenantId, '--format', 'ndjson', '--columns', 'name,tags', '--q', 'ok'],
        env,
      );
      expect(ndjson.stdout).toBe('{"name":"ok","tags":[]}\n');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
