/**
 * Person writes shared by every API surface: create, replace (PUT), merge patch (PATCH), delete, and the ordered
 * replacement of a person's user-group memberships, through the shared versioned write cycle
 * (../versioned-writer.ts). Username and e-mail are unique in the tenant (409 person_username_taken,
 * person_email_taken). A site or user group of another tenant is refused like an unknown one (400).
 *
 * Memberships are ordered (position 0 = highest priority); replacing them re-derives the compliance of the
 * person's devices, since a group policy may govern them (owner-compliance.ts).
 *
 * Deleting a person: the devices they owned are kept, without an owner and so without group policies (each one's
 * version bumped, as the schema's ON DELETE SET NULL would not); their memberships, login, console sessions, and
 * the API keys and OAuth clients that act as them are deleted with them (the schema's ON DELETE CASCADE), and
 * cached credential lookups are dropped so those keys stop at once on this node.
 */
import type { Kysely } from 'kysely';
import type { Capabilities } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import { violatedConstraint } from '../../db/unique-violation.js';
import { AppError } from '../../errors.js';
import { ruleViolationAt } from '../rule-violation.js';
import { refreshOwnerDevices } from '../devices/owner-compliance.js';
import type { Actor } from '../audit/audit-trail.js';
import { applyMergePatch } from '../merge-patch.js';
import type { Precondition } from '../preconditions.js';
import { type ResourceWrites, VersionedWriter } from '../versioned-writer.js';
import { presentPerson } from './person.presenter.js';
import { type PersonRecord, PersonRepository } from './person.repository.js';
import type { PersonTable } from './person.table.js';
import { numericExtensionIdOf } from '../extension-ids/numeric-extension-id.js';
import type { PersonBody, PersonPatchBody, PersonUserGroupsBody } from './person-write.schemas.js';
import { updateAtVersion, deleteAtVersion } from '../../db/versioned-rows.js';

export interface PersonDocument {
  username: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  extensionNumber: string | null;
  roles: string[];
  siteId: string | null;
  agentState: { state?: string; workMode?: string | null } | null;
}

type Columns = Pick<
  PersonTable,
  | 'username'
  | 'first_name'
  | 'last_name'
  | 'email'
  | 'extension_number'
  | 'roles'
  | 'site_id'
  | 'agent_state'
  | 'agent_work_mode'
>;

const EMPTY: Omit<PersonDocument, 'username'> = {
  firstName: null,
  lastName: null,
  email: null,
  extensionNumber: null,
  roles: [],
  siteId: null,
  agentState: null,
};

const PERSON_UNIQUE_CONSTRAINTS = [
  { name: 'people_tenant_username_uq', table: 'people', columns: ['tenant_id', 'username'], field: 'username' },
  { name: 'people_tenant_email_uq', table: 'people', columns: ['tenant_id', 'email'], field: 'email' },
] as const;

/** A pragmatic e-mail syntax: one @, no spaces, a dotted domain. */
const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;

function personWrites(capabilities: Capabilities): ResourceWrites<PersonRecord, PersonDocument, Columns> {
  return {
    type: 'person',
    noun: 'person',
    notFound: (id) => new AppError('person_not_found', `There is no person with id '${id.slice(0, 64)}'.`),
    find: (db, tenantId, id) => new PersonRepository(db, capabilities).findById(tenantId, id),
    rowOf: (record) => record.row,
    present: presentPerson,
    documentOf: ({ row }) => ({
      username: row.username,
      firstName: row.first_name,
      lastName: row.last_name,
      email: row.email,
      extensionNumber: row.extension_number,
      roles: JSON.parse(row.roles) as string[],
      siteId: row.site_id,
      agentState: row.agent_state === null ? null : { state: row.agent_state, workMode: row.agent_work_mode },
    }),
    columnsOf: async (db, tenantId, d) => {
      const email = d.email?.trim().toLowerCase() ?? null;
      if (email !== null && !EMAIL.test(email)) {
        throw ruleViolationAt(
          'email',
          'email_syntax',
          `'${email.slice(0, 64)}' is not an e-mail address (name@example.com).`,
        );
      }
      if (d.siteId !== null && !(await exists(db, 'sites', tenantId, d.siteId))) {
        throw ruleViolationAt('siteId', 'unknown_site', `There is no site with id '${d.siteId}'.`);
      }
      if (d.agentState !== null && d.agentState.state === undefined) {
        throw ruleViolationAt('agentState.state', 'required', 'An agent state needs a state (Ready or NotReady).');
      }
      const workMode = d.agentState?.workMode ?? null;
      if (workMode !== null && d.agentState?.state !== 'NotReady') {
        throw ruleViolationAt(
          'agentState.workMode',
          'work_mode_only_not_ready',
          'A work mode is allowed only while the agent is NotReady.',
        );
      }
      return {
        username: d.username,
        first_name: d.firstName,
        last_name: d.lastName,
        email,
        extension_number: d.extensionNumber,
        roles: JSON.stringify([...d.roles].sort()),
        site_id: d.siteId,
        agent_state: d.agentState?.state ?? null,
        agent_work_mode: workMode,
      };
    },
    unchanged: (columns, { row }) => (Object.keys(columns) as (keyof Columns)[]).every((k) => columns[k] === row[k]),
    insert: async (db, tenantId, id, columns, at) => {
      await db
        .insertInto('people')
        .values({
          id,
          tenant_id: tenantId,
          ...columns,
          ringcentral_extension_id: numericExtensionIdOf(id),
          source_system: 'ucfleet',
          external_id: null,
          synced_at: null,
          created_at: at,
          updated_at: at,
          version: 1,
        })
        .execute();
    },
    update: async (db, tenantId, id, version, values) => {
      return updateAtVersion(db, 'people', tenantId, id, version, values);
    },
    remove: async (db, tenantId, id, version) => {
      return deleteAtVersion(db, 'people', tenantId, id, version);
    },
    // The devices stay, without an owner (and so without group policies); as changed devices, their versions move.
    beforeDelete: (db, tenantId, { row }, at) => refreshOwnerDevices(db, tenantId, row.id, at, { releaseOwner: true }),
    conflictOf: (error) => {
      const broken = violatedConstraint(error, PERSON_UNIQUE_CONSTRAINTS);
      if (broken?.field === 'username') {
        return new AppError('person_username_taken', 'Another person of the tenant has this username.', {
          parameter: 'username',
        });
      }
      if (broken?.field === 'email') {
        return new AppError('person_email_taken', 'Another person of the tenant has this e-mail address.', {
          parameter: 'email',
        });
      }
      return undefined;
    },
  };
}

export class PersonWriteService {
  private readonly writer: VersionedWriter<PersonRecord, PersonDocument, Columns>;

  /** forgetCredentials: drops cached credential lookups, so the deleted person's API keys stop at once. */
  constructor(
    db: Kysely<Database>,
    capabilities: Capabilities,
    private readonly forgetCredentials: () => void,
    private readonly now: () => number = Date.now,
  ) {
    this.writer = new VersionedWriter(db, personWrites(capabilities), now);
  }

  create(actor: Actor, body: PersonBody): Promise<PersonRecord> {
    return this.writer.create(actor, documentOfBody(body));
  }

  /** PUT: the body replaces every writable field; a missing member is cleared. Memberships are kept. */
  replace(
    actor: Actor,
    id: string,
    body: PersonBody,
    precondition?: Precondition<PersonRecord>,
  ): Promise<PersonRecord> {
    return this.writer.change(actor, id, () => documentOfBody(body), precondition);
  }

  /** PATCH: a JSON merge patch of the writable fields (RFC 7396); agentState merges member by member. */
  patch(
    actor: Actor,
    id: string,
    patch: PersonPatchBody,
    precondition?: Precondition<PersonRecord>,
  ): Promise<PersonRecord> {
    return this.writer.change(
      actor,
      id,
      (current) => {
        const merged = applyMergePatch(current, patch) as Partial<PersonDocument>;
        return { ...EMPTY, ...merged, username: merged.username ?? current.username };
      },
      precondition,
    );
  }

  async delete(actor: Actor, id: string, precondition?: Precondition<PersonRecord>): Promise<void> {
    await this.writer.delete(actor, id, precondition);
    this.forgetCredentials();
  }

  /**
   * Replaces the person's memberships with `userGroupIds`, in that order (the first is the highest priority).
   * A group id that is not the tenant's is 400 naming its index. Audited as person.user_groups.replace.
   */
  replaceUserGroups(
    actor: Actor,
    id: string,
    { userGroupIds }: PersonUserGroupsBody,
    precondition?: Precondition<PersonRecord>,
  ): Promise<PersonRecord> {
    return this.writer.alter(
      actor,
      id,
      'person.user_groups.replace',
      async (trx, current) => {
        for (const [index, groupId] of userGroupIds.entries()) {
          if (!(await exists(trx, 'user_groups', actor.tenantId, groupId))) {
            throw ruleViolationAt(
              `userGroupIds[${index}]`,
              'unknown_user_group',
              `There is no user group with id '${groupId}'.`,
            );
          }
        }
        if (
          sameOrder(
            current.userGroups.map((g) => g.id),
            userGroupIds,
          )
        )
          return false;
        await trx
          .deleteFrom('group_memberships')
          .where('tenant_id', '=', actor.tenantId)
          .where('person_id', '=', id)
          .execute();
        if (userGroupIds.length > 0) {
          await trx
            .insertInto('group_memberships')
            .values(
              userGroupIds.map((groupId, position) => ({
                tenant_id: actor.tenantId,
                person_id: id,
                group_id: groupId,
                position,
              })),
            )
            .execute();
        }
        // A group policy may now govern (or stop governing) the person's devices.
        await refreshOwnerDevices(trx, actor.tenantId, id, this.now(), { releaseOwner: false });
        return true;
      },
      precondition,
    );
  }
}

function documentOfBody(body: PersonBody): PersonDocument {
  return { ...EMPTY, ...(Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)) as PersonBody) };
}

async function exists(
  db: Kysely<Database>,
  table: 'sites' | 'user_groups',
  tenantId: string,
  id: string,
): Promise<boolean> {
  const row = await db
    .selectFrom(table)
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row !== undefined;
}

function sameOrder(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}
