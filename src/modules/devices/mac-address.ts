/**
 * MAC addresses of devices: parsing what callers send, the one stored form, the forms vendors show,
 * and Webex Calling's validation of a list of MACs. Pure functions: no I/O.
 *
 * Stored form: twelve upper-case hex digits without separators ("0011223344AA"), as the demo fleet
 * stores them and as Webex Calling shows them (`/telephony/config/devices`: "11223344AAFF").
 *
 * Accepted input, any case, surrounding whitespace ignored: bare ("0011223344aa"), colon
 * ("00:11:22:33:44:AA"), hyphen ("00-11-22-33-44-AA") or Cisco dotted ("0011.2233.44aa"). One separator
 * kind throughout and full groups only: "00:11-22:33:44:55", "0:11:22:33:44:55" and "001122:334455"
 * are rejected rather than guessed at.
 *
 * Valid means twelve hex digits in one of those layouts, and neither the null address
 * (000000000000) nor broadcast (FFFFFFFFFFFF): no device has either. The multicast bit is not
 * checked: Webex's own documented examples are multicast ("11:22:33:44:AA:FF", "ab125678cdef" shown
 * as AVAILABLE by validateMacs), so rejecting them would refuse what the vendor accepts.
 */

/** The rules a MAC address can break. */
export type MacRule = 'mac_format' | 'mac_reserved';

export type MacParseResult =
  | { readonly ok: true; readonly mac: string }
  | { readonly ok: false; readonly rule: MacRule; readonly message: string };

/**
 * Layouts a MAC may be written in:
 * - bare: "0011223344AA" (stored form; Webex Calling);
 * - colon: "00:11:22:33:44:AA" (display; Webex `/v1/devices`);
 * - hyphen: "00-11-22-33-44-AA" (Windows, IEEE);
 * - dotted: "0011.2233.44AA" (Cisco IOS).
 */
export type MacStyle = 'bare' | 'colon' | 'hyphen' | 'dotted';

export const MAC_STYLES: readonly MacStyle[] = ['bare', 'colon', 'hyphen', 'dotted'];

const LAYOUT =
  /^(?:[0-9a-f]{12}|[0-9a-f]{2}(?::[0-9a-f]{2}){5}|[0-9a-f]{2}(?:-[0-9a-f]{2}){5}|[0-9a-f]{4}(?:\.[0-9a-f]{4}){2})$/i;

const RESERVED = new Set(['000000000000', 'FFFFFFFFFFFF']);

const FORMAT_MESSAGE =
  'A MAC address is 12 hexadecimal digits, bare or separated as 00:11:22:33:44:AA, 00-11-22-33-44-AA or 0011.2233.44AA.';

/** Parses a MAC written in any accepted layout into its stored form, or says which rule it breaks. */
export function parseMac(input: string): MacParseResult {
  const mac = bareOf(input);
  if (mac === undefined) return { ok: false, rule: 'mac_format', message: FORMAT_MESSAGE };
  if (RESERVED.has(mac)) {
    const which = mac === '000000000000' ? 'null' : 'broadcast';
    return {
      ok: false,
      rule: 'mac_reserved',
      message: `${formatMac(mac)} is the ${which} address, which no device has.`,
    };
  }
  return { ok: true, mac };
}

/** Twelve upper-case hex digits from a MAC in an accepted layout (reserved addresses included). */
function bareOf(input: string): string | undefined {
  const text = input.trim();
  return LAYOUT.test(text) ? text.replace(/[:.-]/g, '').toUpperCase() : undefined;
}

/** The stored form of a MAC written in any accepted layout; undefined when it is not a valid MAC. */
export function normaliseMac(input: string): string | undefined {
  const result = parseMac(input);
  return result.ok ? result.mac : undefined;
}

export function isValidMac(input: string): boolean {
  return parseMac(input).ok;
}

/**
 * Writes a MAC given in any accepted layout in `style`, upper case: "bare" for storage and Webex
 * Calling, "colon" for display and Webex `/v1/devices`. Throws a RangeError for a string in no
 * accepted layout: callers format what they parsed or stored.
 */
export function formatMac(mac: string, style: MacStyle = 'colon'): string {
  const bare = bareOf(mac);
  if (bare === undefined) throw new RangeError(`Not a MAC address: ${JSON.stringify(mac.slice(0, 40))}`);
  switch (style) {
    case 'bare':
      return bare;
    case 'colon':
      return groups(bare, 2).join(':');
    case 'hyphen':
      return groups(bare, 2).join('-');
    case 'dotted':
      return groups(bare, 4).join('.');
  }
}

function groups(bare: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < bare.length; i += size) out.push(bare.slice(i, i + size));
  return out;
}

/** Webex Calling's verdict on one MAC of a list (`validateMacs`, vendor-apis.md §3.6). */
export type WebexMacState = 'AVAILABLE' | 'UNAVAILABLE' | 'DUPLICATE_IN_LIST' | 'INVALID';

export interface WebexMacStatus {
  /** The MAC exactly as the caller sent it (Webex echoes "ab125678cdef" as given). */
  readonly mac: string;
  readonly state: WebexMacState;
  /** Only for UNAVAILABLE, the one code the vendor documents (5675); SILENT for the other states. */
  readonly errorCode?: number;
  readonly message?: string;
}

export interface WebexMacValidation {
  /** OK when every MAC is AVAILABLE, ERRORS otherwise (an empty list is OK). */
  readonly status: 'OK' | 'ERRORS';
  /** One entry per MAC sent, in the order sent. */
  readonly macStatus: readonly WebexMacStatus[];
}

/** The error Webex documents for a MAC already used in the organisation. */
export const WEBEX_MAC_IN_USE = Object.freeze({ errorCode: 5675, message: '[Error 5675] MAC Address is in use.' });

/**
 * Classifies a list of MACs as Webex Calling's `validateMacs` does. `used` holds the stored form
 * (twelve upper-case hex digits) of every MAC already on a device of the tenant.
 *
 * - INVALID: not a valid MAC (see parseMac); never counted as a duplicate.
 * - DUPLICATE_IN_LIST: the same MAC, whatever its layout or case, appeared earlier in the list. The
 *   first occurrence is judged on its own (AVAILABLE or UNAVAILABLE), so the caller can still add it.
 * - UNAVAILABLE: already used in the tenant, with Webex's error 5675.
 * - AVAILABLE: otherwise.
 */
export function validateMacsForWebex(macs: readonly string[], used: ReadonlySet<string>): WebexMacValidation {
  const seen = new Set<string>();
  const macStatus = macs.map((input): WebexMacStatus => {
    const mac = normaliseMac(input);
    if (mac === undefined) return { mac: input, state: 'INVALID' };
    if (seen.has(mac)) return { mac: input, state: 'DUPLICATE_IN_LIST' };
    seen.add(mac);
    if (used.has(mac)) return { mac: input, state: 'UNAVAILABLE', ...WEBEX_MAC_IN_USE };
    return { mac: input, state: 'AVAILABLE' };
  });
  return { status: macStatus.every((s) => s.state === 'AVAILABLE') ? 'OK' : 'ERRORS', macStatus };
}
