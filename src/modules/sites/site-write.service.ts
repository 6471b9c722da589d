/**
 * Site writes shared by every API surface: create, replace (PUT), merge patch (PATCH) and delete, through the
 * shared versioned write cycle (../versioned-writer.ts). The name is unique in the tenant (409 site_name_taken).
 * Deleting a site leaves its people, workspaces and devices without a site (the schema's ON DELETE SET NULL).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { violatedConstraint } from '../../db/unique-violation.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../audit/audit-trail.js';
import { applyMergePatch, type JsonObject } from '../merge-patch.js';
import type { Precondition } from '../preconditions.js';
import { type ResourceWrites, VersionedWriter } from '../versioned-writer.js';
import { presentSite } from './site.presenter.js';
import type { SiteRow } from './site.repository.js';
import { countryCodeOf, subnetOf, timeZoneOf } from './site-rules.js';
import type { SiteTable } from './site.table.js';
import type { SiteBody, SitePatchBody } from './site-write.schemas.js';
import { updateAtVersion, deleteAtVersion } from '../../db/versioned-rows.js';

interface Address {
  street: string | null;
  street2: string | null;
  city: string | null;
  state: string | null;
  postalCode: string | null;
  countryCode: string | null;
}

export interface SiteDocument {
  name: string;
  address: Address;
  timeZone: string | null;
  subnets: string[];
  emergencyAddress: JsonObject | null;
}

type Columns = Omit<SiteTable, 'id' | 'tenant_id' | 'created_at' | 'updated_at' | 'version'>;

const NO_ADDRESS: Address = {
  street: null,
  street2: null,
  city: null,
  state: null,
  postalCode: null,
  countryCode: null,
};

const SITE_UNIQUE_CONSTRAINTS = [{ name: 'sites_tenant_name_uq', table: 'sites', columns: ['tenant_id', 'name'] }];

const siteWrites: ResourceWrites<SiteRow, SiteDocument, Columns> = {
  type: 'site',
  noun: 'site',
  notFound: (id) => new AppError('site_not_found', `There is no site with id '${id.slice(0, 64)}'.`),
  find: (db, tenantId, id) =>
    db.selectFrom('sites').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst(),
  rowOf: (row) => row,
  present: presentSite,
  documentOf: (row) => {
    const { address, timeZone, subnets, emergencyAddress, name } = presentSite(row);
    return { name, address, timeZone, subnets, emergencyAddress: emergencyAddress as JsonObject | null };
  },
  columnsOf: async (_db, _tenantId, d) => ({
    name: d.name.trim(),
    street: d.address.street,
    street2: d.address.street2,
    city: d.address.city,
    state: d.address.state,
    postal_code: d.address.postalCode,
    country_code: d.address.countryCode === null ? null : countryCodeOf(d.address.countryCode, 'address.countryCode'),
    time_zone: d.timeZone === null ? null : timeZoneOf(d.timeZone, 'timeZone'),
    subnets: JSON.stringify(d.subnets.map((block, i) => subnetOf(block, `subnets[${i}]`))),
    emergency_address: d.emergencyAddress === null ? null : JSON.stringify(d.emergencyAddress),
  }),
  unchanged: (columns, row) =>
    (Object.keys(columns) as (keyof Columns)[]).every((k) =>
      k === 'emergency_address' ? sameJson(columns[k], row[k]) : columns[k] === row[k],
    ),
  insert: async (db, tenantId, id, columns, at) => {
    await db
      .insertInto('sites')
      .values({ id, tenant_id: tenantId, ...columns, created_at: at, updated_at: at, version: 1 })
      .execute();
  },
  update: async (db, tenantId, id, version, values) => {
    return updateAtVersion(db, 'sites', tenantId, id, version, values);
  },
  remove: async (db, tenantId, id, version) => {
    return deleteAtVersion(db, 'sites', tenantId, id, version);
  },
  conflictOf: (error) =>
    violatedConstraint(error, SITE_UNIQUE_CONSTRAINTS)
      ? new AppError('site_name_taken', 'Another site of the tenant has this name.', { parameter: 'name' })
      : undefined,
};

export class SiteWriteService {
  private readonly writer: VersionedWriter<SiteRow, SiteDocument, Columns>;

  constructor(db: Kysely<Database>, now: () => number = Date.now) {
    this.writer = new VersionedWriter(db, siteWrites, now);
  }

  create(actor: Actor, body: SiteBody): Promise<SiteRow> {
    return this.writer.create(actor, documentOfBody(body));
  }

  /** PUT: the body replaces every writable field; a missing member is cleared. */
  replace(actor: Actor, id: string, body: SiteBody, precondition?: Precondition<SiteRow>): Promise<SiteRow> {
    return this.writer.change(actor, id, () => documentOfBody(body), precondition);
  }

  /** PATCH: a JSON merge patch of the writable fields (RFC 7396); address merges member by member. */
  patch(actor: Actor, id: string, patch: SitePatchBody, precondition?: Precondition<SiteRow>): Promise<SiteRow> {
    return this.writer.change(
      actor,
      id,
      (current) => {
        const merged = applyMergePatch(current, patch) as Partial<SiteDocument>;
        return {
          name: merged.name ?? current.name,
          address: { ...NO_ADDRESS, ...merged.address },
          timeZone: merged.timeZone ?? null,
          subnets: merged.subnets ?? [],
          emergencyAddress: merged.emergencyAddress ?? null,
        };
      },
      precondition,
    );
  }

  delete(actor: Actor, id: string, precondition?: Precondition<SiteRow>): Promise<void> {
    return this.writer.delete(actor, id, precondition);
  }
}

function documentOfBody(body: SiteBody): SiteDocument {
  return {
    name: body.name,
    address: { ...NO_ADDRESS, ...withoutUndefined(body.address ?? {}) },
    timeZone: body.timeZone ?? null,
    subnets: body.subnets ?? [],
    emergencyAddress: (body.emergencyAddress ?? null) as JsonObject | null,
  };
}

export function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function sameJson(a: string | null, b: string | null): boolean {
  return a === b || (a !== null && b !== null && JSON.stringify(JSON.parse(b)) === a);
}
