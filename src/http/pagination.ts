/**
 * Native list paging on the wire: `limit`/`cursor`/`sort` in, and `{items, nextCursor}` plus an
 * RFC 8288 `Link: rel="next"` header out. Every native list route goes through these two functions.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  type Cursor,
  type Page,
  type PageRequest,
  clampLimit,
  decodeCursor,
  encodeCursor,
  parseSort,
} from '../query/page.js';
import { project } from './projection.js';

export interface NativeListQuery {
  limit?: number;
  cursor?: string;
  sort?: string;
}

/** Reads limit (clamped), sort (validated against `sortFields`) and cursor (issued for that sort). */
export function pageRequestFrom<F extends string>(
  query: NativeListQuery,
  sortFields: readonly F[],
  fallback: F,
): PageRequest<F> {
  const sort = parseSort(query.sort, sortFields, fallback);
  return {
    sort,
    limit: clampLimit(query.limit),
    after: query.cursor === undefined ? undefined : decodeCursor(query.cursor, sort),
  };
}

/** Presents and projects a page's items, and links the next page. */
export function listBody<R, V extends object, F extends keyof V & string>(
  request: FastifyRequest,
  reply: FastifyReply,
  page: Page<R>,
  present: (record: R) => V,
  fields: readonly F[] | undefined,
): { items: Partial<V>[]; nextCursor: string | null } {
  return {
    items: page.items.map((record) => project(present(record), fields)),
    nextCursor: linkNextPage(request, reply, page.next),
  };
}

function linkNextPage(request: FastifyRequest, reply: FastifyReply, next: Cursor | undefined): string | null {
  if (!next) return null;
  const cursor = encodeCursor(next);
  const url = new URL(request.url, 'http://placeholder');
  url.searchParams.set('cursor', cursor);
  reply.header('link', `<${url.pathname}${url.search}>; rel="next"`);
  return cursor;
}
