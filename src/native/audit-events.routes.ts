/** Native audit trail route: GET /v1/audit-events (the caller's tenant only, filtered, keyset-paged, newest first). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { invalidParameter } from '../errors.js';
import { principalOf } from '../http/auth.js';
import { listBody, pageRequestFrom } from '../http/pagination.js';
import { parseFields } from '../http/projection.js';
import { errorResponses, listEnvelope } from '../http/schemas.js';
import { AUDIT_EVENT_SORT_FIELDS, type AuditEventFilter } from '../modules/audit/audit-event.repository.js';
import { presentAuditEvent } from '../modules/audit/audit-event.presenter.js';
import { AUDIT_EVENT_FIELDS, AuditEventListQuery } from '../modules/audit/audit-event.schemas.js';
import type { AuditEventService } from '../modules/audit/audit-event.service.js';

const AuditEventRef = Type.Ref('AuditEvent');
const DEFAULT_SORT = '-occurredAt';

/** An ISO 8601 instant parameter as epoch ms; anything Date cannot read is a 400 naming the parameter. */
export function instantParameter(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const ms = Date.parse(raw);
  if (Number.isNaN(ms))
    throw invalidParameter(name, `${name} must be an ISO 8601 instant such as 2025-03-04T05:06:07Z.`);
  return ms;
}

export function auditFilterFrom(query: AuditEventListQuery): AuditEventFilter {
  return {
    action: query.action,
    resourceType: query.resourceType,
    resourceId: query.resourceId,
    actorId: query.actor,
    credentialId: query.credential,
    requestId: query.requestId,
    since: instantParameter('since', query.since),
    until: instantParameter('until', query.until),
  };
}

export const auditEventRoutes: FastifyPluginAsyncTypebox<{ audit: AuditEventService }> = async (app, { audit }) => {
  app.get(
    '/audit-events',
    {
      schema: {
        tags: ['audit'],
        summary: 'List audit events',
        description:
          'Every change made in the tenant: who (actor and credential), what (action on a resource, before → after), ' +
          'when, and the request id. Filters are exact and ANDed; since is inclusive, until exclusive. Newest first ' +
          'unless sort=occurredAt.',
        querystring: AuditEventListQuery,
        response: { 200: listEnvelope(AuditEventRef), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { tenantId } = principalOf(request);
      const query = request.query;
      const fields = parseFields(query.fields, AUDIT_EVENT_FIELDS);
      const filter = auditFilterFrom(query);
      const page = pageRequestFrom(
        { ...query, sort: query.sort || DEFAULT_SORT },
        AUDIT_EVENT_SORT_FIELDS,
        'occurredAt',
      );
      return listBody(request, reply, await audit.listEvents(tenantId, filter, page), presentAuditEvent, fields);
    },
  );
};
