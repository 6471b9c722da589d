/**
 * The writable document of a device: what POST and PUT send whole and PATCH merges into (RFC 7396).
 * POST/PUT fill every missing member with its default; PATCH starts from the stored device. The product
 * selectors `sku` and `boxBillingId` are not stored members: they name the product another way.
 */
import { applyMergePatch, type JsonObject } from '../merge-patch.js';
import type { DeviceRecord } from './device.repository.js';
import type { DeviceBody, DevicePatchBody } from './device-write.schemas.js';

/** A missing member is null. */
export interface SipSettings {
  readonly userName?: string | null;
  readonly linePort?: string | null;
  readonly outboundProxy?: string | null;
}

export interface DeviceDocument {
  readonly kind: string;
  readonly name: string | null;
  readonly productId: string | null;
  readonly mac: string | null;
  readonly serial: string | null;
  readonly status: string;
  readonly personId: string | null;
  readonly workspaceId: string | null;
  readonly virtualLineId: string | null;
  readonly siteId: string | null;
  readonly tags: readonly string[];
  readonly upgradeChannel: string | null;
  readonly managedBy: string | null;
  readonly sip: SipSettings | null;
  readonly hotDesk: boolean;
  readonly commonPhone: boolean;
  readonly linePooling: string | null;
  readonly computerName: string | null;
  readonly emergency: JsonObject | null;
  readonly shipping: JsonObject | null;
  readonly billing: JsonObject | null;
}

/** Other ways to name the product than its id (RingCentral's): each must name a catalogue product. */
export interface ProductSelectors {
  readonly sku?: string;
  readonly boxBillingId?: number;
}

/** A write as the service receives it: the document to store, and product selectors. */
export interface DeviceDraft {
  readonly document: DeviceDocument;
  readonly selectors: ProductSelectors;
}

/** POST and PUT: the body is the whole document; a missing member becomes null, false, [] or Offline. */
export function draftOfBody(body: DeviceBody): DeviceDraft {
  const { sku, boxBillingId, ...members } = body;
  return { document: { ...defaults(body.kind), ...withoutUndefined(members) }, selectors: { sku, boxBillingId } };
}

/**
 * PATCH: the stored device's document with the patch merged in. A patch naming the product in any way
 * (productId, sku, boxBillingId) replaces the stored product rather than having to agree with it.
 */
export function draftOfPatch(current: DeviceRecord, patch: DevicePatchBody): DeviceDraft {
  const { sku, boxBillingId, ...members } = patch;
  let base: DeviceDocument = documentOf(current);
  if (sku !== undefined || boxBillingId !== undefined) base = { ...base, productId: null };
  const merged = applyMergePatch(base, members) as Partial<DeviceDocument>;
  // Merging removed the members the patch cleared (null; the schema allows it for nullable members only).
  return { document: { ...nullsFor(base), ...merged } as DeviceDocument, selectors: { sku, boxBillingId } };
}

/** The stored device as a writable document. */
export function documentOf({ row, tags }: DeviceRecord): DeviceDocument {
  const sip =
    row.sip_user_name === null && row.sip_line_port === null && row.sip_outbound_proxy === null
      ? null
      : { userName: row.sip_user_name, linePort: row.sip_line_port, outboundProxy: row.sip_outbound_proxy };
  return {
    kind: row.kind,
    name: row.name,
    productId: row.product_id,
    mac: row.mac,
    serial: row.serial,
    status: row.status,
    personId: row.owner_person_id,
    workspaceId: row.owner_workspace_id,
    virtualLineId: row.owner_virtual_line_id,
    siteId: row.site_id,
    tags,
    upgradeChannel: row.upgrade_channel,
    managedBy: row.managed_by,
    sip,
    hotDesk: row.hot_desk === 1,
    commonPhone: row.common_phone === 1,
    linePooling: row.line_pooling,
    computerName: row.computer_name,
    emergency: parseJson(row.emergency),
    shipping: parseJson(row.shipping),
    billing: parseJson(row.billing),
  };
}

function defaults(kind: string): DeviceDocument {
  return {
    kind,
    name: null,
    productId: null,
    mac: null,
    serial: null,
    status: 'Offline',
    personId: null,
    workspaceId: null,
    virtualLineId: null,
    siteId: null,
    tags: [],
    upgradeChannel: null,
    managedBy: null,
    sip: null,
    hotDesk: false,
    commonPhone: false,
    linePooling: null,
    computerName: null,
    emergency: null,
    shipping: null,
    billing: null,
  };
}

function nullsFor(document: DeviceDocument): Partial<Record<keyof DeviceDocument, null>> {
  return Object.fromEntries(Object.keys(document).map((k) => [k, null]));
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function parseJson(text: string | null): JsonObject | null {
  return text === null ? null : (JSON.parse(text) as JsonObject);
}
