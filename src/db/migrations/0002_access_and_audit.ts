/**
 * Access and audit: API keys that act as a person, OAuth clients, token signing keys, people's sign-in
 * (password logins and console sessions), registered apps, and the audit trail.
 */
import type { Kysely } from 'kysely';

const ALL_SCOPES = [
  'devices:read',
  'devices:write',
  'people:read',
  'people:write',
  'sites:read',
  'sites:write',
  'telephony:read',
  'telephony:write',
  'telemetry:write',
  'audit:read',
  'admin:read',
  'admin',
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('api_keys')
    .addColumn('person_id', 'text', (c) => c.references('people.id').onDelete('cascade'))
    .execute();
  // Keys made before scopes existed carried ["admin"] and meant "everything an admin may do".
  await db
    .updateTable('api_keys')
    .set({ scopes: JSON.stringify(ALL_SCOPES) })
    .where('scopes', '=', '["admin"]')
    .where('role', '=', 'admin')
    .execute();

  await db.schema
    .createTable('oauth_clients')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('secret_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.references('people.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_used_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .addUniqueConstraint('oauth_clients_client_id_uq', ['client_id'])
    .execute();
  await db.schema.createIndex('oauth_clients_tenant_idx').on('oauth_clients').columns(['tenant_id', 'id']).execute();

  // Deployment-wide keys that sign access tokens; published (public half) at the JWKS endpoint.
  await db.schema
    .createTable('signing_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('algorithm', 'text', (c) => c.notNull())
    .addColumn('public_jwk', 'text', (c) => c.notNull())
    .addColumn('private_jwk', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    /** From then on the key no longer signs; it still verifies until expires_at. */
    .addColumn('retired_at', 'bigint')
    .addColumn('expires_at', 'bigint')
    .execute();

  // A person's password sign-in: the login is unique across the deployment (Basic auth carries no tenant).
  await db.schema
    .createTable('person_logins')
    .addColumn('person_id', 'text', (c) => c.primaryKey().references('people.id').onDelete('cascade'))
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('login', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('last_login_at', 'bigint')
    .addColumn('disabled_at', 'bigint')
    .addUniqueConstraint('person_logins_login_uq', ['login'])
    .execute();
  await db.schema.createIndex('person_logins_tenant_idx').on('person_logins').columns(['tenant_id']).execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('revoked_at', 'bigint')
    .addUniqueConstraint('sessions_token_hash_uq', ['token_hash'])
    .execute();
  await db.schema.createIndex('sessions_person_idx').on('sessions').columns(['tenant_id', 'person_id']).execute();

  // Registered applications (the Plantronics API requires an appId on every call).
  await db.schema
    .createTable('apps')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('app_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('revoked_at', 'bigint')
    .addUniqueConstraint('apps_tenant_app_id_uq', ['tenant_id', 'app_id'])
    .execute();

  await db.schema
    .createTable('audit_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('occurred_at', 'bigint', (c) => c.notNull())
    .addColumn('request_id', 'text')
    .addColumn('actor_kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('credential_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('resource_type', 'text', (c) => c.notNull())
    .addColumn('resource_id', 'text', (c) => c.notNull())
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .execute();
  await db.schema
    .createIndex('audit_events_resource_idx')
    .on('audit_events')
    .columns(['tenant_id', 'resource_type', 'resource_id', 'id'])
    .execute();
  await db.schema
    .createIndex('audit_events_actor_idx')
    .on('audit_events')
    .columns(['tenant_id', 'actor_id', 'id'])
    .execute();
  await db.schema.createIndex('audit_events_tenant_idx').on('audit_events').columns(['tenant_id', 'id']).execute();
  await db.schema.createIndex('audit_events_occurred_idx').on('audit_events').columns(['occurred_at']).execute();
}
