/**
 * Reads people and their ordered user-group memberships.
 * Every query names the tenant; a person of another tenant is indistinguishable from a missing one.
 */
import { type Kysely, type Selectable, sql } from 'kysely';
import type { Capabilities } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import { applyPage, toPage } from '../../query/keyset.js';
import type { Page, PageRequest } from '../../query/page.js';
import type { PersonTable } from './person.table.js';
import { anyColumnContains, containsPattern } from '../../db/text-search.js';

export const PERSON_SORT_FIELDS = ['id', 'username'] as const;
export type PersonSortField = (typeof PERSON_SORT_FIELDS)[number];

/** Canonical people filters. */
export interface PersonFilter {
  /** User group id or name: its members. */
  userGroup?: string;
  /** Exactly this user group id (the members of a group). */
  groupId?: string;
  /** Site id or name. */
  site?: string;
  /** A role the person holds, any case. */
  role?: string;
  /** Case-insensitive substring of username, first name, last name or email. */
  q?: string;
  /** Exactly this person (what an agent may see of the directory). */
  personId?: string;
}

export type PersonRow = Selectable<PersonTable> & { site_name: string | null };

export interface PersonGroupRef {
  id: string;
  name: string;
}

export interface PersonRecord {
  readonly row: PersonRow;
  /** Membership order: highest priority (position 0) first. */
  readonly userGroups: PersonGroupRef[];
}

/** Which relations to load besides the row; a projection that omits them skips their query. */
export interface PersonIncludes {
  userGroups: boolean;
}
export const ALL_PERSON_RELATIONS: PersonIncludes = { userGroups: true };

export class PersonRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly capabilities: Capabilities,
  ) {}

  async findById(
    tenantId: string,
    id: string,
    include: PersonIncludes = ALL_PERSON_RELATIONS,
  ): Promise<PersonRecord | undefined> {
    const row = await this.baseQuery(tenantId).where('p.id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    const [record] = await this.withRelations(tenantId, [row], include);
    return record;
  }

  async exists(tenantId: string, id: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('people')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** The id of the tenant's person with exactly this username. */
  async idByUsername(tenantId: string, username: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('people')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('username', '=', username)
      .executeTakeFirst();
    return row?.id;
  }

  /** People of the tenant whose id or username is `idOrUsername` (a few at most; an operator's reference). */
  findByIdOrUsername(tenantId: string, idOrUsername: string): Promise<{ id: string; username: string }[]> {
    return this.db
      .selectFrom('people')
      .select(['id', 'username'])
      .where('tenant_id', '=', tenantId)
      .where((eb) => eb.or([eb('id', '=', idOrUsername), eb('username', '=', idOrUsername)]))
      .limit(3)
      .execute();
  }

  async list(
    tenantId: string,
    filter: PersonFilter,
    page: PageRequest<PersonSortField>,
    include: PersonIncludes = ALL_PERSON_RELATIONS,
  ): Promise<Page<PersonRecord>> {
    let query = this.applyFilter(this.baseQuery(tenantId), tenantId, filter);
    const byUsername = page.sort.field === 'username';
    query = applyPage(query, page, { sortColumn: byUsername ? 'p.username' : 'p.id', idColumn: 'p.id' });
    const rows = await query.execute();
    const result = toPage(rows, page, (row) => ({ value: byUsername ? row.username : row.id, id: row.id }));
    return { ...result, items: await this.withRelations(tenantId, result.items, include) };
  }

  private baseQuery(tenantId: string) {
    return this.db
      .selectFrom('people as p')
      .leftJoin('sites as s', (join) => join.onRef('s.id', '=', 'p.site_id').onRef('s.tenant_id', '=', 'p.tenant_id'))
      .selectAll('p')
      .select('s.name as site_name')
      .where('p.tenant_id', '=', tenantId);
  }

  private applyFilter(query: ReturnType<PersonRepository['baseQuery']>, tenantId: string, filter: PersonFilter) {
    let q = query;
    if (filter.userGroup !== undefined) {
      const group = filter.userGroup;
      q = q.where('p.id', 'in', (eb) =>
        eb
          .selectFrom('group_memberships as gm')
          .innerJoin('user_groups as g', (join) =>
            join.onRef('g.id', '=', 'gm.group_id').onRef('g.tenant_id', '=', 'gm.tenant_id'),
          )
          .select('gm.person_id')
          .where('gm.tenant_id', '=', tenantId)
          .where((w) => w.or([w('g.id', '=', group), w('g.name', '=', group)])),
      );
    }
    if (filter.groupId !== undefined) {
      q = q.where('p.id', 'in', (eb) =>
        eb
          .selectFrom('group_memberships')
          .select('person_id')
          .where('tenant_id', '=', tenantId)
          .where('group_id', '=', filter.groupId!),
      );
    }
    if (filter.personId !== undefined) q = q.where('p.id', '=', filter.personId);
    if (filter.site !== undefined) {
      const site = filter.site;
      q = q.where('p.site_id', 'in', (eb) =>
        eb
          .selectFrom('sites')
          .select('id')
          .where('tenant_id', '=', tenantId)
          .where((w) => w.or([w('id', '=', site), w('name', '=', site)])),
      );
    }
    if (filter.role !== undefined) {
      // roles is a JSON array of strings: match the quoted, JSON-encoded name, in any case, on both engines.
      const needle = containsPattern(JSON.stringify(filter.role.toLowerCase()));
      q = q.where(sql<boolean>`lower(p.roles) like ${needle} escape '\\'`);
    }
    if (filter.q !== undefined && filter.q !== '') {
      q = q.where(
        anyColumnContains(
          this.capabilities,
          ['p.username', 'p.first_name', 'p.last_name', 'p.email'],
          containsPattern(filter.q),
        ),
      );
    }
    return q;
  }

  /** Group memberships of a whole page in one query, in membership order. */
  private async withRelations(tenantId: string, rows: PersonRow[], include: PersonIncludes): Promise<PersonRecord[]> {
    if (rows.length === 0) return [];
    const memberships = include.userGroups
      ? await this.db
          .selectFrom('group_memberships as gm')
          .innerJoin('user_groups as g', (join) =>
            join.onRef('g.id', '=', 'gm.group_id').onRef('g.tenant_id', '=', 'gm.tenant_id'),
          )
          .select(['gm.person_id', 'g.id', 'g.name'])
          .where('gm.tenant_id', '=', tenantId)
          .where(
            'gm.person_id',
            'in',
            rows.map((r) => r.id),
          )
          .orderBy('gm.person_id')
          .orderBy('gm.position')
          .execute()
      : [];
    const byPerson = new Map<string, PersonGroupRef[]>();
    for (const row of rows) byPerson.set(row.id, []);
    for (const m of memberships) byPerson.get(m.person_id)?.push({ id: m.id, name: m.name });
    return rows.map((row) => ({ row, userGroups: byPerson.get(row.id)! }));
  }
}
