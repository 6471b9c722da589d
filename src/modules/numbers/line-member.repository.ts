/**
 * The SQL behind line members (line-member.service.ts). Two kinds of reads, each naming the tenant:
 * - directory rows scoped to what one answer needs (directoryRows): the members a set of devices and numbers can
 *   involve, with the first lines, numbers, people and sites their rules read — bounded by the devices' lines,
 *   never the whole tenant;
 * - member search (searchMembers, countMembers): people, workspaces and virtual lines with a number of their own,
 *   the filters in the WHERE clause, ordered and paged by the database.
 * Both compute a member's own number the same way (line-member.service.ts states the rule).
 */
import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { Database } from '../../db/schema.js';
import { containsPattern } from '../../db/text-search.js';

export interface LineDirectoryRows {
  readonly people: {
    id: string;
    first_name: string | null;
    last_name: string | null;
    extension_number: string | null;
    site_id: string | null;
  }[];
  readonly workspaces: { id: string; name: string; site_id: string | null }[];
  readonly virtualLines: {
    id: string;
    first_name: string;
    last_name: string;
    extension: string | null;
    phone_number_id: string | null;
    site_id: string | null;
  }[];
  /** Position-0 lines of owned devices, oldest device first. */
  readonly firstLines: {
    device_id: string;
    created_at?: number;
    owner_person_id: string | null;
    owner_workspace_id: string | null;
    owner_virtual_line_id: string | null;
    phone_number_id: string;
  }[];
  readonly numbers: { id: string; number: string; e164: string | null }[];
  readonly sites: { id: string; name: string }[];
}

export type MemberKind = 'person' | 'workspace' | 'virtualLine';
export interface MemberKey {
  readonly kind: MemberKind;
  readonly id: string;
}

/** A member search; every filter is optional. Texts are matched as case-insensitive substrings. */
export interface MemberSearch {
  readonly name?: string;
  /** Digits contained in the member's E.164 number. */
  readonly numberDigits?: string;
  readonly extension?: string;
  readonly siteId?: string;
  readonly excludeVirtualLines?: boolean;
  /** Members left out (those already on a device). */
  readonly exclude?: readonly MemberKey[];
}

/** One member as searchMembers answers it (line-member.service.ts turns it into a LineMember). */
export interface MemberRow {
  readonly kind: MemberKind;
  readonly id: string;
  readonly first_name: string;
  readonly last_name: string;
  readonly extension: string | null;
  readonly number_id: string;
  readonly e164: string | null;
  readonly site_id: string | null;
  readonly site_name: string | null;
}

/** Bound parameters per IN list, well under both engines' limits. */
const IN_LIST_CHUNK = 500;

function chunks<T>(values: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += IN_LIST_CHUNK) out.push(values.slice(i, i + IN_LIST_CHUNK));
  return out;
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const unique = <T>(values: Iterable<T>) => [...new Set(values)];

export class LineMemberRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * The directory rows that decide, for `numberIds`, which member holds each (virtual lines with the number,
   * first lines carrying it, people whose extension it is), and, for those members and `members`, their own
   * numbers (their first lines, the numbers equal to their extensions) and site names. A LineDirectory built from
   * these rows answers for those numbers and members exactly as one built from the whole tenant.
   */
  async directoryRows(
    tenantId: string,
    members: readonly MemberKey[],
    numberIds: readonly string[],
  ): Promise<LineDirectoryRows> {
    const numbers = new Map<string, LineDirectoryRows['numbers'][number]>();
    const loadNumbers = async (where: 'id' | 'number', values: readonly string[]) => {
      const wanted = unique(values).filter((v) => where === 'number' || !numbers.has(v));
      for (const part of chunks(wanted)) {
        const rows = await this.db
          .selectFrom('phone_numbers')
          .select(['id', 'number', 'e164'])
          .where('tenant_id', '=', tenantId)
          .where(where, 'in', part)
          .execute();
        for (const row of rows) numbers.set(row.id, row);
      }
    };
    const firstLines = new Map<string, LineDirectoryRows['firstLines'][number]>();
    const loadFirstLines = async (column: string, values: readonly string[]) => {
      for (const part of chunks(unique(values))) {
        const rows = await this.db
          .selectFrom('device_lines as dl')
          .innerJoin('devices as d', (join) =>
            join.onRef('d.id', '=', 'dl.device_id').onRef('d.tenant_id', '=', 'dl.tenant_id'),
          )
          .select([
            'd.id as device_id',
            'd.created_at',
            'd.owner_person_id',
            'd.owner_workspace_id',
            'd.owner_virtual_line_id',
            'dl.phone_number_id',
          ])
          .where('dl.tenant_id', '=', tenantId)
          .where('dl.position', '=', 0)
          .where(sql.ref(column), 'in', part)
          .execute();
        for (const row of rows) firstLines.set(row.device_id, { ...row, created_at: Number(row.created_at) });
      }
    };

    // Who may hold the numbers: virtual lines with them, owners of first lines carrying them, people whose
    // extension they are.
    await loadNumbers('id', numberIds);
    await loadFirstLines('dl.phone_number_id', numberIds);
    const holderVirtualLines =
      numberIds.length === 0 ? [] : await this.virtualLinesWhere(tenantId, 'phone_number_id', numberIds);
    const texts = numberIds.flatMap((id) => {
      const n = numbers.get(id);
      return n ? [n.number] : [];
    });
    const holderPeople = texts.length === 0 ? [] : await this.peopleWhere(tenantId, 'extension_number', texts);

    const keys = new Map<string, MemberKey>();
    const addKey = (kind: MemberKind, id: string | null) => {
      if (id !== null) keys.set(`${kind}:${id}`, { kind, id });
    };
    for (const m of members) addKey(m.kind, m.id);
    for (const l of firstLines.values()) {
      addKey('person', l.owner_person_id);
      addKey('workspace', l.owner_workspace_id);
      addKey('virtualLine', l.owner_virtual_line_id);
    }
    const ids = (kind: MemberKind) => [...keys.values()].filter((k) => k.kind === kind).map((k) => k.id);

    const people = new Map(holderPeople.map((p) => [p.id, p]));
    for (const p of await this.peopleWhere(tenantId, 'id', ids('person'))) people.set(p.id, p);
    const virtualLines = new Map(holderVirtualLines.map((v) => [v.id, v]));
    for (const v of await this.virtualLinesWhere(tenantId, 'id', ids('virtualLine'))) virtualLines.set(v.id, v);
    const workspaces: LineDirectoryRows['workspaces'] = [];
    for (const part of chunks(ids('workspace'))) {
      workspaces.push(
        ...(await this.db
          .selectFrom('workspaces')
          .select(['id', 'name', 'site_id'])
          .where('tenant_id', '=', tenantId)
          .where('id', 'in', part)
          .execute()),
      );
    }

    // Their own numbers: the first lines of the devices they own, the numbers equal to their extensions.
    await loadFirstLines('d.owner_person_id', [...people.keys()]);
    await loadFirstLines(
      'd.owner_workspace_id',
      workspaces.map((w) => w.id),
    );
    await loadFirstLines('d.owner_virtual_line_id', [...virtualLines.keys()]);
    await loadNumbers('id', [
      ...[...firstLines.values()].map((l) => l.phone_number_id),
      ...[...virtualLines.values()].flatMap((v) => (v.phone_number_id === null ? [] : [v.phone_number_id])),
    ]);
    await loadNumbers('number', [
      ...[...people.values()].flatMap((p) => (p.extension_number === null ? [] : [p.extension_number])),
      ...[...virtualLines.values()].flatMap((v) => (v.extension === null ? [] : [v.extension])),
    ]);

    const siteIds = unique(
      [...people.values(), ...workspaces, ...virtualLines.values()].flatMap((m) =>
        m.site_id === null ? [] : [m.site_id],
      ),
    );
    const sites: LineDirectoryRows['sites'] = [];
    for (const part of chunks(siteIds)) {
      sites.push(
        ...(await this.db
          .selectFrom('sites')
          .select(['id', 'name'])
          .where('tenant_id', '=', tenantId)
          .where('id', 'in', part)
          .execute()),
      );
    }
    return {
      people: [...people.values()].sort(byId),
      workspaces: workspaces.sort(byId),
      virtualLines: [...virtualLines.values()].sort(byId),
      firstLines: [...firstLines.values()].sort((a, b) =>
        a.created_at! !== b.created_at! ? a.created_at! - b.created_at! : a.device_id < b.device_id ? -1 : 1,
      ),
      numbers: [...numbers.values()],
      sites,
    };
  }

  private async peopleWhere(tenantId: string, column: 'id' | 'extension_number', values: readonly string[]) {
    const out: LineDirectoryRows['people'] = [];
    for (const part of chunks(unique(values))) {
      out.push(
        ...(await this.db
          .selectFrom('people')
          .select(['id', 'first_name', 'last_name', 'extension_number', 'site_id'])
          .where('tenant_id', '=', tenantId)
          .where(column, 'in', part)
          .execute()),
      );
    }
    return out;
  }

  private async virtualLinesWhere(tenantId: string, column: 'id' | 'phone_number_id', values: readonly string[]) {
    const out: LineDirectoryRows['virtualLines'] = [];
    for (const part of chunks(unique(values))) {
      out.push(
        ...(await this.db
          .selectFrom('virtual_lines')
          .select(['id', 'first_name', 'last_name', 'extension', 'phone_number_id', 'site_id'])
          .where('tenant_id', '=', tenantId)
          .where(column, 'in', part)
          .execute()),
      );
    }
    return out;
  }

  /**
   * Members with a number of their own matching `search`, ordered by last or first name (case-insensitively,
   * then exactly, then by the other name and the id) and paged.
   */
  async searchMembers(
    tenantId: string,
    search: MemberSearch,
    page: { order: 'lname' | 'fname'; limit: number; offset: number },
  ): Promise<MemberRow[]> {
    const [first, second] = page.order === 'lname' ? ['last_name', 'first_name'] : ['first_name', 'last_name'];
    const rows = await this.searchQuery(tenantId, search)
      .selectAll()
      .orderBy(sql`lower(${sql.ref(first)})`)
      .orderBy(sql`${sql.ref(first)}`)
      .orderBy(sql`lower(${sql.ref(second)})`)
      .orderBy(sql`${sql.ref(second)}`)
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
    return rows as MemberRow[];
  }

  async countMembers(tenantId: string, search: MemberSearch): Promise<number> {
    const row = await this.searchQuery(tenantId, search)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number((row as { n: unknown }).n);
  }

  /** People, workspaces and virtual lines with their own number, shown extension and site, filtered. */
  private searchQuery(tenantId: string, search: MemberSearch) {
    const db = this.db;
    /** The first line of the oldest device the member owns (by `column`), as a correlated subquery. */
    const firstLineOf = (column: 'owner_person_id' | 'owner_workspace_id', id: Expression<string>) =>
      db
        .selectFrom('device_lines as fl')
        .innerJoin('devices as fd', (join) =>
          join.onRef('fd.id', '=', 'fl.device_id').onRef('fd.tenant_id', '=', 'fl.tenant_id'),
        )
        .select('fl.phone_number_id')
        .where('fl.tenant_id', '=', tenantId)
        .where('fl.position', '=', 0)
        .where(`fd.${column}`, '=', id)
        .orderBy('fd.created_at')
        .orderBy('fd.id')
        .limit(1);
    /** The tenant number whose text is `text` (an extension). */
    const numberNamed = (text: Expression<string | null>) =>
      db
        .selectFrom('phone_numbers as xn')
        .select('xn.id')
        .where('xn.tenant_id', '=', tenantId)
        .where('xn.number', '=', text);

    const people = db
      .selectFrom('people as p')
      .select((eb) => [
        sql<string>`'person'`.as('kind'),
        'p.id',
        eb.fn.coalesce('p.first_name', sql<string>`''`).as('first_name'),
        eb.fn.coalesce('p.last_name', sql<string>`''`).as('last_name'),
        'p.extension_number as own_extension',
        eb.fn
          .coalesce(firstLineOf('owner_person_id', eb.ref('p.id')), numberNamed(eb.ref('p.extension_number')))
          .as('own_number_id'),
        'p.site_id',
      ])
      .where('p.tenant_id', '=', tenantId);
    const workspaces = db
      .selectFrom('workspaces as w')
      .select((eb) => [
        sql<string>`'workspace'`.as('kind'),
        'w.id',
        'w.name as first_name',
        sql<string>`''`.as('last_name'),
        sql<string | null>`null`.as('own_extension'),
        firstLineOf('owner_workspace_id', eb.ref('w.id')).as('own_number_id'),
        'w.site_id',
      ])
      .where('w.tenant_id', '=', tenantId);
    const virtualLines = db
      .selectFrom('virtual_lines as v')
      .select((eb) => [
        sql<string>`'virtualLine'`.as('kind'),
        'v.id',
        'v.first_name',
        'v.last_name',
        'v.extension as own_extension',
        eb.fn.coalesce('v.phone_number_id', numberNamed(eb.ref('v.extension'))).as('own_number_id'),
        'v.site_id',
      ])
      .where('v.tenant_id', '=', tenantId);
    const branches = search.excludeVirtualLines
      ? people.unionAll(workspaces)
      : people.unionAll(workspaces).unionAll(virtualLines);

    let query = db
      .selectFrom(
        db
          .selectFrom(branches.as('m'))
          .innerJoin('phone_numbers as n', (join) =>
            join.onRef('n.id', '=', 'm.own_number_id').on('n.tenant_id', '=', tenantId),
          )
          .leftJoin('sites as s', (join) => join.onRef('s.id', '=', 'm.site_id').on('s.tenant_id', '=', tenantId))
          .select((eb) => [
            'm.kind',
            'm.id',
            'm.first_name',
            'm.last_name',
            eb.fn
              .coalesce('m.own_extension', sql<string | null>`case when n.e164 is null then n.number end`)
              .as('extension'),
            'n.id as number_id',
            'n.e164',
            'm.site_id',
            's.name as site_name',
          ])
          .as('found'),
      )
      .where(sql<SqlBool>`1 = 1`);
    if (search.name !== undefined && search.name !== '') {
      const pattern = containsPattern(search.name.toLowerCase());
      query = query.where(sql<SqlBool>`lower(first_name || ' ' || last_name) like ${pattern} escape '\\'`);
    }
    if (search.numberDigits !== undefined && search.numberDigits !== '') {
      query = query.where(sql<SqlBool>`e164 like ${containsPattern(search.numberDigits)} escape '\\'`);
    }
    if (search.extension !== undefined && search.extension !== '') {
      query = query.where(sql<SqlBool>`extension like ${containsPattern(search.extension)} escape '\\'`);
    }
    if (search.siteId !== undefined) query = query.where('site_id', '=', search.siteId);
    for (const kind of ['person', 'workspace', 'virtualLine'] as const) {
      const excluded = (search.exclude ?? []).filter((k) => k.kind === kind).map((k) => k.id);
      if (excluded.length > 0) {
        query = query.where((eb) => eb.not(eb.and([eb('kind', '=', kind), eb('id', 'in', excluded)])));
      }
    }
    return query;
  }

  /** The devices with a line carrying `numberId` at a position above 0, oldest first. */
  async devicesSharing(tenantId: string, numberId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('device_lines as dl')
      .innerJoin('devices as d', (join) =>
        join.onRef('d.id', '=', 'dl.device_id').onRef('d.tenant_id', '=', 'dl.tenant_id'),
      )
      .select('d.id')
      .where('dl.tenant_id', '=', tenantId)
      .where('dl.phone_number_id', '=', numberId)
      .where('dl.position', '>', 0)
      .orderBy('d.created_at')
      .orderBy('d.id')
      .execute();
    return rows.map((r) => r.id);
  }
}
