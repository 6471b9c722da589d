/**
 * Reading an import's rows: a JSON array of objects, NDJSON (one object per line, blank lines skipped) or CSV
 * with a header row naming device members. A CSV cell is typed by its column: an empty cell is null (omitted for
 * kind, status, sku, boxBillingId, hotDesk and commonPhone), hotDesk/commonPhone read true/false, boxBillingId an
 * integer, tags a `;`-separated list, sip/emergency/shipping/billing JSON text; a cell the export protected against
 * formula injection (`'=…`) loses that apostrophe. Columns an export writes but no one may set (id, version, …)
 * are accepted and ignored, so an export can be edited and imported back; any other unknown column is a 400.
 * Row 1 is the first record (after the CSV header).
 */
import { AppError } from '../../errors.js';
import { headedCsvRecords, unescapeFormula } from './csv.js';
import { DevicePatchBody } from './device-write.schemas.js';
import { EXPORT_COLUMNS } from './device-export.js';

export const IMPORT_FORMATS = ['csv', 'json', 'ndjson'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export type ImportRow = Record<string, unknown>;

/** The members a row may set: those of a device PATCH. */
export const WRITABLE_MEMBERS = new Set(Object.keys(DevicePatchBody.properties));
/** Export columns that are not writable: ignored on import. */
export const IGNORED_MEMBERS = new Set<string>(EXPORT_COLUMNS.filter((c) => !WRITABLE_MEMBERS.has(c)));

const OMIT_WHEN_EMPTY = new Set(['kind', 'status', 'sku', 'boxBillingId', 'hotDesk', 'commonPhone']);
const BOOLEAN = new Set(['hotDesk', 'commonPhone']);
const JSON_CELL = new Set(['sip', 'emergency', 'shipping', 'billing']);

/** A row without the members an import ignores. */
export function withoutIgnored(row: ImportRow): ImportRow {
  const out: ImportRow = {};
  for (const [k, v] of Object.entries(row)) if (!IGNORED_MEMBERS.has(k)) out[k] = v;
  return out;
}

export function rowsOfCsv(text: string): ImportRow[] {
  const records = headedCsvRecords(text, 'device', (c) => WRITABLE_MEMBERS.has(c) || IGNORED_MEMBERS.has(c));
  return records.map((cells) => {
    const row: ImportRow = {};
    for (const [column, cell] of cells) {
      if (IGNORED_MEMBERS.has(column)) continue;
      const value = cellValue(column, cell);
      if (value !== undefined) row[column] = value;
    }
    return row;
  });
}

function cellValue(column: string, raw: string): unknown {
  if (raw === '') {
    if (OMIT_WHEN_EMPTY.has(column)) return undefined;
    return column === 'tags' ? [] : null;
  }
  if (BOOLEAN.has(column)) {
    const lower = raw.trim().toLowerCase();
    return lower === 'true' ? true : lower === 'false' ? false : raw;
  }
  if (column === 'boxBillingId') return /^-?\d{1,15}$/.test(raw.trim()) ? Number(raw.trim()) : raw;
  if (column === 'tags') {
    return raw
      .split(';')
      .map((t) => unescapeFormula(t.trim()))
      .filter((t) => t !== '');
  }
  if (JSON_CELL.has(column)) {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      return raw;
    }
  }
  return unescapeFormula(raw);
}

export function rowsOfNdjson(text: string): ImportRow[] {
  const rows: ImportRow[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new AppError('invalid_body', `NDJSON line ${index + 1} is not valid JSON.`, { parameter: 'body' });
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new AppError('invalid_body', `NDJSON line ${index + 1} is not a JSON object.`, { parameter: 'body' });
    }
    rows.push(value as ImportRow);
  });
  return rows;
}
