/**
 * `ucfleet clients create|list|revoke` and `ucfleet signing-keys rotate` against a SQLite file: the secret is
 * printed once and works at the token endpoint, list never shows it, revocation and rotation take effect,
 * and each change is audited as the system actor.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openStore } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { createTenant, insertPerson } from './support/factories.js';
import { decodeSegment, requestToken } from './support/oauth.js';

const run = promisify(execFile);

describe('ucfleet clients and signing-keys', { timeout: 120_000 }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ucfleet-clients-'));
  const env = { DATABASE_URL: path.join(dir, 'fleet.db') };
  const cli = (args: string[]) =>
    run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      cwd: path.resolve(import.meta.dirname, '..'),
      env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    });
  const field = (stdout: string, name: string) => new RegExp(`^\\s+${name}\\s+(\\S+)$`, 'm').exec(stdout)?.[1];
  let tenant: { tenantId: string; apiCode: string };
  let personId: string;

  beforeAll(async () => {
    const store = openStore(env.DATABASE_URL);
    await migrateToLatest(store.db);
    const { tenantId } = await createTenant(store);
    personId = await insertPerson(store, tenantId, { username: 'dwalker' });
    const row = await store.db
      .selectFrom('tenants')
      .select('api_code')
      .where('id', '=', tenantId)
      .executeTakeFirstOrThrow();
    tenant = { tenantId, apiCode: row.api_code };
    await store.close();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const withApp = async <T>(use: (app: Awaited<ReturnType<typeof buildApp>>) => Promise<T>): Promise<T> => {
    const store = openStore(env.DATABASE_URL);
    const app = await buildApp(loadConfig({ LOG_LEVEL: 'silent', RATE_LIMITS: 'off' }), { store });
    try {
      return await use(app);
    } finally {
      await app.close();
      await store.close();
    }
  };

  it('creates a client, prints its secret once, lists it without the secret, and revokes it', async () => {
    const created = await cli([
      'clients',
      'create',
      '--tenant',
      tenant.apiCode,
      '--role',
      'agent',
      '--person',
      'dwalker',
      '--scopes',
      'devices:read, telephony:read',
      '--name',
      'Desk phone app',
    ]);
    const id = field(created.stdout, 'id')!;
    const clientId = field(created.stdout, 'client_id')!;
    const clientSecret = field(created.stdout, 'client_secret')!;
    expect(clientId).toMatch(/^ucfc_/);
    expect(clientSecret).toMatch(/^ucfs_/);
    expect(field(created.stdout, 'person')).toBe(personId);
    expect(created.stdout).toMatch(/scopes\s+devices:read telephony:read/);

    const token = await withApp((app) => requestToken(app, { clientId, clientSecret }));
    expect(token.statusCode).toBe(200);
    expect(decodeSegment(token.json().access_token, 1)).toMatchObject({ pid: personId, role: 'agent' });

    const list = await cli(['clients', 'list', '--tenant', tenant.tenantId]);
    expect(list.stdout).toContain(clientId);
    expect(list.stdout).toContain('Desk phone app');
    expect(list.stdout).not.toContain(clientSecret);
    expect(list.stdout).toMatch(/active/);

    expect((await cli(['clients', 'revoke', clientId])).stdout).toMatch(/^Revoked OAuth client/);
    expect((await cli(['clients', 'revoke', id])).stdout).toMatch(/already revoked/);
    expect((await cli(['clients', 'list', '--tenant', tenant.apiCode])).stdout).toMatch(/revoked \d{4}-/);
    const refused = await withApp((app) => requestToken(app, { clientId, clientSecret }));
    expect(refused.statusCode).toBe(401);

    const store = openStore(env.DATABASE_URL);
    const events = await store.db
      .selectFrom('audit_events')
      .selectAll()
      .where('resource_id', '=', id)
      .orderBy('id')
      .execute();
    await store.close();
    expect(events.map((e) => [e.action, e.actor_kind, e.tenant_id])).toEqual([
      ['oauth_client.create', 'system', tenant.tenantId],
      ['oauth_client.revoke', 'system', tenant.tenantId],
    ]);
  });

  it('refuses bad input with a clear message and a non-zero exit, storing nothing', async () => {
    const attempts = [
      [['clients', 'create', '--tenant', 'no-such-tenant', '--role', 'admin'], /no tenant/],
      [['clients', 'create', '--tenant', tenant.apiCode, '--role', 'agent'], /must name the person/],
      [['clients', 'create', '--tenant', tenant.apiCode, '--role', 'owner'], /Unknown role/],
      [['clients', 'create', '--tenant', tenant.apiCode, '--role', 'readonly_admin', '--scopes', 'admin'], /admin/],
      [['clients', 'create', '--tenant', tenant.apiCode, '--role', 'agent', '--person', 'nobody'], /no person/],
      [['clients', 'revoke', 'ucfc_nosuchclient'], /no OAuth client/],
    ] as const;
    const failures = await Promise.all(attempts.map(([args]) => cli([...args]).catch((e: unknown) => e)));
    for (const [i, [args, message]] of attempts.entries()) {
      expect(failures[i], args.join(' ')).toMatchObject({ code: 1 });
      expect((failures[i] as { stderr: string }).stderr, args.join(' ')).toMatch(message);
    }
    const store = openStore(env.DATABASE_URL);
    const rows = await store.db.selectFrom('oauth_clients').select('id').execute();
    await store.close();
    expect(rows).toHaveLength(1); // the one of the previous test
  });

  it('rotates the signing key: new tokens carry the new kid', async () => {
    const created = await cli(['clients', 'create', '--tenant', tenant.tenantId, '--role', 'readonly_admin']);
    const client = {
      clientId: field(created.stdout, 'client_id')!,
      clientSecret: field(created.stdout, 'client_secret')!,
    };
    const kidOf = async () =>
      withApp(async (app) => decodeSegment((await requestToken(app, client)).json().access_token, 0).kid);
    const before = await kidOf();
    const rotated = await cli(['signing-keys', 'rotate']);
    const kid = /^Signing key (\S+) \(ES256\)/.exec(rotated.stdout)?.[1];
    expect(kid).toBeDefined();
    expect(kid).not.toBe(before);
    expect(await kidOf()).toBe(kid);
  });
});
