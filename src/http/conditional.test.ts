import etag from '@fastify/etag';
import Fastify from 'fastify';
import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { entityTag, ifMatchOf, ifMatchPrecondition, representationTag } from './conditional.js';

const Thing = Type.Object({ id: Type.String(), n: Type.Integer() }, { additionalProperties: false });

async function appOf() {
  const app = Fastify();
  await app.register(etag);
  app.get('/thing', { schema: { response: { 200: Thing } } }, async () => ({ n: 1, id: 'x', extra: 'dropped' }));
  app.put('/thing', async (request, reply) => {
    const precondition = ifMatchPrecondition(request, reply, Thing, (t: object) => t);
    return {
      tag: representationTag(reply, { n: 1, id: 'x', extra: 'dropped' }, Thing),
      matches: precondition === undefined ? 'unconditional' : precondition({ id: 'x', n: 1 }),
    };
  });
  return app;
}

describe('conditional requests', () => {
  it('tags a representation exactly as @fastify/etag tags the GET that serves it with the same schema', async () => {
    const app = await appOf();
    const get = await app.inject({ method: 'GET', url: '/thing' });
    expect(get.headers.etag).toBe(entityTag(get.body));
    const put = await app.inject({ method: 'PUT', url: '/thing' });
    expect(put.json()).toEqual({ tag: get.headers.etag, matches: 'unconditional' });
    for (const [ifMatch, matches] of [
      [get.headers.etag as string, true],
      [`"other", ${get.headers.etag as string}`, true],
      ['*', true],
      [`W/${get.headers.etag as string}`, false],
      ['"other"', false],
      ['', false],
    ] as const) {
      const res = await app.inject({ method: 'PUT', url: '/thing', headers: { 'if-match': ifMatch } });
      expect(res.json().matches, ifMatch).toBe(matches);
    }
    await app.close();
  });

  it('parses If-Match: absent, *, a list of strong and weak tags', () => {
    const of = (header: string | undefined) =>
      ifMatchOf({ headers: header === undefined ? {} : { 'if-match': header } } as never);
    expect(of(undefined)).toBeUndefined();
    expect(of(' * ')).toEqual({ any: true });
    expect(of('"a", W/"b" ,"c"')).toEqual({ any: false, tags: ['"a"', 'W/"b"', '"c"'] });
    expect(of('nonsense')).toEqual({ any: false, tags: [] });
  });
});
