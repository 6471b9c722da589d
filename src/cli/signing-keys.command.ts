/**
 * `ucfleet signing-keys rotate`: makes a new access-token signing key at once (instead of lazily after
 * SIGNING_KEY_ROTATION_DAYS). Older keys are retired: they sign no more and keep verifying until the tokens
 * they signed have expired. A server notices the new key within a minute, or at once on a token that uses it.
 */
import type { Config } from '../config.js';
import { openStore } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { createServices } from '../services.js';

export async function runSigningKeysRotate(config: Config): Promise<string> {
  const store = openStore(config.databaseUrl, { poolSize: 1 });
  try {
    await migrateToLatest(store.db);
    const key = await createServices(store, config).signingKeys.rotate();
    const graceMinutes = Math.ceil(config.oauthTokenTtlSeconds / 60) + 5;
    console.log(
      `Signing key ${key.id} (${key.algorithm}) signs new access tokens from now on; ` +
        `older keys are retired and keep verifying for ${graceMinutes} minutes.`,
    );
    return key.id;
  } finally {
    await store.close();
  }
}
