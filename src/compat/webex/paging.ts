/**
 * Webex paging (vendor-apis.md §3.3): `start` (offset, default 0) and `max` (page size; above the limit it is
 * clamped, not refused), and an RFC 5988 `Link: <…>; rel="next"` while more items follow — the request's own
 * URL, absolute, with `start` moved on. The default and the limit of `max` on /devices are SILENT: chosen below.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PageRequest, Sort } from '../../query/page.js';

export const WEBEX_DEFAULT_MAX = 100;
export const WEBEX_MAX_LIMIT = 1000;

export interface WebexPaging {
  readonly max?: number;
  readonly start?: number;
}

export function webexPageRequest<F extends string>(
  sort: Sort<F>,
  paging: WebexPaging,
  limit = WEBEX_MAX_LIMIT,
): PageRequest<F> {
  const max = Math.min(Math.max(1, paging.max ?? WEBEX_DEFAULT_MAX), limit);
  return { sort, limit: max, offset: paging.start ?? 0 };
}

/** Sets `Link: <next>; rel="next"` when a page of `size` rows at `offset` has a successor. */
export function linkNext(
  request: FastifyRequest,
  reply: FastifyReply,
  baseUrl: string,
  page: PageRequest,
  hasMore: boolean,
): void {
  if (!hasMore) return;
  const url = new URL(request.url, 'http://base');
  url.searchParams.set('start', String((page.offset ?? 0) + page.limit));
  url.searchParams.set('max', String(page.limit));
  reply.header('link', `<${baseUrl}${url.pathname}${url.search}>; rel="next"`);
}
