/**
 * POST /v1/telemetry/events: desktop agents' device reports, in batches of up to MAX_EVENTS_PER_BATCH. The answer
 * comes once the batch is committed; it reports each rejected event with its reasons (the others are kept).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { principalOf } from '../http/auth.js';
import { errorResponses } from '../http/schemas.js';
import { actorOf } from '../modules/audit/audit-trail.js';
import type { TelemetryIngestService } from '../modules/telemetry/telemetry-ingest.service.js';
import { IngestReport, MAX_EVENTS_PER_BATCH, TelemetryBatch } from '../modules/telemetry/telemetry.schemas.js';

/** Room for a full batch of detailed events (about 1 KiB each). */
export const TELEMETRY_BODY_LIMIT = 16 * 1024 * 1024;

export const telemetryRoutes: FastifyPluginAsyncTypebox<{ telemetry: TelemetryIngestService }> = async (
  app,
  { telemetry },
) => {
  app.post(
    '/telemetry/events',
    {
      bodyLimit: TELEMETRY_BODY_LIMIT,
      schema: {
        tags: ['telemetry'],
        summary: 'Ingest device reports',
        description:
          `A batch of 1 to ${MAX_EVENTS_PER_BATCH} events (attached, detached, heartbeat, firmware, settings). ` +
          'Each event is checked on its own: rejected ones are listed with their reasons, the others are stored. ' +
          'A replayed event id changes nothing. A 200 means the accepted events are committed.',
        body: TelemetryBatch,
        response: { 200: IngestReport, ...errorResponses },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      return telemetry.ingest(actorOf(principal, request.id), request.body.events);
    },
  );
};
