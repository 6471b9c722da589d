/**
 * Virtual-line use cases shared by every API surface: reads, and writes through the shared versioned write cycle
 * (../versioned-writer.ts). A virtual line needs an extension, a phone number or both (400 extension_or_number).
 * The extension is unique in the tenant (409 extension_taken), and so is the phone number among
 * virtual lines (409 virtual_line_number_taken); a number or site of another tenant is refused like an unknown
 * one (400 naming the field). A virtual line that owns devices cannot be deleted (409 virtual_line_in_use):
 * give the devices another owner first.
 */
import type { Kysely } from 'kysely';
import type { Capabilities } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import { violatedConstraint } from '../../db/unique-violation.js';
import { deleteAtVersion, updateAtVersion } from '../../db/versioned-rows.js';
import { AppError } from '../../errors.js';
import type { Page, PageRequest } from '../../query/page.js';
import type { Actor } from '../audit/audit-trail.js';
import type { Precondition } from '../preconditions.js';
import { ruleViolationAt } from '../rule-violation.js';
import { type ResourceWrites, VersionedWriter } from '../versioned-writer.js';
import { presentVirtualLine } from './virtual-line.presenter.js';
import {
  type VirtualLineFilter,
  VirtualLineRepository,
  type VirtualLineRow,
  type VirtualLineSortField,
} from './virtual-line.repository.js';
import type { VirtualLineBody, VirtualLinePatchBody } from './virtual-line.schemas.js';
import type { VirtualLineTable } from './virtual-line.table.js';

interface VirtualLineDocument {
  firstName: string;
  lastName: string;
  displayName: string | null;
  extension: string | null;
  phoneNumberId: string | null;
  siteId: string | null;
}
type Columns = Omit<VirtualLineTable, 'id' | 'tenant_id' | 'created_at' | 'updated_at' | 'version'>;

const UNIQUE_EXTENSION = {
  name: 'virtual_lines_tenant_extension_uq',
  table: 'virtual_lines',
  columns: ['tenant_id', 'extension'],
};
const UNIQUE_NUMBER = {
  name: 'virtual_lines_tenant_phone_number_uq',
  table: 'virtual_lines',
  columns: ['tenant_id', 'phone_number_id'],
};

function notFound(id: string): AppError {
  return new AppError('virtual_line_not_found', `There is no virtual line with id '${id.slice(0, 64)}'.`);
}

function documentOfBody(body: VirtualLineBody): VirtualLineDocument {
  return {
    firstName: body.firstName,
    lastName: body.lastName,
    displayName: body.displayName ?? null,
    extension: body.extension ?? null,
    phoneNumberId: body.phoneNumberId ?? null,
    siteId: body.siteId ?? null,
  };
}

/** A merge patch: members present replace the stored ones (null clears), missing ones stay. */
function merged(current: VirtualLineDocument, patch: VirtualLinePatchBody): VirtualLineDocument {
  const pick = <K extends keyof VirtualLineDocument>(key: K): VirtualLineDocument[K] =>
    patch[key] === undefined ? current[key] : (patch[key] as VirtualLineDocument[K]);
  return {
    firstName: pick('firstName'),
    lastName: pick('lastName'),
    displayName: pick('displayName'),
    extension: pick('extension'),
    phoneNumberId: pick('phoneNumberId'),
    siteId: pick('siteId'),
  };
}

function virtualLineWrites(capabilities: Capabilities): ResourceWrites<VirtualLineRow, VirtualLineDocument, Columns> {
  const repository = (db: Kysely<Database>) => new VirtualLineRepository(db, capabilities);
  return {
    type: 'virtual_line',
    noun: 'virtual line',
    notFound,
    find: (db, tenantId, id) => repository(db).findById(tenantId, id),
    rowOf: (row) => row,
    present: presentVirtualLine,
    documentOf: (row) => ({
      firstName: row.first_name,
      lastName: row.last_name,
      displayName: row.display_name,
      extension: row.extension,
      phoneNumberId: row.phone_number_id,
      siteId: row.site_id,
    }),
    columnsOf: async (db, tenantId, d) => {
      if (d.extension === null && d.phoneNumberId === null) {
        throw ruleViolationAt(
          'extension',
          'extension_or_number',
          'A virtual line needs an extension, a phoneNumberId or both.',
        );
      }
      const lookups = repository(db);
      if (d.phoneNumberId !== null && !(await lookups.phoneNumberExists(tenantId, d.phoneNumberId))) {
        throw ruleViolationAt(
          'phoneNumberId',
          'unknown_phone_number',
          `There is no phone number with id '${d.phoneNumberId}'.`,
        );
      }
      if (d.siteId !== null && !(await lookups.siteExists(tenantId, d.siteId))) {
        throw ruleViolationAt('siteId', 'unknown_site', `There is no site with id '${d.siteId}'.`);
      }
      return {
        first_name: d.firstName.trim(),
        last_name: d.lastName.trim(),
        display_name: d.displayName === null ? null : d.displayName.trim(),
        extension: d.extension,
        phone_number_id: d.phoneNumberId,
        site_id: d.siteId,
      };
    },
    unchanged: (c, row) => (Object.keys(c) as (keyof Columns)[]).every((k) => c[k] === row[k]),
    insert: async (db, tenantId, id, columns, at) => {
      await db
        .insertInto('virtual_lines')
        .values({ id, tenant_id: tenantId, ...columns, created_at: at, updated_at: at, version: 1 })
        .execute();
    },
    update: (db, tenantId, id, version, values) => updateAtVersion(db, 'virtual_lines', tenantId, id, version, values),
    remove: (db, tenantId, id, version) => deleteAtVersion(db, 'virtual_lines', tenantId, id, version),
    beforeDelete: async (db, tenantId, row) => {
      const devices = await repository(db).ownedDeviceCount(tenantId, row.id);
      if (devices > 0) {
        throw new AppError(
          'virtual_line_in_use',
          `The virtual line owns ${devices} device(s); give them another owner (or none) first.`,
        );
      }
    },
    conflictOf: (error) => {
      const broken = violatedConstraint(error, [UNIQUE_EXTENSION, UNIQUE_NUMBER]);
      if (broken === UNIQUE_EXTENSION) {
        return new AppError('extension_taken', 'Another virtual line of the tenant has this extension.', {
          parameter: 'extension',
        });
      }
      if (broken === UNIQUE_NUMBER) {
        return new AppError('virtual_line_number_taken', 'Another virtual line of the tenant has this phone number.', {
          parameter: 'phoneNumberId',
        });
      }
      return undefined;
    },
  };
}

export class VirtualLineService {
  private readonly reads: VirtualLineRepository;
  private readonly writer: VersionedWriter<VirtualLineRow, VirtualLineDocument, Columns>;

  constructor(db: Kysely<Database>, capabilities: Capabilities, now: () => number = Date.now) {
    this.reads = new VirtualLineRepository(db, capabilities);
    this.writer = new VersionedWriter(db, virtualLineWrites(capabilities), now);
  }

  /** A virtual line of the tenant; any other id (missing, malformed, another tenant's) is virtual_line_not_found. */
  async getVirtualLine(tenantId: string, id: string): Promise<VirtualLineRow> {
    const row = id.length <= 64 ? await this.reads.findById(tenantId, id) : undefined;
    if (!row) throw notFound(id);
    return row;
  }

  listVirtualLines(
    tenantId: string,
    filter: VirtualLineFilter,
    page: PageRequest<VirtualLineSortField>,
  ): Promise<Page<VirtualLineRow>> {
    return this.reads.list(tenantId, filter, page);
  }

  create(actor: Actor, body: VirtualLineBody): Promise<VirtualLineRow> {
    return this.writer.create(actor, documentOfBody(body));
  }

  replace(actor: Actor, id: string, body: VirtualLineBody, precondition?: Precondition<VirtualLineRow>) {
    return this.writer.change(actor, id, () => documentOfBody(body), precondition);
  }

  patch(actor: Actor, id: string, patch: VirtualLinePatchBody, precondition?: Precondition<VirtualLineRow>) {
    return this.writer.change(actor, id, (current) => merged(current, patch), precondition);
  }

  delete(actor: Actor, id: string, precondition?: Precondition<VirtualLineRow>): Promise<void> {
    return this.writer.delete(actor, id, precondition);
  }
}
