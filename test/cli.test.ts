import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const cli = (args: string[], env: Record<string, string> = {}) =>
  run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: path.resolve(import.meta.dirname, '..'),
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
  });

describe('ucfleet command', () => {
  it('refuses to start on a bad configuration, naming every problem, with a non-zero exit', async () => {
    const failure = await cli(['serve'], { PORT: 'eighty', LOG_LEVEL: 'chatty' }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 1 });
    const stderr = (failure as { stderr: string }).stderr;
    expect(stderr).toMatch(/PORT must be an integer/);
    expect(stderr).toMatch(/LOG_LEVEL must be one of/);
  });

  it('has help for each command', async () => {
    for (const command of ['serve', 'migrate', 'seed']) {
      const { stdout } = await cli([command, '--help']);
      expect(stdout).toContain(`Usage: ucfleet ${command}`);
    }
    expect((await cli(['seed', '--help'])).stdout).toMatch(/--devices <n>[\s\S]*--tenants <n>[\s\S]*--seed <n>/);
  });

  it('migrates, seeds once, and refuses to seed a database that holds tenants', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ucfleet-cli-'));
    const env = { DATABASE_URL: path.join(dir, 'fleet.db') };
    try {
      expect((await cli(['migrate'], env)).stdout).toMatch(/Applied: 0001_canonical_model/);
      expect((await cli(['migrate'], env)).stdout).toMatch(/up to date/);
      const seeded = await cli(['seed', '--devices', '50', '--no-progress'], env);
      expect(seeded.stdout).toContain('1hKMMPFMmaldnC0rcohvXN0UX7UeWPjb');
      expect(seeded.stdout).toContain('af0813e6-81c0-4a77-89d2-3338d0277c42');
      const again = await cli(['seed', '--devices', '50', '--no-progress'], env).catch((e: unknown) => e);
      expect(again).toMatchObject({ code: 1 });
      expect((again as { stderr: string }).stderr).toMatch(/already holds tenants/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
