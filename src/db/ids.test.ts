import { describe, expect, it } from 'vitest';
import { instantOfId, newIdAt } from './ids.js';

describe('newIdAt', () => {
  it('mints ids of the chosen instant that sort in the order they were minted, within one millisecond too', () => {
    const at = Date.UTC(2026, 10, 23, 12);
    const ids = Array.from({ length: 1000 }, () => newIdAt(at));
    expect(ids.every((id) => instantOfId(id) === at)).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    const later = newIdAt(at + 1);
    expect(later > ids.at(-1)!).toBe(true);
  });
});
