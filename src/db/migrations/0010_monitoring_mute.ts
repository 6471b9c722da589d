/**
 * Supervisor monitoring can mute the monitored user (Genesys MuteMonitoredUser / UnmuteMonitoredUser). The flag
 * belongs to the session, so it lives with the session's other columns on the supervisor's device: 0 or 1
 * while the device monitors another, null otherwise (sessions started before this column count as unmuted).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('devices').addColumn('monitoring_muted', 'integer').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('devices').dropColumn('monitoring_muted').execute();
}
