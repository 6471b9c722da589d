import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { type Store, openStore } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { hashApiKey } from '../src/modules/api-keys/api-key.js';
import { createTenant, insertPerson } from './support/factories.js';

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

const root = path.resolve(import.meta.dirname, '..');

/** Runs `ucfleet <args>` with the given standard input. */
function cli(args: string[], env: Record<string, string>, stdin = ''): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      cwd: root,
      env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe('ucfleet keys, apps and people set-login', () => {
  let dir: string;
  let env: Record<string, string>;
  let store: Store;
  let tenantId: string;
  let apiCode: string;
  let personId: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ucfleet-cli-access-'));
    env = { DATABASE_URL: path.join(dir, 'fleet.db') };
    store = openStore(env.DATABASE_URL!);
    await migrateToLatest(store.db);
    ({ tenantId } = await createTenant(store, 'CLI Tenant'));
    apiCode = (
      await store.db.selectFrom('tenants').select('api_code').where('id', '=', tenantId).executeTakeFirstOrThrow()
    ).api_code;
    personId = await insertPerson(store, tenantId, { username: 'dwalker', first_name: 'David', last_name: 'Walker' });
  });

  afterAll(async () => {
    await store?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A fresh app over the same database file (no cached credentials). */
  async function callMe(headers: Record<string, string>) {
    const app = await buildApp(loadConfig({ LOG_LEVEL: 'silent', RATE_LIMITS: 'off' }), { store });
    try {
      return await app.inject({ method: 'GET', url: '/v1/me', headers });
    } finally {
      await app.close();
    }
  }

  async function systemEvents(action: string): Promise<number> {
    const rows = await store.db
      .selectFrom('audit_events')
      .select(['actor_kind'])
      .where('tenant_id', '=', tenantId)
      .where('action', '=', action)
      .execute();
    expect(rows.every((r) => r.actor_kind === 'system')).toBe(true);
    return rows.length;
  }

  it('creates a key for a person named by username, prints it once, lists it by prefix, and revokes it', async () => {
    const created = await cli(
      [
        'keys',
        'create',
        '--tenant',
        apiCode,
        '--role',
        'agent',
        '--person',
        'dwalker',
        '--name',
        'Desk',
        '--expires-in-days',
        '30',
      ],
      env,
    );
    expect(created.code, created.stderr).toBe(0);
    const key = /key\s+(ucf_[A-Za-z0-9_-]{32})/.exec(created.stdout)?.[1];
    const id = /id\s+([0-9a-f-]{36})/.exec(created.stdout)?.[1];
    expect(key).toBeDefined();
    expect(id).toBeDefined();
    expect(created.stdout).toContain(`prefix    ${key!.slice(0, 8)}`);
    const row = await store.db.selectFrom('api_keys').selectAll().where('id', '=', id!).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ tenant_id: tenantId, person_id: personId, role: 'agent', key_hash: hashApiKey(key!) });
    expect(row.expires_at! - Date.now()).toBeGreaterThan(29.9 * 86_400_000);
    expect(await systemEvents('api_key.create')).toBe(1);

    const me = await callMe({ authorization: `Bearer ${key}` });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ role: 'agent', person: { id: personId, username: 'dwalker' } });

    const list = await cli(['keys', 'list', '--tenant', tenantId], env);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toContain(id);
    expect(list.stdout).toContain(key!.slice(0, 8));
    expect(list.stdout).not.toContain(key);
    expect(list.stdout).not.toContain(row.key_hash);

    const revoked = await cli(['keys', 'revoke', id!], env);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect((await callMe({ authorization: `Bearer ${key}` })).statusCode).toBe(401);
    expect((await cli(['keys', 'revoke', id!], env)).stdout).toMatch(/already revoked/);
    expect(await systemEvents('api_key.revoke')).toBe(1);
  });

  it('refuses a bad key request with a message and a non-zero exit, storing nothing', async () => {
    const before = await store.db.selectFrom('api_keys').select('id').where('tenant_id', '=', tenantId).execute();
    const cases: [string[], RegExp][] = [
      [['keys', 'create', '--tenant', tenantId, '--role', 'agent'], /must name the person/],
      [
        ['keys', 'create', '--tenant', tenantId, '--role', 'agent', '--person', 'dwalker', '--scopes', 'admin'],
        /admin/,
      ],
      [['keys', 'create', '--tenant', tenantId, '--role', 'root'], /--role must be/],
      [['keys', 'create', '--tenant', 'no-such-tenant', '--role', 'admin'], /no tenant/],
      [['keys', 'create', '--tenant', tenantId, '--role', 'agent', '--person', 'nobody'], /no person/],
      [['keys', 'revoke', 'no-such-key'], /no API key/],
    ];
    const results = await Promise.all(cases.map(([args]) => cli(args, env)));
    for (const [i, [args, message]] of cases.entries()) {
      expect(results[i]!.code, args.join(' ')).toBe(1);
      expect(results[i]!.stderr, args.join(' ')).toMatch(message);
    }
    const after = await store.db.selectFrom('api_keys').select('id').where('tenant_id', '=', tenantId).execute();
    expect(after).toEqual(before);
  });

  it('registers, lists and revokes apps', async () => {
    const created = await cli(
      ['apps', 'create', '--tenant', apiCode, '--name', 'Lens', '--app-id', 'lens-sync-01'],
      env,
    );
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/appId\s+lens-sync-01/);
    const id = /id\s+([0-9a-f-]{36})/.exec(created.stdout)![1]!;
    const generated = await cli(['apps', 'create', '--tenant', apiCode], env);
    expect(generated.stdout).toMatch(/appId\s+[A-Za-z0-9_-]{24}\n/);
    const duplicate = await cli(['apps', 'create', '--tenant', apiCode, '--app-id', 'lens-sync-01'], env);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toMatch(/already registered/);

    const list = await cli(['apps', 'list', '--tenant', apiCode], env);
    expect(list.stdout).toMatch(new RegExp(`${id}\\s+lens-sync-01\\s+Lens .* active`));
    expect((await cli(['apps', 'revoke', id], env)).code).toBe(0);
    expect((await cli(['apps', 'list', '--tenant', apiCode], env)).stdout).toMatch(new RegExp(`${id} .* revoked`));
    expect(await systemEvents('app.create')).toBe(2);
    expect(await systemEvents('app.revoke')).toBe(1);
  });

  it('sets a login with the password from standard input, never from the arguments', async () => {
    const short = await cli(
      [
        'people',
        'set-login',
        '--tenant',
        apiCode,
        '--person',
        'dwalker',
        '--login',
        'dwalker',
        '--role',
        'admin',
        '--password-stdin',
      ],
      env,
      'too short\n',
    );
    expect(short.code).toBe(1);
    expect(short.stderr).toMatch(/password must be 12 to 256 characters/);
    const noPassword = await cli(
      ['people', 'set-login', '--tenant', apiCode, '--person', personId, '--login', 'dwalker', '--role', 'admin'],
      env,
    );
    expect(noPassword.code).toBe(1);
    expect(noPassword.stderr).toMatch(/password is required/);
    expect(await store.db.selectFrom('person_logins').selectAll().execute()).toEqual([]);

    const password = 'a console password of some length';
    const set = await cli(
      [
        'people',
        'set-login',
        '--tenant',
        apiCode,
        '--person',
        'dwalker',
        '--login',
        'DWalker',
        '--role',
        'admin',
        '--password-stdin',
      ],
      env,
      `${password}\n`,
    );
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toMatch(/Created the login 'dwalker' \(admin\)/);
    expect(await systemEvents('login.set')).toBe(1);

    const app = await buildApp(loadConfig({ LOG_LEVEL: 'silent', RATE_LIMITS: 'off' }), { store });
    try {
      const res = await app.inject({ method: 'POST', url: '/v1/sessions', payload: { login: 'dwalker', password } });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ role: 'admin', person: { id: personId } });
    } finally {
      await app.close();
    }
  });

  it('has help for each access command', async () => {
    const [keys, setLogin] = await Promise.all([
      cli(['keys', 'create', '--help'], env),
      cli(['people', 'set-login', '--help'], env),
    ]);
    expect(keys.stdout).toMatch(
      /--tenant <id>[\s\S]*--role <role>[\s\S]*--scopes[\s\S]*--person[\s\S]*--expires-in-days/,
    );
    expect(setLogin.stdout).toMatch(/--password-stdin/);
  });
}, 120_000);
