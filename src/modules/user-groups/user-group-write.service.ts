/**
 * User group writes shared by every API surface: create, replace (PUT), merge patch (PATCH) and delete, through
 * the shared versioned write cycle (../versioned-writer.ts). The name is unique in the tenant (409
 * user_group_name_taken). Deleting a group removes its memberships (the members' remaining groups keep their
 * order); a group a compliance policy names cannot be deleted (409 user_group_in_use), since the schema would
 * delete the policy with it.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { violatedConstraint } from '../../db/unique-violation.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../audit/audit-trail.js';
import type { Precondition } from '../preconditions.js';
import { type ResourceWrites, VersionedWriter } from '../versioned-writer.js';
import { presentUserGroup } from './user-group.presenter.js';
import type { UserGroupRecord } from './user-group.repository.js';
import type { UserGroupBody, UserGroupPatchBody } from './user-group-write.schemas.js';
import { updateAtVersion, deleteAtVersion } from '../../db/versioned-rows.js';

export interface UserGroupDocument {
  name: string;
  description: string | null;
}

const UNIQUE_NAME = [{ name: 'user_groups_tenant_name_uq', table: 'user_groups', columns: ['tenant_id', 'name'] }];

const userGroupWrites: ResourceWrites<UserGroupRecord, UserGroupDocument, UserGroupDocument> = {
  type: 'user_group',
  noun: 'user group',
  notFound: (id) => new AppError('user_group_not_found', `There is no user group with id '${id.slice(0, 64)}'.`),
  find: async (db, tenantId, id) => {
    const row = await db
      .selectFrom('user_groups')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return undefined;
    const count = await db
      .selectFrom('group_memberships')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('tenant_id', '=', tenantId)
      .where('group_id', '=', id)
      .executeTakeFirstOrThrow();
    return { row, memberCount: Number(count.n) };
  },
  rowOf: (record) => record.row,
  present: presentUserGroup,
  documentOf: ({ row }) => ({ name: row.name, description: row.description }),
  columnsOf: async (_db, _tenantId, d) => ({ name: d.name.trim(), description: d.description }),
  unchanged: (d, { row }) => d.name === row.name && d.description === row.description,
  insert: async (db, tenantId, id, d, at) => {
    await db
      .insertInto('user_groups')
      .values({ id, tenant_id: tenantId, ...d, created_at: at, updated_at: at, version: 1 })
      .execute();
  },
  update: async (db, tenantId, id, version, values) => {
    return updateAtVersion(db, 'user_groups', tenantId, id, version, values);
  },
  remove: async (db, tenantId, id, version) => {
    return deleteAtVersion(db, 'user_groups', tenantId, id, version);
  },
  beforeDelete: async (db, tenantId, { row }) => {
    const policy = await db
      .selectFrom('compliance_policies')
      .select('name')
      .where('tenant_id', '=', tenantId)
      .where('user_group_id', '=', row.id)
      .executeTakeFirst();
    if (policy) {
      throw new AppError(
        'user_group_in_use',
        `The compliance policy '${policy.name}' names this user group; change or delete the policy first.`,
      );
    }
  },
  conflictOf: (error) =>
    violatedConstraint(error, UNIQUE_NAME)
      ? new AppError('user_group_name_taken', 'Another user group of the tenant has this name.', { parameter: 'name' })
      : undefined,
};

export class UserGroupWriteService {
  private readonly writer: VersionedWriter<UserGroupRecord, UserGroupDocument, UserGroupDocument>;

  constructor(db: Kysely<Database>, now: () => number = Date.now) {
    this.writer = new VersionedWriter(db, userGroupWrites, now);
  }

  create(actor: Actor, body: UserGroupBody): Promise<UserGroupRecord> {
    return this.writer.create(actor, { name: body.name, description: body.description ?? null });
  }

  replace(
    actor: Actor,
    id: string,
    body: UserGroupBody,
    precondition?: Precondition<UserGroupRecord>,
  ): Promise<UserGroupRecord> {
    return this.writer.change(
      actor,
      id,
      () => ({ name: body.name, description: body.description ?? null }),
      precondition,
    );
  }

  patch(
    actor: Actor,
    id: string,
    patch: UserGroupPatchBody,
    precondition?: Precondition<UserGroupRecord>,
  ): Promise<UserGroupRecord> {
    return this.writer.change(
      actor,
      id,
      (current) => ({
        name: patch.name ?? current.name,
        description: patch.description === undefined ? current.description : patch.description,
      }),
      precondition,
    );
  }

  delete(actor: Actor, id: string, precondition?: Precondition<UserGroupRecord>): Promise<void> {
    return this.writer.delete(actor, id, precondition);
  }
}
