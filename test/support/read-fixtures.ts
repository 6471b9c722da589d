/**
 * Fixtures for the native read API tests (people, sites, products, user groups): rows with every
 * column under the test's control, and a helper that walks a keyset-paged list by its Link headers.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Insertable } from 'kysely';
import { expect } from 'vitest';
import type { Store } from '../../src/db/database.js';
import { newId } from '../../src/db/ids.js';
import type { FirmwareReleaseTable } from '../../src/modules/firmware/firmware.table.js';
import type { PersonTable } from '../../src/modules/people/person.table.js';
import type { ProductTable } from '../../src/modules/products/product.table.js';
import type { SiteTable } from '../../src/modules/sites/site.table.js';
import type { UserGroupTable } from '../../src/modules/user-groups/user-group.table.js';

export const AT = Date.UTC(2025, 2, 4, 5, 6, 7);
export const hex = (bytes = 3): string => randomBytes(bytes).toString('hex');

export async function insertPerson(
  store: Store,
  tenantId: string,
  values: Partial<Insertable<PersonTable>> = {},
): Promise<string> {
  const id = newId();
  const username = values.username ?? `user-${hex()}`;
  await store.db
    .insertInto('people')
    .values({
      id,
      tenant_id: tenantId,
      username,
      first_name: null,
      last_name: null,
      email: null,
      extension_number: null,
      roles: '[]',
      site_id: null,
      agent_state: null,
      agent_work_mode: null,
      source_system: 'test',
      external_id: null,
      synced_at: null,
      created_at: AT,
      updated_at: AT,
      version: 1,
      ...values,
    })
    .execute();
  return id;
}

/** Memberships in the given order: the first group is the highest priority (position 0). */
export async function joinGroups(
  store: Store,
  tenantId: string,
  personId: string,
  groupIds: readonly string[],
): Promise<void> {
  for (const [position, groupId] of groupIds.entries()) {
    await store.db
      .insertInto('group_memberships')
      .values({ tenant_id: tenantId, person_id: personId, group_id: groupId, position })
      .execute();
  }
}

export async function insertGroup(
  store: Store,
  tenantId: string,
  values: Partial<Insertable<UserGroupTable>> = {},
): Promise<string> {
  const id = newId();
  await store.db
    .insertInto('user_groups')
    .values({
      id,
      tenant_id: tenantId,
      name: `Group ${hex()}`,
      description: null,
      created_at: AT,
      updated_at: AT,
      version: 1,
      ...values,
    })
    .execute();
  return id;
}

export async function insertSite(
  store: Store,
  tenantId: string,
  values: Partial<Insertable<SiteTable>> = {},
): Promise<string> {
  const id = newId();
  await store.db
    .insertInto('sites')
    .values({
      id,
      tenant_id: tenantId,
      name: `Site ${hex()}`,
      street: null,
      street2: null,
      city: null,
      state: null,
      postal_code: null,
      country_code: null,
      time_zone: null,
      subnets: '[]',
      emergency_address: null,
      created_at: AT,
      updated_at: AT,
      version: 1,
      ...values,
    })
    .execute();
  return id;
}

export async function insertProduct(store: Store, values: Partial<Insertable<ProductTable>> = {}): Promise<string> {
  const id = newId();
  await store.db
    .insertInto('products')
    .values({
      id,
      manufacturer: `Maker ${hex()}`,
      family: null,
      model_id: `M-${hex(4)}`,
      name: `Product ${hex()}`,
      type: 'USB',
      device_kind: 'Headset',
      usb_vendor_id: null,
      usb_product_id: null,
      sku: null,
      box_billing_id: null,
      line_count: null,
      features: '[]',
      created_at: AT,
      ...values,
    })
    .execute();
  return id;
}

export async function insertFirmware(
  store: Store,
  productId: string,
  values: Pick<Insertable<FirmwareReleaseTable>, 'component' | 'version' | 'released_at'> & {
    update_id?: string | null;
  },
): Promise<void> {
  await store.db
    .insertInto('firmware_releases')
    .values({ id: newId(), product_id: productId, update_id: null, ...values })
    .execute();
}

/**
 * Follows `Link: rel="next"` from `url` to the last page; checks that the header and nextCursor
 * agree on every page and that no item appears twice. Returns every item and the page count.
 */
export async function walk(
  app: FastifyInstance,
  url: string,
  headers: Record<string, string>,
): Promise<{ items: Record<string, unknown>[]; pages: number }> {
  const items: Record<string, unknown>[] = [];
  let next: string | undefined = url;
  let pages = 0;
  while (next !== undefined) {
    const res = await app.inject({ method: 'GET', url: next, headers });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { items: Record<string, unknown>[]; nextCursor: string | null };
    pages += 1;
    items.push(...body.items);
    const link = res.headers.link as string | undefined;
    if (body.nextCursor === null) {
      expect(link).toBeUndefined();
      next = undefined;
    } else {
      const match = /^<([^>]+)>; rel="next"$/.exec(link ?? '');
      expect(match, `Link header: ${link}`).not.toBeNull();
      next = match![1]!;
      expect(new URL(next, 'http://x').searchParams.get('cursor')).toBe(body.nextCursor);
    }
    expect(pages).toBeLessThan(100);
  }
  const ids = items.map((i) => i.id);
  expect(new Set(ids).size).toBe(ids.length);
  return { items, pages };
}

/** A problem body with the id-specific parts (detail, instance) normalised, for comparing two 404s. */
export function problemShape(body: Record<string, unknown>, id: string): Record<string, unknown> {
  return JSON.parse(JSON.stringify(body).split(id).join('<id>')) as Record<string, unknown>;
}
