/**
 * The firmware catalogue grows release notes and a sortable version key (version-order.ts), so that "latest
 * available" is the newest release by date with ties broken by version, read along one index per product and
 * component. (The non-compliant device list reads devices along the (tenant, compliance, id) index of 0001.)
 */
import type { Kysely } from 'kysely';
import { versionSortKey } from '../../modules/firmware/version-order.js';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('firmware_releases').addColumn('notes', 'text').execute();
  await db.schema
    .alterTable('firmware_releases')
    .addColumn('version_key', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  // The catalogue is small (thousands of rows at most): keys are filled one release at a time.
  const releases = (await db.selectFrom('firmware_releases').select(['id', 'version']).execute()) as {
    id: string;
    version: string;
  }[];
  for (const release of releases) {
    await db
      .updateTable('firmware_releases')
      .set({ version_key: versionSortKey(release.version) })
      .where('id', '=', release.id)
      .execute();
  }
  await db.schema
    .createIndex('firmware_releases_latest_idx')
    .on('firmware_releases')
    .columns(['product_id', 'component', 'released_at', 'version_key'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('firmware_releases_latest_idx').execute();
  await db.schema.alterTable('firmware_releases').dropColumn('version_key').execute();
  await db.schema.alterTable('firmware_releases').dropColumn('notes').execute();
}
