import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './support/cli.js';
import { openStore } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { DAY_MS } from '../src/modules/audit/audit-event.service.js';
import { recordChange, systemActor } from '../src/modules/audit/audit-trail.js';
import { createTenant } from './support/factories.js';

describe('ucfleet audit', () => {
  it('purges events older than the retention period or --older-than-days, and lists a tenant’s events', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ucfleet-audit-'));
    const databaseUrl = path.join(dir, 'fleet.db');
    const env = { DATABASE_URL: databaseUrl };
    try {
      const store = openStore(databaseUrl);
      await migrateToLatest(store.db);
      const a = await createTenant(store);
      const b = await createTenant(store);
      const { api_code: apiCode } = await store.db
        .selectFrom('tenants')
        .select('api_code')
        .where('id', '=', a.tenantId)
        .executeTakeFirstOrThrow();
      const now = Date.now();
      const change = (i: number) => ({ action: 'app.update', resourceType: 'app', resourceId: `app-${i}` });
      for (const [i, days] of [400, 100, 40, 1].entries())
        await recordChange(store.db, systemActor(a.tenantId), change(i), now - days * DAY_MS);
      await recordChange(store.db, systemActor(b.tenantId), change(9), now - 500 * DAY_MS);
      await store.close();

      const listed = (await cli(['audit', 'list', '--tenant', apiCode, '--limit', '3'], env)).stdout.trim().split('\n');
      expect(listed).toHaveLength(3);
      expect(listed[0]).toMatch(/^\S+Z {2}app\.update {2}app\/app-3 {2}by system:-$/);
      expect(listed[2]).toContain('app/app-1');

      expect((await cli(['audit', 'purge'], env)).stdout).toMatch(/^Deleted 2 audit events older than 365 days\./);
      expect((await cli(['audit', 'purge'], { ...env, AUDIT_RETENTION_DAYS: '0' })).stdout).toMatch(
        /nothing was deleted/,
      );
      expect((await cli(['audit', 'purge', '--older-than-days', '30'], env)).stdout).toMatch(/^Deleted 2 audit events/);
      const rest = (await cli(['audit', 'list', '--tenant', a.tenantId], env)).stdout.trim().split('\n');
      expect(rest).toEqual([expect.stringContaining('app/app-3')]);
      expect((await cli(['audit', 'list', '--tenant', b.tenantId], env)).stdout).toMatch(/^No audit events for /);

      const zero = await cli(['audit', 'purge', '--older-than-days', '0'], env).catch((e: unknown) => e);
      expect(zero).toMatchObject({ code: 1 });
      const unknown = await cli(['audit', 'list', '--tenant', 'nobody'], env).catch((e: unknown) => e);
      expect(unknown).toMatchObject({ code: 1 });
      expect((unknown as { stderr: string }).stderr).toMatch(/no tenant with id or apiCode 'nobody'/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
