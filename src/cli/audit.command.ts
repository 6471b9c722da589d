/**
 * `ucfleet audit purge`: deletes audit events older than the retention period (or --older-than-days), in batches.
 * `ucfleet audit list --tenant <id or apiCode>`: prints a tenant's most recent audit events, newest first.
 */
import type { Config } from '../config.js';
import { openStore } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { AuditEventRepository } from '../modules/audit/audit-event.repository.js';
import type { AuditEventRow } from '../modules/audit/audit-event.repository.js';
import { AuditEventService } from '../modules/audit/audit-event.service.js';
import { clampLimit } from '../query/page.js';
import { TenantRepository } from '../modules/tenants/tenant.repository.js';

async function withAudit<T>(
  config: Config,
  use: (audit: AuditEventService, store: ReturnType<typeof openStore>) => Promise<T>,
) {
  const store = openStore(config.databaseUrl, { poolSize: 1 });
  try {
    await migrateToLatest(store.db);
    return await use(new AuditEventService(new AuditEventRepository(store.db)), store);
  } finally {
    await store.close();
  }
}

export async function runAuditPurge(config: Config, options: { olderThanDays?: number }): Promise<number> {
  const days = options.olderThanDays ?? config.auditRetentionDays;
  if (days <= 0) {
    console.log('Audit retention is off (AUDIT_RETENTION_DAYS=0): nothing was deleted.');
    return 0;
  }
  const deleted = await withAudit(config, (audit) => audit.purgeExpired(days));
  console.log(
    `Deleted ${deleted} audit event${deleted === 1 ? '' : 's'} older than ${days} day${days === 1 ? '' : 's'}.`,
  );
  return deleted;
}

export async function runAuditList(config: Config, options: { tenant: string; limit: number }): Promise<void> {
  await withAudit(config, async (audit, store) => {
    const tenant = await new TenantRepository(store.db).findByIdOrApiCode(options.tenant);
    if (!tenant) throw new Error(`There is no tenant with id or apiCode '${options.tenant}'.`);
    const page = await audit.listEvents(
      tenant.id,
      {},
      { sort: { field: 'occurredAt', direction: 'desc' }, limit: clampLimit(options.limit) },
    );
    if (page.items.length === 0) console.log(`No audit events for ${tenant.name}.`);
    for (const row of page.items) console.log(formatEvent(row));
  });
}

/** One line per event: when, action, resource, actor (kind:id via credential), request id. */
export function formatEvent(row: AuditEventRow): string {
  const actor = `${row.actor_kind}:${row.actor_id ?? '-'}`;
  const via = row.credential_id && row.credential_id !== row.actor_id ? ` via ${row.credential_id}` : '';
  const request = row.request_id ? ` request ${row.request_id}` : '';
  return `${new Date(row.occurred_at).toISOString()}  ${row.action}  ${row.resource_type}/${row.resource_id}  by ${actor}${via}${request}`;
}
