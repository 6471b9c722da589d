/** Starts the server: migrate, optionally seed a demo fleet into an empty database, listen, stop cleanly on SIGTERM/SIGINT. */
import { buildApp } from '../app.js';
import type { Config } from '../config.js';
import { openStore } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { seedDemoFleet } from '../demo/fleet.js';
import { AuditEventRepository } from '../modules/audit/audit-event.repository.js';
import { AuditEventService } from '../modules/audit/audit-event.service.js';
import { scheduleAuditPurge } from '../modules/audit/audit-retention.js';
import { IdempotencyKeyRepository } from '../modules/idempotency/idempotency-key.repository.js';
import { scheduleIdempotencyPurge } from '../modules/idempotency/idempotency-purge.js';
import { IdempotencyService } from '../modules/idempotency/idempotency.service.js';
import { schedulePresenceSweep } from '../modules/telemetry/telemetry-presence.js';
import { TenantRepository } from '../modules/tenants/tenant.repository.js';
import { createServices } from '../services.js';

export async function runServe(config: Config, options: { demoDevices?: number }): Promise<void> {
  const store = openStore(config.databaseUrl, { poolSize: config.dbPoolSize });
  await migrateToLatest(store.db);
  if (options.demoDevices && (await new TenantRepository(store.db).isEmpty())) {
    const summary = await seedDemoFleet(store, { devices: options.demoDevices });
    await store.analyze();
    console.error(
      `Seeded a demo fleet of ${summary.devices} devices (sandbox API key 1hKMMPFMmaldnC0rcohvXN0UX7UeWPjb).`,
    );
  }
  const services = createServices(store, config);
  const app = await buildApp(config, { store, services });
  const stop = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => process.exit(1), 10_000).unref();
    await app.close();
    await store.close();
    clearTimeout(timer);
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  // Audit retention: purge expired events once now and then hourly; the schedule stops when the app closes.
  const audit = new AuditEventService(new AuditEventRepository(store.db));
  const retention = scheduleAuditPurge(audit, config.auditRetentionDays, app.log);
  app.addHook('onClose', () => retention.stop());
  // Expired idempotency keys: purged now and hourly (the TTL only matters to claims, not to the purge).
  const idempotency = new IdempotencyService(new IdempotencyKeyRepository(store.db), {
    ttlMs: config.idempotencyTtlHours * 3_600_000,
  });
  const keyPurge = scheduleIdempotencyPurge(idempotency, app.log);
  app.addHook('onClose', () => keyPurge.stop());
  // Presence: devices an agent reports on go Offline after TELEMETRY_OFFLINE_AFTER_SECONDS of silence.
  const offlineAfterMs = config.telemetryOfflineAfterSeconds * 1000;
  const presence = schedulePresenceSweep(services.telemetry, offlineAfterMs, app.log);
  app.addHook('onClose', () => presence.stop());
  await app.listen({ port: config.port, host: config.host });
}
