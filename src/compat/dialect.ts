/**
 * What every vendor dialect shares. A dialect is mounted at /compat/<name> with the vendor's own paths below
 * it; it authenticates the vendor's way, parses with its own schemas, calls the same module services as the
 * native API (same tenancy, roles, audit trail), and renders answers and errors in the vendor's shape. Every
 * failure — a thrown catalogue error, a schema violation, an unknown path, a rate limit — reaches the client
 * through the dialect's error renderer, never as a native problem body.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyPluginOptions, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import { toAppError } from '../http/problem.js';
import type { TenantSummary } from '../modules/tenants/tenant.service.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller's tenant, when the dialect's authentication looked it up. */
    callerTenant: TenantSummary | null;
  }
}

/** A catalogue error as the vendor would have answered it. */
export interface VendorError {
  readonly status: number;
  readonly body: unknown;
  /** Defaults to application/json. */
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface Dialect<Options extends FastifyPluginOptions> {
  /** The path segment after /compat (e.g. "poly"). */
  readonly name: string;
  /** Renders any error of the catalogue in the vendor's error body and status. */
  readonly renderError: (error: AppError, request: FastifyRequest) => VendorError;
  /** The vendor's routes, with its authentication hook, relative to /compat/<name>. */
  readonly routes: FastifyPluginAsyncTypebox<Options>;
}

/** Answers `error` as the dialect's vendor would. */
export function sendVendorError(
  dialect: Pick<Dialect<FastifyPluginOptions>, 'renderError'>,
  error: AppError,
  reply: FastifyReply,
): FastifyReply {
  const rendered = dialect.renderError(error, reply.request);
  for (const [name, value] of Object.entries(rendered.headers ?? {})) reply.header(name, value);
  return reply
    .code(rendered.status)
    .type(rendered.contentType ?? 'application/json; charset=utf-8')
    .send(rendered.body);
}

/** A Fastify plugin serving one dialect: its routes, with errors and unknown paths rendered in its shape. */
export function mountDialect<Options extends FastifyPluginOptions>(
  dialect: Dialect<Options>,
): FastifyPluginAsyncTypebox<Options> {
  return async (app, options) => {
    app.decorateRequest('callerTenant', null);
    app.setErrorHandler((error, request, reply) => sendVendorError(dialect, toAppError(error, request), reply));
    app.setNotFoundHandler((request) => {
      throw new AppError('route_not_found', `No route ${request.method} ${request.url.split('?')[0]}.`);
    });
    // The prefix is this plugin's; the routes register below it.
    const { prefix: _prefix, ...routeOptions } = options as Options & { prefix?: string };
    await app.register(dialect.routes, routeOptions as Options);
  };
}
