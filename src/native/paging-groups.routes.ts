/**
 * Native paging-group routes: GET /v1/paging-groups (keyset-paged, projectable), GET /v1/paging-groups/{id},
 * POST /v1/paging-groups (201 and Location), DELETE /v1/paging-groups/{id} and PUT
 * /v1/paging-groups/{id}/devices (the whole member list). The writes honour If-Match like the other versioned
 * resources (versioned-write-routes.ts).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { principalOf } from '../http/auth.js';
import { ifMatchPrecondition } from '../http/conditional.js';
import { listBody, pageRequestFrom } from '../http/pagination.js';
import { parseFields, project } from '../http/projection.js';
import { errorResponses, listEnvelope } from '../http/schemas.js';
import { actorOf } from '../modules/audit/audit-trail.js';
import { presentPagingGroup } from '../modules/paging-groups/paging-group.presenter.js';
import { PAGING_GROUP_SORT_FIELDS } from '../modules/paging-groups/paging-group.repository.js';
import {
  PAGING_GROUP_FIELDS,
  PagingGroupBody,
  PagingGroupDevicesBody,
  PagingGroupGetQuery,
  PagingGroupListQuery,
  PagingGroupParams,
} from '../modules/paging-groups/paging-group.schemas.js';
import type { PagingGroupService } from '../modules/paging-groups/paging-group.service.js';
import { conditionalErrors, ifMatchHeaders, writeErrors } from './versioned-write-routes.js';

const PagingGroupRef = Type.Ref('PagingGroup');
const TAG = 'paging-groups';

export const pagingGroupRoutes: FastifyPluginAsyncTypebox<{ pagingGroups: PagingGroupService }> = async (
  app,
  { pagingGroups },
) => {
  const headers = ifMatchHeaders('/v1/paging-groups/{id}');

  app.get(
    '/paging-groups',
    {
      schema: {
        tags: [TAG],
        summary: 'List paging groups',
        description: 'Ordered by id (creation order) unless sort says otherwise.',
        querystring: PagingGroupListQuery,
        response: { 200: listEnvelope(PagingGroupRef), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { tenantId } = principalOf(request);
      const fields = parseFields(request.query.fields, PAGING_GROUP_FIELDS);
      const page = await pagingGroups.listPagingGroups(
        tenantId,
        pageRequestFrom(request.query, PAGING_GROUP_SORT_FIELDS, 'id'),
      );
      return listBody(request, reply, page, presentPagingGroup, fields);
    },
  );

  app.get(
    '/paging-groups/:id',
    {
      schema: {
        tags: [TAG],
        summary: 'Get a paging group',
        params: PagingGroupParams,
        querystring: PagingGroupGetQuery,
        response: { 200: PagingGroupRef, ...errorResponses },
      },
    },
    async (request) => {
      const { tenantId } = principalOf(request);
      const fields = parseFields(request.query.fields, PAGING_GROUP_FIELDS);
      return project(presentPagingGroup(await pagingGroups.getPagingGroup(tenantId, request.params.id)), fields);
    },
  );

  app.post(
    '/paging-groups',
    {
      schema: {
        tags: [TAG],
        summary: 'Create a paging group',
        description:
          'The name is unique in the tenant (409 paging_group_name_taken), the extension among paging groups ' +
          '(409 extension_taken); member devices must be devices of the tenant (400 naming deviceIds[i]).',
        body: PagingGroupBody,
        response: { 201: PagingGroupRef, ...writeErrors },
      },
    },
    async (request, reply) => {
      const record = await pagingGroups.create(actorOf(principalOf(request), request.id), request.body);
      reply.code(201).header('location', `/v1/paging-groups/${record.id}`);
      return presentPagingGroup(record);
    },
  );

  app.put(
    '/paging-groups/:id/devices',
    {
      schema: {
        tags: [TAG],
        summary: "Replace a paging group's member devices",
        description: 'The body is the whole member list. A device may be in several groups of the tenant.',
        params: PagingGroupParams,
        headers,
        body: PagingGroupDevicesBody,
        response: { 200: PagingGroupRef, ...conditionalErrors },
      },
    },
    async (request, reply) => {
      const precondition = ifMatchPrecondition(request, reply, PagingGroupRef, presentPagingGroup);
      const record = await pagingGroups.replaceDevices(
        actorOf(principalOf(request), request.id),
        request.params.id,
        request.body.deviceIds,
        precondition,
      );
      return presentPagingGroup(record);
    },
  );

  app.delete(
    '/paging-groups/:id',
    {
      schema: {
        tags: [TAG],
        summary: 'Delete a paging group',
        description: 'Its devices stay; only their membership goes.',
        params: PagingGroupParams,
        headers,
        response: { 204: Type.Null(), ...conditionalErrors },
      },
    },
    async (request, reply) => {
      const precondition = ifMatchPrecondition(request, reply, PagingGroupRef, presentPagingGroup);
      await pagingGroups.delete(actorOf(principalOf(request), request.id), request.params.id, precondition);
      return reply.code(204).send(null);
    },
  );
};
