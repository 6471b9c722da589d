/**
 * Vendor paging by page number, mapped onto the shared list engine: page `page` of `size` rows is the rows
 * after offset (page − first) × size, in the engine's stable order. Each dialect says whether its pages count
 * from 0 (Plantronics) or 1 (RingCentral), and its own size limit.
 */
import type { PageRequest, Sort } from '../query/page.js';

export function numberedPage<F extends string>(
  sort: Sort<F>,
  page: number,
  size: number,
  firstPage: 0 | 1,
): PageRequest<F> {
  return { sort, limit: size, offset: (page - firstPage) * size };
}
