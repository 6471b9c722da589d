/**
 * The shape of the demo product catalogue and the small builders its product lists are written
 * with. Firmware is described as packages: one published bundle per date with a version per
 * component (Poly ships headset, base, Bluetooth and USB firmware together).
 */

export const FIRMWARE_COMPONENTS = ['main', 'base', 'headset', 'bluetooth', 'usb'] as const;
export type FirmwareComponent = (typeof FIRMWARE_COMPONENTS)[number];

export type DeviceKind = 'Headset' | 'Base' | 'Dongle' | 'HardPhone' | 'SoftPhone' | 'Room' | 'Paging' | 'OtherPhone';
export type ProductType = 'USB' | 'Bluetooth' | 'DECT' | 'SIP' | 'Soft' | 'Room' | 'Paging';
export type Feature = 'BLA' | 'CommonPhone' | 'Intercom' | 'Paging' | 'HELD';

export interface FirmwarePackage {
  /** ISO date of publication. */
  readonly released: string;
  readonly versions: Partial<Record<FirmwareComponent, string>>;
}

export interface CatalogProduct {
  /** A short stable name the fleet generator uses to refer to the product. */
  readonly key: string;
  readonly manufacturer: string;
  readonly family: string | null;
  readonly modelId: string;
  readonly name: string;
  readonly type: ProductType;
  readonly deviceKind: DeviceKind;
  readonly usbVendorId: string | null;
  readonly usbProductId: string | null;
  readonly sku: string | null;
  readonly boxBillingId: number | null;
  readonly lineCount: number | null;
  readonly features: readonly Feature[];
  /** ISO date the product entered the catalogue. */
  readonly launched: string;
  /** Oldest first. Empty for products without firmware (a virtual contact-center position). */
  readonly packages: readonly FirmwarePackage[];
}

/** Plantronics' USB vendor id; Poly kept it. */
export const PLANTRONICS_USB_VENDOR_ID = '047F';

/** One spelling for Poly and Plantronics products alike. */
export const POLY = 'Poly';

/** Packages with a version per component, as Poly publishes personal audio firmware. */
export function pkgs(...rows: readonly [string, Partial<Record<FirmwareComponent, string>>][]): FirmwarePackage[] {
  return rows.map(([released, versions]) => ({ released, versions }));
}

/** Packages where only the main component is versioned (desk phones, rooms, softphones). */
export function mains(...rows: readonly [string, string][]): FirmwarePackage[] {
  return rows.map(([released, main]) => ({ released, versions: { main } }));
}

export interface ProductDefaults {
  family?: string | null;
  usbVendorId?: string | null;
  usbProductId?: string | null;
  sku?: string | null;
  boxBillingId?: number | null;
  lineCount?: number | null;
  features?: readonly Feature[];
}

/** A catalogue entry; what `extra` leaves out is null (features: none). */
export function product(
  key: string,
  manufacturer: string,
  modelId: string,
  name: string,
  type: ProductType,
  deviceKind: DeviceKind,
  launched: string,
  packages: readonly FirmwarePackage[],
  extra: ProductDefaults = {},
): CatalogProduct {
  return {
    key,
    manufacturer,
    family: extra.family ?? null,
    modelId,
    name,
    type,
    deviceKind,
    usbVendorId: extra.usbVendorId ?? null,
    usbProductId: extra.usbProductId ?? null,
    sku: extra.sku ?? null,
    boxBillingId: extra.boxBillingId ?? null,
    lineCount: extra.lineCount ?? null,
    features: extra.features ?? [],
    launched,
    packages,
  };
}

/** A Plantronics/Poly USB device: the vendor id Poly kept, its product id and family. */
export const plantronicsUsb = (usbProductId: string, family: string): ProductDefaults => ({
  family,
  usbVendorId: PLANTRONICS_USB_VENDOR_ID,
  usbProductId,
});
