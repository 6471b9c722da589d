/**
 * The demo product catalogue: what Poly/Plantronics, Cisco, Yealink, Genesys, Microsoft, Zoom,
 * RingCentral and Algo sell, with several firmware releases per product, and the product and
 * firmware-release rows it becomes. Ids are derived from the manufacturer and model, so every
 * database seeded from these lists agrees on them.
 *
 * A release row is written for each component version the first time it appears in a product's
 * firmware packages.
 */
import type { Insertable } from 'kysely';
import { idAt } from '../db/ids.js';
import type { FirmwareReleaseTable } from '../modules/firmware/firmware.table.js';
import { versionSortKey } from '../modules/firmware/version-order.js';
import type { ProductTable } from '../modules/products/product.table.js';
import { DESK_PHONES } from './catalog-desk-phones.js';
import { type CatalogProduct, FIRMWARE_COMPONENTS } from './catalog-model.js';
import { PERSONAL_AUDIO } from './catalog-personal-audio.js';
import { ROOMS_AND_PAGING } from './catalog-rooms.js';
import { SOFTPHONE_PRODUCTS } from './catalog-softphones.js';
import { stableBytes, stableUuid } from './stable-ids.js';

export const CATALOG: readonly CatalogProduct[] = [
  ...PERSONAL_AUDIO,
  ...DESK_PHONES,
  ...SOFTPHONE_PRODUCTS,
  ...ROOMS_AND_PAGING,
];

export type ProductKey = string;

export function catalogProduct(key: ProductKey): CatalogProduct {
  const found = CATALOG_BY_KEY.get(key);
  if (!found) throw new Error(`Unknown catalogue product "${key}"`);
  return found;
}

const CATALOG_BY_KEY = new Map(CATALOG.map((p) => [p.key, p]));

const utc = (isoDate: string): number => Date.parse(`${isoDate}T00:00:00Z`);

export function productId(p: CatalogProduct): string {
  return idAt(utc(p.launched), stableBytes(`product:${p.manufacturer}:${p.modelId}`));
}

export function productRow(p: CatalogProduct): Insertable<ProductTable> {
  return {
    id: productId(p),
    manufacturer: p.manufacturer,
    family: p.family,
    model_id: p.modelId,
    name: p.name,
    type: p.type,
    device_kind: p.deviceKind,
    usb_vendor_id: p.usbVendorId,
    usb_product_id: p.usbProductId,
    sku: p.sku,
    box_billing_id: p.boxBillingId,
    line_count: p.lineCount,
    features: JSON.stringify(p.features),
    created_at: utc(p.launched),
  };
}

/** One row per component version, at its first publication; `id` is the product row's id. */
export function firmwareReleaseRows(p: CatalogProduct, id: string = productId(p)): Insertable<FirmwareReleaseTable>[] {
  const rows: Insertable<FirmwareReleaseTable>[] = [];
  const seen = new Set<string>();
  for (const pkg of p.packages) {
    const released = utc(pkg.released);
    for (const component of FIRMWARE_COMPONENTS) {
      const version = pkg.versions[component];
      if (version === undefined || seen.has(`${component}:${version}`)) continue;
      seen.add(`${component}:${version}`);
      const label = `firmware:${p.manufacturer}:${p.modelId}:${component}:${version}`;
      rows.push({
        id: idAt(released, stableBytes(label)),
        product_id: id,
        component,
        version,
        version_key: versionSortKey(version),
        released_at: released,
        update_id: stableUuid(`update:${label}`),
      });
    }
  }
  return rows;
}
