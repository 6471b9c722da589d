/**
 * RingCentral's list envelope (vendor-apis.md §4.5): `uri`, `records`, `paging` (1-based page, perPage,
 * zero-based pageStart/pageEnd, left out on an empty page) and `navigation` (first, next, previous, last page
 * URIs repeating the request's query with `page` and `perPage` set).
 */

/** What is known of the whole list: whether rows follow this page, or its exact size. */
export type ListExtent = { readonly hasNext: boolean } | { readonly total: number };

/**
 * Totals are given when known: always with `total`; otherwise when this page is the last one (no rows follow
 * it). Then `totalPages`, `totalElements` and `navigation.lastPage` are given; otherwise they are left out, as
 * RingCentral allows.
 */
export function pagedList(
  uri: string,
  requestUrl: string,
  records: Record<string, unknown>[],
  extent: ListExtent,
  page: number,
  perPage: number,
) {
  const query = new URLSearchParams(requestUrl.split('?')[1] ?? '');
  const pageUri = (n: number) => {
    query.set('page', String(n));
    query.set('perPage', String(perPage));
    return { uri: `${uri}?${query.toString()}` };
  };
  const hasNext = 'total' in extent ? page * perPage < extent.total : extent.hasNext;
  const paging: Record<string, number> = { page };
  const known = 'total' in extent || (!hasNext && (records.length > 0 || page === 1));
  const totalElements = 'total' in extent ? extent.total : (page - 1) * perPage + records.length;
  const totalPages = Math.ceil(totalElements / perPage);
  if (known) paging.totalPages = totalPages;
  paging.perPage = perPage;
  if (known) paging.totalElements = totalElements;
  if (records.length > 0) {
    paging.pageStart = (page - 1) * perPage;
    paging.pageEnd = (page - 1) * perPage + records.length - 1;
  }
  const navigation: Record<string, { uri: string }> = { firstPage: pageUri(1) };
  if (hasNext) navigation.nextPage = pageUri(page + 1);
  if (page > 1) navigation.previousPage = pageUri(page - 1);
  if (known) navigation.lastPage = pageUri(Math.max(1, totalPages));
  return { uri: pageUri(page).uri, records, paging, navigation };
}
