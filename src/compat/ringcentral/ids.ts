/**
 * RingCentral ids from canonical ids (DESIGN.md "Dialects"). Canonical ids are UUIDv7: 128 bits.
 *
 * - String ids (device, phone line, site, account): the UUID's 128 bits as an unsigned decimal numeral
 *   (at most 39 digits). Reversible without a lookup, so a path id is decoded and read directly; the id is a
 *   numeric string as RingCentral's are.
 * - Number ids (`extension.id`, `phoneInfo.id`, int64 JSON numbers): 128 bits cannot be a number a JavaScript
 *   client reads exactly (above 2^53 it silently rounds), so these are a 53-bit digest of the canonical id
 *   (SHA-256, first 53 bits; never 0: src/modules/extension-ids). Not reversible: people and workspaces store
 *   theirs (indexed), so an extension id in a path is resolved by a lookup. Two owners of one tenant share a
 *   digest with a chance of about n²/2^54 (below one in a million for 100,000 owners).
 */
import { numericExtensionIdOf } from '../../modules/extension-ids/numeric-extension-id.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DECIMAL = /^(0|[1-9]\d{0,38})$/;
const MAX_128 = (1n << 128n) - 1n;

/** A canonical UUID as RingCentral's numeric string id. */
export function numericIdOf(uuid: string): string {
  const hex = uuid.toLowerCase().replace(/-/g, '');
  return BigInt(`0x${hex}`).toString(10);
}

/** The canonical UUID a numeric string id stands for; undefined when it is not one numericIdOf gives. */
export function uuidOfNumericId(id: string): string | undefined {
  if (!DECIMAL.test(id)) return undefined;
  const value = BigInt(id);
  if (value > MAX_128) return undefined;
  const hex = value.toString(16).padStart(32, '0');
  const uuid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return UUID.test(uuid) ? uuid : undefined;
}

/** The int64 id RingCentral gives as a JSON number: a safe integer (≤ 2^53 − 1) digested from the canonical id. */
export function numberIdOf(uuid: string): number {
  return numericExtensionIdOf(uuid);
}
