/**
 * Secret canaries: every secret the server handles (API keys, OAuth client secrets, access tokens, passwords,
 * session cookies) and every stored hash must never appear in a response body other than the one answer that
 * issues it, nor in any log line — also when a client wrongly sends its key in the URL.
 */
import { Writable } from 'node:stream';
import { expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createTenant, insertPerson } from '../support/factories.js';
import { describeEachStore } from '../support/stores.js';

describeEachStore('secret canaries', ({ store }) => {
  it('keeps every secret and hash out of later bodies and out of the log', async () => {
    const lines: string[] = [];
    const logStream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const app = await buildApp(loadConfig({ LOG_LEVEL: 'trace', RATE_LIMITS: 'off' }), { store: store(), logStream });
    try {
      const tenant = await createTenant(store());
      const bodies: string[] = [];
      const call = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, options: object = {}) => {
        const res = await app.inject({ method, url, ...options });
        bodies.push(res.body);
        return res;
      };
      const admin = { headers: tenant.auth };

      const key = (
        await call('POST', '/v1/api-keys', { ...admin, payload: { name: 'c', role: 'readonly_admin' } })
      ).json().key as string;
      const client = (
        await call('POST', '/v1/oauth-clients', { ...admin, payload: { name: 'c', role: 'readonly_admin' } })
      ).json() as { clientId: string; clientSecret: string };
      const token = (
        await call('POST', '/oauth/token', {
          payload: { grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret },
        })
      ).json().access_token as string;
      const person = await insertPerson(store(), tenant.tenantId);
      const password = 'canary password 0123456789';
      const login = `canary-${person.slice(-8)}`;
      await call('PUT', `/v1/people/${person}/login`, { ...admin, payload: { login, role: 'agent', password } });
      const signIn = await call('POST', '/v1/sessions', { payload: { login, password } });
      const cookie = String(signIn.headers['set-cookie']).split(';')[0]!;
      const issuing = bodies.length;

      // Use every credential, then read back everything that describes them.
      await call('GET', '/v1/me', { headers: { authorization: `Bearer ${key}` } });
      await call('GET', '/v1/me', { headers: { authorization: `Bearer ${token}` } });
      await call('GET', '/v1/me', { headers: { 'x-api-key': key } });
      await call('GET', '/v1/me', { headers: { cookie } });
      await call('GET', `/v1/me?apikey=${encodeURIComponent(key)}&access_token=${token}`);
      await call('GET', `/v1/devices?api_key=${encodeURIComponent(key)}`, admin);
      // The Plantronics dialect takes the key in the query, and in an apikey header on its partner endpoints.
      await call('GET', `/compat/poly/reports/assets/tenant/00/devices/user/x?apikey=${encodeURIComponent(key)}`);
      await call('GET', '/compat/poly/reports/assets/tenant/00/devices/user/x', { headers: { apikey: key } });
      for (const url of [
        '/v1/api-keys',
        '/v1/oauth-clients',
        `/v1/people/${person}/login`,
        '/v1/audit-events?limit=500',
      ]) {
        await call('GET', url, admin);
      }

      const hashes = [
        ...(await store().db.selectFrom('api_keys').select('key_hash as h').execute()),
        ...(await store().db.selectFrom('oauth_clients').select('secret_hash as h').execute()),
        ...(await store().db.selectFrom('person_logins').select('password_hash as h').execute()),
        ...(await store().db.selectFrom('sessions').select('token_hash as h').execute()),
        ...(await store().db.selectFrom('signing_keys').select('private_jwk as h').execute()),
      ].map((r) => r.h);
      const sessionToken = cookie.split('=')[1]!;
      const secrets = [key, client.clientSecret, token, password, sessionToken];
      const log = lines.join('');
      expect(lines.length).toBeGreaterThan(20);
      let checks = 0;
      for (const canary of [...secrets, ...hashes]) {
        expect(log.includes(canary), `a secret reached the log: ${canary.slice(0, 12)}…`).toBe(false);
        checks += 1;
      }
      for (const canary of [...secrets.slice(0, 2), sessionToken, ...hashes]) {
        for (const body of bodies.slice(issuing)) expect(body.includes(canary)).toBe(false);
        checks += 1;
      }
      expect(log).toContain('apikey=[redacted]');
      expect(checks).toBeGreaterThan(10);
    } finally {
      await app.close();
    }
  });
});
