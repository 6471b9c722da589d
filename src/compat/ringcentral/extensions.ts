/**
 * Extensions in RingCentral's sense, from canonical owners: a person is a user extension, a workspace a
 * limited extension (a common-area phone), a virtual line a virtual extension. Their ids are 53-bit digests
 * (ids.ts); a path's extension id is resolved by digesting the ids of the people and workspaces the caller may
 * see, a page at a time, until one matches.
 */
import { AppError } from '../../errors.js';
import type { Principal, Viewer } from '../../modules/access/principal.js';
import type { DeviceRecord } from '../../modules/devices/device.repository.js';
import type { PersonService } from '../../modules/people/person.service.js';
import type { ProductService } from '../../modules/products/product.service.js';
import type { ProductRow } from '../../modules/products/product.repository.js';
import type { WorkspaceService } from '../../modules/workspaces/workspace.service.js';
import type { Cursor } from '../../query/page.js';
import { CURRENT } from './auth.js';
import { type ExtensionOwner, ownerIdOf } from './device.presenter.js';
import { numberIdOf } from './ids.js';

const SCAN_PAGE = 500;
/** An int64 written in decimal, as RingCentral's extension ids are. */
const EXTENSION_ID = /^[1-9]\d{0,18}$/;

export interface Directory {
  readonly people: PersonService;
  readonly workspaces: WorkspaceService;
  readonly products: ProductService;
}

export type ExtensionRef = { readonly type: 'person' | 'workspace'; readonly id: string };

function unknownExtension(): AppError {
  return new AppError('person_not_found', 'Resource for parameter [extensionId] is not found', {
    parameter: 'extensionId',
  });
}

/** The owner a path's extension id names: `~` is the caller's own person. */
export async function resolveExtension(
  directory: Directory,
  principal: Principal,
  viewer: Viewer,
  extensionId: string,
): Promise<ExtensionRef> {
  if (extensionId === CURRENT) {
    if (principal.personId === null) throw unknownExtension();
    return { type: 'person', id: principal.personId };
  }
  if (!EXTENSION_ID.test(extensionId)) throw unknownExtension();
  const wanted = Number(extensionId);
  if (!Number.isSafeInteger(wanted)) throw unknownExtension();
  let after: Cursor | undefined;
  for (;;) {
    const page = await directory.people.listPeople(
      viewer,
      {},
      { sort: { field: 'id', direction: 'asc' }, limit: SCAN_PAGE, ...(after ? { after } : {}) },
      { userGroups: false },
    );
    const match = page.items.find((p) => numberIdOf(p.row.id) === wanted);
    if (match) return { type: 'person', id: match.row.id };
    if (!page.next) break;
    after = page.next;
  }
  if (viewer.onlyPerson !== null) throw unknownExtension();
  after = undefined;
  for (;;) {
    const page = await directory.workspaces.listWorkspaces(
      viewer.tenantId,
      {},
      { sort: { field: 'id', direction: 'asc' }, limit: SCAN_PAGE, ...(after ? { after } : {}) },
    );
    const match = page.items.find((w) => numberIdOf(w.id) === wanted);
    if (match) return { type: 'workspace', id: match.id };
    if (!page.next) break;
    after = page.next;
  }
  throw unknownExtension();
}

/** What the presenter needs besides the records: their products and their owners' extension numbers. */
export async function relatedOf(
  directory: Directory,
  viewer: Viewer,
  records: readonly DeviceRecord[],
): Promise<{ products: Map<string, ProductRow>; owners: Map<string, ExtensionOwner> }> {
  const products = new Map<string, ProductRow>();
  const owners = new Map<string, ExtensionOwner>();
  for (const record of records) {
    const { row } = record;
    if (row.product_id !== null && !products.has(row.product_id)) {
      products.set(row.product_id, (await directory.products.getProduct(row.product_id, { firmware: false })).row);
    }
    const ownerId = ownerIdOf(record);
    if (ownerId === null || owners.has(ownerId)) continue;
    if (row.owner_person_id !== null) {
      try {
        const person = await directory.people.getPerson(viewer, row.owner_person_id, { userGroups: false });
        owners.set(ownerId, { id: ownerId, extensionNumber: person.row.extension_number });
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'person_not_found')) throw error;
        owners.set(ownerId, { id: ownerId, extensionNumber: null });
      }
    } else {
      owners.set(ownerId, { id: ownerId, extensionNumber: null });
    }
  }
  return { products, owners };
}
