/**
 * The rules of a site's address and location that a schema cannot express: ISO 3166-1 alpha-2 country codes
 * (the 249 officially assigned ones), IANA time zones (what the runtime knows), and CIDR subnets.
 */
import { isIP } from 'node:net';
import { ruleViolationAt } from '../rule-violation.js';

/** ISO 3166-1 alpha-2, officially assigned codes. */
const COUNTRY_CODES = new Set(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY ' +
    'BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK ' +
    'FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR ' +
    'IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ' +
    'ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM ' +
    'PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF ' +
    'TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
  ).split(' '),
);

/** The country code upper-cased, or 400 naming `path` when it is not an assigned ISO 3166-1 alpha-2 code. */
export function countryCodeOf(code: string, path: string): string {
  const upper = code.toUpperCase();
  if (!COUNTRY_CODES.has(upper)) {
    throw ruleViolationAt(path, 'iso_3166_alpha2', `'${code.slice(0, 10)}' is not an ISO 3166-1 alpha-2 country code.`);
  }
  return upper;
}

let zonesByLowerCase: Map<string, string> | undefined;

/**
 * An IANA time zone: one of Intl.supportedValuesOf('timeZone') or UTC in any case (stored in its own spelling),
 * or a link the runtime resolves (Asia/Kolkata), stored as given. Anything else is 400 naming `path`.
 */
export function timeZoneOf(zone: string, path: string): string {
  zonesByLowerCase ??= new Map(
    [...Intl.supportedValuesOf('timeZone'), 'UTC'].map((name) => [name.toLowerCase(), name] as const),
  );
  const known = zonesByLowerCase.get(zone.toLowerCase());
  if (known !== undefined) return known;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    throw ruleViolationAt(
      path,
      'iana_time_zone',
      `'${zone.slice(0, 64)}' is not an IANA time zone (e.g. Europe/Berlin).`,
    );
  }
}

/** A CIDR block (IPv4 or IPv6 address / prefix length), or 400 naming `path`. */
export function subnetOf(block: string, path: string): string {
  const match = /^([^/]+)\/(\d{1,3})$/.exec(block.trim());
  const version = match ? isIP(match[1]!) : 0;
  const prefix = match ? Number(match[2]) : NaN;
  if (version === 0 || prefix > (version === 4 ? 32 : 128)) {
    throw ruleViolationAt(path, 'cidr', `'${block.slice(0, 64)}' is not a CIDR block (e.g. 10.1.0.0/16).`);
  }
  return `${match![1]!.toLowerCase()}/${prefix}`;
}
