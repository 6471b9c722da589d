/**
 * Stored answers are sealed (AES-256-GCM) under a key derived (HKDF-SHA-256) from the client's Idempotency-Key
 * and the tenant, and the key itself is stored only as its SHA-256: an answer that carries a secret (a new API
 * key, an OAuth client secret) is not readable from the database without the Idempotency-Key that produced it.
 * The protection is as strong as the client's key is unguessable (clients should send a random UUID).
 */
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const INFO = 'ucfleet idempotency answer v1';

/** SHA-256 (hex) of an Idempotency-Key: how the key is looked up. */
export function hashIdempotencyKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

function sealingKey(idempotencyKey: string, tenantId: string): Buffer {
  return Buffer.from(hkdfSync('sha256', idempotencyKey, tenantId, INFO, 32));
}

export function sealAnswer(plaintext: string, idempotencyKey: string, tenantId: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealingKey(idempotencyKey, tenantId), iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), ciphertext]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

/** The plaintext; throws when the sealed text is malformed, tampered with, or sealed under another key. */
export function openAnswer(sealed: string, idempotencyKey: string, tenantId: string): string {
  const [version, iv, tag, ciphertext, ...rest] = sealed.split('.');
  if (version !== VERSION || iv === undefined || tag === undefined || ciphertext === undefined || rest.length > 0) {
    throw new Error('malformed sealed answer');
  }
  const decipher = createDecipheriv('aes-256-gcm', sealingKey(idempotencyKey, tenantId), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
}
