/**
 * `ucfleet clients create|list|revoke`: OAuth clients at the command line. `create` prints the client_id and
 * the secret once (the database keeps only the secret's hash). Changes are audited as the system actor.
 */
import type { Config } from '../config.js';
import { openStore } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import type { OAuthClientRow } from '../modules/oauth/oauth-client.repository.js';
import type { CreatedOAuthClient } from '../modules/oauth/oauth-client.service.js';
import { systemActor } from '../modules/audit/audit-trail.js';
import { PersonRepository } from '../modules/people/person.repository.js';
import { TenantRepository } from '../modules/tenants/tenant.repository.js';
import { clampLimit } from '../query/page.js';
import { type Services, createServices } from '../services.js';

export interface ClientsCreateOptions {
  tenant: string;
  role: string;
  scopes?: string[];
  name?: string;
  person?: string;
}

type Store = ReturnType<typeof openStore>;

async function withServices<T>(config: Config, use: (services: Services, store: Store) => Promise<T>): Promise<T> {
  const store = openStore(config.databaseUrl, { poolSize: 1 });
  try {
    await migrateToLatest(store.db);
    return await use(createServices(store, config), store);
  } finally {
    await store.close();
  }
}

async function tenantNamed(store: Store, idOrApiCode: string) {
  const tenant = await new TenantRepository(store.db).findByIdOrApiCode(idOrApiCode);
  if (!tenant) throw new Error(`There is no tenant with id or apiCode '${idOrApiCode}'.`);
  return tenant;
}

async function personNamed(store: Store, tenantId: string, idOrUsername: string): Promise<string> {
  const found = await new PersonRepository(store.db, store.capabilities).findByIdOrUsername(tenantId, idOrUsername);
  const byId = found.find((p) => p.id === idOrUsername);
  if (byId) return byId.id;
  if (found.length === 1) return found[0]!.id;
  if (found.length === 0) throw new Error(`There is no person with id or username '${idOrUsername}' in this tenant.`);
  throw new Error(`Several people have the username '${idOrUsername}'; name the person by id.`);
}

export async function runClientsCreate(config: Config, options: ClientsCreateOptions): Promise<CreatedOAuthClient> {
  return withServices(config, async (services, store) => {
    const tenant = await tenantNamed(store, options.tenant);
    const personId = options.person === undefined ? undefined : await personNamed(store, tenant.id, options.person);
    const created = await services.oauthClients.create(
      tenant.id,
      {
        name: options.name ?? `${options.role} client (command line)`,
        role: options.role,
        scopes: options.scopes,
        personId,
      },
      systemActor(tenant.id),
    );
    const { row, clientSecret } = created;
    const lines = [
      `OAuth client created for ${tenant.name} (${tenant.id}).`,
      'The secret is shown only now; the database keeps its hash.',
      `  id             ${row.id}`,
      `  client_id      ${row.client_id}`,
      `  client_secret  ${clientSecret}`,
      `  name           ${row.name}`,
      `  role           ${row.role}`,
      `  scopes         ${(JSON.parse(row.scopes) as string[]).join(' ')}`,
    ];
    if (row.person_id) lines.push(`  person         ${row.person_id}`);
    console.log(lines.join('\n'));
    return created;
  });
}

export async function runClientsList(config: Config, options: { tenant: string }): Promise<void> {
  await withServices(config, async (services, store) => {
    const tenant = await tenantNamed(store, options.tenant);
    let after: { sort: string; value: string | number | null; id: string } | undefined;
    let printed = 0;
    do {
      const page = await services.oauthClients.list(tenant.id, {
        sort: { field: 'id', direction: 'asc' },
        limit: clampLimit(500),
        after,
      });
      for (const row of page.items) console.log(formatClient(row));
      printed += page.items.length;
      after = page.next;
    } while (after);
    if (printed === 0) console.log(`No OAuth clients for ${tenant.name}.`);
  });
}

export async function runClientsRevoke(config: Config, idOrClientId: string): Promise<void> {
  await withServices(config, async (services) => {
    const row = await services.oauthClients.findForOperator(idOrClientId);
    if (!row) throw new Error(`There is no OAuth client with id or client_id '${idOrClientId}'.`);
    if (row.revoked_at !== null) {
      console.log(`OAuth client ${row.id} (${row.client_id}) was already revoked; nothing changed.`);
      return;
    }
    await services.oauthClients.revoke(row.tenant_id, row.id, systemActor(row.tenant_id));
    console.log(`Revoked OAuth client ${row.id} (${row.client_id}) of tenant ${row.tenant_id}.`);
  });
}

/** One line per client: id, client_id, role, state, scopes, name. Never the secret or its hash. */
export function formatClient(row: OAuthClientRow): string {
  const state = row.revoked_at === null ? 'active' : `revoked ${new Date(row.revoked_at).toISOString()}`;
  const scopes = (JSON.parse(row.scopes) as string[]).join(',');
  return `${row.id}  ${row.client_id}  ${row.role}  ${state}  ${scopes}  ${row.name}`;
}
