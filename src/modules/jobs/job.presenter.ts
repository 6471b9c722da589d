/** Turns a job row into the native resource. */
import { iso, isoOrNull } from '../presenting.js';
import type { JobRow } from './job.repository.js';
import type { JobView } from './job.schemas.js';

export function presentJob(row: JobRow): JobView {
  return {
    id: row.id,
    kind: row.kind as JobView['kind'],
    state: row.state as JobView['state'],
    options: JSON.parse(row.options) as JobView['options'],
    progress: { done: row.progress_done, total: row.progress_total },
    result: row.result === null ? null : (JSON.parse(row.result) as JobView['result']),
    error: row.error === null ? null : (JSON.parse(row.error) as JobView['error']),
    createdAt: iso(row.created_at),
    startedAt: isoOrNull(row.started_at),
    finishedAt: isoOrNull(row.finished_at),
  };
}
