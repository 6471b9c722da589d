/**
 * Extensions in RingCentral's sense, from canonical owners: a person is a user extension, a workspace a
 * limited extension (a common-area phone), a virtual line a virtual extension. Their ids are 53-bit digests
 * (ids.ts) that people and workspaces store, indexed: a path's extension id is resolved by a lookup
 * (src/modules/extension-ids), people first, then, for a caller who sees the whole tenant, workspaces.
 */
import { AppError } from '../../errors.js';
import type { Principal, Viewer } from '../../modules/access/principal.js';
import type { DeviceRecord } from '../../modules/devices/device.repository.js';
import type { PersonService } from '../../modules/people/person.service.js';
import type { ProductService } from '../../modules/products/product.service.js';
import type { ProductRow } from '../../modules/products/product.repository.js';
import type { WorkspaceService } from '../../modules/workspaces/workspace.service.js';
import type { ExtensionIdService } from '../../modules/extension-ids/extension-id.service.js';
import { CURRENT } from './auth.js';
import { type ExtensionOwner, ownerIdOf } from './device.presenter.js';

/** An int64 written in decimal, as RingCentral's extension ids are. */
const EXTENSION_ID = /^[1-9]\d{0,18}$/;

export interface Directory {
  readonly people: PersonService;
  readonly workspaces: WorkspaceService;
  readonly products: ProductService;
  readonly extensionIds: ExtensionIdService;
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
  const person = await directory.extensionIds.ownerOf('people', viewer.tenantId, wanted);
  if (person !== undefined) {
    // A caller acting for one person sees only that person.
    if (viewer.onlyPerson !== null && viewer.onlyPerson !== person) throw unknownExtension();
    return { type: 'person', id: person };
  }
  if (viewer.onlyPerson !== null) throw unknownExtension();
  const workspace = await directory.extensionIds.ownerOf('workspaces', viewer.tenantId, wanted);
  if (workspace !== undefined) return { type: 'workspace', id: workspace };
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
