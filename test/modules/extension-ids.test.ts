/**
 * Numeric extension ids (src/modules/extension-ids): the ids RingCentral clients know people and workspaces by
 * stay exactly the digests they were; migration 0012 stores them for existing rows, writes store them for new
 * ones, and a row written without one (a direct insert) is given its own the first time a lookup misses.
 */
import { Migrator, type Migration } from 'kysely';
import { expect, it } from 'vitest';
import { numberIdOf } from '../../src/compat/ringcentral/ids.js';
import { openStore } from '../../src/db/database.js';
import { newId } from '../../src/db/ids.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import * as migration0012 from '../../src/db/migrations/0012_paging_groups_and_location_updates.js';
import { ExtensionIdService } from '../../src/modules/extension-ids/extension-id.service.js';
import { numericExtensionIdOf } from '../../src/modules/extension-ids/numeric-extension-id.js';
import { createTenant, insertPerson, insertWorkspace } from '../support/factories.js';
import { useApp } from '../support/http.js';
import { describeEachStore } from '../support/stores.js';

it('keeps the published digest: RingCentral extension ids do not change', () => {
  // Fixed points: these ids were answered before the ids were stored.
  expect(numericExtensionIdOf('0190a3c0-0000-7000-8000-000000000000')).toBe(
    numberIdOf('0190a3c0-0000-7000-8000-000000000000'),
  );
  expect(numericExtensionIdOf('0190A3C0-0000-7000-8000-000000000001')).toBe(
    numericExtensionIdOf('0190a3c0-0000-7000-8000-000000000001'),
  );
  for (let i = 0; i < 100; i++) {
    const id = numericExtensionIdOf(newId());
    expect(Number.isSafeInteger(id) && id > 0).toBe(true);
  }
});

it('gives the rows that exist when migration 0012 runs their numeric ids', async () => {
  const store = openStore(':memory:');
  try {
    // Every migration but 0012, then a person and a workspace, then 0012 itself.
    await migrateToLatest(store.db);
    await migration0012.down(store.db);
    const tenant = await createTenant(store);
    const person = newId();
    const workspace = newId();
    await store.db
      .insertInto('people')
      .values({
        id: person,
        tenant_id: tenant.tenantId,
        username: 'before',
        first_name: null,
        last_name: null,
        email: null,
        extension_number: null,
        roles: '[]',
        site_id: null,
        agent_state: null,
        agent_work_mode: null,
        source_system: 'test',
        external_id: null,
        synced_at: null,
        created_at: 1,
        updated_at: 1,
        version: 1,
      } as never)
      .execute();
    await store.db
      .insertInto('workspaces')
      .values({
        id: workspace,
        tenant_id: tenant.tenantId,
        name: 'Lobby',
        site_id: null,
        created_at: 1,
        updated_at: 1,
        version: 1,
      } as never)
      .execute();
    const migrator = new Migrator({
      db: store.db,
      provider: { getMigrations: async () => ({ '0012_again': migration0012 as Migration }) },
      migrationTableName: 'extension_id_test_migrations',
      migrationLockTableName: 'extension_id_test_migrations_lock',
    });
    const { error } = await migrator.migrateToLatest();
    expect(error).toBeUndefined();
    const people = await store.db.selectFrom('people').select(['id', 'ringcentral_extension_id']).execute();
    expect(people).toContainEqual({ id: person, ringcentral_extension_id: numberIdOf(person) });
    const rooms = await store.db.selectFrom('workspaces').select(['id', 'ringcentral_extension_id']).execute();
    expect(rooms).toEqual([{ id: workspace, ringcentral_extension_id: numberIdOf(workspace) }]);
  } finally {
    await store.close();
  }
});

describeEachStore('numeric extension ids', ({ store }) => {
  const { app } = useApp(store, { RATE_LIMITS: 'off' });

  it('stores the id of a person or workspace created through the API', async () => {
    const tenant = await createTenant(store());
    const person = await app().inject({
      method: 'POST',
      url: '/v1/people',
      headers: tenant.auth,
      payload: { username: `ext-${newId()}` },
    });
    expect(person.statusCode, person.body).toBe(201);
    const workspace = await app().inject({
      method: 'POST',
      url: '/v1/workspaces',
      headers: tenant.auth,
      payload: { name: `Room ${newId()}` },
    });
    expect(workspace.statusCode, workspace.body).toBe(201);
    const personRow = await store()
      .db.selectFrom('people')
      .select('ringcentral_extension_id')
      .where('id', '=', person.json().id)
      .executeTakeFirstOrThrow();
    expect(personRow.ringcentral_extension_id).toBe(numberIdOf(person.json().id));
    const workspaceRow = await store()
      .db.selectFrom('workspaces')
      .select('ringcentral_extension_id')
      .where('id', '=', workspace.json().id)
      .executeTakeFirstOrThrow();
    expect(workspaceRow.ringcentral_extension_id).toBe(numberIdOf(workspace.json().id));
  });

  it('resolves by index, and gives rows inserted without an id theirs on the first miss', async () => {
    const tenant = await createTenant(store());
    const other = await createTenant(store());
    const service = new ExtensionIdService(store().db);
    // Direct inserts (as the test factories do) leave the column empty.
    const person = await insertPerson(store(), tenant.tenantId);
    const workspace = await insertWorkspace(store(), tenant.tenantId);
    const foreign = await insertPerson(store(), other.tenantId);
    expect(await service.ownerOf('people', tenant.tenantId, numberIdOf(person))).toBe(person);
    expect(await service.ownerOf('workspaces', tenant.tenantId, numberIdOf(workspace))).toBe(workspace);
    expect(await service.ownerOf('people', tenant.tenantId, numberIdOf(foreign))).toBeUndefined();
    expect(await service.ownerOf('people', tenant.tenantId, 42)).toBeUndefined();
    const stored = await store()
      .db.selectFrom('people')
      .select(['id', 'ringcentral_extension_id'])
      .where('tenant_id', '=', tenant.tenantId)
      .execute();
    expect(stored).toContainEqual({ id: person, ringcentral_extension_id: numberIdOf(person) });
    expect(stored.every((row) => row.ringcentral_extension_id !== null)).toBe(true);
    // The foreign person was not touched by the lookup in another tenant.
    const untouched = await store()
      .db.selectFrom('people')
      .select('ringcentral_extension_id')
      .where('id', '=', foreign)
      .executeTakeFirstOrThrow();
    expect(untouched.ringcentral_extension_id).toBeNull();
  });
});
