/**
 * The README's Genesys walk-through against the demo fleet's sandbox tenant: its documented logins sign in
 * with HTTP Basic, keep a JSESSIONID session, and operate with the CSRF token (SQLite: the demo seeds an
 * empty database of its own).
 */
import { describe, expect, it } from 'vitest';
import { useDemoApp } from '../support/demo.js';
import { SANDBOX_LOGINS } from '../../src/demo/sandbox.js';

const BASE = '/compat/genesys/api/v2';
const basic = (username: string) => {
  const login = SANDBOX_LOGINS.find((l) => l.username === username)!;
  return { authorization: `Basic ${Buffer.from(`${login.username}:${login.password}`).toString('base64')}` };
};

describe('Genesys dialect on the demo sandbox', () => {
  const demo = useDemoApp();

  it('signs in each documented login with its role and shows its numbered devices', async () => {
    const roles = { dwalker: 'ROLE_AGENT', mlopez: 'ROLE_SUPERVISOR', spatel: 'ROLE_ADMIN' } as const;
    for (const [username, role] of Object.entries(roles)) {
      const res = await demo().inject({ method: 'GET', url: `${BASE}/me?subresources=*`, headers: basic(username) });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().user).toMatchObject({ userName: username, roles: [role] });
      expect(res.json().user.devices.length, username).toBeGreaterThan(0);
    }
  });

  it('turns DND on with the session cookie and CSRF token, and lets the supervisor listen in on dwalker', async () => {
    const me = await demo().inject({ method: 'GET', url: `${BASE}/me?subresources=*`, headers: basic('dwalker') });
    const cookie = String(me.headers['set-cookie']).split(';')[0]!;
    const token = String(me.headers['x-csrf-token']);
    const desk = (me.json().user.devices as { id: string; capabilities: string[] }[])[0]!;
    expect(desk.capabilities).toContain('DoNotDisturbOn');
    const post = await demo().inject({
      method: 'POST',
      url: `${BASE}/me/devices/${desk.id}`,
      headers: { cookie, 'x-csrf-token': token },
      payload: { operationName: 'DoNotDisturbOn' },
    });
    expect(post.json()).toEqual({ statusCode: 0 });

    const boss = await demo().inject({ method: 'GET', url: `${BASE}/me?subresources=*`, headers: basic('mlopez') });
    const bossCookie = String(boss.headers['set-cookie']).split(';')[0]!;
    const position = (boss.json().user.devices as { id: string }[])[0]!;
    const listen = await demo().inject({
      method: 'POST',
      url: `${BASE}/me/devices/${position.id}`,
      headers: { cookie: bossCookie, 'x-csrf-token': String(boss.headers['x-csrf-token']) },
      payload: { operationName: 'ListenIn', targetDeviceUri: `${BASE}/devices/${desk.id}` },
    });
    expect(listen.json(), listen.body).toEqual({ statusCode: 0 });
  });
});
