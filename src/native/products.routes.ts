/**
 * Native product catalogue routes: GET /v1/products and GET /v1/products/{id}. The catalogue is
 * shared by all tenants, but the routes still sit behind requireApiKey.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { principalOf } from '../http/auth.js';
import { listBody, pageRequestFrom } from '../http/pagination.js';
import { parseFields, project } from '../http/projection.js';
import { errorResponses, listEnvelope } from '../http/schemas.js';
import { PRODUCT_SORT_FIELDS } from '../modules/products/product.repository.js';
import { presentProduct, productIncludesFor } from '../modules/products/product.presenter.js';
import {
  PRODUCT_FIELDS,
  ProductGetQuery,
  ProductListQuery,
  ProductParams,
} from '../modules/products/product.schemas.js';
import type { ProductService } from '../modules/products/product.service.js';

const ProductRef = Type.Ref('Product');

export const productRoutes: FastifyPluginAsyncTypebox<{ products: ProductService }> = async (app, { products }) => {
  app.get(
    '/products',
    {
      schema: {
        tags: ['products'],
        summary: 'List catalogue products',
        description:
          'Filters are ANDed. Ordered by id unless sort says otherwise. Each product carries its firmware releases.',
        querystring: ProductListQuery,
        response: { 200: listEnvelope(ProductRef), ...errorResponses },
      },
    },
    async (request, reply) => {
      principalOf(request);
      const query = request.query;
      const fields = parseFields(query.fields, PRODUCT_FIELDS);
      const page = await products.listProducts(
        { manufacturer: query.manufacturer, type: query.type, kind: query.kind, q: query.q },
        pageRequestFrom(query, PRODUCT_SORT_FIELDS, 'id'),
        productIncludesFor(fields),
      );
      return listBody(request, reply, page, presentProduct, fields);
    },
  );

  app.get(
    '/products/:id',
    {
      schema: {
        tags: ['products'],
        summary: 'Get a catalogue product',
        params: ProductParams,
        querystring: ProductGetQuery,
        response: { 200: ProductRef, ...errorResponses },
      },
    },
    async (request) => {
      principalOf(request);
      const fields = parseFields(request.query.fields, PRODUCT_FIELDS);
      const record = await products.getProduct(request.params.id, productIncludesFor(fields));
      return project(presentProduct(record), fields);
    },
  );
};
