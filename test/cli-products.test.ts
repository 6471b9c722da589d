/** `ucfleet products import|list|remove` through the real command line, over a SQLite file. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, cliFails } from './support/cli.js';
import { openStore } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { createDevices, createTenant, deviceRow } from './support/factories.js';

describe('ucfleet products', () => {
  it('imports a CSV catalogue (dry run, refusal, upsert), lists it and removes only what nothing names', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ucfleet-products-'));
    const env = { DATABASE_URL: path.join(dir, 'fleet.db') };
    try {
      const store = openStore(env.DATABASE_URL);
      await migrateToLatest(store.db);
      await store.close();
      const file = path.join(dir, 'catalogue.csv');
      const header = 'manufacturer,modelId,name,type,deviceKind,sku,lineCount,features\n';
      fs.writeFileSync(
        file,
        `${header}Acme,A-1,Acme One,SIP,HardPhone,HP-501,2,BLA;Intercom\nAcme,A-2,Acme Two,USB,Headset,,,\n`,
      );

      const dry = await cli(['products', 'import', file, '--dry-run'], env);
      expect(dry.stdout).toContain('2 rows: 2 would be created, 0 updated, 0 unchanged, 0 failed.');
      expect((await cli(['products', 'list'], env)).stdout).toContain('The catalogue has no products.');

      fs.writeFileSync(path.join(dir, 'bad.csv'), `${header}Acme,A-3,Bad,SIP,HardPhone,DV-7,,\n`);
      const refused = await cliFails(['products', 'import', path.join(dir, 'bad.csv')], env);
      expect(refused.code).toBe(1);
      expect(refused.stdout).toContain('row 1: sku breaks sku_kind_mismatch');
      expect(refused.stdout).toContain('Nothing was stored');

      const stored = await cli(['products', 'import', file], env);
      expect(stored.stdout).toContain('2 rows: 2 were created, 0 updated, 0 unchanged, 0 failed.');
      fs.writeFileSync(
        file,
        `${header}Acme,A-1,Acme One,SIP,HardPhone,HP-501,2,BLA;Intercom\nAcme,A-2,Acme 2,USB,Headset,,,\n`,
      );
      const again = await cli(['products', 'import', file], env);
      expect(again.stdout).toContain('2 rows: 0 were created, 1 updated, 1 unchanged, 0 failed.');

      const list = (await cli(['products', 'list'], env)).stdout;
      expect(list).toContain('2 products:');
      expect(list).toMatch(/Acme {2}A-1 {2}Acme One {2}SIP\/HardPhone {2}sku HP-501/);
      const idOf = (modelId: string) => new RegExp(`(\\S+) {2}Acme {2}${modelId} `).exec(list)![1]!;

      const s = openStore(env.DATABASE_URL);
      const { tenantId } = await createTenant(s);
      await createDevices(s, [deviceRow(tenantId, { product_id: idOf('A-1') })]);
      await s.close();
      const inUse = await cliFails(['products', 'remove', idOf('A-1')], env);
      expect(inUse.code).toBe(1);
      expect(inUse.stderr).toContain('is named by 1 device');

      const removed = await cli(['products', 'remove', idOf('A-2')], env);
      expect(removed.stdout).toContain(`Removed the product ${idOf('A-2')} (Acme A-2).`);
      expect((await cli(['products', 'list'], env)).stdout).toContain('1 product:');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
