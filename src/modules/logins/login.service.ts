/**
 * People's password logins: read, set (create or replace) and delete them — each change audited in the same
 * transaction — and verify a login and password (console sign-in, HTTP Basic dialects). A login is unique
 * across the deployment and case-insensitive (stored in lower case).
 *
 * Verification always costs exactly one scrypt: an unknown login is checked against a dummy hash, so the
 * answer's timing does not reveal which logins exist. Successful HTTP Basic verifications are remembered for
 * 60 s under an HMAC of login and password (keyed per process), so Basic on every request does not cost a
 * scrypt each time; a change to a login on this node forgets them at once (other nodes: within 60 s).
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { isUniqueViolation } from '../../db/unique-violation.js';
import { AppError } from '../../errors.js';
import { type Actor, recordChange } from '../audit/audit-trail.js';
import { LOGIN_PATTERN } from './login.schemas.js';
import { presentLogin } from './login.presenter.js';
import {
  DEFAULT_SCRYPT_COST,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  type ScryptCost,
  hashPassword,
  passwordLength,
  verifyPassword,
} from './password.js';
import { PersonLoginRepository, type PersonLoginRow } from './person-login.repository.js';
import type { Principal } from '../access/principal.js';
import { ROLE_SCOPES, type Role, isRole } from '../access/roles.js';
import { SessionRepository } from './session.repository.js';

export interface LoginInput {
  readonly login: string;
  readonly role: Role;
  /** Required when the person has no login yet; otherwise replaces the password when given. */
  readonly password?: string;
  readonly disabled?: boolean;
}

export type PersonExists = (tenantId: string, personId: string) => Promise<boolean>;

export interface LoginServiceOptions {
  /** scrypt cost of new hashes. Only tests lower it; production always uses DEFAULT_SCRYPT_COST. */
  readonly passwordCost?: ScryptCost;
  readonly now?: () => number;
}

const VERIFIED_TTL_MS = 60_000;
const VERIFIED_MAX = 10_000;
const TOUCH_INTERVAL_MS = 60_000;
const LOGIN = new RegExp(LOGIN_PATTERN);

/** Logins are case-insensitive: compared and stored in lower case, without surrounding spaces. */
export function normalizeLogin(login: string): string {
  return login.trim().toLowerCase();
}

export class LoginService {
  private readonly logins: PersonLoginRepository;
  private readonly cost: ScryptCost;
  private readonly now: () => number;
  private dummyHash: Promise<string> | undefined;
  private readonly verified = new Map<string, { login: string; principal: Principal; expires: number }>();
  private readonly verifiedKey = randomBytes(32);
  private readonly touched = new Map<string, number>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly personExists: PersonExists,
    options: LoginServiceOptions = {},
  ) {
    this.logins = new PersonLoginRepository(db);
    this.cost = options.passwordCost ?? DEFAULT_SCRYPT_COST;
    this.now = options.now ?? Date.now;
  }

  /** The person's login; person_not_found unless the person is the tenant's, login_not_found when none. */
  async getLogin(tenantId: string, personId: string): Promise<PersonLoginRow> {
    await this.requirePerson(tenantId, personId);
    const row = await this.logins.findByPerson(tenantId, personId);
    if (!row) throw new AppError('login_not_found', `The person '${personId}' has no login.`);
    return row;
  }

  /**
   * Creates or replaces the person's login. A new password or disabling the login ends the person's
   * sign-in sessions. Returns the row and whether it was created.
   */
  async setLogin(
    actor: Actor,
    personId: string,
    input: LoginInput,
  ): Promise<{ row: PersonLoginRow; created: boolean }> {
    await this.requirePerson(actor.tenantId, personId);
    const login = normalizeLogin(input.login);
    if (!LOGIN.test(login)) {
      throw new AppError(
        'invalid_body',
        'login must be 3 to 128 characters of A-Z, a-z, 0-9, ".", "_", "@", "+", "-".',
        {
          parameter: 'login',
        },
      );
    }
    if (!isRole(input.role)) throw new AppError('invalid_body', `Unknown role '${input.role}'.`, { parameter: 'role' });
    if (input.password !== undefined) checkPasswordLength(input.password);
    const passwordHash = input.password === undefined ? undefined : await hashPassword(input.password, this.cost);
    const at = this.now();
    let result: { row: PersonLoginRow; created: boolean; previous: PersonLoginRow | undefined };
    try {
      result = await this.db.transaction().execute(async (trx) => {
        const logins = new PersonLoginRepository(trx);
        const previous = await logins.findByPerson(actor.tenantId, personId);
        if (!previous && passwordHash === undefined) {
          throw new AppError('invalid_body', 'password is required when the person has no login yet.', {
            parameter: 'password',
          });
        }
        const holder = await logins.findByLogin(login);
        if (holder && holder.person_id !== personId) throw loginTaken(login);
        const disabledAt = input.disabled ? (previous?.disabled_at ?? at) : null;
        const row: PersonLoginRow = {
          person_id: personId,
          tenant_id: actor.tenantId,
          login,
          password_hash: passwordHash ?? previous!.password_hash,
          role: input.role,
          created_at: previous?.created_at ?? at,
          updated_at: at,
          last_login_at: previous?.last_login_at ?? null,
          disabled_at: disabledAt,
        };
        if (previous) await logins.replace(row);
        else await logins.insert(row);
        const passwordChanged = previous !== undefined && passwordHash !== undefined;
        if (passwordChanged || (disabledAt !== null && previous?.disabled_at === null)) {
          await new SessionRepository(trx).revokeAllOf(actor.tenantId, personId, at);
        }
        await recordChange(
          trx,
          actor,
          {
            action: 'login.set',
            resourceType: 'person_login',
            resourceId: personId,
            before: previous ? presentLogin(previous) : null,
            after: { ...presentLogin(row), ...(passwordHash !== undefined ? { passwordChanged: true } : {}) },
          },
          at,
        );
        return { row, created: !previous, previous };
      });
    } catch (error) {
      throw isUniqueViolation(error) ? loginTaken(login) : error;
    }
    this.forgetVerified(login);
    if (result.previous) this.forgetVerified(result.previous.login);
    return { row: result.row, created: result.created };
  }

  /** Removes the person's login and ends their sign-in sessions. */
  async deleteLogin(actor: Actor, personId: string): Promise<void> {
    const before = await this.getLogin(actor.tenantId, personId);
    const at = this.now();
    await this.db.transaction().execute(async (trx) => {
      await new PersonLoginRepository(trx).delete(actor.tenantId, personId);
      await new SessionRepository(trx).revokeAllOf(actor.tenantId, personId, at);
      await recordChange(
        trx,
        actor,
        { action: 'login.delete', resourceType: 'person_login', resourceId: personId, before: presentLogin(before) },
        at,
      );
    });
    this.forgetVerified(before.login);
  }

  /**
   * The enabled login matching `login` and `password`, or null — for an unknown login, a wrong password or a
   * disabled login alike, after the same work (one scrypt).
   */
  async verifyCredentials(login: string, password: string): Promise<PersonLoginRow | null> {
    const normalized = normalizeLogin(login);
    const row = LOGIN.test(normalized) ? await this.logins.findByLogin(normalized) : undefined;
    const matches = await verifyPassword(password, row?.password_hash ?? (await this.dummy()));
    if (!row || !matches || row.disabled_at !== null || !isRole(row.role)) return null;
    return row;
  }

  /** The principal for an HTTP Basic login and password (dialects that sign in as a user), or null. */
  async authenticatePassword(login: string, password: string): Promise<Principal | null> {
    const normalized = normalizeLogin(login);
    const key = createHmac('sha256', this.verifiedKey).update(normalized).update('\0').update(password).digest('hex');
    const at = this.now();
    const cached = this.verified.get(key);
    if (cached && cached.expires > at) {
      this.recordUse(cached.principal.personId!, at);
      return cached.principal;
    }
    const row = await this.verifyCredentials(normalized, password);
    if (!row) return null;
    const principal = loginPrincipal(row, 'password', row.person_id);
    if (this.verified.size >= VERIFIED_MAX) this.verified.clear();
    this.verified.set(key, { login: normalized, principal, expires: at + VERIFIED_TTL_MS });
    this.recordUse(row.person_id, at);
    return principal;
  }

  private forgetVerified(login: string): void {
    for (const [key, entry] of this.verified) if (entry.login === login) this.verified.delete(key);
  }

  /** Last sign-in time, at most once a minute per person; best effort. */
  private recordUse(personId: string, at: number): void {
    const last = this.touched.get(personId) ?? 0;
    if (at - last < TOUCH_INTERVAL_MS) return;
    this.touched.set(personId, at);
    this.logins.touchLastLogin(personId, at).catch(() => this.touched.delete(personId));
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= hashPassword(randomBytes(16).toString('hex'), this.cost);
    return this.dummyHash;
  }

  private async requirePerson(tenantId: string, personId: string): Promise<void> {
    if (personId.length > 64 || !(await this.personExists(tenantId, personId))) {
      throw new AppError('person_not_found', `There is no person with id '${personId.slice(0, 64)}'.`);
    }
  }
}

/** A principal acting as the login's person, with everything its role may do. */
export function loginPrincipal(
  row: Pick<PersonLoginRow, 'tenant_id' | 'person_id' | 'role'>,
  kind: 'password' | 'session',
  credentialId: string,
): Principal {
  const role = row.role as Role;
  return {
    tenantId: row.tenant_id,
    credentialKind: kind,
    credentialId,
    personId: row.person_id,
    role,
    scopes: [...ROLE_SCOPES[role]],
  };
}

function checkPasswordLength(password: string): void {
  const length = passwordLength(password);
  if (length < PASSWORD_MIN_LENGTH || length > PASSWORD_MAX_LENGTH) {
    throw new AppError(
      'invalid_body',
      `password must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters (got ${length}).`,
      { parameter: 'password' },
    );
  }
}

function loginTaken(login: string): AppError {
  return new AppError('login_taken', `The login '${login}' is already taken.`, { parameter: 'login' });
}
