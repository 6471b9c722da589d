/** Console sign-in sessions, found by the SHA-256 of their token together with the login that gives their role. */
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { SessionTable } from './session.table.js';
import { revokeRow } from '../../db/revocable-rows.js';

export type SessionRow = Selectable<SessionTable>;

/** A session with what authenticating it needs from the person's login (absent when the login is gone). */
export type SessionWithLogin = SessionRow & { role: string | null; disabled_at: number | null };

export class SessionRepository {
  constructor(private readonly db: Kysely<Database>) {}

  findByTokenHash(tokenHash: string): Promise<SessionWithLogin | undefined> {
    return this.db
      .selectFrom('sessions as s')
      .leftJoin('person_logins as l', (join) =>
        join.onRef('l.person_id', '=', 's.person_id').onRef('l.tenant_id', '=', 's.tenant_id'),
      )
      .selectAll('s')
      .select(['l.role', 'l.disabled_at'])
      .where('s.token_hash', '=', tokenHash)
      .executeTakeFirst();
  }

  async insert(row: SessionRow): Promise<void> {
    await this.db.insertInto('sessions').values(row).execute();
  }

  /** Revokes one session; false when it already was. */
  revoke(tenantId: string, id: string, at: number): Promise<boolean> {
    return revokeRow(this.db, 'sessions', tenantId, id, at);
  }

  /** Revokes every live session of a person; returns how many. */
  async revokeAllOf(tenantId: string, personId: string, at: number): Promise<number> {
    const result = await this.db
      .updateTable('sessions')
      .set({ revoked_at: at })
      .where('tenant_id', '=', tenantId)
      .where('person_id', '=', personId)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', at)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** Deletes a person's sessions that ended (expired or revoked) before `before`. */
  async pruneEnded(tenantId: string, personId: string, before: number): Promise<void> {
    await this.db
      .deleteFrom('sessions')
      .where('tenant_id', '=', tenantId)
      .where('person_id', '=', personId)
      .where((eb) => eb.or([eb('expires_at', '<', before), eb('revoked_at', '<', before)]))
      .execute();
  }
}
