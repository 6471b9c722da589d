/** Brings a database to the latest schema. Migrations are imported, not read from disk, so dist/ is self-contained. */
import { type Kysely, type Migration, type MigrationResultSet, Migrator } from 'kysely';
import * as canonicalModel from './migrations/0001_canonical_model.js';
import * as accessAndAudit from './migrations/0002_access_and_audit.js';
import * as idempotencyKeys from './migrations/0003_idempotency_keys.js';
import * as jobs from './migrations/0004_jobs.js';
import * as deviceActivation from './migrations/0005_device_activation.js';
import * as deviceMonitoringIndex from './migrations/0007_device_monitoring_index.js';
import * as virtualLines from './migrations/0008_virtual_lines.js';
import * as appAuthorizations from './migrations/0009_app_authorizations.js';
import * as monitoringMute from './migrations/0010_monitoring_mute.js';
import * as firmwareCatalog from './migrations/0013_firmware_catalog.js';
import * as deviceSettings from './migrations/0011_device_settings.js';
import * as telemetry from './migrations/0014_telemetry.js';
import * as pagingGroupsAndLocationUpdates from './migrations/0012_paging_groups_and_location_updates.js';

const migrations: Record<string, Migration> = {
  '0001_canonical_model': canonicalModel,
  '0002_access_and_audit': accessAndAudit,
  '0003_idempotency_keys': idempotencyKeys,
  '0004_jobs': jobs,
  '0005_device_activation': deviceActivation,
  '0007_device_monitoring_index': deviceMonitoringIndex,
  '0008_virtual_lines': virtualLines,
  '0009_app_authorizations': appAuthorizations,
  '0010_monitoring_mute': monitoringMute,
  '0013_firmware_catalog': firmwareCatalog,
  '0011_device_settings': deviceSettings,
  '0014_telemetry': telemetry,
  '0012_paging_groups_and_location_updates': pagingGroupsAndLocationUpdates,
};

export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResultSet> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const result = await migrator.migrateToLatest();
  if (result.error) throw result.error;
  return result;
}
