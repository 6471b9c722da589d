/**
 * Background jobs: a job is created (queued, audited as `job.create`) in the caller's request and then runs in
 * this process, reporting its progress; GET shows its state, progress and, once finished, its result.
 *
 * Jobs run in the process that accepted them: with several nodes a job runs on the node that accepted it, and
 * any node answers for it from the database. Progress reports are the job's heartbeat: a job unfinished and
 * silent for `staleAfterMs` (its process crashed or was stopped) is marked failed with `job_interrupted` when
 * it is next read.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { newId } from '../../db/ids.js';
import { AppError } from '../../errors.js';
import { type Actor, recordChange } from '../audit/audit-trail.js';
import { type JobRepository, type JobRow } from './job.repository.js';
import { presentJob } from './job.presenter.js';

export const JOB_STATES = ['queued', 'running', 'succeeded', 'failed'] as const;

/** What a running job may do: report its progress (rows done of total). */
export interface JobContext {
  progress(done: number, total: number): Promise<void>;
}

/** A job's outcome: its result, and an error when it failed as a whole. */
export interface JobOutcome {
  readonly result: object;
  readonly error?: { readonly code: string; readonly detail: string };
}

export type JobWork = (context: JobContext) => Promise<JobOutcome>;

export class JobService {
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly jobs: JobRepository,
    private readonly now: () => number = Date.now,
    private readonly staleAfterMs = 120_000,
  ) {}

  /** Creates the job (queued, audited) and runs `work` in the background once the creation has committed. */
  async start(actor: Actor, kind: string, options: object, total: number, work: JobWork): Promise<JobRow> {
    const at = this.now();
    const row: JobRow = {
      id: newId(),
      tenant_id: actor.tenantId,
      kind,
      state: 'queued',
      credential_id: actor.credentialId,
      options: JSON.stringify(options),
      progress_done: 0,
      progress_total: total,
      result: null,
      error: null,
      created_at: at,
      updated_at: at,
      started_at: null,
      finished_at: null,
    };
    await this.db.transaction().execute(async (trx) => {
      await this.jobs.insert(trx, row);
      await recordChange(trx, actor, {
        action: 'job.create',
        resourceType: 'job',
        resourceId: row.id,
        after: presentJob(row),
      });
    });
    const run = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.run(row.id, total, work))
      .finally(() => this.running.delete(run));
    this.running.add(run);
    return row;
  }

  /** The tenant's job; another tenant's is job_not_found. A stale unfinished job is marked failed first. */
  async get(tenantId: string, id: string): Promise<JobRow> {
    const row = id.length <= 64 ? await this.jobs.find(tenantId, id) : undefined;
    if (!row) throw new AppError('job_not_found', `There is no job with id '${id.slice(0, 64)}'.`);
    const unfinished = row.state === 'queued' || row.state === 'running';
    if (unfinished && this.now() - row.updated_at > this.staleAfterMs) {
      await this.finish(id, undefined, { code: 'job_interrupted', detail: 'The process running the job stopped.' });
      return (await this.jobs.find(tenantId, id)) ?? row;
    }
    return row;
  }

  /** Resolves once every job this process runs has finished (for shutdown and tests). */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private async run(id: string, total: number, work: JobWork): Promise<void> {
    try {
      const at = this.now();
      await this.jobs.updateUnfinished(id, { state: 'running', started_at: at, updated_at: at });
      const outcome = await work({
        progress: async (done, all) => {
          await this.jobs.updateUnfinished(id, { progress_done: done, progress_total: all, updated_at: this.now() });
        },
      });
      await this.finish(id, outcome.result, outcome.error, total);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      await this.finish(id, undefined, { code: 'job_error', detail }).catch(() => undefined);
    }
  }

  private async finish(id: string, result: object | undefined, error?: JobOutcome['error'], total?: number) {
    const at = this.now();
    await this.jobs.updateUnfinished(id, {
      state: error ? 'failed' : 'succeeded',
      result: result === undefined ? null : JSON.stringify(result),
      error: error ? JSON.stringify(error) : null,
      ...(total === undefined ? {} : { progress_done: total, progress_total: total }),
      updated_at: at,
      finished_at: at,
    });
  }
}
