import { describe, expect, it } from 'vitest';
import { canonicalIdOf, webexId } from './ids.js';

const UUID = '0195d3a1-7c2e-7a10-9b3c-1f2e3d4c5b6a';

describe('Webex ids', () => {
  it('encode the canonical id in a ciscospark URI and decode back, for its own type only', () => {
    const id = webexId('device', UUID);
    expect(Buffer.from(id, 'base64').toString()).toBe(`ciscospark://urn:TEAM:us-east-2_a/DEVICE/${UUID.toUpperCase()}`);
    expect(canonicalIdOf('device', id)).toBe(UUID);
    expect(canonicalIdOf('person', id)).toBeUndefined();
    expect(canonicalIdOf('person', webexId('person', UUID))).toBe(UUID);
  });

  it("read the vendor's own sample and its older form", () => {
    const sample =
      'Y2lzY29zcGFyazovL3VybjpURUFNOnVzLWVhc3QtMV9pbnQxMy9ERVZJQ0UvNTEwMUIwN0ItNEY4Ri00RUY3LUI1NjUtREIxOUM3QjcyM0Y3';
    expect(canonicalIdOf('device', sample)).toBe('5101b07b-4f8f-4ef7-b565-db19c7b723f7');
    const older = Buffer.from(`ciscospark://us/PEOPLE/${UUID}`).toString('base64');
    expect(canonicalIdOf('person', older)).toBe(UUID);
  });

  it('name nothing when malformed', () => {
    for (const bad of [
      '',
      'not base64!',
      UUID,
      Buffer.from('ciscospark://us/DEVICE/xyz').toString('base64'),
      'A'.repeat(400),
    ]) {
      expect(canonicalIdOf('device', bad)).toBeUndefined();
    }
  });
});
