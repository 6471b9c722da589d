/**
 * The rows of one chunk of the demo fleet, collected per table and written in one transaction, every
 * table after the tables its foreign keys point to.
 */
import type { Insertable } from 'kysely';
import { insertRows } from '../db/bulk-insert.js';
import type { Store } from '../db/database.js';
import type { Database } from '../db/schema.js';

export type Row<T extends keyof Database> = Insertable<Database[T]>;
export type DeviceRow = Row<'devices'>;

/** Insert order: every table after the tables its foreign keys point to. */
const TABLE_ORDER = [
  'tenants',
  'api_keys',
  'user_groups',
  'sites',
  'workspaces',
  'people',
  'group_memberships',
  'compliance_policies',
  'phone_numbers',
  'devices',
  'device_tags',
  'connected_devices',
  'sightings',
  'device_lines',
] as const satisfies readonly (keyof Database)[];
type BatchTable = (typeof TABLE_ORDER)[number];

export type BatchRows = { [T in BatchTable]: Row<T>[] };

export class Batch {
  private rows = emptyRows();
  /** Devices added since the last take(): what decides when a chunk is full. */
  devices = 0;

  add<T extends BatchTable>(table: T, row: Row<T>): void {
    (this.rows[table] as Row<T>[]).push(row);
  }

  /** The rows collected so far; the batch starts over empty. */
  take(): BatchRows {
    const rows = this.rows;
    this.rows = emptyRows();
    this.devices = 0;
    return rows;
  }
}

/** Writes one chunk atomically. */
export async function writeBatch(store: Store, rows: BatchRows): Promise<void> {
  await store.db.transaction().execute(async (trx) => {
    for (const table of TABLE_ORDER) await insertRows(trx, store.capabilities, table, rows[table]);
  });
}

function emptyRows(): BatchRows {
  return Object.fromEntries(TABLE_ORDER.map((t) => [t, []])) as unknown as BatchRows;
}
