/**
 * Device export: the flat columns an export may select, each device as a CSV record or an NDJSON line, and the
 * stream itself. The stream reads keyset pages (EXPORT_PAGE_SIZE devices, relations only when a column needs
 * them) and yields each page's text before reading the next, so memory holds one page whatever the fleet's size.
 *
 * CSV (csv.ts): a header row, RFC 4180 quoting, formula-looking cells prefixed with an apostrophe. Nulls are
 * empty cells, booleans true/false, tags joined with `;`, objects (sip, emergency, shipping, billing) as JSON.
 * NDJSON: one JSON object per line with the selected members, values as JSON types.
 */
import { AppError } from '../../errors.js';
import type { Page, PageRequest } from '../../query/page.js';
import { csvRecord } from './csv.js';
import { presentDevice } from './device.presenter.js';
import type { DeviceIncludes, DeviceRecord, DeviceSortField } from './device.repository.js';
import type { DeviceView } from './device.schemas.js';

export const EXPORT_PAGE_SIZE = 1000;
export const EXPORT_FORMATS = ['csv', 'ndjson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

type Cell = string | number | boolean | null | readonly string[] | Record<string, unknown>;

/** Every export column, in the default order, with the value it takes from the presented device. */
const COLUMNS = {
  id: (v) => v.id,
  kind: (v) => v.kind,
  name: (v) => v.name,
  displayId: (v) => v.displayId,
  serial: (v) => v.serial,
  mac: (v) => v.mac,
  ip: (v) => v.ip,
  status: (v) => v.status,
  activationState: (v) => v.activationState,
  productId: (v) => v.product?.id ?? null,
  productName: (v) => v.product?.name ?? null,
  manufacturer: (v) => v.product?.manufacturer ?? null,
  productSku: (v) => v.product?.sku ?? null,
  personId: (v) => (v.owner?.type === 'person' ? v.owner.id : null),
  workspaceId: (v) => (v.owner?.type === 'workspace' ? v.owner.id : null),
  virtualLineId: (v) => (v.owner?.type === 'virtualLine' ? v.owner.id : null),
  ownerName: (v) => v.owner?.name ?? null,
  siteId: (v) => v.site?.id ?? null,
  siteName: (v) => v.site?.name ?? null,
  tags: (v) => v.tags,
  upgradeChannel: (v) => v.upgradeChannel,
  managedBy: (v) => v.managedBy,
  sip: (v) => v.sip,
  hotDesk: (v) => v.hotDesk,
  commonPhone: (v) => v.commonPhone,
  linePooling: (v) => v.linePooling,
  computerName: (v) => v.computerName,
  emergency: (v) => v.emergency,
  shipping: (v) => v.shipping,
  billing: (v) => v.billing,
  firmware: (v) => v.firmware.main,
  compliance: (v) => v.compliance.status,
  createdAt: (v) => v.createdAt,
  updatedAt: (v) => v.updatedAt,
  version: (v) => v.version,
} satisfies Record<string, (view: DeviceView) => Cell>;

export type ExportColumn = keyof typeof COLUMNS;
export const EXPORT_COLUMNS = Object.keys(COLUMNS) as ExportColumn[];

/** `a,b,c` → the columns, in that order; empty or missing → every column. Unknown or repeated → 400 `columns`. */
export function parseColumns(raw: string | undefined): ExportColumn[] {
  if (raw === undefined || raw.trim() === '') return EXPORT_COLUMNS;
  const names = raw.split(',').map((s) => s.trim());
  for (const name of names) {
    if (!(name in COLUMNS)) {
      throw new AppError(
        'invalid_parameter',
        `columns: '${name}' is not an export column (${EXPORT_COLUMNS.join(', ')}).`,
        {
          parameter: 'columns',
        },
      );
    }
  }
  if (new Set(names).size !== names.length) {
    throw new AppError('invalid_parameter', 'columns names a column twice.', { parameter: 'columns' });
  }
  return names as ExportColumn[];
}

/** Relations the selected columns need: only tags are shown; the rest are never loaded. */
export function includesFor(columns: readonly ExportColumn[]): DeviceIncludes {
  return { tags: columns.includes('tags'), connected: false, sightings: false, lines: false };
}

function csvText(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.join(';');
  return JSON.stringify(value);
}

export function csvHeader(columns: readonly ExportColumn[]): string {
  return csvRecord(columns);
}

export function deviceLine(record: DeviceRecord, columns: readonly ExportColumn[], format: ExportFormat): string {
  const view = presentDevice(record);
  if (format === 'csv') return csvRecord(columns.map((c) => csvText(COLUMNS[c](view))));
  const out: Record<string, Cell> = {};
  for (const c of columns) out[c] = COLUMNS[c](view);
  return `${JSON.stringify(out)}\n`;
}

/** Reads one page of the devices to export, after a keyset position. */
export type PageReader = (page: PageRequest<DeviceSortField>) => Promise<Page<DeviceRecord>>;

/**
 * The export as a lazy sequence of text chunks: the header (CSV), then one chunk per page. A page is read only
 * when the consumer asks for the next chunk, so a slow client holds back the reads (back-pressure).
 */
export async function* exportChunks(
  read: PageReader,
  columns: readonly ExportColumn[],
  format: ExportFormat,
  pageSize = EXPORT_PAGE_SIZE,
): AsyncGenerator<string> {
  if (format === 'csv') yield csvHeader(columns);
  let after: PageRequest<DeviceSortField>['after'];
  for (;;) {
    const page = await read({ sort: { field: 'id', direction: 'asc' }, limit: pageSize, ...(after ? { after } : {}) });
    if (page.items.length > 0) yield page.items.map((r) => deviceLine(r, columns, format)).join('');
    if (!page.next) return;
    after = page.next;
  }
}
