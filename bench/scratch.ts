/** What the bulk and soak scripts share: a throw-away database and a tenant with an admin API key in it. */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Store } from '../src/db/database.js';
import { newId } from '../src/db/ids.js';
import { generateApiKey, hashApiKey, keyPrefix } from '../src/modules/api-keys/api-key.js';

export interface Scratch {
  readonly url: string;
  readonly drop: () => Promise<void>;
}

/** A new, empty database on the PostgreSQL server of `adminUrl`, dropped by `drop()`. */
export async function createScratchDatabase(adminUrl: string, prefix: string): Promise<Scratch> {
  const name = `ucfleet_${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

/** A tenant named `name` with an admin API key that reads and writes devices; returns both. */
export async function createBenchTenant(store: Store, name: string): Promise<{ tenantId: string; key: string }> {
  const tenantId = newId();
  const at = Date.now();
  await store.db
    .insertInto('tenants')
    .values({
      id: tenantId,
      name,
      api_code: name,
      webex_org_id: null,
      ringcentral_account_id: null,
      created_at: at,
      updated_at: at,
      version: 1,
    })
    .execute();
  const key = generateApiKey();
  await store.db
    .insertInto('api_keys')
    .values({
      id: newId(),
      tenant_id: tenantId,
      name,
      prefix: keyPrefix(key),
      key_hash: hashApiKey(key),
      role: 'admin',
      scopes: JSON.stringify(['devices:read', 'devices:write']),
      person_id: null,
      created_at: at,
      last_used_at: null,
      expires_at: null,
      revoked_at: null,
    })
    .execute();
  return { tenantId, key };
}
