#!/usr/bin/env node
/** The ucfleet command: serve, migrate, seed. */
import { Command, InvalidArgumentError } from 'commander';
import { ConfigError, loadConfig } from '../config.js';
import { runMigrate } from './migrate.command.js';
import { runSeed } from './seed.command.js';
import { runServe } from './serve.command.js';

const positiveInt = (value: string): number => {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 0)
    throw new InvalidArgumentError('must be a whole number');
  return n;
};

const program = new Command()
  .name('ucfleet')
  .description('Inventory and control plane for unified-communications devices.')
  .showHelpAfterError();

program
  .command('serve')
  .description('Migrate the database and serve the HTTP API (PORT, HOST, DATABASE_URL, LOG_LEVEL, PUBLIC_BASE_URL).')
  .option('--demo-devices <n>', 'when the database is empty, seed a demo fleet of this many devices first', positiveInt)
  .action(async (options: { demoDevices?: number }) => {
    await runServe(loadConfig(), { demoDevices: options.demoDevices });
  });

program
  .command('migrate')
  .description('Bring the database (DATABASE_URL, default ./data/ucfleet.db) to the latest schema.')
  .action(async () => {
    await runMigrate(loadConfig());
  });

program
  .command('seed')
  .description(
    'Generate a deterministic demo fleet (always including the Plantronics sandbox tenant) into an empty database.',
  )
  .option('--devices <n>', 'number of devices', positiveInt, 2000)
  .option('--tenants <n>', 'number of tenants, the sandbox tenant included', positiveInt, 1)
  .option('--seed <n>', 'random seed; the same seed gives the same fleet', positiveInt, 1)
  .option('--no-progress', 'do not draw a progress bar')
  .action(async (options: { devices: number; tenants: number; seed: number; progress: boolean }) => {
    const config = loadConfig();
    await runSeed({ ...options, tenants: Math.max(1, options.tenants), databaseUrl: config.databaseUrl });
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
