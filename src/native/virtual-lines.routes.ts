/**
 * Native virtual-line routes: GET /v1/virtual-lines (filtered, keyset-paged, projectable), GET
 * /v1/virtual-lines/{id}, and the versioned writes POST, PUT, PATCH and DELETE (versioned-write-routes.ts).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { principalOf } from '../http/auth.js';
import { acceptMergePatch } from '../http/merge-patch.js';
import { listBody, pageRequestFrom } from '../http/pagination.js';
import { parseFields, project } from '../http/projection.js';
import { errorResponses, listEnvelope } from '../http/schemas.js';
import { presentVirtualLine } from '../modules/virtual-lines/virtual-line.presenter.js';
import { VIRTUAL_LINE_SORT_FIELDS } from '../modules/virtual-lines/virtual-line.repository.js';
import {
  VIRTUAL_LINE_FIELDS,
  VirtualLineBody,
  VirtualLineGetQuery,
  VirtualLineListQuery,
  VirtualLineParams,
  VirtualLinePatchBody,
} from '../modules/virtual-lines/virtual-line.schemas.js';
import type { VirtualLineService } from '../modules/virtual-lines/virtual-line.service.js';
import { versionedWriteRoutes } from './versioned-write-routes.js';

const VirtualLineRef = Type.Ref('VirtualLine');

export const virtualLineRoutes: FastifyPluginAsyncTypebox<{ virtualLines: VirtualLineService }> = async (
  app,
  { virtualLines },
) => {
  acceptMergePatch(app);

  app.get(
    '/virtual-lines',
    {
      schema: {
        tags: ['virtual-lines'],
        summary: 'List virtual lines',
        description: 'Filters are ANDed. Ordered by id (creation order) unless sort says otherwise.',
        querystring: VirtualLineListQuery,
        response: { 200: listEnvelope(VirtualLineRef), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { tenantId } = principalOf(request);
      const query = request.query;
      const fields = parseFields(query.fields, VIRTUAL_LINE_FIELDS);
      const page = await virtualLines.listVirtualLines(
        tenantId,
        { site: query.site, q: query.q },
        pageRequestFrom(query, VIRTUAL_LINE_SORT_FIELDS, 'id'),
      );
      return listBody(request, reply, page, presentVirtualLine, fields);
    },
  );

  app.get(
    '/virtual-lines/:id',
    {
      schema: {
        tags: ['virtual-lines'],
        summary: 'Get a virtual line',
        params: VirtualLineParams,
        querystring: VirtualLineGetQuery,
        response: { 200: VirtualLineRef, ...errorResponses },
      },
    },
    async (request) => {
      const { tenantId } = principalOf(request);
      const fields = parseFields(request.query.fields, VIRTUAL_LINE_FIELDS);
      return project(presentVirtualLine(await virtualLines.getVirtualLine(tenantId, request.params.id)), fields);
    },
  );

  versionedWriteRoutes(app, {
    collection: '/virtual-lines',
    tag: 'virtual-lines',
    noun: 'virtual line',
    ref: VirtualLineRef,
    body: VirtualLineBody,
    patchBody: VirtualLinePatchBody,
    service: virtualLines,
    present: presentVirtualLine,
    createNotes:
      'A virtual line needs an extension (2 to 10 digits, unique in the tenant: 409 extension_taken), ' +
      'a phone number of the tenant (on no other virtual line: 409 virtual_line_number_taken) or both.',
    deleteNotes: 'A virtual line that owns devices is 409 virtual_line_in_use: give them another owner first.',
  });
};
