import { describe, expect, it } from 'vitest';
import { formatMac, formatProduct } from './format.ts';

describe('formatting', () => {
  it('names a product once, with its manufacturer', () => {
    expect(formatProduct({ manufacturer: 'Poly', name: 'Poly Savi 8220 UC' })).toBe('Poly Savi 8220 UC');
    expect(formatProduct({ manufacturer: 'Genesys', name: 'Cloud ACD Position' })).toBe('Genesys Cloud ACD Position');
    expect(formatProduct(null)).toBe('');
  });

  it('writes a MAC address in colon-separated pairs', () => {
    expect(formatMac('64167FAABBCC')).toBe('64:16:7F:AA:BB:CC');
    expect(formatMac(null)).toBe('');
  });
});
