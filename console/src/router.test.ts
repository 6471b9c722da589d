import { describe, expect, it } from 'vitest';
import { returnPath } from './router.tsx';

describe('after sign-in', () => {
  it('returns to a console path it was given, and never to another site', () => {
    expect(returnPath('/inventory?status=Online')).toBe('/inventory?status=Online');
    expect(returnPath('/devices/0190')).toBe('/devices/0190');
    for (const elsewhere of [
      null,
      '',
      'https://evil.example',
      '//evil.example',
      '/\\evil.example',
      '/sign-in?next=x',
    ]) {
      expect(returnPath(elsewhere), String(elsewhere)).toBe('/inventory');
    }
  });
});
