/** A catalogue release as the native API presents it: only whitelisted fields, instants as ISO strings. */
import { iso } from '../presenting.js';
import type { FirmwareReleaseView } from './compliance.schemas.js';
import type { CatalogueRelease } from './firmware-catalog.service.js';

export function presentFirmwareRelease({ record, latest }: CatalogueRelease): FirmwareReleaseView {
  return {
    id: record.id,
    productId: record.product_id,
    manufacturer: record.product_manufacturer,
    modelId: record.product_model_id,
    component: record.component,
    version: record.version,
    releasedAt: iso(record.released_at),
    updateId: record.update_id,
    notes: record.notes,
    latest,
  };
}
