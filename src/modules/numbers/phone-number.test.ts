import { describe, expect, it } from 'vitest';
import { describePhoneNumber } from './phone-number.js';

describe('describePhoneNumber', () => {
  it('describes a US number, whatever its punctuation', () => {
    const expected = {
      e164: '+14155550123',
      countryCode: 'US',
      callingCode: '1',
      nationalFormat: '(415) 555-0123',
      location: 'United States',
      numberType: 'fixed_line_or_mobile',
    };
    expect(describePhoneNumber('+14155550123')).toEqual(expected);
    expect(describePhoneNumber(' +1 (415) 555-0123 ')).toEqual(expected);
    expect(describePhoneNumber('415-555-0123', 'US')).toEqual(expected);
    expect(describePhoneNumber('+1 800 555 0100')).toMatchObject({ numberType: 'toll_free' });
  });

  it('describes a GB number, international or national with a default country', () => {
    const expected = {
      e164: '+442079460123',
      countryCode: 'GB',
      callingCode: '44',
      nationalFormat: '020 7946 0123',
      location: 'United Kingdom',
      numberType: 'fixed_line',
    };
    expect(describePhoneNumber('+44 20 7946 0123')).toEqual(expected);
    expect(describePhoneNumber('020 7946 0123', 'GB')).toEqual(expected);
  });

  it('describes German landline and mobile numbers', () => {
    expect(describePhoneNumber('+49 30 21234567')).toEqual({
      e164: '+493021234567',
      countryCode: 'DE',
      callingCode: '49',
      nationalFormat: '030 21234567',
      location: 'Germany',
      numberType: 'fixed_line',
    });
    expect(describePhoneNumber('01511 2345678', 'DE')).toMatchObject({
      e164: '+4915112345678',
      numberType: 'mobile',
    });
  });

  it('describes an internal extension without E.164 form or country', () => {
    const extension = {
      e164: null,
      countryCode: null,
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
