/**
 * The import's batched write pass on both engines (the service, without HTTP): files of several batches creating,
 * updating and leaving devices unchanged with one audit event per written device, and a row that breaks a rule
 * only in the write pass (a device took its MAC after validation). Without `partial` that stores nothing
 * on PostgreSQL (the write pass is one transaction) and keeps the batches before it on SQLite (one transaction per
 * batch, so the single connection is not held for the whole import); with `partial` the row fails alone.
 */
import { expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { Store } from '../../src/db/database.js';
import { systemActor } from '../../src/modules/audit/audit-trail.js';
import { IMPORT_BATCH, type ImportOptions } from '../../src/modules/devices/device-import.service.js';
import type { ImportRow } from '../../src/modules/devices/device-import-format.js';
import type { JobContext } from '../../src/modules/jobs/job.service.js';
import { createServices } from '../../src/services.js';
import { createDevices, createTenant, deviceRow } from '../support/factories.js';
import { describeEachStore } from '../support/stores.js';

const ROWS = IMPORT_BATCH + 200;
const mac = (n: number) => (0x00aabb000000 + n).toString(16).toUpperCase().padStart(12, '0');
const COMMIT: ImportOptions = { format: 'json', dryRun: false, partial: false };
const quiet: JobContext = { progress: async () => {} };

describeEachStore('device import write pass', ({ store, engine }) => {
  const importer = () => createServices(store(), loadConfig({ LOG_LEVEL: 'silent' })).deviceImports;

  async function count(s: Store, table: 'devices' | 'audit_events' | 'device_tags', tenantId: string) {
    const row = await s.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tenant_id', '=', tenantId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  it('creates, updates and leaves unchanged across batches, auditing each written device once', async () => {
    const { tenantId } = await createTenant(store());
    const existing = Array.from({ length: 300 }, (_, i) =>
      deviceRow(tenantId, { name: `old ${i}`, mac: mac(i), serial: null }),
    );
    await createDevices(store(), existing);
    const rows: ImportRow[] = Array.from({ length: ROWS }, (_, i) =>
      i < 300
        ? { mac: mac(i), name: `renamed ${i}`, tags: ['moved'] }
        : { kind: 'Headset', name: `new ${i}`, mac: mac(i), tags: i % 2 ? ['a', 'b'] : [] },
    );
    const first = await importer().run(systemActor(tenantId), rows, COMMIT, quiet);
    expect(first.error).toBeUndefined();
    expect(first.result).toMatchObject({ committed: true, created: ROWS - 300, updated: 300, unchanged: 0, failed: 0 });
    expect(await count(store(), 'devices', tenantId)).toBe(ROWS);
    expect(await count(store(), 'audit_events', tenantId)).toBe(ROWS);
    expect(await count(store(), 'device_tags', tenantId)).toBe(300 + Math.floor((ROWS - 300) / 2) * 2);

    const renamed = await store()
      .db.selectFrom('devices')
      .select(['id', 'name', 'version'])
      .where('tenant_id', '=', tenantId)
      .where('mac', '=', mac(7))
      .executeTakeFirstOrThrow();
    expect(renamed).toMatchObject({ name: 'renamed 7', version: 2 });
    const event = await store()
      .db.selectFrom('audit_events')
      .select(['action', 'before', 'after'])
      .where('tenant_id', '=', tenantId)
      .where('resource_id', '=', renamed.id)
      .executeTakeFirstOrThrow();
    expect(event.action).toBe('device.update');
    expect(JSON.parse(event.before!)).toMatchObject({ name: 'old 7', tags: [] });
    expect(JSON.parse(event.after!)).toMatchObject({ name: 'renamed 7', tags: ['moved'], version: 2 });

    // The same file again changes nothing and writes no audit event.
    const again = await importer().run(systemActor(tenantId), rows, COMMIT, quiet);
    expect(again.result).toMatchObject({ committed: true, created: 0, updated: 0, unchanged: ROWS, failed: 0 });
    expect(await count(store(), 'audit_events', tenantId)).toBe(ROWS);
  });

  /**
   * Rows creating devices, but row `late` updates the device holding its serial. Once validation is done another
   * device takes that row's MAC: the write pass then finds the row naming that device, whose serial it may not take.
   */
  async function raceOnRow(late: number, options: ImportOptions) {
    const { tenantId } = await createTenant(store());
    await createDevices(store(), [deviceRow(tenantId, { name: 'by serial', serial: 'LATE', mac: null })]);
    const rows: ImportRow[] = Array.from({ length: ROWS }, (_, i) => ({ kind: 'Headset', name: `d${i}`, mac: mac(i) }));
    rows[late - 1] = { ...rows[late - 1], serial: 'LATE' };
    const context: JobContext = {
      progress: async (done) => {
        if (done === ROWS)
          await createDevices(store(), [deviceRow(tenantId, { name: 'intruder', mac: mac(late - 1) })]);
      },
    };
    const outcome = await importer().run(systemActor(tenantId), rows, options, context);
    return { tenantId, outcome };
  }

  it('without partial, a row failing in the write pass stops the import (atomic where a pool allows)', async () => {
    const late = IMPORT_BATCH + 100;
    const { tenantId, outcome } = await raceOnRow(late, COMMIT);
    expect(outcome.error).toMatchObject({ code: 'import_row_failed' });
    expect(outcome.error!.detail).toMatch(new RegExp(`^row ${late}: `));
    if (engine === 'postgres') {
      expect(outcome.result).toMatchObject({ committed: false, created: 0 });
      expect(await count(store(), 'devices', tenantId)).toBe(2);
      expect(await count(store(), 'audit_events', tenantId)).toBe(0);
    } else {
      expect(outcome.result).toMatchObject({ committed: true, created: IMPORT_BATCH });
      expect(await count(store(), 'devices', tenantId)).toBe(IMPORT_BATCH + 2);
      expect(await count(store(), 'audit_events', tenantId)).toBe(IMPORT_BATCH);
    }
  });

  it('with partial, a row failing in the write pass fails alone', async () => {
    const late = IMPORT_BATCH + 100;
    const { tenantId, outcome } = await raceOnRow(late, { ...COMMIT, partial: true });
    expect(outcome.error).toBeUndefined();
    expect(outcome.result).toMatchObject({
      committed: true,
      created: ROWS - 1,
      failed: 1,
      failures: [{ row: late, outcome: 'failed', error: { field: 'serial', rule: 'serial_taken' } }],
    });
    expect(await count(store(), 'devices', tenantId)).toBe(ROWS + 1);
    expect(await count(store(), 'audit_events', tenantId)).toBe(ROWS - 1);
  });
});
