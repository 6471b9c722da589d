/**
 * How compliant a tenant's fleet is: device counts per compliance state, in total and broken down by product,
 * by user group and by site, for a viewer (an agent counts only their own devices). Counted from the derived
 * `devices.compliance` column, so a summary is two grouped passes over the tenant's devices, never an evaluation.
 *
 * A device counts once in the totals, once under its product (null: none) and site (null: none), and under
 * every user group its owner is a member of (devices of no person, or of a person in no group, are in no group).
 * The SQL is in compliance-summary.repository.ts; this file counts and assembles.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Viewer } from '../access/principal.js';
import { ComplianceSummaryRepository } from './compliance-summary.repository.js';

export const SUMMARY_BREAKDOWNS = ['product', 'userGroup', 'site'] as const;
export type SummaryBreakdown = (typeof SUMMARY_BREAKDOWNS)[number];

export interface ComplianceCounts {
  compliant: number;
  noncompliant: number;
  /** No policy governs the device, or it does not report the component's version. */
  unknown: number;
  total: number;
}

export interface ProductCounts extends ComplianceCounts {
  productId: string | null;
  manufacturer: string | null;
  modelId: string | null;
  name: string | null;
}

export interface UserGroupCounts extends ComplianceCounts {
  userGroupId: string;
  name: string;
}

export interface SiteCounts extends ComplianceCounts {
  siteId: string | null;
  name: string | null;
}

export interface ComplianceSummary {
  totals: ComplianceCounts;
  byProduct?: ProductCounts[];
  byUserGroup?: UserGroupCounts[];
  bySite?: SiteCounts[];
}

const zero = (): ComplianceCounts => ({ compliant: 0, noncompliant: 0, unknown: 0, total: 0 });

function add(counts: ComplianceCounts, state: string, n: number): void {
  if (state === 'compliant' || state === 'noncompliant' || state === 'unknown') counts[state] += n;
  counts.total += n;
}

export class ComplianceSummaryService {
  private readonly reads: ComplianceSummaryRepository;

  constructor(db: Kysely<Database>) {
    this.reads = new ComplianceSummaryRepository(db);
  }

  /** The totals and the breakdowns asked for (all three by default), largest groups first. */
  async summarize(
    viewer: Viewer,
    breakdowns: readonly SummaryBreakdown[] = SUMMARY_BREAKDOWNS,
  ): Promise<ComplianceSummary> {
    // One scan gives the totals and the product and site breakdowns: the groups (product × site × state) are few.
    const cells = await this.reads.countsByProductAndSite(viewer);
    const totals = zero();
    for (const cell of cells) add(totals, cell.state, Number(cell.n));
    const summary: ComplianceSummary = { totals };

    if (breakdowns.includes('product')) {
      const byProduct = grouped(cells.map((c) => ({ key: c.product_id, state: c.state, n: c.n })));
      const ids = [...byProduct.keys()].filter((k): k is string => k !== null);
      const products = await this.reads.products(ids);
      const productById = new Map(products.map((p) => [p.id, p]));
      summary.byProduct = sorted(
        [...byProduct].map(([id, counts]) => {
          const p = id === null ? undefined : productById.get(id);
          return {
            productId: id,
            manufacturer: p?.manufacturer ?? null,
            modelId: p?.model_id ?? null,
            name: p?.name ?? null,
            ...counts,
          };
        }),
        (c) => c.productId ?? '',
      );
    }

    if (breakdowns.includes('site')) {
      const bySite = grouped(cells.map((c) => ({ key: c.site_id, state: c.state, n: c.n })));
      const ids = [...bySite.keys()].filter((k): k is string => k !== null);
      const sites = await this.reads.siteNames(viewer.tenantId, ids);
      const names = new Map(sites.map((s) => [s.id, s.name]));
      summary.bySite = sorted(
        [...bySite].map(([id, counts]) => ({
          siteId: id,
          name: id === null ? null : (names.get(id) ?? null),
          ...counts,
        })),
        (c) => c.siteId ?? '',
      );
    }

    if (breakdowns.includes('userGroup')) {
      const byGroup = grouped(await this.reads.countsByUserGroup(viewer));
      const ids = [...byGroup.keys()].filter((k): k is string => k !== null);
      const groups = await this.reads.userGroupNames(viewer.tenantId, ids);
      const names = new Map(groups.map((g) => [g.id, g.name]));
      summary.byUserGroup = sorted(
        [...byGroup].flatMap(([id, counts]) => {
          const name = id === null ? undefined : names.get(id);
          return id === null || name === undefined ? [] : [{ userGroupId: id, name, ...counts }];
        }),
        (c) => c.userGroupId,
      );
    }
    return summary;
  }
}

function grouped(rows: readonly { key: string | null; state: string; n: number | string | bigint }[]) {
  const groups = new Map<string | null, ComplianceCounts>();
  for (const row of rows) {
    const counts = groups.get(row.key) ?? zero();
    add(counts, row.state, Number(row.n));
    groups.set(row.key, counts);
  }
  return groups;
}

/** Most devices first; ties by id (null last), so the order is stable. */
function sorted<T extends ComplianceCounts>(items: T[], idOf: (item: T) => string): T[] {
  return items.sort((a, b) => {
    if (a.total !== b.total) return b.total - a.total;
    const [x, y] = [idOf(a), idOf(b)];
    if (x === '' || y === '') return x === y ? 0 : x === '' ? 1 : -1;
    return x < y ? -1 : x > y ? 1 : 0;
  });
}
