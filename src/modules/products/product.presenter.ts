/** Turns a product record into the native resource: only whitelisted fields, instants as ISO strings. */
import { latestPerComponent } from '../firmware/version-order.js';
import type { FirmwareReleaseRow, ProductIncludes, ProductRecord } from './product.repository.js';
import type { ProductField, ProductView } from './product.schemas.js';
import { iso } from '../presenting.js';

export function presentProduct({ row, firmware }: ProductRecord): ProductView {
  return {
    id: row.id,
    manufacturer: row.manufacturer,
    family: row.family,
    modelId: row.model_id,
    name: row.name,
    type: row.type,
    deviceKind: row.device_kind,
    usbVendorId: row.usb_vendor_id,
    usbProductId: row.usb_product_id,
    sku: row.sku,
    boxBillingId: row.box_billing_id,
    lineCount: row.line_count,
    features: JSON.parse(row.features) as string[],
    firmware: firmware.map(presentRelease),
    latestFirmware: latestPerComponent(firmware).map(presentRelease),
  };
}

function presentRelease(f: FirmwareReleaseRow) {
  return { component: f.component, version: f.version, releasedAt: iso(f.released_at), updateId: f.update_id };
}

/** Relations a projection needs; an unrequested relation is not loaded at all. */
export function productIncludesFor(fields: readonly ProductField[] | undefined): ProductIncludes {
  return { firmware: !fields || fields.includes('firmware') || fields.includes('latestFirmware') };
}
