/** `ucfleet firmware import|list|remove` through the real command line, over a SQLite file. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, cliFails } from './support/cli.js';
import { openStore } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { CompliancePolicyService } from '../src/modules/firmware/compliance-policy.service.js';
import { systemActor } from '../src/modules/audit/audit-trail.js';
import { createDevices, createTenant, deviceRow, insertProduct } from './support/factories.js';

describe('ucfleet firmware', () => {
  it('imports a catalogue (dry run, refusal with lines, upsert), re-derives "latest" policies, lists and removes', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ucfleet-firmware-'));
    const env = { DATABASE_URL: path.join(dir, 'fleet.db') };
    try {
      const store = openStore(env.DATABASE_URL);
      await migrateToLatest(store.db);
      const product = await insertProduct(store, { manufacturer: 'Acme', model_id: 'H-1' });
      const { tenantId } = await createTenant(store);
      const [device] = await createDevices(store, [deviceRow(tenantId, { product_id: product, fw_main: '1.1' })]);
      await new CompliancePolicyService(store.db).create(systemActor(tenantId), {
        name: 'Latest',
        product: { id: product },
        userGroup: null,
        component: 'main',
        targetVersion: 'latest',
        allowDecline: false,
      });
      await store.close();

      const csv = path.join(dir, 'releases.csv');
      const header = 'manufacturer,modelId,component,version,releasedAt,updateId,notes\n';
      fs.writeFileSync(csv, `${header}Acme,H-1,main,1.0,2025-01-01,u-10,\nAcme,H-1,base,2.0,2025-01-01,,"Base\nfix"\n`);
      const dry = await cli(['firmware', 'import', csv, '--dry-run'], env);
      expect(dry.stdout).toContain('2 rows: 2 would be created, 0 updated, 0 unchanged, 0 failed.');
      expect((await cli(['firmware', 'list'], env)).stdout).toContain('The catalogue has no firmware releases.');

      const bad = path.join(dir, 'bad.csv');
      fs.writeFileSync(
        bad,
        `${header}Acme,H-1,main,1.0,2025-01-01,,\nAcme,H-9,main,1.0,2025-01-01,,\nAcme,H-1,screen,1,2025-01-01,,\n`,
      );
      const refused = await cliFails(['firmware', 'import', bad], env);
      expect(refused.code).toBe(1);
      expect(refused.stdout).toContain('row 2 (line 3): modelId breaks unknown_product');
      expect(refused.stdout).toContain('row 3 (line 4): component breaks enum');
      expect(refused.stdout).toContain('Nothing was stored');

      const stored = await cli(['firmware', 'import', csv], env);
      expect(stored.stdout).toContain('2 rows: 2 were created, 0 updated, 0 unchanged, 0 failed.');
      expect(stored.stdout).toContain('Compliance re-derived for 1 device of 1 tenant: 1 changed.');

      const json = path.join(dir, 'newer.json');
      fs.writeFileSync(
        json,
        JSON.stringify({
          releases: [{ productId: product, component: 'main', version: '1.1', releasedAt: '2025-06-01' }],
        }),
      );
      const newer = await cli(['firmware', 'import', json], env);
      expect(newer.stdout).toContain('1 rows: 1 were created');
      expect(newer.stdout).toContain('1 changed.');
      const s = openStore(env.DATABASE_URL);
      const row = await s.db
        .selectFrom('devices')
        .select('compliance')
        .where('id', '=', device!)
        .executeTakeFirstOrThrow();
      await s.close();
      expect(row.compliance).toBe('compliant');

      const list = (await cli(['firmware', 'list', '--product', product], env)).stdout;
      expect(list).toContain('3 releases:');
      expect(list).toMatch(/Acme {2}H-1 {2}main {2}1\.1 {2}2025-06-01 {2}\(latest\)/);
      expect(list).toMatch(/Acme {2}H-1 {2}main {2}1\.0 {2}2025-01-01 {2}update u-10\n/);
      const idOf = (version: string) =>
        new RegExp(`(\\S+) {2}Acme {2}H-1 {2}main {2}${version.replace('.', '\\.')} `).exec(list)![1]!;

      const removed = await cli(['firmware', 'remove', idOf('1.1')], env);
      expect(removed.stdout).toContain(`Removed the release ${idOf('1.1')} (Acme H-1 main 1.1).`);
      expect(removed.stdout).toContain('1 changed.');
      const missing = await cliFails(['firmware', 'remove', idOf('1.1')], env);
      expect(missing.stderr).toContain('There is no firmware release with id');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
