/**
 * Paging-group use cases shared by every API surface: reads, and writes through the shared versioned write
 * cycle (../versioned-writer.ts). The name is unique in the tenant (409 paging_group_name_taken), and so is the
 * extension among paging groups (409 extension_taken). Members are devices of the same tenant (another
 * tenant's device is refused like an unknown one: 400 naming `deviceIds[i]`); replacing the member list is one
 * audited change of the group (`paging_group.devices_replace`), bumping its version.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { violatedConstraint } from '../../db/unique-violation.js';
import { deleteAtVersion, updateAtVersion } from '../../db/versioned-rows.js';
import { AppError } from '../../errors.js';
import type { Page, PageRequest } from '../../query/page.js';
import type { Actor } from '../audit/audit-trail.js';
import type { Precondition } from '../preconditions.js';
import { ruleViolationAt } from '../rule-violation.js';
import { type ResourceWrites, VersionedWriter } from '../versioned-writer.js';
import { presentPagingGroup } from './paging-group.presenter.js';
import { PagingGroupRepository, type PagingGroupRecord, type PagingGroupSortField } from './paging-group.repository.js';
import type { PagingGroupBody } from './paging-group.schemas.js';

interface PagingGroupDocument {
  name: string;
  extension: string | null;
  deviceIds: readonly string[];
}
interface Columns {
  name: string;
  extension: string | null;
  deviceIds: readonly string[];
}

const UNIQUE_NAME = { name: 'paging_groups_tenant_name_uq', table: 'paging_groups', columns: ['tenant_id', 'name'] };
const UNIQUE_EXTENSION = {
  name: 'paging_groups_tenant_extension_uq',
  table: 'paging_groups',
  columns: ['tenant_id', 'extension'],
};

export function pagingGroupNotFound(id: string): AppError {
  return new AppError('paging_group_not_found', `There is no paging group with id '${id.slice(0, 64)}'.`);
}

/** Refuses member ids that are not devices of the tenant, naming the first one. */
async function checkedMembers(db: Kysely<Database>, tenantId: string, deviceIds: readonly string[]) {
  const known = await new PagingGroupRepository(db).existingDeviceIds(tenantId, deviceIds);
  const unknown = deviceIds.findIndex((id) => !known.has(id));
  if (unknown >= 0) {
    throw ruleViolationAt(
      `deviceIds[${unknown}]`,
      'unknown_device',
      `There is no device with id '${deviceIds[unknown]!.slice(0, 64)}'.`,
    );
  }
  return [...deviceIds].sort();
}

const pagingGroupWrites: ResourceWrites<PagingGroupRecord, PagingGroupDocument, Columns> = {
  type: 'paging_group',
  noun: 'paging group',
  notFound: pagingGroupNotFound,
  find: (db, tenantId, id) => new PagingGroupRepository(db).findById(tenantId, id),
  rowOf: (record) => record,
  present: presentPagingGroup,
  documentOf: (record) => ({ name: record.name, extension: record.extension, deviceIds: record.device_ids }),
  columnsOf: async (db, tenantId, d) => ({
    name: d.name.trim(),
    extension: d.extension,
    deviceIds: await checkedMembers(db, tenantId, d.deviceIds),
  }),
  unchanged: (c, record) =>
    c.name === record.name &&
    c.extension === record.extension &&
    c.deviceIds.length === record.device_ids.length &&
    c.deviceIds.every((id, i) => id === record.device_ids[i]),
  insert: async (db, tenantId, id, { deviceIds, ...columns }, at) => {
    const groups = new PagingGroupRepository(db);
    await groups.insert({ id, tenant_id: tenantId, ...columns, created_at: at, updated_at: at, version: 1 });
    await groups.replaceMembers(tenantId, id, deviceIds);
  },
  update: (db, tenantId, id, version, { deviceIds: _members, ...values }) =>
    updateAtVersion(db, 'paging_groups', tenantId, id, version, values),
  remove: (db, tenantId, id, version) => deleteAtVersion(db, 'paging_groups', tenantId, id, version),
  conflictOf: (error) => {
    const broken = violatedConstraint(error, [UNIQUE_NAME, UNIQUE_EXTENSION]);
    if (broken === UNIQUE_NAME) {
      return new AppError('paging_group_name_taken', 'Another paging group of the tenant has this name.', {
        parameter: 'name',
      });
    }
    if (broken === UNIQUE_EXTENSION) {
      return new AppError('extension_taken', 'Another paging group of the tenant has this extension.', {
        parameter: 'extension',
      });
    }
    return undefined;
  },
};

export class PagingGroupService {
  private readonly reads: PagingGroupRepository;
  private readonly writer: VersionedWriter<PagingGroupRecord, PagingGroupDocument, Columns>;

  constructor(db: Kysely<Database>, now: () => number = Date.now) {
    this.reads = new PagingGroupRepository(db);
    this.writer = new VersionedWriter(db, pagingGroupWrites, now);
  }

  /** A paging group of the tenant; any other id (missing, malformed, another tenant's) is paging_group_not_found. */
  async getPagingGroup(tenantId: string, id: string): Promise<PagingGroupRecord> {
    const record = id.length <= 64 ? await this.reads.findById(tenantId, id) : undefined;
    if (!record) throw pagingGroupNotFound(id);
    return record;
  }

  listPagingGroups(tenantId: string, page: PageRequest<PagingGroupSortField>): Promise<Page<PagingGroupRecord>> {
    return this.reads.list(tenantId, page);
  }

  /** A page of the group's member devices (id order) with their names, and how many members it has. */
  async memberPage(
    tenantId: string,
    id: string,
    offset: number,
    limit: number,
  ): Promise<{ total: number; devices: { id: string; name: string }[] }> {
    const group = await this.getPagingGroup(tenantId, id);
    const ids = group.device_ids.slice(offset, offset + limit);
    return { total: group.device_ids.length, devices: await this.reads.deviceNames(tenantId, ids) };
  }

  create(actor: Actor, body: PagingGroupBody): Promise<PagingGroupRecord> {
    return this.writer.create(actor, {
      name: body.name,
      extension: body.extension ?? null,
      deviceIds: body.deviceIds ?? [],
    });
  }

  /** Replaces the member list (the whole of it); unchanged members write nothing. */
  replaceDevices(
    actor: Actor,
    id: string,
    deviceIds: readonly string[],
    precondition?: Precondition<PagingGroupRecord>,
  ): Promise<PagingGroupRecord> {
    return this.writer.alter(
      actor,
      id,
      'paging_group.devices_replace',
      async (trx, current) => {
        const members = await checkedMembers(trx, actor.tenantId, deviceIds);
        return new PagingGroupRepository(trx).replaceMembers(actor.tenantId, current.id, members);
      },
      precondition,
    );
  }

  delete(actor: Actor, id: string, precondition?: Precondition<PagingGroupRecord>): Promise<void> {
    return this.writer.delete(actor, id, precondition);
  }
}
