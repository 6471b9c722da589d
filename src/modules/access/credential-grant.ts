/**
 * What a new credential (API key, OAuth client) may be granted: its scopes within the role's ceiling (and,
 * when an HTTP caller creates it, within the caller's own scopes), and the person it acts as, which the
 * agent and supervisor roles require and which must be a person of the same tenant.
 */
import { AppError } from '../../errors.js';
import { actsAsPerson } from './principal.js';
import { type Role, type Scope, grantScopes } from './roles.js';

export interface GrantRequest {
  readonly role: Role;
  readonly scopes?: readonly string[];
  readonly personId?: string | null;
}

export interface Grant {
  readonly scopes: Scope[];
  readonly personId: string | null;
}

/** Resolves a grant or throws a 400 naming what is wrong; `grantable` caps the scopes (the creator's own). */
export async function resolveGrant(
  request: GrantRequest,
  personExists: (personId: string) => Promise<boolean>,
  grantable?: readonly Scope[],
): Promise<Grant> {
  const { granted, rejected } = grantScopes(request.role, request.scopes);
  if (rejected.length > 0) {
    throw new AppError(
      'invalid_body',
      `Scopes unknown or above the ceiling of the role '${request.role}': ${rejected.join(', ')}.`,
      { parameter: 'scopes' },
    );
  }
  if (granted.length === 0) {
    throw new AppError('invalid_body', 'A credential needs at least one scope.', { parameter: 'scopes' });
  }
  const notHeld = grantable ? granted.filter((s) => !grantable.includes(s)) : [];
  if (notHeld.length > 0) {
    throw new AppError('invalid_body', `Scopes the calling credential does not hold itself: ${notHeld.join(', ')}.`, {
      parameter: 'scopes',
    });
  }
  const personId = request.personId ?? null;
  if (personId === null && actsAsPerson(request.role)) {
    throw new AppError(
      'invalid_body',
      `A credential with the role '${request.role}' must name the person it acts as.`,
      {
        parameter: 'personId',
      },
    );
  }
  if (personId !== null && (personId.length > 64 || !(await personExists(personId)))) {
    throw new AppError('invalid_body', `There is no person with id '${personId.slice(0, 64)}' in this tenant.`, {
      parameter: 'personId',
    });
  }
  return { scopes: granted, personId };
}
