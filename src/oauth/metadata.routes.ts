/**
 * Discovery: GET /.well-known/jwks.json (the public keys that verify access tokens) and
 * GET /.well-known/oauth-authorization-server (RFC 8414 metadata). Absolute URLs are built from
 * PUBLIC_BASE_URL when it is set, else from the request's protocol and host.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AccessTokenService } from '../modules/oauth/access-token.service.js';
import { SCOPES } from '../modules/access/roles.js';
import type { SigningKeyService } from '../modules/oauth/signing-key.service.js';

const Jwk = Type.Object(
  {
    kty: Type.String(),
    crv: Type.String(),
    x: Type.String(),
    y: Type.String(),
    kid: Type.String(),
    alg: Type.String(),
    use: Type.String(),
  },
  { additionalProperties: false },
);

const Jwks = Type.Object({ keys: Type.Array(Jwk) }, { additionalProperties: false });

const AuthorizationServerMetadata = Type.Object(
  {
    issuer: Type.String(),
    token_endpoint: Type.String(),
    jwks_uri: Type.String(),
    grant_types_supported: Type.Array(Type.String()),
    token_endpoint_auth_methods_supported: Type.Array(Type.String()),
    scopes_supported: Type.Array(Type.String()),
  },
  { additionalProperties: false },
);

/** Verifiers may cache the key set briefly; a token with an unknown kid tells them to fetch it again. */
const PUBLIC_CACHE = 'public, max-age=300';

export const metadataRoutes: FastifyPluginAsyncTypebox<{
  signingKeys: SigningKeyService;
  accessTokens: AccessTokenService;
  publicBaseUrl: string | undefined;
}> = async (app, { signingKeys, accessTokens, publicBaseUrl }) => {
  const baseUrl = (request: FastifyRequest): string => publicBaseUrl ?? `${request.protocol}://${request.host}`;

  app.get(
    '/.well-known/jwks.json',
    {
      schema: {
        tags: ['oauth'],
        summary: 'The public keys that verify access tokens (JWKS)',
        security: [],
        response: { 200: Jwks },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', PUBLIC_CACHE);
      return { keys: await signingKeys.publishedKeys() };
    },
  );

  app.get(
    '/.well-known/oauth-authorization-server',
    {
      schema: {
        tags: ['oauth'],
        summary: 'OAuth 2.0 authorization server metadata (RFC 8414)',
        security: [],
        response: { 200: AuthorizationServerMetadata },
      },
    },
    async (request, reply) => {
      const base = baseUrl(request);
      reply.header('cache-control', PUBLIC_CACHE);
      return {
        issuer: accessTokens.options.issuer,
        token_endpoint: `${base}/oauth/token`,
        jwks_uri: `${base}/.well-known/jwks.json`,
        grant_types_supported: ['client_credentials'],
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
        scopes_supported: [...SCOPES],
      };
    },
  );
};
