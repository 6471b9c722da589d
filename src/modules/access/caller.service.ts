/** Who is calling (GET /v1/me): the principal's tenant, credential, role, scopes and the person it acts as. */
import { AppError } from '../../errors.js';
import type { PersonRepository } from '../people/person.repository.js';
import type { TenantRepository } from '../tenants/tenant.repository.js';
import type { MeView } from '../logins/login.schemas.js';
import type { Principal } from './principal.js';

export class CallerService {
  constructor(
    private readonly tenants: TenantRepository,
    private readonly people: PersonRepository,
  ) {}

  async describe(principal: Principal): Promise<MeView> {
    const tenant = await this.tenants.findById(principal.tenantId);
    // A credential outlives its tenant only for the instant before cascading deletes reach it.
    if (!tenant) throw new AppError('invalid_credentials', 'The credential is unknown, revoked or expired.');
    const person =
      principal.personId === null
        ? undefined
        : await this.people.findById(principal.tenantId, principal.personId, { userGroups: false });
    return {
      tenant: { id: tenant.id, name: tenant.name, apiCode: tenant.api_code },
      credential: { kind: principal.credentialKind, id: principal.credentialId },
      role: principal.role,
      scopes: [...principal.scopes],
      person: person
        ? {
            id: person.row.id,
            username: person.row.username,
            firstName: person.row.first_name,
            lastName: person.row.last_name,
          }
        : null,
    };
  }
}
