/** API keys: generated, shown once, stored only as a SHA-256 hash (keys are high-entropy, so a fast hash suffices). */
import { createHash, randomBytes } from 'node:crypto';

export const API_KEY_PREFIX = 'ucf_';

export function generateApiKey(): string {
  return API_KEY_PREFIX + randomBytes(24).toString('base64url');
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** What an operator sees to tell keys apart: the first eight characters. */
export function keyPrefix(key: string): string {
  return key.slice(0, 8);
}
