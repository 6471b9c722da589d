/** The export stream reads a page only when the previous one has been consumed, and refuses unknown columns. */
import { describe, expect, it } from 'vitest';
import { deviceRow } from '../../../test/support/factories.js';
import type { Page, PageRequest } from '../../query/page.js';
import { exportChunks, parseColumns } from './device-export.js';
import type { DeviceRecord, DeviceSortField } from './device.repository.js';

function record(i: number): DeviceRecord {
  const row = deviceRow('tenant', { id: `id-${String(i).padStart(6, '0')}`, name: `device ${i}` });
  return { row, tags: [], connected: [], lines: [] } as unknown as DeviceRecord;
}

describe('exportChunks', () => {
  it('holds one page at a time: page n+1 is read only after page n was taken', async () => {
    const total = 10_000;
    const pageSize = 1000;
    const requests: PageRequest<DeviceSortField>[] = [];
    let consumed = 0;
    let maxInFlight = 0;
    const read = async (page: PageRequest<DeviceSortField>): Promise<Page<DeviceRecord>> => {
      requests.push(page);
      const start = page.after ? Number(page.after.id.slice(3)) + 1 : 0;
      const items = Array.from({ length: Math.min(page.limit, total - start) }, (_, k) => record(start + k));
      maxInFlight = Math.max(maxInFlight, start + items.length - consumed);
      const last = items.at(-1);
      return {
        items,
        ...(start + items.length < total && last ? { next: { sort: 'id', value: last.row.id, id: last.row.id } } : {}),
      };
    };
    const chunks = exportChunks(read, ['id'], 'ndjson', pageSize);
    let lines = 0;
    for await (const chunk of chunks) {
      const n = chunk.split('\n').length - 1;
      lines += n;
      consumed += n;
      expect(requests.length).toBe(consumed / pageSize);
    }
    expect(lines).toBe(total);
    expect(maxInFlight).toBeLessThanOrEqual(pageSize);
    expect(requests.every((r) => r.limit === pageSize && r.sort.field === 'id')).toBe(true);
  });
});

describe('parseColumns', () => {
  it('keeps the order asked, defaults to every column, refuses unknown and repeated names', () => {
    expect(parseColumns('mac,name')).toEqual(['mac', 'name']);
    expect(parseColumns(undefined)).toContain('version');
    expect(() => parseColumns('mac,colour')).toThrow(/colour/);
    expect(() => parseColumns('mac,mac')).toThrow(/twice/);
  });
});
