/**
 * Console sign-in sessions: sign in with a login and password (a random token, stored only as its SHA-256,
 * travels in a cookie), authenticate a presented token, sign out. Sign-in and sign-out are audited. A
 * session's role is its person's login's role at each request, so a role change, a disabled or deleted login
 * applies at once; sessions are not cached.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { newId } from '../../db/ids.js';
import { AppError } from '../../errors.js';
import { type Actor, recordChange } from '../audit/audit-trail.js';
import type { PersonRepository } from '../people/person.repository.js';
import { type LoginService, loginPrincipal } from './login.service.js';
import { PersonLoginRepository, type PersonLoginRow } from './person-login.repository.js';
import type { Principal } from '../access/principal.js';
import { isRole } from '../access/roles.js';
import { SessionRepository, type SessionRow } from './session.repository.js';

export interface SignedIn {
  /** The session token: it goes into the cookie and nowhere else. */
  readonly token: string;
  readonly session: SessionRow;
  readonly login: PersonLoginRow;
  readonly principal: Principal;
  readonly person: { id: string; username: string; firstName: string | null; lastName: string | null };
}

/** 32 random bytes, base64url. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export class SessionService {
  private readonly sessions: SessionRepository;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly logins: LoginService,
    private readonly people: PersonRepository,
    /** How long a session lasts (SESSION_TTL_HOURS). */
    readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.sessions = new SessionRepository(db);
  }

  /** Starts a session; invalid_credentials for an unknown login, a wrong password or a disabled login alike. */
  async signIn(login: string, password: string, requestId: string | null): Promise<SignedIn> {
    const row = await this.logins.verifyCredentials(login, password);
    if (!row) throw new AppError('invalid_credentials', 'The login or the password is wrong.');
    const person = await this.people.findById(row.tenant_id, row.person_id, { userGroups: false });
    if (!person) throw new AppError('invalid_credentials', 'The login or the password is wrong.');
    const at = this.now();
    const token = randomBytes(32).toString('base64url');
    const session: SessionRow = {
      id: newId(),
      tenant_id: row.tenant_id,
      person_id: row.person_id,
      token_hash: hashSessionToken(token),
      created_at: at,
      expires_at: at + this.ttlMs,
      revoked_at: null,
    };
    const principal = loginPrincipal(row, 'session', session.id);
    await this.db.transaction().execute(async (trx) => {
      const sessions = new SessionRepository(trx);
      await sessions.pruneEnded(row.tenant_id, row.person_id, at);
      await sessions.insert(session);
      await new PersonLoginRepository(trx).touchLastLogin(row.person_id, at);
      await recordChange(
        trx,
        sessionActor(principal, requestId),
        { action: 'session.create', resourceType: 'session', resourceId: session.id, after: presentSession(session) },
        at,
      );
    });
    return {
      token,
      session,
      login: { ...row, last_login_at: at },
      principal,
      person: {
        id: person.row.id,
        username: person.row.username,
        firstName: person.row.first_name,
        lastName: person.row.last_name,
      },
    };
  }

  /** The principal of a live session token, or null (unknown, expired, revoked, or its login disabled or gone). */
  async authenticateSession(token: string): Promise<Principal | null> {
    if (!TOKEN.test(token)) return null;
    const row = await this.sessions.findByTokenHash(hashSessionToken(token));
    if (!row || row.revoked_at !== null || row.expires_at <= this.now()) return null;
    if (row.role === null || !isRole(row.role) || row.disabled_at !== null) return null;
    return loginPrincipal({ tenant_id: row.tenant_id, person_id: row.person_id, role: row.role }, 'session', row.id);
  }

  /** Ends the session that authenticated `principal`; session_not_found when it was another kind of credential. */
  async signOut(principal: Principal, requestId: string | null): Promise<void> {
    if (principal.credentialKind !== 'session') {
      throw new AppError('session_not_found', 'This request was not authenticated by a sign-in session.');
    }
    const at = this.now();
    await this.db.transaction().execute(async (trx) => {
      if (!(await new SessionRepository(trx).revoke(principal.tenantId, principal.credentialId, at))) return;
      await recordChange(
        trx,
        sessionActor(principal, requestId),
        { action: 'session.revoke', resourceType: 'session', resourceId: principal.credentialId },
        at,
      );
    });
  }
}

function sessionActor(principal: Principal, requestId: string | null): Actor {
  return {
    tenantId: principal.tenantId,
    kind: 'session',
    personId: principal.personId,
    credentialId: principal.credentialId,
    requestId,
  };
}

function presentSession(row: SessionRow) {
  return {
    id: row.id,
    personId: row.person_id,
    createdAt: new Date(row.created_at).toISOString(),
    expiresAt: new Date(row.expires_at).toISOString(),
  };
}
