import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { clampLimit, decodeCursor, encodeCursor, parseSort } from './page.js';

describe('clampLimit', () => {
  it('defaults, clamps and floors', () => {
    expect(clampLimit(undefined)).toBe(50);
    expect(clampLimit(10)).toBe(10);
    expect(clampLimit(1_000_000)).toBe(500);
    expect(clampLimit(0)).toBe(1);
    expect(clampLimit(7.9)).toBe(7);
    expect(clampLimit(2000, 1000, 100)).toBe(1000);
  });
});

describe('parseSort', () => {
  it('reads ascending and descending fields', () => {
    expect(parseSort(undefined, ['id', 'name'], 'id')).toEqual({ field: 'id', direction: 'asc' });
    expect(parseSort('name', ['id', 'name'], 'id')).toEqual({ field: 'name', direction: 'asc' });
    expect(parseSort('-name', ['id', 'name'], 'id')).toEqual({ field: 'name', direction: 'desc' });
  });

  it('names the parameter when the field is not sortable', () => {
    try {
      parseSort('serial', ['id', 'name'], 'id');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).extras.parameter).toBe('sort');
    }
  });
});

describe('cursors', () => {
  it('round-trip for the same sort', () => {
    const sort = { field: 'name', direction: 'desc' } as const;
    const cursor = { sort: '-name', value: 'Desk phone', id: '018f-abc' };
    expect(decodeCursor(encodeCursor(cursor), sort)).toEqual(cursor);
  });

  it('refuse a cursor of another sort or a forged one', () => {
    const cursor = encodeCursor({ sort: 'id', value: 'x', id: 'x' });
    expect(() => decodeCursor(cursor, { field: 'name', direction: 'asc' })).toThrow(AppError);
    expect(() => decodeCursor('not base64 json', { field: 'id', direction: 'asc' })).toThrow(AppError);
    const forged = Buffer.from(JSON.stringify(['id', { $gt: 1 }, 'x'])).toString('base64url');
    expect(() => decodeCursor(forged, { field: 'id', direction: 'asc' })).toThrow(AppError);
  });
});
