/**
 * The built console served at / (src/http/console-static.ts), over a stand-in build in a temporary folder: its
 * pages answer index.html, its hashed assets are cached for good, and the API's paths are none of its business.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { describeEachStore } from '../support/stores.js';

const INDEX_HTML =
  '<!doctype html><html><head><script type="module" src="/assets/index-Bx12ab.js"></script></head></html>';
const SCRIPT = `console.log(${JSON.stringify('the console '.repeat(200))});\n`;

describeEachStore('the web console', ({ store }) => {
  let built: string;
  let app: FastifyInstance;
  let unbuiltApp: FastifyInstance;

  beforeAll(async () => {
    built = await mkdtemp(join(tmpdir(), 'ucfleet-console-'));
    await mkdir(join(built, 'assets'));
    await writeFile(join(built, 'index.html'), INDEX_HTML);
    await writeFile(join(built, 'assets', 'index-Bx12ab.js'), SCRIPT);
    await writeFile(join(built, 'assets', 'index-Cd34ef.css'), 'body { margin: 0 }\n');
    await writeFile(join(built, 'secret.txt'), 'not an asset');
    const config = loadConfig({ LOG_LEVEL: 'silent', RATE_LIMITS: 'off' });
    app = await buildApp(config, { store: store(), consoleDir: built });
    unbuiltApp = await buildApp(config, { store: store(), consoleDir: join(built, 'missing') });
  });
  afterAll(async () => {
    await app?.close();
    await unbuiltApp?.close();
    await rm(built, { recursive: true, force: true });
  });

  it('answers the console page at / and at every console page path, never cached, with a CSP that lets it run', async () => {
    for (const url of ['/', '/sign-in', '/inventory', '/inventory?status=Online&tag=a&tag=b', '/devices/0190a3c0-x']) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.headers['content-security-policy'], url).toContain("script-src 'self'");
      expect(res.headers['content-security-policy'], url).toContain("connect-src 'self'");
      expect(res.headers['content-security-policy'], url).toContain("frame-ancestors 'none'");
      expect(res.body, url).toBe(INDEX_HTML);
    }
  });

  it('serves hashed assets with their content type and a year-long immutable cache, gzipped when accepted', async () => {
    const plain = await app.inject('/assets/index-Bx12ab.js');
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);

    const gzipped = await app.inject({ url: '/assets/index-Bx12ab.js', headers: { 'accept-encoding': 'gzip, br' } });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers.vary).toMatch(/accept-encoding/i);
    expect(gzipped.rawPayload.length).toBeLessThan(SCRIPT.length);
    expect(gunzipSync(gzipped.rawPayload).toString()).toBe(SCRIPT);

    const css = await app.inject('/assets/index-Cd34ef.css');
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('answers 404 problems for assets that do not exist and for paths that leave the assets folder', async () => {
    for (const url of [
      '/assets/index-missing.js',
      '/assets/..%2Fsecret.txt',
      '/assets/../secret.txt',
      '/assets/%2e%2e/index.html',
      '/assets/sub/index-Bx12ab.js',
      '/assets/index-Bx12ab.exe',
    ]) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toMatch(/^application\/problem\+json/);
      expect(res.body, url).not.toContain('not an asset');
    }
  });

  it('leaves the API alone: its paths, its errors and its OpenAPI document are as without the console', async () => {
    const unauthenticated = await app.inject('/v1/devices');
    expect(unauthenticated.statusCode).toBe(401);
    expect(unauthenticated.headers['content-type']).toMatch(/^application\/problem\+json/);

    for (const url of ['/v1/no-such-thing', '/compat/nothing', '/no-console-page']) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json(), url).toMatchObject({ code: 'route_not_found' });
    }
    // The API's JSON keeps its own CSP, which forbids everything.
    expect((await app.inject('/healthz')).headers['content-security-policy']).toContain("default-src 'none'");
    const paths = Object.keys((await app.inject('/openapi.json')).json().paths);
    expect(paths).not.toContain('/');
    expect(paths.filter((p) => p.startsWith('/assets') || p.startsWith('/inventory'))).toEqual([]);
  });

  it('answers a clear 404 on the console paths when the console is not built', async () => {
    for (const url of ['/', '/inventory', '/assets/index-Bx12ab.js']) {
      const res = await unbuiltApp.inject(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json(), url).toMatchObject({ code: 'route_not_found' });
    }
    expect((await unbuiltApp.inject('/')).json().detail).toMatch(/console is not built/);
  });
});
