/** The row of a background job (migration 0004). JSON members are stored as text. */
export interface JobTable {
  id: string;
  tenant_id: string;
  /** What the job does: `device_import`. */
  kind: string;
  /** queued → running → succeeded | failed. */
  state: string;
  /** The credential that started it (null for the command line). */
  credential_id: string | null;
  /** JSON: the options the job was started with. */
  options: string;
  progress_done: number;
  progress_total: number;
  /** JSON: the job's result once finished. */
  result: string | null;
  /** JSON {code, detail}: why the job failed as a whole. */
  error: string | null;
  created_at: number;
  /** The heartbeat: bumped with every progress report. */
  updated_at: number;
  started_at: number | null;
  finished_at: number | null;
}
