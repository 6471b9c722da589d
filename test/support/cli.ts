/** Runs the real `ucfleet` command line (src/cli/main.ts through tsx), as an operator would, with extra env. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');

export const cli = (args: string[], env: Record<string, string>) =>
  run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
  });

/** Runs a command that must fail, and returns its exit code and output. */
export const cliFails = (args: string[], env: Record<string, string>) =>
  cli(args, env).then(
    (): never => {
      throw new Error(`ucfleet ${args.join(' ')} succeeded`);
    },
    (e: unknown) => e as { code: number; stdout: string; stderr: string },
  );
