/**
 * Bulk device import and its job: POST /v1/imports answers 202 with the job and `Location: /v1/jobs/{id}`;
 * GET /v1/jobs/{id} shows its state, progress and, once finished, the counts and the failed rows.
 *
 * Bodies: `application/json` `{"devices": [ {…}, … ]}`, `application/x-ndjson` (one device object per line) or
 * `text/csv` (a header row of device members); up to IMPORT_MAX_BYTES (this route's own limit). `dryRun=true`
 * validates every row and stores nothing; `partial=true` stores the valid rows when some fail (otherwise one
 * failed row stores nothing). Import is for admins only (route policy): agents and supervisors change devices
 * one at a time, where the ownership rules apply.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { principalOf } from '../http/auth.js';
import { errorResponses } from '../http/schemas.js';
import { actorOf } from '../modules/audit/audit-trail.js';
import { type ImportFormat, rowsOfCsv, rowsOfNdjson } from '../modules/devices/device-import-format.js';
import type { DeviceImportService } from '../modules/devices/device-import.service.js';
import { presentJob } from '../modules/jobs/job.presenter.js';
import { Job } from '../modules/jobs/job.schemas.js';
import type { JobService } from '../modules/jobs/job.service.js';

const problem = Type.Ref('Problem');

const ImportBody = Type.Object(
  {
    devices: Type.Array(Type.Record(Type.String(), Type.Unknown()), {
      minItems: 1,
      maxItems: 1_000_000,
      description: 'The rows: each as the body of POST /v1/devices (creating) or PATCH (updating by MAC or serial).',
    }),
  },
  { additionalProperties: false },
);

const ImportQuery = Type.Object(
  {
    dryRun: Type.Optional(Type.Boolean({ default: false, description: 'Validate every row; store nothing.' })),
    partial: Type.Optional(Type.Boolean({ default: false, description: 'Store the valid rows even when some fail.' })),
  },
  { additionalProperties: false },
);

function formatOf(contentType: string | undefined): ImportFormat {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return type === 'text/csv' ? 'csv' : type === 'application/x-ndjson' ? 'ndjson' : 'json';
}

export const importRoutes: FastifyPluginAsyncTypebox<{
  imports: DeviceImportService;
  jobs: JobService;
  importMaxBytes: number;
}> = async (app, { imports, jobs, importMaxBytes }) => {
  // CSV and NDJSON bodies arrive as the rows they hold, in the shape of the JSON body.
  app.addContentTypeParser(
    ['text/csv', 'application/x-ndjson'],
    { parseAs: 'string', bodyLimit: importMaxBytes },
    (request, body, done) => {
      try {
        const text = body as string;
        done(null, {
          devices: formatOf(request.headers['content-type']) === 'csv' ? rowsOfCsv(text) : rowsOfNdjson(text),
        });
      } catch (error) {
        done(error as Error, undefined);
      }
    },
  );
  // A server shutting down lets the imports it runs finish.
  app.addHook('onClose', () => jobs.settled());

  app.post(
    '/imports',
    {
      bodyLimit: importMaxBytes,
      schema: {
        tags: ['devices'],
        summary: 'Import devices (background job)',
        description:
          'Upserts devices keyed by MAC, else serial. Body: application/json {"devices": […]}, application/x-ndjson ' +
          'or text/csv with a header row. Answers 202 with the job; follow Location (GET /v1/jobs/{id}).',
        querystring: ImportQuery,
        body: ImportBody,
        response: { 202: Job, ...errorResponses, 403: problem, 413: problem },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const job = await imports.start(actorOf(principal, request.id), request.body.devices, {
        format: formatOf(request.headers['content-type']),
        dryRun: request.query.dryRun ?? false,
        partial: request.query.partial ?? false,
      });
      reply.code(202).header('location', `/v1/jobs/${job.id}`);
      return presentJob(job);
    },
  );

  app.get(
    '/jobs/:id',
    {
      schema: {
        tags: ['jobs'],
        summary: 'Get a job',
        description: 'State (queued, running, succeeded, failed), progress and, when finished, the result.',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: { 200: Job, ...errorResponses },
      },
    },
    async (request) => presentJob(await jobs.get(principalOf(request).tenantId, request.params.id)),
  );
};
