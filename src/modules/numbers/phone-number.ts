/**
 * What a phone number says about itself: the derived columns of a phone_numbers row (E.164 form,
 * country, calling code, national format, location, type), from what was assigned. Internal
 * extensions ("3001") are numbers too: of type 'extension', with no E.164 form and no country.
 *
 * Parsing and types come from libphonenumber-js with its full metadata. It has no geocoder, so
 * `location` is the country's English name, the coarsest answer Google's offline geocoder gives too
 * (it falls back to it where it knows no area). Callers that know better, such as the demo fleet,
 * which knows each number's site, store their own location.
 */
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';

export interface PhoneNumberDescription {
  /** "+14155550123"; null for an internal extension. */
  readonly e164: string | null;
  /** ISO 3166-1 alpha-2 ("US"); null for an extension or a number of no country (+800…). */
  readonly countryCode: string | null;
  /** The country calling code without "+" ("1"); null for an extension. */
  readonly callingCode: string | null;
  /** As dialled within its country ("(415) 555-0123"); null for an extension. */
  readonly nationalFormat: string | null;
  /** The country's English name ("United States"); null where there is no country. */
  readonly location: string | null;
  /** fixed_line | mobile | fixed_line_or_mobile | toll_free | voip | … | extension; null when unknown. */
  readonly numberType: string | null;
}

/** An internal extension: digits only, and at most eight of them (no dial plan uses more). */
const EXTENSION = /^\d{1,8}$/;

const countryNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

const EXTENSION_DESCRIPTION: PhoneNumberDescription = Object.freeze({
  e164: null,
  countryCode: null,
  callingCode: null,
  nationalFormat: null,
  location: null,
  numberType: 'extension',
});

/**
 * Describes `number`: international ("+44 20 7946 0123", any punctuation), national when
 * `defaultCountry` says whose ("020 7946 0123" with "GB"), or an internal extension. Returns
 * undefined for anything else, including numbers that parse but are not valid for their country.
 */
export function describePhoneNumber(number: string, defaultCountry?: CountryCode): PhoneNumberDescription | undefined {
  const input = number.trim();
  const parsed = parsePhoneNumberFromString(input, defaultCountry);
  if (parsed?.isValid()) {
    const type = parsed.getType();
    return {
      e164: parsed.number,
      countryCode: parsed.country ?? null,
      callingCode: parsed.countryCallingCode,
      nationalFormat: parsed.formatNational(),
      location: parsed.country === undefined ? null : (countryNames.of(parsed.country) ?? null),
      numberType: type === undefined ? null : type.toLowerCase(),
    };
  }
  return EXTENSION.test(input) ? EXTENSION_DESCRIPTION : undefined;
}
