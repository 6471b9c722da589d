/**
 * Credential mutations on the native API that the per-credential tests do not cover: a credential of a deleted
 * tenant, credentials in the query string (never accepted natively), malformed and oversized headers.
 * Every refusal is a 401 with a Bearer challenge.
 */
import { expect, it } from 'vitest';
import { createApiKey, createTenant } from '../support/factories.js';
import { useApp } from '../support/http.js';
import { describeEachStore } from '../support/stores.js';

describeEachStore('credential mutations', ({ store }) => {
  const { app, get } = useApp(store, { RATE_LIMITS: 'off' });

  const refused = (res: { statusCode: number; headers: Record<string, unknown> }) => {
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="ucfleet"/);
  };

  it('refuses the keys of a deleted tenant', async () => {
    const tenant = await createTenant(store());
    expect((await get('/v1/devices', tenant.auth)).statusCode).toBe(200);
    await store().db.deleteFrom('tenants').where('id', '=', tenant.tenantId).execute();
    // A fresh app: no cached lookup survives from before the deletion.
    const { buildApp } = await import('../../src/app.js');
    const { loadConfig } = await import('../../src/config.js');
    const fresh = await buildApp(loadConfig({ LOG_LEVEL: 'silent', RATE_LIMITS: 'off' }), { store: store() });
    try {
      refused(await fresh.inject({ method: 'GET', url: '/v1/devices', headers: tenant.auth }));
    } finally {
      await fresh.close();
    }
  });

  it('never accepts a credential in the query string', async () => {
    const tenant = await createTenant(store());
    for (const name of ['apikey', 'api_key', 'access_token', 'key', 'token']) {
      const res = await app().inject({ method: 'GET', url: `/v1/me?${name}=${encodeURIComponent(tenant.apiKey)}` });
      expect(res.statusCode, name).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, name).toBeLessThan(500);
      expect(res.statusCode, name).not.toBe(200);
    }
  });

  it('refuses malformed, oversized, wrong-scheme and revoked credentials', async () => {
    const tenant = await createTenant(store());
    const revoked = await createApiKey(store(), tenant.tenantId, { revokedAt: Date.now() - 1 });
    const expired = await createApiKey(store(), tenant.tenantId, { expiresAt: Date.now() - 1 });
    for (const authorization of [
      `Basic ${Buffer.from(`x:${tenant.apiKey}`).toString('base64')}`,
      `Bearer`,
      `Bearer ${tenant.apiKey} extra`,
      `Bearer ${tenant.apiKey.slice(0, -1)}`,
      `Bearer ${'a'.repeat(10_000)}`,
      `Token ${tenant.apiKey}`,
      revoked.auth.authorization,
      expired.auth.authorization,
    ]) {
      refused(await get('/v1/devices', { authorization }));
    }
    refused(await get('/v1/devices', { 'x-api-key': `${tenant.apiKey}x` }));
  });
});
