/** `ucfleet seed`: writes a deterministic demo fleet into an empty database and prints its tenants and API keys. */
import cliProgress from 'cli-progress';
import { openStore } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { type DemoSummary, seedDemoFleet } from '../demo/fleet.js';
import { TenantRepository } from '../modules/tenants/tenant.repository.js';

export interface SeedCommandOptions {
  devices: number;
  /** Total number of tenants, the Plantronics sandbox included. */
  tenants: number;
  seed: number;
  databaseUrl: string;
  /** Draw a progress bar on stderr. */
  progress: boolean;
}

export async function runSeed(opts: SeedCommandOptions): Promise<DemoSummary> {
  const store = openStore(opts.databaseUrl, { poolSize: 2 });
  const bar = opts.progress
    ? new cliProgress.SingleBar(
        {
          stream: process.stderr,
          format:
            'Seeding [{bar}] {percentage}% | {value}/{total} devices | {duration_formatted} elapsed, ETA {eta_formatted}',
          hideCursor: true,
        },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  const started = performance.now();
  try {
    await migrateToLatest(store.db);
    if (!(await new TenantRepository(store.db).isEmpty())) {
      throw new Error(
        `The database ${describe(opts.databaseUrl)} already holds tenants; seed only into an empty database (delete the file or use another DATABASE_URL).`,
      );
    }
    bar?.start(opts.devices, 0);
    const summary = await seedDemoFleet(store, {
      devices: opts.devices,
      tenants: opts.tenants,
      seed: opts.seed,
      onProgress: (done) => bar?.update(done),
    });
    bar?.stop();
    await store.analyze();
    console.log(formatSummary(summary, (performance.now() - started) / 1000));
    return summary;
  } finally {
    bar?.stop();
    await store.close();
  }
}

export function formatSummary(summary: DemoSummary, seconds?: number): string {
  const lines = [
    `Demo fleet (seed ${summary.seed}) as of ${new Date(summary.now).toISOString()}${seconds === undefined ? '' : `, written in ${seconds.toFixed(1)} s`}:`,
    `  ${summary.devices} devices, ${summary.people} people, ${summary.sites} sites, ${summary.workspaces} workspaces, ` +
      `${summary.phoneNumbers} phone numbers, ${summary.compliancePolicies} compliance policies`,
    `  compliance: ${summary.compliance.compliant} compliant, ${summary.compliance.noncompliant} noncompliant, ${summary.compliance.unknown} unknown`,
    '',
    'Tenants (API keys are shown only now; the database keeps their hashes):',
  ];
  for (const t of summary.tenants) {
    lines.push(`  ${t.name}`);
    lines.push(`    id            ${t.id}`);
    lines.push(`    apiCode       ${t.apiCode}`);
    lines.push(`    apiKey        ${t.apiKey}`);
    lines.push(`    devices       ${t.devices} (${t.people} people)`);
  }
  return lines.join('\n');
}

function describe(url: string): string {
  // Never echo a password that a postgres:// URL may carry.
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
