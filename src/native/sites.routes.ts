/** Native site routes: GET /v1/sites (filtered, keyset-paged, projectable) and GET /v1/sites/{id}. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { principalOf } from '../http/auth.js';
import { listBody, pageRequestFrom } from '../http/pagination.js';
import { parseFields, project } from '../http/projection.js';
import { errorResponses, listEnvelope } from '../http/schemas.js';
import { SITE_SORT_FIELDS } from '../modules/sites/site.repository.js';
import { presentSite } from '../modules/sites/site.presenter.js';
import { SITE_FIELDS, SiteGetQuery, SiteListQuery, SiteParams } from '../modules/sites/site.schemas.js';
import type { SiteService } from '../modules/sites/site.service.js';

const SiteRef = Type.Ref('Site');

export const siteRoutes: FastifyPluginAsyncTypebox<{ sites: SiteService }> = async (app, { sites }) => {
  app.get(
    '/sites',
    {
      schema: {
        tags: ['sites'],
        summary: 'List sites',
        description: 'Filters are ANDed. Ordered by id (creation order) unless sort says otherwise.',
        querystring: SiteListQuery,
        response: { 200: listEnvelope(SiteRef), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { tenantId } = principalOf(request);
      const query = request.query;
      const fields = parseFields(query.fields, SITE_FIELDS);
      const page = await sites.listSites(
        tenantId,
        { country: query.country, q: query.q },
        pageRequestFrom(query, SITE_SORT_FIELDS, 'id'),
      );
      return listBody(request, reply, page, presentSite, fields);
    },
  );

  app.get(
    '/sites/:id',
    {
      schema: {
        tags: ['sites'],
        summary: 'Get a site',
        params: SiteParams,
        querystring: SiteGetQuery,
        response: { 200: SiteRef, ...errorResponses },
      },
    },
    async (request) => {
      const { tenantId } = principalOf(request);
      const fields = parseFields(request.query.fields, SITE_FIELDS);
      const row = await sites.getSite(tenantId, request.params.id);
      return project(presentSite(row), fields);
    },
  );
};
