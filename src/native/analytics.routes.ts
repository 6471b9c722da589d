/**
 * Adoption analytics: GET /v1/analytics/active-devices (per day), /v1/analytics/new-devices (per ISO week) and
 * /v1/analytics/unseen-devices?days=N. Tenant-wide counts, read from the telemetry rollups.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { principalOf } from '../http/auth.js';
import { errorResponses } from '../http/schemas.js';
import {
  ActiveDevicesAnswer,
  AnalyticsRangeQuery,
  NewDevicesAnswer,
  UnseenDevicesAnswer,
  UnseenQuery,
} from '../modules/analytics/analytics.schemas.js';
import type { AnalyticsService } from '../modules/analytics/analytics.service.js';

export const analyticsRoutes: FastifyPluginAsyncTypebox<{ analytics: AnalyticsService }> = async (
  app,
  { analytics },
) => {
  app.get(
    '/analytics/active-devices',
    {
      schema: {
        tags: ['analytics'],
        summary: 'Devices active per day',
        description:
          'Devices that reported at least once each UTC day of [from, to] (default: the last 30 days), in total ' +
          'and, with `by`, per product, manufacturer, softphone, primary user group or site.',
        querystring: AnalyticsRangeQuery,
        response: { 200: ActiveDevicesAnswer, ...errorResponses },
      },
    },
    async (request) => analytics.activeDevices(principalOf(request).tenantId, request.query),
  );

  app.get(
    '/analytics/new-devices',
    {
      schema: {
        tags: ['analytics'],
        summary: 'Devices first seen per week',
        description: 'First-seen cohorts: devices whose first report fell in each ISO week (Monday to Sunday, UTC).',
        querystring: AnalyticsRangeQuery,
        response: { 200: NewDevicesAnswer, ...errorResponses },
      },
    },
    async (request) => analytics.newDevices(principalOf(request).tenantId, request.query),
  );

  app.get(
    '/analytics/unseen-devices',
    {
      schema: {
        tags: ['analytics'],
        summary: 'Devices not seen for N days',
        querystring: UnseenQuery,
        response: { 200: UnseenDevicesAnswer, ...errorResponses },
      },
    },
    async (request) => analytics.unseenDevices(principalOf(request).tenantId, request.query.days),
  );
};
