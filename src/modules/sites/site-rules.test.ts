import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors.js';
import { countryCodeOf, subnetOf, timeZoneOf } from './site-rules.js';

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('accepted');
}

describe('site rules', () => {
  it('accepts the 249 assigned ISO 3166-1 alpha-2 codes in any case, and nothing else', () => {
    const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    const accepted = [...letters].flatMap((a) =>
      [...letters].filter((b) => {
        try {
          return countryCodeOf(`${a}${b}`.toLowerCase(), 'c') === `${a}${b}`;
        } catch {
          return false;
        }
      }),
    );
    expect(accepted).toHaveLength(249);
    for (const reserved of ['UK', 'EU', 'XK', 'ZZ', 'AC', 'YU']) {
      const error = refusal(() => countryCodeOf(reserved, 'address.countryCode'));
      expect(error.extras).toEqual({ parameter: 'address' });
      expect(error.detail).toContain('address.countryCode breaks rule iso_3166_alpha2');
    }
    expect(refusal(() => countryCodeOf('DEU', 'c')).detail).toContain('iso_3166_alpha2');
  });

  it('accepts IANA time zones (canonical in any case, links as given, UTC) and refuses the rest', () => {
    expect(timeZoneOf('Europe/Berlin', 'timeZone')).toBe('Europe/Berlin');
    expect(timeZoneOf('america/new_york', 'timeZone')).toBe('America/New_York');
    expect(timeZoneOf('UTC', 'timeZone')).toBe('UTC');
    expect(timeZoneOf('Asia/Kolkata', 'timeZone')).toBe('Asia/Kolkata');
    for (const zone of ['Mars/Olympus_Mons', 'CET+1', '', 'Europe']) {
      const error = refusal(() => timeZoneOf(zone, 'timeZone'));
      expect(error.extras).toEqual({ parameter: 'timeZone' });
      expect(error.detail).toContain('iana_time_zone');
    }
  });

  it('normalises CIDR blocks and refuses addresses without a valid prefix', () => {
    expect(subnetOf(' 10.1.0.0/16 ', 's')).toBe('10.1.0.0/16');
    expect(subnetOf('2001:DB8::/32', 's')).toBe('2001:db8::/32');
    for (const block of ['10.1.0.0', '10.1.0.0/33', '2001:db8::/129', '10.1.0/8', 'host/24', '10.0.0.0/-1']) {
      const error = refusal(() => subnetOf(block, 'subnets[0]'));
      expect(error.extras, block).toEqual({ parameter: 'subnets' });
      expect(error.detail).toContain('subnets[0] breaks rule cidr');
    }
  });
});
