/**
 * Vendor paging by page number, mapped onto the shared list engine: page `page` of `size` rows is the rows
 * after offset (page − first) × size, in the engine's stable order. Each dialect says whether its pages count
 * from 0 (Plantronics) or 1 (RingCentral), and its own size limit.
 */
import { invalidParameter } from '../errors.js';
import type { PageRequest, Sort } from '../query/page.js';

/** `names`: the vendor's names of the two parameters, for the error that refuses them (e.g. 1e309). */
export function numberedPage<F extends string>(
  sort: Sort<F>,
  page: number,
  size: number,
  firstPage: 0 | 1,
  names: { page: string; size: string } = { page: 'page', size: 'count' },
): PageRequest<F> {
  if (!Number.isSafeInteger(size) || size < 1)
    throw invalidParameter(names.size, `${names.size} must be a positive integer.`);
  const offset = (page - firstPage) * size;
  if (!Number.isSafeInteger(page) || page < firstPage || !Number.isSafeInteger(offset)) {
    throw invalidParameter(names.page, `${names.page} must be an integer from ${firstPage}, within the results.`);
  }
  return { sort, limit: size, offset };
}
