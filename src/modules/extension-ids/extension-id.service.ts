/**
 * Resolves a numeric extension id (numeric-extension-id.ts) to the person or workspace it was derived from: an
 * index lookup. Rows that have no stored numeric id yet (written by a direct insert) are given theirs the first
 * time a lookup misses, a page at a time, so each is digested once.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { ExtensionIdRepository, type ExtensionOwnerTable } from './extension-id.repository.js';
import { numericExtensionIdOf } from './numeric-extension-id.js';

const FILL_PAGE = 500;

export class ExtensionIdService {
  private readonly repository: ExtensionIdRepository;

  constructor(db: Kysely<Database>) {
    this.repository = new ExtensionIdRepository(db);
  }

  /** The tenant's person (`people`) or workspace (`workspaces`) known by `numericId`, the oldest if several. */
  async ownerOf(table: ExtensionOwnerTable, tenantId: string, numericId: number): Promise<string | undefined> {
    const [found] = await this.repository.idsOf(table, tenantId, numericId);
    if (found !== undefined) return found;
    let match: string | undefined;
    for (;;) {
      const ids = await this.repository.unnumbered(table, tenantId, FILL_PAGE);
      for (const id of ids) {
        const digest = numericExtensionIdOf(id);
        await this.repository.number(table, tenantId, id, digest);
        if (digest === numericId && (match === undefined || id < match)) match = id;
      }
      if (ids.length < FILL_PAGE) return match;
    }
  }
}
