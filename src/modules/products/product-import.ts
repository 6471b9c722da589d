/**
 * A catalogue import's rows: reading a file (a JSON array or {"products": […]}, or CSV with a header row of product
 * members) and checking one row into the columns of the products table. A row is the whole product: a member it
 * omits is stored as null (features as []). Every failure names the member and a stable rule.
 *
 * CSV cells: empty is null, boxBillingId and lineCount are whole numbers, features are separated by `;`.
 */
import { AppError } from '../../errors.js';
import { headedCsvRecords } from '../devices/csv.js';
import { DEVICE_KINDS } from '../devices/device.schemas.js';
import { checkSku } from '../devices/ringcentral-sku.js';

/** Connection or form of a product (product.table.ts). */
export const PRODUCT_TYPES = ['USB', 'Bluetooth', 'DECT', 'SIP', 'Soft', 'Room', 'Paging', 'WebRTC'] as const;

export const PRODUCT_MEMBERS = [
  'manufacturer',
  'family',
  'modelId',
  'name',
  'type',
  'deviceKind',
  'usbVendorId',
  'usbProductId',
  'sku',
  'boxBillingId',
  'lineCount',
  'features',
] as const;

const TEXT_MAX = 200;
const FEATURE_MAX = 64;
const LINE_COUNT_MAX = 1000;
const USB_ID = /^[0-9A-Fa-f]{4}$/;

export type ProductImportRow = Record<string, unknown>;

/** The stored columns of a checked row (products.features as JSON text). */
export interface ProductColumns {
  readonly manufacturer: string;
  readonly family: string | null;
  readonly model_id: string;
  readonly name: string;
  readonly type: string;
  readonly device_kind: string;
  readonly usb_vendor_id: string | null;
  readonly usb_product_id: string | null;
  readonly sku: string | null;
  readonly box_billing_id: number | null;
  readonly line_count: number | null;
  readonly features: string;
}

export interface ProductRowError {
  readonly field: string;
  readonly rule: string;
  readonly message: string;
}

export class ProductRowFailure extends Error {
  constructor(readonly error: ProductRowError) {
    super(`${error.field || 'row'} breaks rule ${error.rule}: ${error.message}`);
  }
}

const fail = (field: string, rule: string, message: string): never => {
  throw new ProductRowFailure({ field, rule, message });
};

/** The row as table columns, or the first rule it breaks (members in table order). */
export function checkProductRow(raw: unknown): ProductColumns {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return fail('', 'type', 'A product row is an object of product members.');
  }
  const row = raw as ProductImportRow;
  for (const member of Object.keys(row)) {
    if (!(PRODUCT_MEMBERS as readonly string[]).includes(member)) {
      fail(member.slice(0, 100), 'unknown_member', `'${member.slice(0, 100)}' is not a product member.`);
    }
  }
  const manufacturer = requiredText(row, 'manufacturer');
  const family = optionalText(row, 'family');
  const modelId = requiredText(row, 'modelId');
  const name = requiredText(row, 'name');
  const type = oneOf(row, 'type', PRODUCT_TYPES);
  const deviceKind = oneOf(row, 'deviceKind', DEVICE_KINDS);
  const usbVendorId = usbId(row, 'usbVendorId');
  const usbProductId = usbId(row, 'usbProductId');
  let sku = optionalText(row, 'sku');
  if (sku !== null) {
    const checked = checkSku(sku, deviceKind, 'sku');
    if (!checked.ok) fail('sku', checked.violation.rule, checked.violation.message);
    sku = sku.trim();
  }
  const boxBillingId = wholeNumber(row, 'boxBillingId', 1, Number.MAX_SAFE_INTEGER);
  const lineCount = wholeNumber(row, 'lineCount', 0, LINE_COUNT_MAX);
  return {
    manufacturer,
    family,
    model_id: modelId,
    name,
    type,
    device_kind: deviceKind,
    usb_vendor_id: usbVendorId,
    usb_product_id: usbProductId,
    sku,
    box_billing_id: boxBillingId,
    line_count: lineCount,
    features: JSON.stringify(features(row)),
  };
}

function optionalText(row: ProductImportRow, field: string): string | null {
  const value = row[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') return fail(field, 'type', `${field} is text.`);
  const text = value.trim();
  if (text.length > TEXT_MAX) fail(field, 'max_length', `${field} is at most ${TEXT_MAX} characters.`);
  return text === '' ? null : text;
}

function requiredText(row: ProductImportRow, field: string): string {
  return optionalText(row, field) ?? fail(field, 'required', `A product needs ${field}.`);
}

function oneOf<T extends string>(row: ProductImportRow, field: string, values: readonly T[]): T {
  const value = requiredText(row, field);
  if (!(values as readonly string[]).includes(value)) fail(field, 'enum', `${field} is one of ${values.join(', ')}.`);
  return value as T;
}

function usbId(row: ProductImportRow, field: string): string | null {
  const value = optionalText(row, field);
  if (value === null) return null;
  if (!USB_ID.test(value)) fail(field, 'usb_id_format', `${field} is 4 hexadecimal digits, e.g. 047F.`);
  return value.toUpperCase();
}

function wholeNumber(row: ProductImportRow, field: string, min: number, max: number): number | null {
  const value = row[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    return fail(field, 'range', `${field} is a whole number from ${min} to ${max}.`);
  }
  return value;
}

function features(row: ProductImportRow): string[] {
  const value = row.features;
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return fail('features', 'type', 'features is a list of feature names.');
  const seen = new Set<string>();
  for (const feature of value) {
    if (typeof feature !== 'string' || feature.trim() === '' || feature.trim().length > FEATURE_MAX) {
      fail('features', 'feature_format', `A feature is a name of 1 to ${FEATURE_MAX} characters.`);
    }
    const name = (feature as string).trim();
    if (seen.has(name)) fail('features', 'duplicate_feature', `The feature '${name}' is listed twice.`);
    seen.add(name);
  }
  return [...seen];
}

/** Rows of a JSON catalogue file: an array of products, or {"products": […]}. */
export function productRowsOfJson(text: string): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AppError('invalid_body', 'The file is not valid JSON.', { parameter: 'body' });
  }
  const rows = Array.isArray(parsed) ? parsed : (parsed as { products?: unknown } | null)?.products;
  if (!Array.isArray(rows)) {
    throw new AppError('invalid_body', 'A JSON catalogue is an array of products, or {"products": [ … ]}.', {
      parameter: 'body',
    });
  }
  return rows;
}

/** Rows of a CSV catalogue file: a header row of product members, then one product per record. */
export function productRowsOfCsv(text: string): ProductImportRow[] {
  const records = headedCsvRecords(text, 'product', (c) => (PRODUCT_MEMBERS as readonly string[]).includes(c));
  return records.map((cells) => Object.fromEntries(cells.map(([column, cell]) => [column, cellValue(column, cell)])));
}

function cellValue(column: string, raw: string): unknown {
  const text = raw.trim();
  if (column === 'features') {
    return text
      .split(';')
      .map((f) => f.trim())
      .filter((f) => f !== '');
  }
  if (text === '') return null;
  if (column === 'boxBillingId' || column === 'lineCount') return /^-?\d{1,16}$/.test(text) ? Number(text) : raw;
  return raw;
}
