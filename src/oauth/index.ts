/**
 * The OAuth 2.0 surface, at the root (not under /v1): the token endpoint and discovery documents.
 * Form bodies are parsed here only; errors are answered in the RFC 6749 shape by this plugin's own handler.
 */
import formbody from '@fastify/formbody';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { toAppError } from '../http/problem.js';
import type { Services } from '../services.js';
import { metadataRoutes } from './metadata.routes.js';
import { sendOAuthError } from './oauth-errors.js';
import { tokenRoute } from './token.route.js';

export const oauthApi: FastifyPluginAsyncTypebox<{ services: Services; publicBaseUrl: string | undefined }> = async (
  app,
  { services, publicBaseUrl },
) => {
  app.setErrorHandler((error, request, reply) => sendOAuthError(reply, toAppError(error, request)));
  await app.register(formbody);
  await app.register(tokenRoute, { oauthClients: services.oauthClients, accessTokens: services.accessTokens });
  await app.register(metadataRoutes, {
    signingKeys: services.signingKeys,
    accessTokens: services.accessTokens,
    publicBaseUrl,
  });
};
