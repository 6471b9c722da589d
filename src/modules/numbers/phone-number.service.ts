/** Reading a tenant's phone numbers: one by id (404 phone_number_not_found) or a keyset page. */
import { AppError } from '../../errors.js';
import type { Page, PageRequest } from '../../query/page.js';
import type { PhoneNumberRepository, PhoneNumberRow } from './phone-number.repository.js';

export class PhoneNumberService {
  constructor(private readonly numbers: PhoneNumberRepository) {}

  async get(tenantId: string, id: string): Promise<PhoneNumberRow> {
    const row = id.length <= 64 ? await this.numbers.findById(tenantId, id) : undefined;
    if (!row) throw new AppError('phone_number_not_found', `There is no phone number with id '${id.slice(0, 64)}'.`);
    return row;
  }

  list(tenantId: string, page: PageRequest<'id'>, q?: string): Promise<Page<PhoneNumberRow>> {
    return this.numbers.list(tenantId, page, q);
  }
}
