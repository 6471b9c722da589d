/** Product catalogue use cases shared by every API surface. The catalogue is global, not per tenant. */
import { AppError } from '../../errors.js';
import type { Page, PageRequest } from '../../query/page.js';
import {
  ALL_PRODUCT_RELATIONS,
  type ProductFilter,
  type ProductIncludes,
  type ProductRecord,
  type ProductRepository,
  type ProductSortField,
} from './product.repository.js';

export class ProductService {
  constructor(private readonly products: ProductRepository) {}

  /** A catalogue product; any other id (missing or malformed) is product_not_found. */
  async getProduct(id: string, include: ProductIncludes = ALL_PRODUCT_RELATIONS): Promise<ProductRecord> {
    const record = id.length <= 64 ? await this.products.findById(id, include) : undefined;
    if (!record) throw new AppError('product_not_found', `There is no product with id '${id.slice(0, 64)}'.`);
    return record;
  }

  listProducts(
    filter: ProductFilter,
    page: PageRequest<ProductSortField>,
    include: ProductIncludes = ALL_PRODUCT_RELATIONS,
  ): Promise<Page<ProductRecord>> {
    return this.products.list(filter, page, include);
  }
}
