/**
 * The native API under /v1: authentication, problem+json errors, ETags, and the resource routes.
 * The caller is authenticated here and authorized by the route policy table; answers are for their tenant only.
 */
import etag from '@fastify/etag';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { authenticateBearer } from '../http/auth.js';
import { sendProblem, toAppError } from '../http/problem.js';
import type { Services } from '../services.js';
import { deviceRoutes } from './devices.routes.js';
import { peopleRoutes } from './people.routes.js';
import { productRoutes } from './products.routes.js';
import { siteRoutes } from './sites.routes.js';
import { userGroupRoutes } from './user-groups.routes.js';

export const nativeApi: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  app.setErrorHandler((error, request, reply) => sendProblem(reply, toAppError(error, request)));
  await app.register(etag);
  app.addHook('onRequest', authenticateBearer(services.access));

  await app.register(deviceRoutes, { devices: services.devices });
  await app.register(peopleRoutes, { people: services.people });
  await app.register(siteRoutes, { sites: services.sites });
  await app.register(productRoutes, { products: services.products });
  await app.register(userGroupRoutes, { userGroups: services.userGroups });
};
