#!/usr/bin/env node
/** The ucfleet command: serve, migrate, seed, audit, clients, signing-keys, keys, apps, people, products, firmware, import, export. */
import { Command, InvalidArgumentError } from 'commander';
import { ConfigError, loadConfig } from '../config.js';
import { runAppsCreate, runAppsList, runAppsRevoke } from './apps.command.js';
import { runAuditList, runAuditPurge } from './audit.command.js';
import { runExport, runImport } from './bulk.command.js';
import { runClientsCreate, runClientsList, runClientsRevoke } from './clients.command.js';
import { runKeysCreate, runKeysList, runKeysRevoke } from './keys.command.js';
import { runMigrate } from './migrate.command.js';
import { runSetLogin } from './people.command.js';
import { runProductsImport, runProductsList, runProductsRemove } from './products.command.js';
import { runFirmwareImport, runFirmwareList, runFirmwareRemove } from './firmware.command.js';
import { runSeed } from './seed.command.js';
import { runServe } from './serve.command.js';
import { runSigningKeysRotate } from './signing-keys.command.js';

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

const audit = program.command('audit').description('The audit trail: purge expired events, list recent ones.');

audit
  .command('purge')
  .description(
    'Delete audit events older than AUDIT_RETENTION_DAYS (default 365), or --older-than-days; prints the count.',
  )
  .option('--older-than-days <n>', 'delete events older than this many days (at least 1)', (value: string) => {
    const n = positiveInt(value);
    if (n < 1) throw new InvalidArgumentError('must be at least 1');
    return n;
  })
  .action(async (options: { olderThanDays?: number }) => {
    await runAuditPurge(loadConfig(), options);
  });

audit
  .command('list')
  .description("Print a tenant's most recent audit events, newest first.")
  .requiredOption('--tenant <id>', 'the tenant id or apiCode')
  .option('--limit <n>', 'how many events (at most 500)', positiveInt, 20)
  .action(async (options: { tenant: string; limit: number }) => {
    await runAuditList(loadConfig(), options);
  });

const clients = program.command('clients').description('OAuth 2.0 clients (client-credentials grant) of a tenant.');

clients
  .command('create')
  .description('Create an OAuth client and print its client_id and secret, once (only its hash is stored).')
  .requiredOption('--tenant <tenant>', 'the tenant id or apiCode')
  .requiredOption('--role <role>', 'admin, readonly_admin, supervisor or agent')
  .option('--scopes <list>', 'comma-separated scopes (default: everything the role may be granted)', (value: string) =>
    value
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
  )
  .option('--name <name>', 'a name to tell clients apart')
  .option('--person <person>', 'the person (id or username) an agent or supervisor client acts as')
  .action(async (options: { tenant: string; role: string; scopes?: string[]; name?: string; person?: string }) => {
    await runClientsCreate(loadConfig(), options);
  });

clients
  .command('list')
  .description("List a tenant's OAuth clients (revoked ones included); never their secrets.")
  .requiredOption('--tenant <tenant>', 'the tenant id or apiCode')
  .action(async (options: { tenant: string }) => {
    await runClientsList(loadConfig(), options);
  });

clients
  .command('revoke')
  .description('Revoke an OAuth client (by id or client_id): its tokens stop working.')
  .argument('<id>', 'the client id or client_id')
  .action(async (id: string) => {
    await runClientsRevoke(loadConfig(), id);
  });

program
  .command('signing-keys')
  .description('The keys that sign OAuth access tokens.')
  .command('rotate')
  .description('Make a new signing key now; older keys stop signing and keep verifying until their tokens expire.')
  .action(async () => {
    await runSigningKeysRotate(loadConfig());
  });

const keys = program.command('keys').description("A tenant's API keys.");

keys
  .command('create')
  .description('Create an API key and print it (only this once; the database keeps its hash).')
  .requiredOption('--tenant <id>', 'the tenant id or apiCode')
  .requiredOption('--role <role>', 'admin, readonly_admin, supervisor or agent')
  .option('--scopes <list>', "comma-separated scopes (default: the role's ceiling)")
  .option('--name <name>', 'a name to tell the key apart')
  .option('--person <id>', 'the person the key acts as, by id or username (required for agent and supervisor)')
  .option('--expires-in-days <n>', 'the key expires after this many days', (value: string) => {
    const n = positiveInt(value);
    if (n < 1) throw new InvalidArgumentError('must be at least 1');
    return n;
  })
  .action(async (options: Parameters<typeof runKeysCreate>[1]) => {
    await runKeysCreate(loadConfig(), options);
  });

keys
  .command('list')
  .description("List a tenant's API keys (prefixes only).")
  .requiredOption('--tenant <id>', 'the tenant id or apiCode')
  .action(async (options: { tenant: string }) => {
    await runKeysList(loadConfig(), options);
  });

keys
  .command('revoke')
  .description('Revoke an API key by id.')
  .argument('<id>', 'the API key id')
  .action(async (id: string) => {
    await runKeysRevoke(loadConfig(), id);
  });

const apps = program.command('apps').description("A tenant's registered apps (the Plantronics appId).");

apps
  .command('create')
  .description('Register an app and print its appId.')
  .requiredOption('--tenant <id>', 'the tenant id or apiCode')
  .option('--name <name>', 'the app name', 'App')
  .option('--app-id <appId>', '8 to 128 characters of A-Z a-z 0-9 . _ - (default: generated)')
  .action(async (options: { tenant: string; name?: string; appId?: string }) => {
    await runAppsCreate(loadConfig(), options);
  });

apps
  .command('list')
  .description("List a tenant's registered apps.")
  .requiredOption('--tenant <id>', 'the tenant id or apiCode')
  .action(async (options: { tenant: string }) => {
    await runAppsList(loadConfig(), options);
  });

apps
  .command('revoke')
  .description('Revoke a registered app by id.')
  .argument('<id>', 'the app id (not its appId)')
  .action(async (id: string) => {
    await runAppsRevoke(loadConfig(), id);
  });

program
  .command('people')
  .description("People's sign-in.")
  .command('set-login')
  .description("Create or replace a person's login (console sign-in, HTTP Basic dialects).")
  .requiredOption('--tenant <id>', 'the tenant id or apiCode')
  .requiredOption('--person <id>', 'the person, by id or username')
  .requiredOption('--login <login>', 'the login (unique across the deployment, case-insensitive)')
  .requiredOption('--role <role>', 'admin, readonly_admin, supervisor or agent')
  .option('--password-stdin', 'read the password from standard input (required for a new login)')
  .action(async (options: Parameters<typeof runSetLogin>[1]) => {
    await runSetLogin(loadConfig(), options, process.stdin);
  });

const products = program.command('products').description('The product catalogue all tenants share.');

products
  .command('import')
  .description('Upsert catalogue products by manufacturer + modelId from a JSON or CSV file; prints the counts.')
  .argument('<file>', 'a .json file (an array, or {"products": [...]}) or a .csv file (header row of product members)')
  .option('--dry-run', 'check every row and count what would change; store nothing')
  .action(async (file: string, options: { dryRun?: boolean }) => {
    await runProductsImport(loadConfig(), file, options);
  });

products
  .command('list')
  .description('List the catalogue: id, manufacturer, modelId, name, type/deviceKind, SKU.')
  .action(async () => {
    await runProductsList(loadConfig());
  });

products
  .command('remove')
  .description('Remove a product; refused while devices, firmware releases or compliance policies name it.')
  .argument('<id>', 'the product id')
  .action(async (id: string) => {
    await runProductsRemove(loadConfig(), id);
  });

const firmware = program
  .command('firmware')
  .description('The firmware catalogue all tenants share: releases per product and component.');

firmware
  .command('import')
  .description(
    'Upsert firmware releases by product + component + version from a JSON or CSV file; prints the counts and ' +
      're-derives the compliance that follows a "latest" release that changed.',
  )
  .argument(
    '<file>',
    'a .json file (an array, or {"releases": [...]}) or a .csv file (header row of release members: productId or ' +
      'manufacturer + modelId, component, version, releasedAt, updateId, notes)',
  )
  .option('--dry-run', 'check every row and count what would change; store nothing')
  .action(async (file: string, options: { dryRun?: boolean }) => {
    await runFirmwareImport(loadConfig(), file, options);
  });

firmware
  .command('list')
  .description('List releases: id, manufacturer, modelId, component, version, release date, update id, latest.')
  .option('--product <id>', 'only the releases of this product')
  .action(async (options: { product?: string }) => {
    await runFirmwareList(loadConfig(), options);
  });

firmware
  .command('remove')
  .description('Remove a firmware release (re-derives the compliance that followed it as the latest).')
  .argument('<releaseId>', 'the release id (see firmware list)')
  .action(async (id: string) => {
    await runFirmwareRemove(loadConfig(), id);
  });

program
  .command('import')
  .description('Import devices from a CSV, JSON or NDJSON file (upsert by MAC, else serial), with a progress bar.')
  .argument('<file>', 'a .csv (header row of device members), .json or .ndjson file')
  .requiredOption('--tenant <id>', 'the tenant id or apiCode')
  .option('--dry-run', 'validate every row and store nothing')
  .option('--partial', 'store the valid rows even when some fail')
  .option('--no-progress', 'do not draw a progress bar')
  .action(async (file: string, options: { tenant: string; dryRun?: boolean; partial?: boolean; progress: boolean }) => {
    await runImport(loadConfig(), file, options);
  });

program
  .command('export')
  .description("Stream a tenant's devices to standard output as CSV or NDJSON.")
  .requiredOption('--tenant <id>', 'the tenant id or apiCode')
  .option('--format <format>', 'csv or ndjson', 'csv')
  .option('--columns <list>', 'comma-separated export columns (default: all)')
  .option('--kind <kind>', 'only this device kind')
  .option('--status <status>', 'Online or Offline')
  .option('--manufacturer <name>', 'only this manufacturer')
  .option('--site <site>', 'site id or name')
  .option('--owner <owner>', 'person id, workspace id or username')
  .option('--tag <tag>', 'require this tag (repeat for several)', (v: string, all: string[] = []) => [...all, v])
  .option('--q <text>', 'substring of name, serial, display id or MAC')
  .action(async (options: Parameters<typeof runExport>[1]) => {
    await runExport(loadConfig(), options);
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
