import { describe, expect, it } from 'vitest';
import { openStore } from './database.js';
import { migrateToLatest } from './migrate.js';
import { PreparedQueries, bindList, listValues } from './prepared.js';

describe('PreparedQueries', async () => {
  const store = openStore(':memory:');
  await migrateToLatest(store.db);
  const at = Date.now();
  for (const [id, name] of [
    ['t1', 'One'],
    ['t2', 'Two'],
    ['t3', 'Three'],
  ] as const) {
    await store.db
      .insertInto('tenants')
      .values({
        id,
        name,
        api_code: id,
        webex_org_id: null,
        ringcentral_account_id: null,
        created_at: at,
        updated_at: at,
        version: 1,
      })
      .execute();
  }
  const prepared = new PreparedQueries(store.db);

  it('binds values into a query built once per shape', async () => {
    let builds = 0;
    const byIds = (ids: string[]) =>
      prepared.execute(
        'tenants.byIds',
        ids.length,
        (bind, n) => {
          builds += 1;
          return store.db
            .selectFrom('tenants')
            .select('name')
            .where('id', 'in', bindList(bind, 'id', n))
            .orderBy('name');
        },
        listValues('id', ids),
      );
    expect(await byIds(['t1'])).toEqual([{ name: 'One' }]);
    expect(await byIds(['t2'])).toEqual([{ name: 'Two' }]);
    expect(await byIds(['t2', 't3'])).toEqual([{ name: 'Three' }, { name: 'Two' }]);
    expect(builds).toBe(2);
  });

  it('refuses to run with a value missing', async () => {
    await expect(
      prepared.execute(
        'tenants.byId',
        null,
        (bind) => store.db.selectFrom('tenants').selectAll().where('id', '=', bind('id')),
        {},
      ),
    ).rejects.toThrow(/no value for id/);
  });
});
