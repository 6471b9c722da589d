/**
 * POST /oauth/token: the OAuth 2.0 client-credentials grant (RFC 6749 §4.4). The body is form-encoded
 * (or JSON); an optional space-separated `scope` narrows the token to some of the client's scopes.
 * Unknown body parameters are refused (invalid_request), like every body of this server.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../errors.js';
import type { AccessTokenService } from '../modules/oauth/access-token.service.js';
import type { OAuthClientService } from '../modules/oauth/oauth-client.service.js';
import { clientCredentialsOf } from './client-authentication.js';
import { OAuthErrorBody } from './oauth-errors.js';

const TokenRequest = Type.Object(
  {
    grant_type: Type.String({ maxLength: 100, description: 'Must be client_credentials.' }),
    scope: Type.Optional(
      Type.String({ maxLength: 2000, description: "Space-separated scopes; default: all of the client's." }),
    ),
    client_id: Type.Optional(Type.String({ maxLength: 200, description: 'client_secret_post only.' })),
    client_secret: Type.Optional(Type.String({ maxLength: 200, description: 'client_secret_post only.' })),
  },
  { additionalProperties: false },
);

const TokenResponse = Type.Object(
  {
    access_token: Type.String(),
    token_type: Type.String({ enum: ['Bearer'] }),
    expires_in: Type.Integer({ description: 'Seconds.' }),
    scope: Type.String(),
  },
  { additionalProperties: false },
);

export const tokenRoute: FastifyPluginAsyncTypebox<{
  oauthClients: OAuthClientService;
  accessTokens: AccessTokenService;
}> = async (app, { oauthClients, accessTokens }) => {
  app.post(
    '/oauth/token',
    {
      schema: {
        tags: ['oauth'],
        summary: 'Issue an access token (client credentials)',
        description:
          'Authenticate with HTTP Basic (client_id:client_secret) or client_id and client_secret in the body, not both.',
        consumes: ['application/x-www-form-urlencoded', 'application/json'],
        security: [],
        body: TokenRequest,
        response: { 200: TokenResponse, 400: OAuthErrorBody, 401: OAuthErrorBody },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const credentials = clientCredentialsOf(request, body);
      if (body.grant_type !== 'client_credentials') {
        throw new AppError(
          'unsupported_grant_type',
          `The grant type '${body.grant_type.slice(0, 100)}' is not supported; use client_credentials.`,
        );
      }
      const client = await oauthClients.authenticate(credentials.clientId, credentials.clientSecret);
      const requested = body.scope?.split(' ').filter((s) => s !== '');
      const token = await accessTokens.issue(client, requested?.length ? [...new Set(requested)] : undefined);
      reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
      return { ...token, token_type: 'Bearer' as const };
    },
  );
};
