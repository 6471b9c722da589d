/**
 * The RingCentral dialect under the shared rate limiter (vendor-apis.md §4.8): every answer of its routes, a
 * success or a refusal, carries X-Rate-Limit-Group (RingCentral's lower-case group name: light for reads,
 * medium for updates and deletes), -Limit, -Remaining and -Window; over the budget → 429 CMN-301 "Request rate exceeded"
 * with Retry-After, in RingCentral's error body.
 */
import type { LightMyRequestResponse } from 'fastify';
import { expect, it } from 'vitest';
import { numericIdOf } from '../../src/compat/ringcentral/ids.js';
import { newId } from '../../src/db/ids.js';
import { createApiKey, createDevices, createTenant, deviceRow, insertPerson } from '../support/factories.js';
import { useApp } from '../support/http.js';
import { describeEachStore } from '../support/stores.js';

const LIGHT = 6;
const MEDIUM = 4;
const WINDOW = 60;
const V1 = '/compat/ringcentral/restapi/v1.0/account';

function expectRateHeaders(res: LightMyRequestResponse, group: string, limit: number): void {
  expect(res.headers['x-rate-limit-group'], res.body).toBe(group);
  expect(res.headers['x-rate-limit-limit']).toBe(String(limit));
  expect(res.headers['x-rate-limit-remaining']).toMatch(/^\d+$/);
  expect(res.headers['x-rate-limit-window']).toBe(String(WINDOW));
}

describeEachStore('RingCentral dialect: rate-limit groups', ({ store }) => {
  const { app } = useApp(store, {
    RATE_LIMITS: 'on',
    RATE_LIMIT_LIGHT: `${LIGHT}/${WINDOW}`,
    RATE_LIMIT_MEDIUM: `${MEDIUM}/${WINDOW}`,
    RATE_LIMIT_HEAVY: `2/${WINDOW}`,
    RATE_LIMIT_AUTH: `3/${WINDOW}`,
    RATE_LIMIT_TENANT_FACTOR: '10',
  });

  it('sets the headers of the route’s group on every answer, then answers 429 CMN-301 with Retry-After', async () => {
    const tenant = await createTenant(store());
    const person = await insertPerson(store(), tenant.tenantId);
    const [device] = await createDevices(store(), [
      deviceRow(tenant.tenantId, { kind: 'OtherPhone', owner_person_id: person }),
    ]);
    const { auth } = await createApiKey(store(), tenant.tenantId, { role: 'admin' });
    const url = `${V1}/~/device/${numericIdOf(device!)}`;

    // Light: a success, an unknown device, a foreign account and a bad parameter all count and carry headers.
    const answers = [
      await app().inject({ method: 'GET', url, headers: auth }),
      await app().inject({ method: 'GET', url: `${V1}/~/device/${numericIdOf(newId())}`, headers: auth }),
      await app().inject({ method: 'GET', url: `${V1}/4242/device/${numericIdOf(device!)}`, headers: auth }),
      await app().inject({ method: 'GET', url: `${V1}/~/extension/~/device?perPage=0`, headers: auth }),
      await app().inject({ method: 'GET', url: `${url}/sip-info`, headers: auth }),
    ];
    expect(answers.map((r) => r.statusCode)).toEqual([200, 404, 404, 400, 200]);
    for (const res of answers) expectRateHeaders(res, 'light', LIGHT);
    expect(answers.map((r) => Number(r.headers['x-rate-limit-remaining']))).toEqual([5, 4, 3, 2, 1]);
    await app().inject({ method: 'GET', url, headers: auth });
    const limited = await app().inject({ method: 'GET', url, headers: auth });
    expect(limited.statusCode).toBe(429);
    expectRateHeaders(limited, 'light', LIGHT);
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(limited.json()).toEqual({
      errorCode: 'CMN-301',
      message: 'Request rate exceeded',
      errors: [{ errorCode: 'CMN-301', message: 'Request rate exceeded' }],
    });

    // Medium: updates have their own budget.
    const update = await app().inject({ method: 'PUT', url, headers: auth, payload: { name: 'Lobby' } });
    expect(update.statusCode, update.body).toBe(200);
    expectRateHeaders(update, 'medium', MEDIUM);
    const emergency = await app().inject({
      method: 'PUT',
      url: `${url}/emergency`,
      headers: auth,
      payload: { emergency: { visibility: 'Public' } },
    });
    expectRateHeaders(emergency, 'medium', MEDIUM);
    const removed = await app().inject({
      method: 'DELETE',
      url: `/compat/ringcentral/restapi/v2/accounts/~/devices/${numericIdOf(device!)}`,
      headers: auth,
    });
    expect(removed.statusCode, removed.body).toBe(204);
    expectRateHeaders(removed, 'medium', MEDIUM);
    expect(removed.headers['x-rate-limit-remaining']).toBe('1');
  });

  it('counts calls without a credential by address and rejected tokens in the auth group', async () => {
    const url = `${V1}/~/device/${numericIdOf(newId())}`;
    const anonymous = await app().inject({ method: 'GET', url });
    expect(anonymous.statusCode).toBe(401);
    expectRateHeaders(anonymous, 'light', LIGHT);
    const rejected = await app().inject({ method: 'GET', url, headers: { authorization: 'Bearer ucf_nothing' } });
    expect(rejected.statusCode).toBe(401);
    expect(rejected.json()).toMatchObject({ errorCode: 'OAU-149' });
    expectRateHeaders(rejected, 'auth', 3);
  });
});
