import { describe, expect, it } from 'vitest';
import { canonicalJson, requestFingerprint } from './request-fingerprint.js';
import { hashIdempotencyKey, openAnswer, sealAnswer } from './sealed-answer.js';

describe('requestFingerprint', () => {
  const base = {
    caller: 'api_key:1',
    method: 'POST',
    route: '/v1/apps',
    params: {},
    query: {},
    body: { a: 1, b: [2] },
  };

  it('ignores member order and whitespace, at every depth', () => {
    expect(canonicalJson({ b: { d: 1, c: [{ f: 1, e: 2 }] }, a: null })).toBe(
      '{"a":null,"b":{"c":[{"e":2,"f":1}],"d":1}}',
    );
    expect(requestFingerprint({ ...base, body: JSON.parse('{ "b": [2],  "a": 1 }') })).toBe(requestFingerprint(base));
    expect(requestFingerprint(base)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('differs when the caller, method, route, parameters or body differ', () => {
    const variants = [
      { ...base, caller: 'api_key:2' },
      { ...base, method: 'PUT' },
      { ...base, route: '/v1/api-keys' },
      { ...base, params: { id: 'x' } },
      { ...base, query: { dryRun: true } },
      { ...base, body: { a: 1, b: [2], c: null } },
      { ...base, body: { a: 1, b: ['2'] } },
      { ...base, body: undefined },
    ];
    const prints = new Set([base, ...variants].map(requestFingerprint));
    expect(prints.size).toBe(variants.length + 1);
  });
});

describe('sealed answers', () => {
  it('open only under the same Idempotency-Key and tenant, and detect tampering', () => {
    const sealed = sealAnswer('{"key":"ucf_secret"}', 'key-1', 'tenant-a');
    expect(sealed).not.toContain('ucf_secret');
    expect(sealAnswer('{"key":"ucf_secret"}', 'key-1', 'tenant-a')).not.toBe(sealed); // a fresh IV each time
    expect(openAnswer(sealed, 'key-1', 'tenant-a')).toBe('{"key":"ucf_secret"}');
    expect(() => openAnswer(sealed, 'key-2', 'tenant-a')).toThrow();
    expect(() => openAnswer(sealed, 'key-1', 'tenant-b')).toThrow();
    const parts = sealed.split('.');
    const flipped = parts[3]!.startsWith('A') ? `B${parts[3]!.slice(1)}` : `A${parts[3]!.slice(1)}`;
    expect(() => openAnswer([...parts.slice(0, 3), flipped].join('.'), 'key-1', 'tenant-a')).toThrow();
    expect(() => openAnswer('v0.x.y.z', 'key-1', 'tenant-a')).toThrow(/malformed/);
    expect(openAnswer(sealAnswer('', 'k', 't'), 'k', 't')).toBe('');
  });

  it('looks keys up by their SHA-256', () => {
    expect(hashIdempotencyKey('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
