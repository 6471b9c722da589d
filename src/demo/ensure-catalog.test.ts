import { describe, expect, it } from 'vitest';
import { insertRows } from '../db/bulk-insert.js';
import { openStore } from '../db/database.js';
import { newId } from '../db/ids.js';
import { migrateToLatest } from '../db/migrate.js';
import { CATALOG, firmwareReleaseRows, productRow } from './catalog.js';
import { ensureCatalog } from './ensure-catalog.js';

describe('ensureCatalog', () => {
  it('keeps the id of a product stored under another id and adds only the releases missing', async () => {
    const store = openStore(':memory:');
    try {
      await migrateToLatest(store.db);
      const spec = CATALOG.find((p) => p.key === 'voyager-focus-2')!;
      const stored = { ...productRow(spec), id: newId() };
      const releases = firmwareReleaseRows(spec, stored.id);
      await insertRows(store.db, store.capabilities, 'products', [stored]);
      await insertRows(store.db, store.capabilities, 'firmware_releases', releases.slice(0, 2));
      const allReleases = CATALOG.reduce((n, p) => n + firmwareReleaseRows(p).length, 0);

      const result = await ensureCatalog(store);

      expect(result.products.get(spec.key)?.id).toBe(stored.id);
      expect(result.inserted).toEqual({ products: CATALOG.length - 1, firmwareReleases: allReleases - 2 });
      const rows = await store.db
        .selectFrom('firmware_releases')
        .select('id')
        .where('product_id', '=', stored.id)
        .execute();
      expect(rows).toHaveLength(releases.length);
      expect((await ensureCatalog(store)).inserted).toEqual({ products: 0, firmwareReleases: 0 });
    } finally {
      await store.close();
    }
  });
});
