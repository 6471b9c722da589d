/** The native product resource and the product list parameters. Response schemas are allowlists. */
import { type Static, Type } from 'typebox';
import { fieldNames, Instant, listParameters, Nullable, wireResource } from '../../http/schemas.js';
import { DEVICE_KINDS } from '../devices/device.schemas.js';

const ReleaseShape = Type.Object(
  {
    component: Type.String({ description: 'main, base, headset, bluetooth or usb.' }),
    version: Type.String(),
    releasedAt: Instant,
    updateId: Nullable(Type.String()),
  },
  { additionalProperties: false },
);

const ProductShape = Type.Object(
  {
    id: Type.String(),
    manufacturer: Type.String(),
    family: Nullable(Type.String()),
    modelId: Type.String(),
    name: Type.String(),
    type: Type.String({ description: 'USB, Bluetooth, DECT, SIP, Soft, Room, Paging, WebRTC.' }),
    deviceKind: Type.String({ description: 'The kind of device this product makes (HardPhone, Headset, …).' }),
    usbVendorId: Nullable(Type.String()),
    usbProductId: Nullable(Type.String()),
    sku: Nullable(Type.String()),
    boxBillingId: Nullable(Type.Integer()),
    lineCount: Nullable(Type.Integer()),
    features: Type.Array(Type.String()),
    firmware: Type.Array(ReleaseShape, { description: 'Published firmware releases, newest first.' }),
    latestFirmware: Type.Array(ReleaseShape, {
      description:
        'The latest release of each component (newest release date, ties by version), by component name: ' +
        'what devices of the product are offered (firmwareVersionAvailable is the main one).',
    }),
  },
  { additionalProperties: false },
);
export type ProductView = Static<typeof ProductShape>;
export type ProductField = keyof ProductView;
export const PRODUCT_FIELDS = fieldNames(ProductShape);

export const Product = wireResource(ProductShape, 'Product', 'A catalogue product');

export const ProductListQuery = Type.Object(
  {
    ...listParameters,
    sort: Type.Optional(Type.String({ description: 'id (default), name; prefix with - for descending.' })),
    manufacturer: Type.Optional(Type.String({ maxLength: 200, description: 'Manufacturer name, any case.' })),
    type: Type.Optional(
      Type.String({ maxLength: 50, description: 'USB, Bluetooth, DECT, SIP, Soft, Room…; any case.' }),
    ),
    kind: Type.Optional(Type.String({ enum: [...DEVICE_KINDS], description: 'The kind of device the product makes.' })),
    q: Type.Optional(
      Type.String({ maxLength: 200, description: 'Substring of name, model id, family or SKU; any case.' }),
    ),
  },
  { additionalProperties: false },
);
export type ProductListQuery = Static<typeof ProductListQuery>;

export const ProductParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
export const ProductGetQuery = Type.Object({ fields: listParameters.fields }, { additionalProperties: false });
