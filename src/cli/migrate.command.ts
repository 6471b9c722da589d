import type { Config } from '../config.js';
import { openStore } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';

export async function runMigrate(config: Config): Promise<void> {
  const store = openStore(config.databaseUrl, { poolSize: 1 });
  try {
    const result = await migrateToLatest(store.db);
    const applied = result.results?.filter((r) => r.status === 'Success').map((r) => r.migrationName) ?? [];
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
  } finally {
    await store.close();
  }
}
