/**
 * Reads firmware releases. Releases belong to the product catalogue, which all tenants share, so
 * these queries name no tenant.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Capabilities } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import type { FirmwareReleaseTable } from './firmware.table.js';

/** What identifies a release: a product's component at a version. */
export type FirmwareReleaseKey = Pick<Selectable<FirmwareReleaseTable>, 'product_id' | 'component' | 'version'>;

export class FirmwareRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly capabilities: Pick<Capabilities, 'maxParameters'>,
  ) {}

  /** The releases already stored for these products: how a catalogue import skips what it holds. */
  async findReleaseKeys(productIds: readonly string[]): Promise<FirmwareReleaseKey[]> {
    const ids = [...new Set(productIds)];
    const keys: FirmwareReleaseKey[] = [];
    for (let i = 0; i < ids.length; i += this.capabilities.maxParameters) {
      const rows = await this.db
        .selectFrom('firmware_releases')
        .select(['product_id', 'component', 'version'])
        .where('product_id', 'in', ids.slice(i, i + this.capabilities.maxParameters))
        .orderBy('id')
        .execute();
      for (const row of rows) keys.push(row);
    }
    return keys;
  }
}
