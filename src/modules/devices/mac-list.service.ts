/**
 * Webex Calling's validation of a list of MACs (validateMacs, vendor-apis.md §3.6) against the tenant's
 * devices: each MAC AVAILABLE, UNAVAILABLE (in use, error 5675), DUPLICATE_IN_LIST or INVALID. Reads only.
 */
import { normaliseMac, validateMacsForWebex, type WebexMacValidation } from './mac-address.js';
import type { MacUsageRepository } from './mac-usage.repository.js';

export class MacListService {
  constructor(private readonly usage: MacUsageRepository) {}

  async validate(tenantId: string, macs: readonly string[]): Promise<WebexMacValidation> {
    const normalised = new Set(macs.map(normaliseMac).filter((m): m is string => m !== undefined));
    const used = await this.usage.usedAmong(tenantId, [...normalised]);
    return validateMacsForWebex(macs, used);
  }
}
