import { expect, it } from 'vitest';
import { DEFAULT_SCRYPT_COST, hashPassword, verifyPassword } from './password.js';

const CHEAP = { ln: 4, r: 8, p: 1 };

it('hashes with scrypt N=2^15, r=8, p=1, a 16-byte salt and a 32-byte key by default, as a PHC string', async () => {
  expect(DEFAULT_SCRYPT_COST).toEqual({ ln: 15, r: 8, p: 1 });
  const hash = await hashPassword('correct horse battery staple');
  const match = /^\$scrypt\$ln=15,r=8,p=1\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(hash);
  expect(match).not.toBeNull();
  expect(Buffer.from(match![1]!, 'base64')).toHaveLength(16);
  expect(Buffer.from(match![2]!, 'base64')).toHaveLength(32);
  expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
  expect(await verifyPassword('correct horse battery stable', hash)).toBe(false);
});

it('salts every hash, and verifies with the cost stored in the hash', async () => {
  const a = await hashPassword('the same password', CHEAP);
  const b = await hashPassword('the same password', CHEAP);
  expect(a).toMatch(/^\$scrypt\$ln=4,r=8,p=1\$/);
  expect(a).not.toBe(b);
  expect(await verifyPassword('the same password', a)).toBe(true);
  expect(await verifyPassword('the same password', b)).toBe(true);
});

it('treats a malformed or absurdly expensive stored hash as a mismatch', async () => {
  const good = await hashPassword('a password of some length', CHEAP);
  for (const bad of [
    '',
    'plaintext',
    good.replace('$scrypt$', '$argon2id$'),
    good.replace('ln=4', 'ln=40'),
    good.replace('r=8', 'r=0'),
    good.split('$').slice(0, 4).join('$') + '$AAAA',
  ]) {
    expect(await verifyPassword('a password of some length', bad)).toBe(false);
  }
});

it('normalises Unicode, so the same password typed in another normal form matches', async () => {
  const hash = await hashPassword('caf\u00e9 au lait, please', CHEAP);
  expect(await verifyPassword('cafe\u0301 au lait, please', hash)).toBe(true);
});
