/** Site use cases shared by every API surface. */
import { AppError } from '../../errors.js';
import type { Page, PageRequest } from '../../query/page.js';
import type { SiteFilter, SiteRepository, SiteRow, SiteSortField } from './site.repository.js';

export class SiteService {
  constructor(private readonly sites: SiteRepository) {}

  /** A site of the tenant; any other id (missing, malformed, another tenant's) is site_not_found. */
  async getSite(tenantId: string, id: string): Promise<SiteRow> {
    const row = id.length <= 64 ? await this.sites.findById(tenantId, id) : undefined;
    if (!row) throw new AppError('site_not_found', `There is no site with id '${id.slice(0, 64)}'.`);
    return row;
  }

  listSites(tenantId: string, filter: SiteFilter, page: PageRequest<SiteSortField>): Promise<Page<SiteRow>> {
    return this.sites.list(tenantId, filter, page);
  }
}
