/**
 * buildApp wires the HTTP edge over the services: OpenAPI, health, the native API and (later)
 * the vendor dialects. It never listens; server start-up lives in the CLI.
 */
import { randomUUID } from 'node:crypto';
import type { Writable } from 'node:stream';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Config } from './config.js';
import type { Store } from './db/database.js';
import { AppError } from './errors.js';
import { enforceRoutePolicies } from './http/authorize.js';
import { registerConsoleRoutes } from './http/console-static.js';
import { loggerOptions } from './http/logging.js';
import { sendProblem, toAppError } from './http/problem.js';
import { createRateLimits } from './http/rate-limit.js';
import { Problem } from './http/schemas.js';
import { AuditEvent } from './modules/audit/audit-event.schemas.js';
import { Device } from './modules/devices/device.schemas.js';
import { Person } from './modules/people/person.schemas.js';
import { Product } from './modules/products/product.schemas.js';
import { Site } from './modules/sites/site.schemas.js';
import { UserGroup } from './modules/user-groups/user-group.schemas.js';
import { Workspace } from './modules/workspaces/workspace.schemas.js';
import { VirtualLine } from './modules/virtual-lines/virtual-line.schemas.js';
import { CompliancePolicy } from './modules/firmware/compliance-policy.schemas.js';
import { FirmwareRelease } from './modules/firmware/compliance.schemas.js';
import { PagingGroup } from './modules/paging-groups/paging-group.schemas.js';
import { sendVendorError } from './compat/dialect.js';
import { compatApi, dialectServing } from './compat/index.js';
import { nativeApi } from './native/index.js';
import { oauthApi } from './oauth/index.js';
import { type Services, createServices } from './services.js';

export interface AppDeps {
  readonly store: Store;
  readonly services?: Services;
  /** Where log lines go instead of stdout (tests read them). */
  readonly logStream?: Writable;
  /** The built web console to serve at / (default console/dist); its paths answer 404 while it is not built. */
  readonly consoleDir?: string;
}

export async function buildApp(config: Config, deps: AppDeps): Promise<FastifyInstance> {
  const services = deps.services ?? createServices(deps.store, config);
  const app = Fastify({
    logger: loggerOptions(config.logLevel, deps.logStream),
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    bodyLimit: config.bodyLimitBytes,
    requestTimeout: config.requestTimeoutMs,
    // How often Node looks for requests past their timeout (its default, 30 s, would double a short timeout).
    http: { connectionsCheckingInterval: Math.min(5_000, Math.max(250, Math.floor(config.requestTimeoutMs / 4))) },
    // Bodies carrying __proto__ or constructor.prototype are refused (400), never parsed into objects.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    return503OnClosing: true,
    // A URL the router cannot take apart (a malformed escape, a path segment over 500 characters) is answered in
    // the shape of the surface it was meant for, like every other error.
    frameworkErrors: (error, request, reply) => {
      const refused = new AppError(
        'invalid_parameter',
        error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'A path segment is too long.' : 'The path is not a valid URL.',
      );
      const dialect = dialectServing(request.url);
      return dialect ? sendVendorError(dialect, refused, reply) : sendProblem(reply, refused);
    },
    // Path parameters up to 500 characters: Webex ids (base64 ciscospark URIs) are about 140.
    routerOptions: { maxParamLength: 500 },
    ajv: {
      // Unknown properties are rejected (400), never silently dropped; single values coerce to arrays.
      // Union types (a billing amount is a number or a numeric string) are plain JSON Schema, not a mistake.
      customOptions: {
        removeAdditional: false,
        coerceTypes: 'array',
        useDefaults: true,
        allErrors: false,
        allowUnionTypes: true,
      },
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Rate limits per credential and per tenant in the route's group (memory, or Redis when REDIS_URL is set).
  const rateLimits = await createRateLimits(config, app.log);
  app.decorate('rateLimits', rateLimits);
  app.addHook('onClose', () => rateLimits.close());
  // Bodies are JSON (and, at /oauth/token, forms): a text/plain body is refused (415), never parsed.
  app.removeContentTypeParser('text/plain');
  enforceRoutePolicies(app, rateLimits.hooks);
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  app.decorateRequest('principal', null);
  // Parses the console's session cookie (src/http/auth.ts) and lets routes set it.
  await app.register(cookie);
  // Security headers on every answer; the API serves JSON only, so its CSP forbids everything (/docs sets its own).
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
  // CORS is closed unless an operator lists the origins of a browser client.
  if (config.corsOrigins.length > 0) {
    await app.register(cors, {
      origin: [...config.corsOrigins],
      credentials: true,
      maxAge: 600,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: [
        'Authorization',
        'Content-Type',
        'X-API-Key',
        'If-Match',
        'If-None-Match',
        'Idempotency-Key',
        'X-Requested-With',
        'X-Request-Id',
      ],
      exposedHeaders: [
        'ETag',
        'Link',
        'Location',
        'Retry-After',
        'X-Request-Id',
        'X-Rate-Limit-Group',
        'X-Rate-Limit-Limit',
        'X-Rate-Limit-Remaining',
        'X-Rate-Limit-Window',
      ],
    });
  }
  app.addSchema(Problem);
  app.addSchema(Device);
  app.addSchema(Person);
  app.addSchema(Site);
  app.addSchema(Product);
  app.addSchema(UserGroup);
  app.addSchema(Workspace);
  app.addSchema(VirtualLine);
  app.addSchema(CompliancePolicy);
  app.addSchema(FirmwareRelease);
  app.addSchema(PagingGroup);
  app.addSchema(AuditEvent);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Ucfleet API',
        version: '1',
        description: 'One inventory of unified-communications devices, people, lines and sites.',
      },
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'A tenant API key, or an access token from POST /oauth/token.',
          },
          apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: 'ucfleet_session',
            description: 'The console session from POST /v1/sessions; unsafe methods need X-Requested-With: ucfleet.',
          },
        },
      },
      security: [{ bearer: [] }, { apiKey: [] }, { session: [] }],
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });

  app.setErrorHandler((error, request, reply) => sendProblem(reply, toAppError(error, request)));
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, new AppError('route_not_found', `No route ${request.method} ${request.url.split('?')[0]}.`)),
  );

  const health = { schema: { hide: true, response: { 200: Type.Object({ status: Type.String() }) } } };
  app.get('/healthz', health, async () => ({ status: 'ok' }));
  app.get('/readyz', health, async () => {
    try {
      await deps.store.ping();
    } catch {
      throw new AppError('service_unavailable', 'The database does not answer.');
    }
    return { status: 'ready' };
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(nativeApi, {
    prefix: '/v1',
    services,
    secureCookie: config.publicBaseUrl?.startsWith('https:') ?? false,
    importMaxBytes: config.importMaxBytes,
  });
  await app.register(oauthApi, { services, publicBaseUrl: config.publicBaseUrl });
  await app.register(compatApi, { services, config });
  registerConsoleRoutes(app, deps.consoleDir);
  return app;
}
