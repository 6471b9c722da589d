/**
 * OAuth client credentials: a public, random client_id and a secret of 32 random bytes that is shown once
 * and stored only as its SHA-256 (the secret is high-entropy, so a fast hash suffices).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const CLIENT_ID_PREFIX = 'ucfc_';
export const CLIENT_SECRET_PREFIX = 'ucfs_';

/** `ucfc_` and 20 base64url characters (120 random bits): public, but not guessable. */
export function generateClientId(): string {
  return CLIENT_ID_PREFIX + randomBytes(15).toString('base64url');
}

export function generateClientSecret(): string {
  return CLIENT_SECRET_PREFIX + randomBytes(32).toString('base64url');
}

export function hashClientSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Compares a presented secret with a stored hash in constant time. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const presented = Buffer.from(hashClientSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
