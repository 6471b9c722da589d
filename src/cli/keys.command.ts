/**
 * `ucfleet keys create|list|revoke`: API keys at the command line. `create` prints the key once (the database
 * keeps only its hash); every change is audited as a `system` change.
 */
import type { Config } from '../config.js';
import { systemActor } from '../modules/audit/audit-trail.js';
import { isRole } from '../modules/access/roles.js';
import type { ApiKeyRow } from '../modules/api-keys/api-key.repository.js';
import type { Cursor } from '../query/page.js';
import { when, withAccess } from './access-context.js';

export interface KeysCreateOptions {
  tenant: string;
  role: string;
  scopes?: string;
  name?: string;
  person?: string;
  expiresInDays?: number;
}

export async function runKeysCreate(config: Config, options: KeysCreateOptions): Promise<{ id: string; key: string }> {
  const role = options.role;
  if (!isRole(role)) throw new Error(`--role must be admin, readonly_admin, supervisor or agent (got '${role}').`);
  return withAccess(config, async ({ services, tenant, person }) => {
    const { id: tenantId } = await tenant(options.tenant);
    const personId = options.person === undefined ? null : await person(tenantId, options.person);
    const scopes = options.scopes
      ?.split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    const expiresAt = options.expiresInDays === undefined ? null : Date.now() + options.expiresInDays * 86_400_000;
    const { row, key } = await services.apiKeys.create(systemActor(tenantId), {
      name: options.name ?? `${role} key`,
      role,
      scopes,
      personId,
      expiresAt,
    });
    console.log(
      [
        'API key created. The key is shown only now; the database keeps its hash:',
        `  key       ${key}`,
        `  id        ${row.id}`,
        `  prefix    ${row.prefix}`,
        `  role      ${row.role}`,
        `  scopes    ${(JSON.parse(row.scopes) as string[]).join(',')}`,
        `  person    ${row.person_id ?? '-'}`,
        `  expires   ${when(row.expires_at)}`,
      ].join('\n'),
    );
    return { id: row.id, key };
  });
}

export async function runKeysList(config: Config, options: { tenant: string }): Promise<void> {
  await withAccess(config, async ({ services, tenant }) => {
    const { id: tenantId, name } = await tenant(options.tenant);
    const rows: ApiKeyRow[] = [];
    let after: Cursor | undefined;
    do {
      const page = await services.apiKeys.list(tenantId, {
        sort: { field: 'id', direction: 'asc' },
        limit: 500,
        after,
      });
      rows.push(...page.items);
      after = page.next;
    } while (after);
    if (rows.length === 0) {
      console.log(`${name} has no API keys.`);
      return;
    }
    console.log(`API keys of ${name} (prefixes only; keys are never stored):`);
    for (const row of rows) console.log(formatKey(row));
  });
}

export async function runKeysRevoke(config: Config, id: string): Promise<void> {
  await withAccess(config, async ({ services }) => {
    const row = await services.apiKeys.findAnyById(id);
    if (!row) throw new Error(`There is no API key with id '${id}'.`);
    if (row.revoked_at !== null) {
      console.log(`The API key ${id} was already revoked at ${when(row.revoked_at)}.`);
      return;
    }
    await services.apiKeys.revoke(systemActor(row.tenant_id), id);
    console.log(`Revoked the API key ${id} (${row.prefix}…). Running servers stop accepting it within 5 s.`);
  });
}

function formatKey(row: ApiKeyRow): string {
  const state = row.revoked_at !== null ? `revoked ${when(row.revoked_at)}` : `expires ${when(row.expires_at)}`;
  return (
    `  ${row.id}  ${row.prefix}…  ${row.role}  ${row.name}  person ${row.person_id ?? '-'}  ` +
    `scopes ${(JSON.parse(row.scopes) as string[]).join(',')}  created ${when(row.created_at)}  ` +
    `last used ${when(row.last_used_at)}  ${state}`
  );
}
