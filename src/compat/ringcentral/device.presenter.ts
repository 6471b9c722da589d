/**
 * The canonical device as RingCentral's DeviceResource (vendor-apis.md §4.4; docs/compat/ringcentral.md maps
 * every field), members in the schema's order, absent ones left out. Ids are numeric strings (ids.ts), except
 * the int64 numbers `extension.id` and `phoneInfo.id`; URIs are absolute.
 */
import type { DeviceLineRow, DeviceRecord } from '../../modules/devices/device.repository.js';
import { type RingCentralSku, parseSku } from '../../modules/devices/ringcentral-sku.js';
import type { ProductRow } from '../../modules/products/product.repository.js';
import { numberIdOf, numericIdOf } from './ids.js';

/** RingCentral's device types; a canonical kind outside them (Headset, Base, Dongle…) is shown as OtherPhone. */
export const RINGCENTRAL_DEVICE_TYPES = [
  'HardPhone',
  'SoftPhone',
  'OtherPhone',
  'MobileDevice',
  'BLA',
  'Paging',
  'WebPhone',
  'WebRTC',
  'Room',
] as const;
export const OTHER_DEVICE_TYPE = 'OtherPhone';
/** A device without a line pooling setting is one "without a phone line or with a specific line". */
export const DEFAULT_LINE_POOLING = 'None';
/**
 * Add-on names by the SKU's add-on type id (AT). The catalogue keeps the add-on's type and count (in the SKU)
 * but not its name; these are the names RingCentral's own answers give.
 */
export const RINGCENTRAL_ADDON_NAMES: Readonly<Record<string, string>> = { '2': 'Cisco - 32 lines' };
/** A phone number's canonical number_type as RingCentral's paymentType. */
const PAYMENT_TYPES: Readonly<Record<string, string>> = {
  toll_free: 'TollFree',
  mobile: 'Mobile',
  fixed_line: 'Local',
  fixed_line_or_mobile: 'Local',
  voip: 'Local',
};
/** Every number on a device carries voice and fax as far as the canonical model knows. */
export const PHONE_NUMBER_TYPE = 'VoiceFax';
/** A number on a device's line is that device's user's direct number. */
export const PHONE_NUMBER_USAGE = 'DirectNumber';

const COUNTRY_NAMES = new Intl.DisplayNames(['en'], { type: 'region' });

/** Who a device is assigned to, in RingCentral's terms: an extension (a person, or a workspace as a limited one). */
export interface ExtensionOwner {
  readonly id: string;
  readonly extensionNumber: string | null;
}

export interface RingCentralContext {
  /** `<base>/restapi/v1.0/account/<accountId>`: what device and extension URIs start with. */
  readonly accountUri: string;
  readonly products: ReadonlyMap<string, ProductRow>;
  readonly owners: ReadonlyMap<string, ExtensionOwner>;
}

export interface PresentOptions {
  /** updateDevice with prestatement=true: the device's billing statement. */
  readonly billingStatement?: boolean;
}

/** The canonical owner of a device (person, workspace or virtual line), if any. */
export function ownerIdOf(record: DeviceRecord): string | null {
  const { row } = record;
  return row.owner_person_id ?? row.owner_workspace_id ?? row.owner_virtual_line_id ?? null;
}

export function presentRingCentralDevice(
  record: DeviceRecord,
  context: RingCentralContext,
  options: PresentOptions = {},
): Record<string, unknown> {
  const { row } = record;
  const id = numericIdOf(row.id);
  const product = row.product_id === null ? undefined : context.products.get(row.product_id);
  const sku = row.product_sku === null ? null : parseSku(row.product_sku);
  const type = (RINGCENTRAL_DEVICE_TYPES as readonly string[]).includes(row.kind) ? row.kind : OTHER_DEVICE_TYPE;
  const emergency = parseJson(row.emergency);
  const ownerId = ownerIdOf(record);
  const owner = ownerId === null ? undefined : context.owners.get(ownerId);
  const commonPhone = row.common_phone === 1;
  const out: Record<string, unknown> = {
    id,
    uri: `${context.accountUri}/device/${id}`,
  };
  if (row.product_sku !== null) out.sku = row.product_sku;
  out.type = type;
  out.name = row.name;
  if (row.serial !== null) out.serial = row.serial;
  out.status = row.status === 'Online' || row.status === 'Active' ? 'Online' : 'Offline';
  if (row.computer_name !== null && row.kind === 'SoftPhone') out.computerName = row.computer_name;
  if (row.product_id !== null) out.model = model(row, product, sku?.ok ? sku.sku : null);
  if (ownerId !== null) {
    const extensionId = numberIdOf(ownerId);
    out.extension = {
      id: extensionId,
      uri: `${context.accountUri}/extension/${extensionId}`,
      ...(owner?.extensionNumber ? { extensionNumber: owner.extensionNumber } : {}),
    };
  }
  if (emergency !== null) {
    out.emergency = emergency;
    const address = emergencyServiceAddress(emergency);
    if (address !== null) out.emergencyServiceAddress = address;
  }
  out.phoneLines = record.lines.map(phoneLine);
  const shipping = parseJson(row.shipping);
  if (shipping !== null) out.shipping = shipping;
  if (row.kind === 'HardPhone' && product?.box_billing_id != null) out.boxBillingId = product.box_billing_id;
  out.useAsCommonPhone = commonPhone;
  if (!commonPhone) out.hotDeskDevice = row.hot_desk === 1;
  if (row.site_id !== null) out.site = { id: numericIdOf(row.site_id), name: row.site_name ?? '' };
  out.linePooling = row.line_pooling ?? DEFAULT_LINE_POOLING;
  if (options.billingStatement) {
    const billing = parseJson(row.billing);
    if (billing !== null) out.billingStatement = billing;
  }
  return out;
}

function model(
  row: DeviceRecord['row'],
  product: ProductRow | undefined,
  sku: RingCentralSku | null,
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    // RingCentral's model id is the SKU's ID part; a product without a RingCentral SKU shows its own model id.
    id: sku?.modelId ?? row.product_model_id ?? numericIdOf(row.product_id!),
    name: row.product_name ?? '',
  };
  if (sku?.addon) {
    const name = RINGCENTRAL_ADDON_NAMES[sku.addon.typeId];
    out.addons = [{ id: sku.addon.typeId, ...(name === undefined ? {} : { name }), count: sku.addon.count }];
  }
  const features = product ? (parseJson(product.features) as string[] | null) : null;
  if (features && features.length > 0) out.features = features;
  if (product?.line_count != null) out.lineCount = product.line_count;
  return out;
}

/** The emergency address again, as DeviceEmergencyServiceAddressResource, with the emergency statuses it has. */
function emergencyServiceAddress(emergency: Record<string, unknown>): Record<string, unknown> | null {
  const address = emergency.address as Record<string, unknown> | undefined;
  if (!address) return null;
  const out: Record<string, unknown> = { ...address };
  const status = emergency.addressStatus;
  if (status === 'Provisioning' || status === 'Valid' || status === 'Invalid') out.lineProvisioningStatus = status;
  if (emergency.syncStatus !== undefined) out.syncStatus = emergency.syncStatus;
  return out;
}

function phoneLine(line: DeviceLineRow): Record<string, unknown> {
  const phoneInfo: Record<string, unknown> = { id: numberIdOf(line.phone_number_id) };
  if (line.country_code !== null) {
    phoneInfo.country = { name: COUNTRY_NAMES.of(line.country_code) ?? line.country_code };
  }
  if (line.location !== null) phoneInfo.location = line.location;
  const paymentType = line.number_type === null ? undefined : PAYMENT_TYPES[line.number_type];
  if (paymentType !== undefined) phoneInfo.paymentType = paymentType;
  phoneInfo.phoneNumber = line.e164 ?? line.number;
  phoneInfo.type = PHONE_NUMBER_TYPE;
  if (line.e164 !== null) phoneInfo.usageType = PHONE_NUMBER_USAGE;
  return { id: numericIdOf(line.phone_number_id), lineType: line.line_type, phoneInfo };
}

function parseJson(text: string | null): Record<string, unknown> | null {
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
