/** Native list paging on the wire: `nextCursor` in the body and an RFC 8288 `Link: rel="next"` header. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Cursor, encodeCursor } from '../query/page.js';

/** Sets the Link header (if there is a next page) and returns the opaque nextCursor. */
export function linkNextPage(request: FastifyRequest, reply: FastifyReply, next: Cursor | undefined): string | null {
  if (!next) return null;
  const cursor = encodeCursor(next);
  const url = new URL(request.url, 'http://placeholder');
  url.searchParams.set('cursor', cursor);
  reply.header('link', `<${url.pathname}${url.search}>; rel="next"`);
  return cursor;
}
