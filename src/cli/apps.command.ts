/** `ucfleet apps create|list|revoke`: registered apps (Plantronics `appId`) at the command line, audited as `system`. */
import type { Config } from '../config.js';
import type { AppRow } from '../modules/apps/app.repository.js';
import { systemActor } from '../modules/audit/audit-trail.js';
import type { Cursor } from '../query/page.js';
import { when, withAccess } from './access-context.js';

export async function runAppsCreate(
  config: Config,
  options: { tenant: string; name?: string; appId?: string },
): Promise<AppRow> {
  return withAccess(config, async ({ services, tenant }) => {
    const { id: tenantId } = await tenant(options.tenant);
    const row = await services.apps.create(systemActor(tenantId), {
      name: options.name ?? 'App',
      appId: options.appId,
    });
    console.log(
      ['App registered:', `  appId     ${row.app_id}`, `  id        ${row.id}`, `  name      ${row.name}`].join('\n'),
    );
    return row;
  });
}

export async function runAppsList(config: Config, options: { tenant: string }): Promise<void> {
  await withAccess(config, async ({ services, tenant }) => {
    const { id: tenantId, name } = await tenant(options.tenant);
    const rows: AppRow[] = [];
    let after: Cursor | undefined;
    do {
      const page = await services.apps.list(tenantId, { sort: { field: 'id', direction: 'asc' }, limit: 500, after });
      rows.push(...page.items);
      after = page.next;
    } while (after);
    if (rows.length === 0) {
      console.log(`${name} has no registered apps.`);
      return;
    }
    console.log(`Registered apps of ${name}:`);
    for (const row of rows) {
      const state = row.revoked_at === null ? 'active' : `revoked ${when(row.revoked_at)}`;
      console.log(`  ${row.id}  ${row.app_id}  ${row.name}  created ${when(row.created_at)}  ${state}`);
    }
  });
}

export async function runAppsRevoke(config: Config, id: string): Promise<void> {
  await withAccess(config, async ({ services }) => {
    const row = await services.apps.findAnyById(id);
    if (!row) throw new Error(`There is no app with id '${id}'.`);
    if (row.revoked_at !== null) {
      console.log(`The app ${id} was already revoked at ${when(row.revoked_at)}.`);
      return;
    }
    await services.apps.revoke(systemActor(row.tenant_id), id);
    console.log(`Revoked the app ${id} (appId ${row.app_id}). Running servers refuse it within 5 s.`);
  });
}
