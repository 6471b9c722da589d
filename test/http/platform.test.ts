import { expect, it } from 'vitest';
import { useApp } from '../support/http.js';
import { describeEachStore } from '../support/stores.js';

describeEachStore('platform routes', ({ store }) => {
  const { app } = useApp(store);

  it('answers liveness and readiness', async () => {
    expect((await app().inject('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await app().inject('/readyz')).json()).toEqual({ status: 'ready' });
  });

  it('serves an OpenAPI 3.1 document generated from the route schemas', async () => {
    const res = await app().inject('/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/devices', '/v1/devices/{id}']));
    expect(doc.components.schemas.Device.additionalProperties).toBe(false);
    expect(doc.components.schemas.Problem).toBeDefined();
    const params = doc.paths['/v1/devices'].get.parameters.map((p: { name: string }) => p.name);
    expect(params).toEqual(expect.arrayContaining(['limit', 'cursor', 'fields', 'manufacturer', 'status', 'tag', 'q']));
  });

  it('serves a readable reference page at /docs', async () => {
    const res = await app().inject('/docs/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toMatch(/swagger/i);
  });

  it('answers unknown routes with a problem body and a request id', async () => {
    const res = await app().inject('/v2/nothing');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ code: 'route_not_found', status: 404 });
    expect(res.headers['x-request-id']).toEqual(expect.any(String));
  });
});
