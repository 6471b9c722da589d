/**
 * The demo product catalogue: what Poly/Plantronics, Cisco, Yealink, Genesys, Microsoft, Zoom,
 * RingCentral and Algo sell, with several firmware releases per product. Ids are derived from the
 * manufacturer and model, so every database seeded from this file agrees on them.
 *
 * Firmware is described as packages: one published bundle per date with a version per component
 * (Poly ships headset, base, Bluetooth and USB firmware together). A release row is written for each
 * component version the first time it appears.
 */
import { createHash } from 'node:crypto';
import type { Insertable } from 'kysely';
import { idAt } from '../db/ids.js';
import type { FirmwareReleaseTable } from '../modules/firmware/firmware.table.js';
import type { ProductTable } from '../modules/products/product.table.js';

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

function pkgs(...rows: readonly [string, Partial<Record<FirmwareComponent, string>>][]): FirmwarePackage[] {
  return rows.map(([released, versions]) => ({ released, versions }));
}

/** Packages where only the main component is versioned (desk phones, rooms, softphones). */
function mains(...rows: readonly [string, string][]): FirmwarePackage[] {
  return rows.map(([released, main]) => ({ released, versions: { main } }));
}

interface ProductDefaults {
  family?: string | null;
  usbVendorId?: string | null;
  usbProductId?: string | null;
  sku?: string | null;
  boxBillingId?: number | null;
  lineCount?: number | null;
  features?: readonly Feature[];
}

function product(
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

const plantronicsUsb = (usbProductId: string, family: string): ProductDefaults => ({
  family,
  usbVendorId: PLANTRONICS_USB_VENDOR_ID,
  usbProductId,
});

export const CATALOG: readonly CatalogProduct[] = [
  // --- Poly / Plantronics personal audio -------------------------------------------------------
  product(
    'voyager-focus-2',
    POLY,
    'VFOCUS2',
    'Poly Voyager Focus 2 UC',
    'Bluetooth',
    'Headset',
    '2021-06-15',
    pkgs(
      ['2024-02-20', { main: '1.46', headset: '1.46', bluetooth: '3.8.2' }],
      ['2024-07-09', { main: '1.52', headset: '1.52', bluetooth: '3.9.0' }],
      ['2025-01-28', { main: '1.58', headset: '1.58', bluetooth: '3.9.4' }],
      ['2025-09-16', { main: '1.63', headset: '1.63', bluetooth: '3.10.1' }],
      ['2026-05-05', { main: '1.68', headset: '1.68', bluetooth: '3.11.0' }],
    ),
    plantronicsUsb('4304', 'Voyager'),
  ),
  product(
    'voyager-4320',
    POLY,
    'V4320',
    'Poly Voyager 4320 UC',
    'Bluetooth',
    'Headset',
    '2021-09-01',
    pkgs(
      ['2024-03-12', { main: '2.21', headset: '2.21', bluetooth: '2.2.7' }],
      ['2024-10-01', { main: '2.29', headset: '2.29', bluetooth: '2.3.1' }],
      ['2025-04-22', { main: '2.35', headset: '2.35', bluetooth: '2.3.5' }],
      ['2026-02-10', { main: '2.41', headset: '2.41', bluetooth: '2.4.0' }],
    ),
    plantronicsUsb('0221', 'Voyager'),
  ),
  product(
    'voyager-focus-uc',
    POLY,
    'B825',
    'Plantronics Voyager Focus UC',
    'Bluetooth',
    'Headset',
    '2016-04-01',
    pkgs(
      ['2023-11-07', { main: '4.13', headset: '4.13', bluetooth: '1.0.187' }],
      ['2024-08-20', { main: '4.15', headset: '4.15', bluetooth: '1.0.192' }],
      ['2025-06-03', { main: '4.17', headset: '4.17', bluetooth: '1.0.197' }],
    ),
    plantronicsUsb('C058', 'Voyager'),
  ),
  product(
    'savi-8220',
    POLY,
    'W8220',
    'Poly Savi 8220 UC',
    'DECT',
    'Headset',
    '2019-10-01',
    pkgs(
      ['2024-01-16', { main: '3.27', headset: '3.27' }],
      ['2024-09-10', { main: '3.33', headset: '3.33' }],
      ['2025-05-13', { main: '3.39', headset: '3.39' }],
      ['2026-03-24', { main: '3.44', headset: '3.44' }],
    ),
    plantronicsUsb('AC28', 'Savi'),
  ),
  product(
    'savi-8200-base',
    POLY,
    'BS8200',
    'Poly Savi 8200 Series Base',
    'DECT',
    'Base',
    '2019-10-01',
    pkgs(
      ['2024-01-16', { main: '5.12', base: '5.12', usb: '32.14' }],
      ['2024-09-10', { main: '5.18', base: '5.18', usb: '32.19' }],
      ['2025-05-13', { main: '5.23', base: '5.23', usb: '32.19' }],
      ['2026-03-24', { main: '5.29', base: '5.29', usb: '32.26' }],
    ),
    plantronicsUsb('AC2A', 'Savi'),
  ),
  product(
    'blackwire-5220',
    POLY,
    'C5220',
    'Poly Blackwire 5220 USB-A',
    'USB',
    'Headset',
    '2019-03-01',
    pkgs(
      ['2023-12-05', { main: '1.28', usb: '1.28' }],
      ['2024-11-19', { main: '1.31', usb: '1.31' }],
      ['2025-10-07', { main: '1.34', usb: '1.34' }],
    ),
    plantronicsUsb('C053', 'Blackwire'),
  ),
  product(
    'encorepro-525',
    POLY,
    'HW525',
    'Poly EncorePro 525 USB',
    'USB',
    'Headset',
    '2020-05-01',
    pkgs(
      ['2024-04-09', { main: '0.24', usb: '0.24' }],
      ['2025-02-25', { main: '0.27', usb: '0.27' }],
      ['2026-01-20', { main: '0.30', usb: '0.30' }],
    ),
    plantronicsUsb('C070', 'EncorePro'),
  ),
  product(
    'bt700',
    POLY,
    'BT700',
    'Poly BT700 USB-A Bluetooth Adapter',
    'Bluetooth',
    'Dongle',
    '2020-09-01',
    pkgs(
      ['2024-02-20', { main: '1.46', usb: '1.46', bluetooth: '3.8.2' }],
      ['2024-07-09', { main: '1.52', usb: '1.52', bluetooth: '3.9.0' }],
      ['2025-01-28', { main: '1.58', usb: '1.58', bluetooth: '3.9.4' }],
      ['2025-09-16', { main: '1.63', usb: '1.63', bluetooth: '3.10.1' }],
      ['2026-05-05', { main: '1.68', usb: '1.68', bluetooth: '3.11.0' }],
    ),
    plantronicsUsb('02E6', 'BT Adapter'),
  ),
  product(
    'bt600',
    POLY,
    'BT600',
    'Plantronics BT600 USB-A Bluetooth Adapter',
    'Bluetooth',
    'Dongle',
    '2016-04-01',
    pkgs(
      ['2023-11-07', { main: '2.48', usb: '2.48', bluetooth: '1.0.187' }],
      ['2024-08-20', { main: '2.51', usb: '2.51', bluetooth: '1.0.192' }],
      ['2025-06-03', { main: '2.54', usb: '2.54', bluetooth: '1.0.197' }],
    ),
    plantronicsUsb('0116', 'BT Adapter'),
  ),
  // A speakerphone is a personal audio device in Poly's inventory; it is filed with the headsets.
  product(
    'sync-20',
    POLY,
    'SY20',
    'Poly Sync 20 USB-A',
    'USB',
    'Headset',
    '2021-02-01',
    pkgs(
      ['2024-05-21', { main: '1.13', usb: '1.13', bluetooth: '1.4.1' }],
      ['2025-03-18', { main: '1.16', usb: '1.16', bluetooth: '1.4.6' }],
      ['2026-04-14', { main: '1.19', usb: '1.19', bluetooth: '1.5.0' }],
    ),
    plantronicsUsb('0306', 'Sync'),
  ),

  // --- desk phones ------------------------------------------------------------------------------
  product(
    'cisco-8811',
    'Cisco',
    'CP-8811',
    'Cisco IP Phone 8811',
    'SIP',
    'HardPhone',
    '2016-01-15',
    mains(
      ['2024-02-28', '12.0.3MPP0001-63'],
      ['2024-09-25', '12.0.4MPP0001-29'],
      ['2025-04-30', '12.0.5MPP0001-17'],
      ['2026-01-28', '12.0.6MPP0001-42'],
    ),
    {
      family: '8800 Series',
      sku: 'HP-120',
      boxBillingId: 2120,
      lineCount: 5,
      features: ['BLA', 'Intercom', 'Paging', 'HELD'],
    },
  ),
  product(
    'cisco-8851',
    'Cisco',
    'CP-8851',
    'Cisco IP Phone 8851',
    'SIP',
    'HardPhone',
    '2015-06-01',
    mains(
      ['2024-02-28', '12.0.3MPP0001-63'],
      ['2024-09-25', '12.0.4MPP0001-29'],
      ['2025-04-30', '12.0.5MPP0001-17'],
      ['2026-01-28', '12.0.6MPP0001-42'],
    ),
    {
      family: '8800 Series',
      sku: 'HP-121',
      boxBillingId: 2121,
      lineCount: 5,
      features: ['BLA', 'CommonPhone', 'Intercom', 'Paging', 'HELD'],
    },
  ),
  product(
    'cisco-6871',
    'Cisco',
    'CP-6871',
    'Cisco IP Phone 6871',
    'SIP',
    'HardPhone',
    '2018-03-01',
    mains(['2024-03-20', '12.0.3MPP0001-57'], ['2024-11-13', '12.0.4MPP0001-31'], ['2025-07-15', '12.0.5MPP0001-09']),
    { family: '6800 Series', sku: 'HP-125', boxBillingId: 2125, lineCount: 6, features: ['BLA', 'Intercom', 'Paging'] },
  ),
  product(
    'yealink-t54w',
    'Yealink',
    'SIP-T54W',
    'Yealink T54W',
    'SIP',
    'HardPhone',
    '2019-01-10',
    mains(
      ['2024-01-09', '96.86.0.70'],
      ['2024-06-18', '96.86.0.100'],
      ['2025-01-14', '96.86.0.130'],
      ['2025-08-26', '96.86.0.160'],
      ['2026-06-09', '96.87.0.15'],
    ),
    {
      family: 'T5 Series',
      sku: 'HP-188',
      boxBillingId: 2188,
      lineCount: 16,
      features: ['BLA', 'CommonPhone', 'Intercom', 'Paging', 'HELD'],
    },
  ),
  product(
    'yealink-t46u',
    'Yealink',
    'SIP-T46U',
    'Yealink T46U',
    'SIP',
    'HardPhone',
    '2019-08-01',
    mains(
      ['2024-01-09', '108.86.0.70'],
      ['2024-06-18', '108.86.0.100'],
      ['2025-01-14', '108.86.0.130'],
      ['2025-08-26', '108.86.0.160'],
    ),
    {
      family: 'T4 Series',
      sku: 'HP-162',
      boxBillingId: 2162,
      lineCount: 16,
      features: ['BLA', 'CommonPhone', 'Intercom', 'Paging', 'HELD'],
    },
  ),
  product(
    'yealink-t33g',
    'Yealink',
    'SIP-T33G',
    'Yealink T33G',
    'SIP',
    'HardPhone',
    '2020-11-01',
    mains(['2024-04-16', '124.86.0.40'], ['2025-02-11', '124.86.0.75'], ['2025-11-04', '124.86.0.110']),
    {
      family: 'T3 Series',
      sku: 'HP-215',
      boxBillingId: 2215,
      lineCount: 4,
      features: ['CommonPhone', 'Intercom', 'Paging'],
    },
  ),
  product(
    'poly-edge-e350',
    POLY,
    'E350',
    'Poly Edge E350',
    'SIP',
    'HardPhone',
    '2021-11-01',
    mains(
      ['2024-03-05', '8.1.1.0224'],
      ['2024-10-22', '8.1.3.1301'],
      ['2025-06-17', '8.2.0.0513'],
      ['2026-02-24', '8.2.2.0187'],
    ),
    {
      family: 'Edge',
      sku: 'HP-220',
      boxBillingId: 2220,
      lineCount: 8,
      features: ['BLA', 'CommonPhone', 'Intercom', 'Paging', 'HELD'],
    },
  ),
  product(
    'poly-vvx-450',
    POLY,
    'VVX450',
    'Poly VVX 450',
    'SIP',
    'HardPhone',
    '2017-09-01',
    mains(['2023-10-17', '6.4.5.1059'], ['2024-07-30', '6.4.6.2146'], ['2025-05-27', '6.4.7.1140']),
    { family: 'VVX', sku: 'HP-134', boxBillingId: 2134, lineCount: 12, features: ['BLA', 'Intercom', 'Paging'] },
  ),
  // A virtual contact-center position: no hardware, so no firmware.
  product(
    'genesys-acd',
    'Genesys',
    'ACDPosition',
    'Genesys Cloud ACD Position',
    'SIP',
    'OtherPhone',
    '2020-01-01',
    [],
    { family: 'CloudDevice', sku: 'DV-40', lineCount: 1 },
  ),

  // --- softphones -------------------------------------------------------------------------------
  product(
    'webex-app',
    'Cisco',
    'Webex App',
    'Webex App',
    'Soft',
    'SoftPhone',
    '2020-12-01',
    mains(
      ['2024-06-12', '44.6.0.29928'],
      ['2024-10-16', '44.10.1.31028'],
      ['2025-02-19', '45.2.0.31846'],
      ['2025-06-18', '45.6.1.32551'],
      ['2025-10-15', '45.10.0.33203'],
      ['2026-06-17', '46.6.0.34812'],
    ),
    { family: 'Webex', sku: 'DV-31' },
  ),
  product(
    'zoom-workplace',
    'Zoom',
    'Zoom Workplace',
    'Zoom Workplace',
    'Soft',
    'SoftPhone',
    '2024-03-25',
    mains(
      ['2024-05-06', '6.0.11'],
      ['2024-08-12', '6.1.6'],
      ['2024-10-28', '6.2.5'],
      ['2025-02-03', '6.3.6'],
      ['2025-06-09', '6.4.10'],
      ['2026-05-11', '6.7.2'],
    ),
    { family: 'Workplace', sku: 'DV-32' },
  ),
  product(
    'teams',
    'Microsoft',
    'Teams',
    'Microsoft Teams',
    'Soft',
    'SoftPhone',
    '2017-03-14',
    mains(
      ['2024-08-13', '24215.1007.3082.1590'],
      ['2024-10-08', '24257.205.3165.5922'],
      ['2025-03-11', '25044.2208.3471.2155'],
      ['2025-07-08', '25153.1010.3727.5483'],
      ['2026-04-14', '26072.519.4066.3311'],
    ),
    { family: 'Teams', sku: 'DV-33' },
  ),
  product(
    'ringcentral-app',
    'RingCentral',
    'RingCentral App',
    'RingCentral App',
    'Soft',
    'SoftPhone',
    '2020-03-01',
    mains(
      ['2024-07-23', '24.3.20'],
      ['2024-11-12', '24.4.10'],
      ['2025-03-04', '25.1.30'],
      ['2025-07-29', '25.2.20'],
      ['2026-03-17', '26.1.10'],
    ),
    { family: 'RingCentral', sku: 'DV-1' },
  ),

  // --- rooms and paging -------------------------------------------------------------------------
  product(
    'cisco-room-kit-mini',
    'Cisco',
    'CS-KITMINI',
    'Cisco Room Kit Mini',
    'Room',
    'Room',
    '2019-02-01',
    mains(
      ['2024-04-24', '11.14.2.3'],
      ['2024-10-30', '11.20.1.7'],
      ['2025-05-21', '11.26.1.4'],
      ['2026-03-11', '11.32.2.1'],
    ),
    { family: 'Room Kit', sku: 'DV-60' },
  ),
  product(
    'poly-studio-x50',
    POLY,
    'StudioX50',
    'Poly Studio X50',
    'Room',
    'Room',
    '2020-04-01',
    mains(['2024-02-13', '4.1.0.0313'], ['2024-11-05', '4.2.0.0520'], ['2025-08-12', '4.3.0.0411']),
    { family: 'Studio', sku: 'DV-61' },
  ),
  product(
    'algo-8301',
    'Algo',
    '8301',
    'Algo 8301 Paging Adapter & Scheduler',
    'Paging',
    'Paging',
    '2018-06-01',
    mains(['2024-01-23', '5.3.4'], ['2024-12-10', '5.4'], ['2025-09-30', '5.5.1']),
    { family: 'Paging Adapter', sku: 'DV-70', features: ['Paging'] },
  ),
];

export type ProductKey = string;

export function catalogProduct(key: ProductKey): CatalogProduct {
  const found = CATALOG_BY_KEY.get(key);
  if (!found) throw new Error(`Unknown catalogue product "${key}"`);
  return found;
}

const CATALOG_BY_KEY = new Map(CATALOG.map((p) => [p.key, p]));

/** Sixteen bytes that depend only on `label`. */
export function stableBytes(label: string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(label, 'utf8').digest().subarray(0, 16));
}

/** A UUID (version 4 layout) that depends only on `label`. */
export function stableUuid(label: string): string {
  const b = stableBytes(label);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Buffer.from(b).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

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
        released_at: released,
        update_id: stableUuid(`update:${label}`),
      });
    }
  }
  return rows;
}

// --- places, organisations and names the fleet generator draws from --------------------------------

export interface SiteTemplate {
  /** Three-letter code used in room names. */
  readonly code: string;
  readonly city: string;
  readonly street: string;
  /** Region name (state, province, county…). */
  readonly state: string;
  /** Region abbreviation where one is customary, else the region name. */
  readonly stateCode: string;
  readonly postalCode: string;
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
  readonly countryName: string;
  readonly timeZone: string;
  /**
   * Direct-dial numbers: calling code, then the national significant number as a fixed prefix
   * (area code and a leading subscriber digit) followed by `subscriberDigits` free digits. Every
   * prefix here gives numbers libphonenumber-js accepts as valid fixed lines of `country`.
   */
  readonly callingCode: string;
  readonly numberPrefix: string;
  readonly subscriberDigits: number;
}

function site(
  code: string,
  city: string,
  street: string,
  state: string,
  stateCode: string,
  postalCode: string,
  country: string,
  countryName: string,
  timeZone: string,
  callingCode: string,
  numberPrefix: string,
  subscriberDigits: number,
): SiteTemplate {
  return {
    code,
    city,
    street,
    state,
    stateCode,
    postalCode,
    country,
    countryName,
    timeZone,
    callingCode,
    numberPrefix,
    subscriberDigits,
  };
}

/** Ordered so that the first few sites of a tenant already span several countries. */
// prettier-ignore
export const SITE_TEMPLATES: readonly SiteTemplate[] = [
  site('SFO', 'San Francisco', '100 Market Street', 'California', 'CA', '94105', 'US', 'United States', 'America/Los_Angeles', '1', '4155', 6),
  site('LON', 'London', '1 Canada Square', 'England', 'England', 'E14 5AB', 'GB', 'United Kingdom', 'Europe/London', '44', '207', 7),
  site('BER', 'Berlin', 'Friedrichstraße 68', 'Berlin', 'BE', '10117', 'DE', 'Germany', 'Europe/Berlin', '49', '302', 7),
  site('SYD', 'Sydney', '1 Martin Place', 'New South Wales', 'NSW', '2000', 'AU', 'Australia', 'Australia/Sydney', '61', '29', 7),
  site('NYC', 'New York', '350 Fifth Avenue', 'New York', 'NY', '10118', 'US', 'United States', 'America/New_York', '1', '2126', 6),
  site('PAR', 'Paris', '40 Avenue des Terroirs de France', 'Île-de-France', 'IDF', '75012', 'FR', 'France', 'Europe/Paris', '33', '14', 7),
  site('BLR', 'Bengaluru', 'Embassy Golf Links, Intermediate Ring Road', 'Karnataka', 'KA', '560071', 'IN', 'India', 'Asia/Kolkata', '91', '804', 7),
  site('TYO', 'Tokyo', '1-1-1 Marunouchi, Chiyoda-ku', 'Tokyo', 'Tokyo', '100-0005', 'JP', 'Japan', 'Asia/Tokyo', '81', '35', 7),
  site('SAO', 'São Paulo', 'Avenida Paulista 1578', 'São Paulo', 'SP', '01310-200', 'BR', 'Brazil', 'America/Sao_Paulo', '55', '113', 7),
  site('CHI', 'Chicago', '233 South Wacker Drive', 'Illinois', 'IL', '60606', 'US', 'United States', 'America/Chicago', '1', '3127', 6),
  site('MAN', 'Manchester', '1 Spinningfields', 'England', 'England', 'M3 3AP', 'GB', 'United Kingdom', 'Europe/London', '44', '1612', 6),
  site('MUC', 'Munich', 'Leopoldstraße 244', 'Bavaria', 'BY', '80807', 'DE', 'Germany', 'Europe/Berlin', '49', '892', 7),
  site('YYZ', 'Toronto', '100 King Street West', 'Ontario', 'ON', 'M5X 1A9', 'CA', 'Canada', 'America/Toronto', '1', '4163', 6),
  site('MEL', 'Melbourne', '80 Collins Street', 'Victoria', 'VIC', '3000', 'AU', 'Australia', 'Australia/Melbourne', '61', '39', 7),
  site('LYS', 'Lyon', '107 Rue Servient', 'Auvergne-Rhône-Alpes', 'ARA', '69003', 'FR', 'France', 'Europe/Paris', '33', '47', 7),
  site('BOM', 'Mumbai', 'G Block, Bandra Kurla Complex', 'Maharashtra', 'MH', '400051', 'IN', 'India', 'Asia/Kolkata', '91', '226', 7),
  site('OSA', 'Osaka', '3-6-1 Umeda, Kita-ku', 'Osaka', 'Osaka', '530-0001', 'JP', 'Japan', 'Asia/Tokyo', '81', '66', 7),
  site('MAD', 'Madrid', 'Paseo de la Castellana 259', 'Community of Madrid', 'MD', '28046', 'ES', 'Spain', 'Europe/Madrid', '34', '914', 6),
  site('AMS', 'Amsterdam', 'Gustav Mahlerplein 2', 'North Holland', 'NH', '1082 MA', 'NL', 'Netherlands', 'Europe/Amsterdam', '31', '205', 6),
  site('AUS', 'Austin', '500 West 2nd Street', 'Texas', 'TX', '78701', 'US', 'United States', 'America/Chicago', '1', '5124', 6),
  site('BOS', 'Boston', '1 Federal Street', 'Massachusetts', 'MA', '02110', 'US', 'United States', 'America/New_York', '1', '6173', 6),
  site('DUB', 'Dublin', '1 Grand Canal Square', 'Leinster', 'Leinster', 'D02 P820', 'IE', 'Ireland', 'Europe/Dublin', '353', '16', 6),
  site('SIN', 'Singapore', '8 Marina Boulevard', 'Singapore', 'Singapore', '018981', 'SG', 'Singapore', 'Asia/Singapore', '65', '66', 6),
  site('SEA', 'Seattle', '1201 Second Avenue', 'Washington', 'WA', '98101', 'US', 'United States', 'America/Los_Angeles', '1', '2064', 6),
  site('FRA', 'Frankfurt', 'Taunusanlage 8', 'Hesse', 'HE', '60329', 'DE', 'Germany', 'Europe/Berlin', '49', '692', 7),
  site('EDI', 'Edinburgh', '1 Exchange Crescent', 'Scotland', 'Scotland', 'EH3 8UL', 'GB', 'United Kingdom', 'Europe/London', '44', '1314', 6),
  site('RIO', 'Rio de Janeiro', 'Avenida Rio Branco 1', 'Rio de Janeiro', 'RJ', '20090-003', 'BR', 'Brazil', 'America/Sao_Paulo', '55', '213', 7),
  site('ATL', 'Atlanta', '1180 Peachtree Street NE', 'Georgia', 'GA', '30309', 'US', 'United States', 'America/New_York', '1', '4045', 6),
  site('DEN', 'Denver', '1700 Lincoln Street', 'Colorado', 'CO', '80203', 'US', 'United States', 'America/Denver', '1', '3034', 6),
];

/** Demo organisations for tenants beyond the sandbox (`.example` domains are reserved for documentation). */
export const DEMO_ORGANISATIONS: readonly (readonly [name: string, domain: string])[] = [
  ['Acme Corporation', 'acme.example'],
  ['Globex Corporation', 'globex.example'],
  ['Initech', 'initech.example'],
  ['Umbrella Health', 'umbrella-health.example'],
  ['Stark Logistics', 'stark-logistics.example'],
  ['Wayne Financial', 'wayne-financial.example'],
  ['Hooli', 'hooli.example'],
  ['Vandelay Industries', 'vandelay.example'],
  ['Cyberdyne Systems', 'cyberdyne.example'],
  ['Soylent Foods', 'soylent.example'],
  ['Tyrell Energy', 'tyrell.example'],
  ['Wonka Confectionery', 'wonka.example'],
];

export const USER_GROUPS: readonly (readonly [name: string, description: string])[] = [
  ['Sales', 'Account executives and sales engineers'],
  ['Support', 'Customer support, tiers 1 to 3'],
  ['Engineering', 'Product and platform engineering'],
  ['Contact Center', 'Inbound and outbound contact-center agents and supervisors'],
  ['Executives', 'Leadership team and their assistants'],
  ['Marketing', 'Brand, events and demand generation'],
  ['Finance', 'Accounting, payroll and procurement'],
  ['HR', 'People operations and recruiting'],
  ['IT', 'Workplace technology and service desk'],
  ['Operations', 'Facilities, logistics and warehouse'],
];

// prettier-ignore
export const FIRST_NAMES: readonly string[] = [
  'James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William',
  'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen', 'Daniel', 'Nancy',
  'Matthew', 'Lisa', 'Anthony', 'Sandra', 'Mark', 'Ashley', 'Steven', 'Emily', 'Andrew', 'Michelle', 'Oliver',
  'Amelia', 'Harry', 'Isla', 'Lukas', 'Emma', 'Felix', 'Hannah', 'Louis', 'Camille', 'Hugo', 'Chloé', 'Mateo',
  'Lucía', 'Pablo', 'Sofía', 'Lars', 'Sanne', 'Aarav', 'Priya', 'Rohan', 'Ananya', 'Vikram', 'Kavya', 'Haruto',
  'Yui', 'Sota', 'Aoi', 'Wei', 'Mei', 'Jun', 'Min-jun', 'Seo-yeon', 'Gabriel', 'Beatriz', 'Rafael', 'Larissa',
  'Kwame', 'Amara', 'Chidi', 'Fatima', 'Omar', 'Layla', 'Yusuf', 'Noah', 'Olivia', 'Liam', 'Ava', 'Ethan', 'Mia',
  'Siobhan', 'Connor',
];

// prettier-ignore
export const LAST_NAMES: readonly string[] = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
  'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee',
  'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson', 'Walker', 'Young',
  'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores', 'Green', 'Adams', 'Nelson', 'Baker',
  'Hall', 'Rivera', 'Campbell', 'Mitchell', 'Carter', 'Roberts', 'Müller', 'Schmidt', 'Schneider', 'Fischer',
  'Weber', 'Meyer', 'Wagner', 'Becker', 'Dubois', 'Lefebvre', 'Moreau', 'Laurent', 'Bernard', 'Fernández', 'Ruiz',
  'Jiménez', 'de Vries', 'van Dijk', 'Bakker', 'Patel', 'Sharma', 'Iyer', 'Reddy', 'Gupta', 'Nair', 'Sato', 'Suzuki',
  'Takahashi', 'Tanaka', 'Watanabe', 'Chen', 'Wang', 'Li', 'Zhang', 'Kim', 'Park', 'Silva', 'Santos', 'Oliveira',
  'Souza', 'Costa', 'Mensah', 'Okafor', 'Adeyemi', "O'Brien", 'Murphy', 'Kelly', 'Byrne', 'Khan', 'Ali', 'Haddad',
];

// prettier-ignore
export const ROOM_NAMES: readonly string[] = [
  'Thames', 'Hudson', 'Danube', 'Seine', 'Amazon', 'Ganges', 'Rhine', 'Yarra', 'Sumida', 'Liffey', 'Everest', 'Fuji',
  'Kilimanjaro', 'Matterhorn', 'Denali', 'Atlas', 'Andes', 'Sierra', 'Cascade', 'Rockies', 'Huddle', 'Focus',
  'Boardroom',
];

// --- what tenants buy and how they govern it --------------------------------------------------------

/** Softphones as desktop agents report them (name, plugin id, vendor), with the versions they ship. */
export interface SoftphoneInfo {
  readonly name: string;
  readonly pluginId: string;
  readonly vendor: string;
  /** Catalogue key of the softphone product, when there is one. */
  readonly product: string | null;
  readonly versions: readonly string[];
}

const versionsOf = (key: string): string[] => catalogProduct(key).packages.map((p) => p.versions.main!);

export const SOFTPHONES: Record<string, SoftphoneInfo> = {
  teams: {
    name: 'Microsoft Teams',
    pluginId: 'MSTeams',
    vendor: 'Microsoft',
    product: 'teams',
    versions: versionsOf('teams'),
  },
  'zoom-workplace': {
    name: 'Zoom Workplace',
    pluginId: 'ZoomClient',
    vendor: 'Zoom',
    product: 'zoom-workplace',
    versions: versionsOf('zoom-workplace'),
  },
  'webex-app': {
    name: 'Webex',
    pluginId: 'CiscoWebex',
    vendor: 'Cisco',
    product: 'webex-app',
    versions: versionsOf('webex-app'),
  },
  'ringcentral-app': {
    name: 'RingCentral App',
    pluginId: 'RingCentral',
    vendor: 'RingCentral',
    product: 'ringcentral-app',
    versions: versionsOf('ringcentral-app'),
  },
  genesys: {
    name: 'Genesys Cloud',
    pluginId: 'GenesysCloud',
    vendor: 'Genesys',
    product: null,
    versions: ['2.34.7', '2.38.12', '2.41.3', '2.44.1'],
  },
};

export const DESK_PHONE_MIXES: readonly Readonly<Record<string, number>>[] = [
  { 'cisco-8851': 35, 'cisco-8811': 25, 'poly-edge-e350': 15, 'yealink-t54w': 15, 'yealink-t46u': 10 },
  { 'yealink-t54w': 35, 'yealink-t46u': 25, 'poly-edge-e350': 20, 'poly-vvx-450': 10, 'cisco-8851': 10 },
  { 'poly-edge-e350': 40, 'poly-vvx-450': 25, 'cisco-8811': 15, 'yealink-t54w': 20 },
];
export const SOFTPHONE_MIXES: readonly Readonly<Record<string, number>>[] = [
  { teams: 45, 'webex-app': 25, 'zoom-workplace': 15, 'ringcentral-app': 15 },
  { 'webex-app': 55, teams: 30, 'zoom-workplace': 15 },
  { 'ringcentral-app': 50, teams: 30, 'zoom-workplace': 20 },
  { 'zoom-workplace': 50, teams: 35, 'ringcentral-app': 15 },
];

export interface PolicyTemplate {
  readonly name: string;
  readonly product: string;
  readonly group: string | null;
  readonly component: FirmwareComponent;
  /** 0: the newest version of the component, 1: the one before. */
  readonly age: number;
  readonly allowDecline: boolean;
}

export const POLICY_TEMPLATES: readonly PolicyTemplate[] = [
  {
    name: 'Voyager Focus 2 baseline',
    product: 'voyager-focus-2',
    group: null,
    component: 'main',
    age: 1,
    allowDecline: true,
  },
  {
    name: 'Voyager Focus 2 for executives',
    product: 'voyager-focus-2',
    group: 'Executives',
    component: 'main',
    age: 0,
    allowDecline: false,
  },
  { name: 'Savi 8220 headset', product: 'savi-8220', group: null, component: 'headset', age: 0, allowDecline: true },
  {
    name: 'Savi base for the contact center',
    product: 'savi-8200-base',
    group: 'Contact Center',
    component: 'base',
    age: 0,
    allowDecline: false,
  },
  { name: 'BT700 adapter', product: 'bt700', group: null, component: 'main', age: 0, allowDecline: true },
  {
    name: 'Blackwire 5220 USB firmware',
    product: 'blackwire-5220',
    group: null,
    component: 'usb',
    age: 0,
    allowDecline: true,
  },
  {
    name: 'Cisco 8851 MPP firmware',
    product: 'cisco-8851',
    group: null,
    component: 'main',
    age: 0,
    allowDecline: false,
  },
  {
    name: 'Yealink T54W firmware',
    product: 'yealink-t54w',
    group: null,
    component: 'main',
    age: 1,
    allowDecline: false,
  },
  {
    name: 'Poly Edge E350 firmware',
    product: 'poly-edge-e350',
    group: null,
    component: 'main',
    age: 0,
    allowDecline: false,
  },
  {
    name: 'Poly Edge E350 for support',
    product: 'poly-edge-e350',
    group: 'Support',
    component: 'main',
    age: 1,
    allowDecline: false,
  },
];

/** IEEE OUIs used for generated MAC addresses, per manufacturer. */
export const OUI: Record<string, string> = { Cisco: '00EBD5', Yealink: '805EC0', Poly: '0004F2', Algo: '0022EE' };
export const PERSONAL_TAGS = ['wfh', 'loaner', 'refresh-2027', 'hybrid', 'asset-audit-2026', 'new-hire-kit'];
export const PHONE_TAGS = [
  'reception',
  'lobby',
  'floor-2',
  'floor-3',
  'floor-7',
  'vip',
  'asset-audit-2026',
  'e911-reviewed',
];
export const ROOM_TAGS = ['conference-room', 'huddle-room', 'boardroom', 'av-managed', 'asset-audit-2026'];
