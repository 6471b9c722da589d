import { describe, expect, it } from 'vitest';
import { countryNameOf, describePhoneNumber } from './phone-number.js';

describe('describePhoneNumber', () => {
  it('describes a US number, whatever its punctuation', () => {
    const expected = {
      e164: '+14155550123',
      countryCode: 'US',
      countryName: 'United States',
      callingCode: '1',
      nationalFormat: '(415) 555-0123',
      location: 'San Francisco, CA',
      numberType: 'fixed_line_or_mobile',
    };
    expect(describePhoneNumber('+14155550123')).toEqual(expected);
    expect(describePhoneNumber(' +1 (415) 555-0123 ')).toEqual(expected);
    expect(describePhoneNumber('415-555-0123', 'US')).toEqual(expected);
    // A toll-free number is not geographic: its location is the country.
    expect(describePhoneNumber('+1 800 555 0100')).toMatchObject({
      numberType: 'toll_free',
      location: 'United States',
    });
  });

  it('derives what Genesys shows for its sample numbers: +16509870000 is in California, 3001 has no country', () => {
    // vendor-apis.md §2.8: country {name, code, callingCode}, location, e164Number, localNumber.
    expect(describePhoneNumber('+16509870000')).toEqual({
      e164: '+16509870000',
      countryCode: 'US',
      countryName: 'United States',
      callingCode: '1',
      nationalFormat: '(650) 987-0000',
      location: 'California',
      numberType: 'fixed_line_or_mobile',
    });
    expect(describePhoneNumber('3001')).toMatchObject({
      e164: null,
      countryCode: null,
      countryName: null,
      location: null,
    });
  });

  it('names the area of the longest known prefix, and the country where the data knows none', () => {
    const location = (n: string) => describePhoneNumber(n)?.location;
    // +1 data has both 3-digit area codes and longer prefixes: the longer one wins.
    expect(location('+1 650 987 0000')).toBe('California');
    expect(location('+1 415 555 0123')).toBe('San Francisco, CA');
    // The same calling code, another country: a Canadian number gets a Canadian area and country.
    expect(describePhoneNumber('+1 613 555 0123')).toMatchObject({ countryCode: 'CA', location: 'Ontario' });
    expect(location('+39 06 1234 5678')).toBe('Rome');
    expect(location('+81 3 1234 5678')).toBe('Tokyo');
    // The data locates mobiles only where they are geographic (China, Brazil…), not in Germany.
    expect(location('+86 139 1234 5678')).toBe('Changzhou, Jiangsu');
    expect(location('+55 11 96123 4567')).toBe('São Paulo');
    expect(location('+49 1511 2345678')).toBe('Germany');
    // The geocoding data has no English areas for +33: the country's name.
    expect(location('+33 1 42 68 53 00')).toBe('France');
  });

  it('stays synchronous, and answers the same on every call once the data is loaded', () => {
    const first = describePhoneNumber('+16509870000');
    expect(first).not.toBeInstanceOf(Promise);
    for (let i = 0; i < 3; i++) expect(describePhoneNumber('+1 (650) 987-0000')).toEqual(first);
  });

  it('describes a GB number, international or national with a default country', () => {
    const expected = {
      e164: '+442079460123',
      countryCode: 'GB',
      countryName: 'United Kingdom',
      callingCode: '44',
      nationalFormat: '020 7946 0123',
      location: 'London',
      numberType: 'fixed_line',
    };
    expect(describePhoneNumber('+44 20 7946 0123')).toEqual(expected);
    expect(describePhoneNumber('020 7946 0123', 'GB')).toEqual(expected);
  });

  it('describes German landline and mobile numbers', () => {
    expect(describePhoneNumber('+49 30 21234567')).toEqual({
      e164: '+493021234567',
      countryCode: 'DE',
      countryName: 'Germany',
      callingCode: '49',
      nationalFormat: '030 21234567',
      location: 'Berlin',
      numberType: 'fixed_line',
    });
    expect(describePhoneNumber('01511 2345678', 'DE')).toMatchObject({
      e164: '+4915112345678',
      numberType: 'mobile',
      // German mobiles are not geographic: the country, as Google's geocoder says.
      location: 'Germany',
    });
  });

  it('describes an internal extension without E.164 form or country', () => {
    const extension = {
      e164: null,
      countryCode: null,
      countryName: null,
      callingCode: null,
      nationalFormat: null,
      location: null,
      numberType: 'extension',
    };
    expect(describePhoneNumber('3001')).toEqual(extension);
    expect(describePhoneNumber('3001', 'US')).toEqual(extension);
  });

  it('gives a number of no country its calling code but no country or location', () => {
    expect(describePhoneNumber('+800 1234 5678')).toMatchObject({
      e164: '+80012345678',
      countryCode: null,
      countryName: null,
      callingCode: '800',
      location: null,
      numberType: 'toll_free',
    });
  });

  it('returns undefined for input that is neither a valid number nor an extension', () => {
    for (const input of ['', '   ', 'abc', '+1555', '+1 415 555', '+44 20 7946 01234567', '123456789', '30-01', '+0'])
      expect(describePhoneNumber(input), JSON.stringify(input)).toBeUndefined();
    // Has the length of a US number, but no US area code starts with 1.
    expect(describePhoneNumber('+1 123 456 7890')).toBeUndefined();
  });
});

describe('countryNameOf', () => {
  it('names a country by its ISO code, and nothing else', () => {
    expect(countryNameOf('US')).toBe('United States');
    expect(countryNameOf('GB')).toBe('United Kingdom');
    expect(countryNameOf('us')).toBeNull();
    expect(countryNameOf('')).toBeNull();
    expect(countryNameOf('USA')).toBeNull();
  });
});
