/**
 * Serves the built web console (console/dist, from `npm run build` in console/) at `/`: the hashed assets under
 * /assets/ with a year-long immutable cache (gzipped once in memory when the browser accepts it), and index.html,
 * never cached, for the console's own page paths so a bookmarked or reloaded page opens. The API's paths are
 * untouched: only the paths listed here are the console's. Without a build, these paths answer 404.
 */
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import { sendProblem } from './problem.js';

/** The console's page paths (its client-side routes); each answers index.html. Every one has a policy row. */
export const CONSOLE_PAGE_ROUTES = [
  '/',
  '/sign-in',
  '/inventory',
  '/devices/*',
  '/people',
  '/people/*',
  '/compliance',
  '/adoption',
  '/audit-log',
  '/api-keys',
] as const;
export const CONSOLE_ASSET_ROUTE = '/assets/*';

/** console/dist beside src/ (and beside dist/ when the server runs compiled). */
export const DEFAULT_CONSOLE_DIR = fileURLToPath(new URL('../../console/dist', import.meta.url));

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.js', '.css', '.svg', '.json', '.txt']);
/** A built asset's file name: Vite's `name-hash.ext`, never a path. */
const ASSET_NAME = /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,200}$/;

/**
 * The console's page, unlike the API's JSON, runs scripts and styles: from its own origin only, nothing inline,
 * API calls to its own origin, never framed.
 */
const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

interface CachedAsset {
  readonly body: Buffer;
  readonly gzipped: Buffer | null;
  readonly contentType: string;
}

export function registerConsoleRoutes(app: FastifyInstance, consoleDir: string = DEFAULT_CONSOLE_DIR): void {
  const assetsDir = join(consoleDir, 'assets');
  // Hashed assets never change under the same name, so each is read (and gzipped) once.
  const assets = new Map<string, CachedAsset>();
  const notBuilt = (request: FastifyRequest, reply: FastifyReply) =>
    sendProblem(
      reply,
      new AppError(
        'route_not_found',
        `No route ${request.method} ${request.url.split('?')[0]}: the console is not built (run \`npm ci && npm run build\` in console/).`,
      ),
    );

  const servePage = async (request: FastifyRequest, reply: FastifyReply) => {
    let page: Buffer;
    try {
      page = await readFile(join(consoleDir, 'index.html'));
    } catch {
      return notBuilt(request, reply);
    }
    return reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('content-security-policy', CONSOLE_CSP)
      .send(page);
  };

  for (const path of CONSOLE_PAGE_ROUTES) app.get(path, { schema: { hide: true } }, servePage);

  app.get(CONSOLE_ASSET_ROUTE, { schema: { hide: true } }, async (request, reply) => {
    const name = (request.params as { '*': string })['*'];
    const extension = extname(name);
    const contentType = CONTENT_TYPES[extension];
    if (!ASSET_NAME.test(name) || contentType === undefined) return notFound(request, reply);
    let asset = assets.get(name);
    if (!asset) {
      let body: Buffer;
      try {
        body = await readFile(join(assetsDir, name));
      } catch {
        return notFound(request, reply);
      }
      asset = { body, gzipped: COMPRESSIBLE.has(extension) ? gzipSync(body) : null, contentType };
      assets.set(name, asset);
    }
    const acceptsGzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
    reply
      .header('content-type', asset.contentType)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('content-security-policy', CONSOLE_CSP)
      .header('vary', 'accept-encoding');
    if (asset.gzipped && acceptsGzip) return reply.header('content-encoding', 'gzip').send(asset.gzipped);
    return reply.send(asset.body);
  });
}

function notFound(request: FastifyRequest, reply: FastifyReply) {
  return sendProblem(
    reply,
    new AppError('route_not_found', `No route ${request.method} ${request.url.split('?')[0]}.`),
  );
}
