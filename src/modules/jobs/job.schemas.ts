/** The native job resource (GET /v1/jobs/{id}); a device import's result is its `result`. Allowlists only. */
import { type Static, Type } from 'typebox';
import { Instant, Nullable } from '../../http/schemas.js';

export const RowError = Type.Object(
  {
    field: Type.String({ description: 'The member or column at fault ("" for the row as a whole).' }),
    rule: Type.String({ description: 'The rule it breaks, e.g. mac_invalid, name_required, duplicate_in_file.' }),
    message: Type.String(),
  },
  { additionalProperties: false },
);

export const RowResult = Type.Object(
  {
    row: Type.Integer({ description: 'The row number: 1 is the first record after any CSV header.' }),
    outcome: Type.String({ enum: ['created', 'updated', 'unchanged', 'failed'] }),
    error: Type.Optional(RowError),
  },
  { additionalProperties: false },
);

export const ImportResult = Type.Object(
  {
    dryRun: Type.Boolean(),
    committed: Type.Boolean({ description: 'Whether rows were stored (false for a dry run or a refused import).' }),
    created: Type.Integer(),
    updated: Type.Integer(),
    unchanged: Type.Integer(),
    failed: Type.Integer(),
    failures: Type.Array(RowResult, { description: 'The failed rows, in row order (at most 1,000).' }),
    failuresTruncated: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type ImportResult = Static<typeof ImportResult>;

const JobShape = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    kind: Type.String({ enum: ['device_import'] }),
    state: Type.String({ enum: ['queued', 'running', 'succeeded', 'failed'] }),
    options: Type.Object(
      { format: Type.String(), dryRun: Type.Boolean(), partial: Type.Boolean() },
      { additionalProperties: false },
    ),
    progress: Type.Object(
      {
        done: Type.Integer({ description: 'Row steps done: a committing import validates every row, then writes it.' }),
        total: Type.Integer(),
      },
      { additionalProperties: false },
    ),
    result: Nullable(ImportResult),
    error: Nullable(Type.Object({ code: Type.String(), detail: Type.String() }, { additionalProperties: false })),
    createdAt: Instant,
    startedAt: Nullable(Instant),
    finishedAt: Nullable(Instant),
  },
  { additionalProperties: false, description: 'A background job' },
);
export const Job = JobShape;
export type JobView = Static<typeof JobShape>;
