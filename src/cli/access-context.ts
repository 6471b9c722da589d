/**
 * What the access commands (keys, apps, people set-login) share: the store and services, and resolving the
 * tenant (id or apiCode) and person (id or username) an operator names. Changes are audited as `system`.
 */
import type { Config } from '../config.js';
import { type Store, openStore } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { PersonRepository } from '../modules/people/person.repository.js';
import { TenantRepository } from '../modules/tenants/tenant.repository.js';
import { type Services, createServices } from '../services.js';

export interface AccessContext {
  readonly store: Store;
  readonly services: Services;
  /** The tenant named by its id or apiCode; throws when there is none. */
  tenant(idOrApiCode: string): Promise<{ id: string; name: string }>;
  /** The tenant's person named by id or username; throws when there is none or the username is ambiguous. */
  person(tenantId: string, idOrUsername: string): Promise<string>;
}

export async function withAccess<T>(config: Config, use: (context: AccessContext) => Promise<T>): Promise<T> {
  const store = openStore(config.databaseUrl, { poolSize: 1 });
  try {
    await migrateToLatest(store.db);
    const tenants = new TenantRepository(store.db);
    const people = new PersonRepository(store.db, store.capabilities);
    return await use({
      store,
      services: createServices(store, config),
      tenant: async (idOrApiCode) => {
        const row = await tenants.findByIdOrApiCode(idOrApiCode);
        if (!row) throw new Error(`There is no tenant with id or apiCode '${idOrApiCode}'.`);
        return { id: row.id, name: row.name };
      },
      person: async (tenantId, idOrUsername) => {
        const rows = await people.findByIdOrUsername(tenantId, idOrUsername);
        const byId = rows.find((r) => r.id === idOrUsername);
        if (byId) return byId.id;
        if (rows.length === 1) return rows[0]!.id;
        if (rows.length === 0) throw new Error(`The tenant has no person with id or username '${idOrUsername}'.`);
        throw new Error(`Several people of the tenant have the username '${idOrUsername}': name one by id.`);
      },
    });
  } finally {
    await store.close();
  }
}

/** Epoch ms as ISO 8601, or '-' for none. */
export function when(ms: number | null): string {
  return ms === null ? '-' : new Date(ms).toISOString();
}
