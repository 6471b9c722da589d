/** Native workspace routes: GET /v1/workspaces (filtered, keyset-paged, projectable) and GET /v1/workspaces/{id}. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { principalOf } from '../http/auth.js';
import { listBody, pageRequestFrom } from '../http/pagination.js';
import { parseFields, project } from '../http/projection.js';
import { errorResponses, listEnvelope } from '../http/schemas.js';
import { WORKSPACE_SORT_FIELDS } from '../modules/workspaces/workspace.repository.js';
import { presentWorkspace } from '../modules/workspaces/workspace.presenter.js';
import {
  WORKSPACE_FIELDS,
  WorkspaceGetQuery,
  WorkspaceListQuery,
  WorkspaceParams,
} from '../modules/workspaces/workspace.schemas.js';
import type { WorkspaceService } from '../modules/workspaces/workspace.service.js';

const WorkspaceRef = Type.Ref('Workspace');

export const workspaceRoutes: FastifyPluginAsyncTypebox<{ workspaces: WorkspaceService }> = async (
  app,
  { workspaces },
) => {
  app.get(
    '/workspaces',
    {
      schema: {
        tags: ['workspaces'],
        summary: 'List workspaces',
        description: 'Filters are ANDed. Ordered by id (creation order) unless sort says otherwise.',
        querystring: WorkspaceListQuery,
        response: { 200: listEnvelope(WorkspaceRef), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { tenantId } = principalOf(request);
      const query = request.query;
      const fields = parseFields(query.fields, WORKSPACE_FIELDS);
      const page = await workspaces.listWorkspaces(
        tenantId,
        { site: query.site, q: query.q },
        pageRequestFrom(query, WORKSPACE_SORT_FIELDS, 'id'),
      );
      return listBody(request, reply, page, presentWorkspace, fields);
    },
  );

  app.get(
    '/workspaces/:id',
    {
      schema: {
        tags: ['workspaces'],
        summary: 'Get a workspace',
        params: WorkspaceParams,
        querystring: WorkspaceGetQuery,
        response: { 200: WorkspaceRef, ...errorResponses },
      },
    },
    async (request) => {
      const { tenantId } = principalOf(request);
      const fields = parseFields(request.query.fields, WORKSPACE_FIELDS);
      return project(presentWorkspace(await workspaces.getWorkspace(tenantId, request.params.id)), fields);
    },
  );
};
