/**
 * The resources Genesys devices refer to (vendor-apis.md §2.3: their attribute pages were not found, so both
 * shapes are SILENT and chosen here):
 *   GET /api/v2/phone-numbers/{id}       a tenant's phone number, with the attributes a device derives from it
 *   GET /api/v2/voice-environments/{id}  the tenant's one voice environment (its id is the tenant id)
 * Anything outside the caller's tenant is statusCode 6, as if it did not exist.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../errors.js';
import { principalOf } from '../../http/auth.js';
import type { PhoneNumberRow } from '../../modules/numbers/phone-number.repository.js';
import { countryNameOf } from '../../modules/numbers/phone-number.js';
import type { PhoneNumberService } from '../../modules/numbers/phone-number.service.js';
import type { TenantService } from '../../modules/tenants/tenant.service.js';

const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) });

export interface GenesysResourceRouteOptions {
  readonly numbers: PhoneNumberService;
  readonly tenants: TenantService;
}

export const genesysResourceRoutes: FastifyPluginAsyncTypebox<GenesysResourceRouteOptions> = async (
  app,
  { numbers, tenants },
) => {
  app.get('/api/v2/phone-numbers/:id', { schema: { hide: true, params: IdParams } }, async (request) => {
    const row = await numbers.get(principalOf(request).tenantId, request.params.id);
    return { statusCode: 0, phoneNumber: presentGenesysPhoneNumber(row) };
  });

  app.get('/api/v2/voice-environments/:id', { schema: { hide: true, params: IdParams } }, async (request) => {
    const { tenantId } = principalOf(request);
    if (request.params.id !== tenantId) {
      throw new AppError(
        'tenant_not_found',
        `There is no voice environment with id '${request.params.id.slice(0, 64)}'.`,
      );
    }
    const tenant = await tenants.summary(tenantId);
    return { statusCode: 0, voiceEnvironment: { id: tenant.id, name: tenant.name } };
  });
};

/**
 * A phone number as a Genesys resource (SILENT): `id`, `number` as assigned, and the attributes a device
 * shows for it, spelled as on the device — `e164Number`, `country` {name, code, callingCode} (empty strings
 * for an extension), `localNumber`, `location` (left out when unknown).
 */
export function presentGenesysPhoneNumber(row: PhoneNumberRow): Record<string, unknown> {
  const extension = row.e164 === null;
  const country =
    extension || row.country_code === null
      ? { name: '', code: '', callingCode: '' }
      : { name: countryNameOf(row.country_code) ?? '', code: row.country_code, callingCode: row.calling_code ?? '' };
  return {
    id: row.id,
    number: row.number,
    e164Number: row.e164 ?? row.number,
    country,
    localNumber: row.national_format ?? row.number,
    ...(row.location ? { location: row.location } : {}),
  };
}
