/**
 * Workspace use cases shared by every API surface: reads, and writes through the shared versioned write cycle
 * (../versioned-writer.ts). The name is unique in the tenant (409 workspace_name_taken); a site of another tenant
 * is refused like an unknown one (400). Deleting a workspace keeps its devices, without an owner (each one's
 * version bumped).
 */
import type { Kysely } from 'kysely';
import type { Capabilities } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import { violatedConstraint } from '../../db/unique-violation.js';
import { AppError } from '../../errors.js';
import { ruleViolationAt } from '../rule-violation.js';
import type { Page, PageRequest } from '../../query/page.js';
import type { Actor } from '../audit/audit-trail.js';
import type { Precondition } from '../preconditions.js';
import { type ResourceWrites, VersionedWriter } from '../versioned-writer.js';
import { presentWorkspace } from './workspace.presenter.js';
import {
  type WorkspaceFilter,
  WorkspaceRepository,
  type WorkspaceRow,
  type WorkspaceSortField,
} from './workspace.repository.js';
import type { WorkspaceBody, WorkspacePatchBody } from './workspace.schemas.js';
import { updateAtVersion, deleteAtVersion } from '../../db/versioned-rows.js';
import { numericExtensionIdOf } from '../extension-ids/numeric-extension-id.js';

interface WorkspaceDocument {
  name: string;
  siteId: string | null;
}
interface Columns {
  name: string;
  site_id: string | null;
}

const UNIQUE_NAME = [{ name: 'workspaces_tenant_name_uq', table: 'workspaces', columns: ['tenant_id', 'name'] }];

function notFound(id: string): AppError {
  return new AppError('workspace_not_found', `There is no workspace with id '${id.slice(0, 64)}'.`);
}

function workspaceWrites(capabilities: Capabilities): ResourceWrites<WorkspaceRow, WorkspaceDocument, Columns> {
  return {
    type: 'workspace',
    noun: 'workspace',
    notFound,
    find: (db, tenantId, id) => new WorkspaceRepository(db, capabilities).findById(tenantId, id),
    rowOf: (row) => row,
    present: presentWorkspace,
    documentOf: (row) => ({ name: row.name, siteId: row.site_id }),
    columnsOf: async (db, tenantId, d) => {
      if (d.siteId !== null) {
        const site = await db
          .selectFrom('sites')
          .select('id')
          .where('tenant_id', '=', tenantId)
          .where('id', '=', d.siteId)
          .executeTakeFirst();
        if (!site) throw ruleViolationAt('siteId', 'unknown_site', `There is no site with id '${d.siteId}'.`);
      }
      return { name: d.name.trim(), site_id: d.siteId };
    },
    unchanged: (c, row) => c.name === row.name && c.site_id === row.site_id,
    insert: async (db, tenantId, id, columns, at) => {
      await db
        .insertInto('workspaces')
        .values({
          id,
          tenant_id: tenantId,
          ...columns,
          ringcentral_extension_id: numericExtensionIdOf(id),
          created_at: at,
          updated_at: at,
          version: 1,
        })
        .execute();
    },
    update: async (db, tenantId, id, version, values) => {
      return updateAtVersion(db, 'workspaces', tenantId, id, version, values);
    },
    remove: async (db, tenantId, id, version) => {
      return deleteAtVersion(db, 'workspaces', tenantId, id, version);
    },
    beforeDelete: async (db, tenantId, row, at) => {
      await db
        .updateTable('devices')
        .set((eb) => ({ owner_workspace_id: null, common_phone: 0, version: eb('version', '+', 1), updated_at: at }))
        .where('tenant_id', '=', tenantId)
        .where('owner_workspace_id', '=', row.id)
        .execute();
    },
    conflictOf: (error) =>
      violatedConstraint(error, UNIQUE_NAME)
        ? new AppError('workspace_name_taken', 'Another workspace of the tenant has this name.', { parameter: 'name' })
        : undefined,
  };
}

export class WorkspaceService {
  private readonly reads: WorkspaceRepository;
  private readonly writer: VersionedWriter<WorkspaceRow, WorkspaceDocument, Columns>;

  constructor(db: Kysely<Database>, capabilities: Capabilities, now: () => number = Date.now) {
    this.reads = new WorkspaceRepository(db, capabilities);
    this.writer = new VersionedWriter(db, workspaceWrites(capabilities), now);
  }

  /** A workspace of the tenant; any other id (missing, malformed, another tenant's) is workspace_not_found. */
  async getWorkspace(tenantId: string, id: string): Promise<WorkspaceRow> {
    const row = id.length <= 64 ? await this.reads.findById(tenantId, id) : undefined;
    if (!row) throw notFound(id);
    return row;
  }

  listWorkspaces(
    tenantId: string,
    filter: WorkspaceFilter,
    page: PageRequest<WorkspaceSortField>,
  ): Promise<Page<WorkspaceRow>> {
    return this.reads.list(tenantId, filter, page);
  }

  create(actor: Actor, body: WorkspaceBody): Promise<WorkspaceRow> {
    return this.writer.create(actor, { name: body.name, siteId: body.siteId ?? null });
  }

  replace(actor: Actor, id: string, body: WorkspaceBody, precondition?: Precondition<WorkspaceRow>) {
    return this.writer.change(actor, id, () => ({ name: body.name, siteId: body.siteId ?? null }), precondition);
  }

  patch(actor: Actor, id: string, patch: WorkspacePatchBody, precondition?: Precondition<WorkspaceRow>) {
    return this.writer.change(
      actor,
      id,
      (current) => ({
        name: patch.name ?? current.name,
        siteId: patch.siteId === undefined ? current.siteId : patch.siteId,
      }),
      precondition,
    );
  }

  delete(actor: Actor, id: string, precondition?: Precondition<WorkspaceRow>): Promise<void> {
    return this.writer.delete(actor, id, precondition);
  }
}
