/**
 * The SQL behind line members (line-member.service.ts): the tenant's people, workspaces and virtual lines, the
 * first line of every owned device, the tenant's numbers and site names. Every query names the tenant.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

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
    owner_person_id: string | null;
    owner_workspace_id: string | null;
    owner_virtual_line_id: string | null;
    phone_number_id: string;
  }[];
  readonly numbers: { id: string; number: string; e164: string | null }[];
  readonly sites: { id: string; name: string }[];
}

export class LineMemberRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async directory(tenantId: string): Promise<LineDirectoryRows> {
    const [people, workspaces, virtualLines, firstLines, numbers, sites] = await Promise.all([
      this.db
        .selectFrom('people')
        .select(['id', 'first_name', 'last_name', 'extension_number', 'site_id'])
        .where('tenant_id', '=', tenantId)
        .orderBy('id')
        .execute(),
      this.db
        .selectFrom('workspaces')
        .select(['id', 'name', 'site_id'])
        .where('tenant_id', '=', tenantId)
        .orderBy('id')
        .execute(),
      this.db
        .selectFrom('virtual_lines')
        .select(['id', 'first_name', 'last_name', 'extension', 'phone_number_id', 'site_id'])
        .where('tenant_id', '=', tenantId)
        .orderBy('id')
        .execute(),
      this.db
        .selectFrom('device_lines as dl')
        .innerJoin('devices as d', (join) =>
          join.onRef('d.id', '=', 'dl.device_id').onRef('d.tenant_id', '=', 'dl.tenant_id'),
        )
        .select([
          'd.id as device_id',
          'd.owner_person_id',
          'd.owner_workspace_id',
          'd.owner_virtual_line_id',
          'dl.phone_number_id',
        ])
        .where('dl.tenant_id', '=', tenantId)
        .where('dl.position', '=', 0)
        .orderBy('d.created_at')
        .orderBy('d.id')
        .execute(),
      this.db.selectFrom('phone_numbers').select(['id', 'number', 'e164']).where('tenant_id', '=', tenantId).execute(),
      this.db.selectFrom('sites').select(['id', 'name']).where('tenant_id', '=', tenantId).execute(),
    ]);
    return { people, workspaces, virtualLines, firstLines, numbers, sites };
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
