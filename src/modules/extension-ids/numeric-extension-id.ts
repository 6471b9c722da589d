/**
 * The numeric id an owner of devices (a person, a workspace) is known by where an API needs an int64
 * extension id (RingCentral's `extension.id`, docs/compat/ringcentral.md "Ids"): a 53-bit digest of its canonical
 * UUID (SHA-256, first 53 bits, never 0), so that every JavaScript client reads it exactly. People and workspaces
 * store it (`ringcentral_extension_id`, indexed) so that a path's extension id resolves by an index lookup.
 * Changing this function changes every published extension id: it must stay as it is.
 */
import { createHash } from 'node:crypto';

const BITS_53 = (1n << 53n) - 1n;

export function numericExtensionIdOf(uuid: string): number {
  const digest = createHash('sha256').update(`ringcentral\0${uuid.toLowerCase()}`).digest();
  const value = Number(digest.readBigUInt64BE(0) & BITS_53);
  return value === 0 ? 1 : value;
}
