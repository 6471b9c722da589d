/** What a surface may show of the caller's tenant: its names in each vendor's terms. */
import { AppError } from '../../errors.js';
import type { TenantRepository } from './tenant.repository.js';

export interface TenantSummary {
  readonly id: string;
  readonly name: string;
  /** The Plantronics tenantApiCode. */
  readonly apiCode: string;
  readonly webexOrgId: string | null;
  readonly ringcentralAccountId: string | null;
}

export class TenantService {
  constructor(private readonly tenants: TenantRepository) {}

  /** The tenant of an authenticated caller (it exists for as long as its credentials do). */
  async summary(tenantId: string): Promise<TenantSummary> {
    const row = await this.tenants.findById(tenantId);
    // A credential outlives its tenant only for the instant before cascading deletes reach it.
    if (!row) throw new AppError('invalid_credentials', 'The credential is unknown, revoked or expired.');
    return {
      id: row.id,
      name: row.name,
      apiCode: row.api_code,
      webexOrgId: row.webex_org_id,
      ringcentralAccountId: row.ringcentral_account_id,
    };
  }
}
