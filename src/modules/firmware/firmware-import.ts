/**
 * A firmware catalogue file's rows: reading a file (a JSON array or {"releases": […]}, or CSV with a header row of
 * release members), each row with the line of the file it starts on, and checking one row into the columns of
 * the firmware_releases table. A row names its product by `productId`, or by `manufacturer` + `modelId` (how a
 * catalogue travels between databases); every failure names the member and a stable rule.
 *
 * Members: component (main, base, headset, bluetooth, usb), version, releasedAt (an ISO 8601 date or date-time
 * with a zone), updateId and notes (optional; empty is none).
 */
import { AppError } from '../../errors.js';
import { headedCsvRecords } from '../devices/csv.js';
import { POLICY_COMPONENTS } from './compliance-policy.service.js';

export const RELEASE_MEMBERS = [
  'productId',
  'manufacturer',
  'modelId',
  'component',
  'version',
  'releasedAt',
  'updateId',
  'notes',
] as const;

const TEXT_MAX = 200;
const NOTES_MAX = 4000;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** A row of a file and the line it starts on (1-based). */
export interface ReleaseFileRow {
  readonly line: number;
  readonly value: unknown;
}

/** How a row names its product. */
export type ReleaseProductRef = { readonly id: string } | { readonly manufacturer: string; readonly modelId: string };

/** A checked row: its product reference and the release columns. */
export interface ReleaseDraft {
  readonly product: ReleaseProductRef;
  readonly component: string;
  readonly version: string;
  readonly released_at: number;
  readonly update_id: string | null;
  readonly notes: string | null;
}

export interface ReleaseRowError {
  readonly field: string;
  readonly rule: string;
  readonly message: string;
}

export class ReleaseRowFailure extends Error {
  constructor(readonly error: ReleaseRowError) {
    super(`${error.field || 'row'} breaks rule ${error.rule}: ${error.message}`);
  }
}

const fail = (field: string, rule: string, message: string): never => {
  throw new ReleaseRowFailure({ field, rule, message });
};

type Row = Record<string, unknown>;

/** The row as a release draft, or the first rule it breaks. */
export function checkReleaseRow(raw: unknown): ReleaseDraft {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return fail('', 'type', 'A release row is an object of release members.');
  }
  const row = raw as Row;
  for (const member of Object.keys(row)) {
    if (!(RELEASE_MEMBERS as readonly string[]).includes(member)) {
      fail(member.slice(0, 100), 'unknown_member', `'${member.slice(0, 100)}' is not a release member.`);
    }
  }
  const productId = optionalText(row, 'productId', TEXT_MAX);
  const manufacturer = optionalText(row, 'manufacturer', TEXT_MAX);
  const modelId = optionalText(row, 'modelId', TEXT_MAX);
  let product: ReleaseProductRef;
  if (productId !== null) {
    if (manufacturer !== null || modelId !== null) {
      fail('productId', 'one_product_reference', 'Name the product by productId or by manufacturer + modelId.');
    }
    product = { id: productId };
  } else {
    if (manufacturer === null || modelId === null) {
      fail(
        manufacturer === null ? 'manufacturer' : 'modelId',
        'required',
        'A release needs productId, or manufacturer and modelId.',
      );
    }
    product = { manufacturer: manufacturer!, modelId: modelId! };
  }
  const component = (
    optionalText(row, 'component', TEXT_MAX) ?? fail('component', 'required', 'A release needs component.')
  ).toLowerCase();
  if (!(POLICY_COMPONENTS as readonly string[]).includes(component)) {
    fail('component', 'enum', `component is one of ${POLICY_COMPONENTS.join(', ')}.`);
  }
  const version = optionalText(row, 'version', 100) ?? fail('version', 'required', 'A release needs version.');
  if (version.toLowerCase() === 'latest') {
    fail('version', 'reserved', "'latest' names the newest release in policies; it cannot be a release's version.");
  }
  return {
    product,
    component,
    version,
    released_at: releasedAt(row),
    update_id: optionalText(row, 'updateId', TEXT_MAX),
    notes: optionalText(row, 'notes', NOTES_MAX),
  };
}

function optionalText(row: Row, field: string, max: number): string | null {
  const value = row[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') return fail(field, 'type', `${field} is text.`);
  const text = value.trim();
  if (text.length > max) fail(field, 'max_length', `${field} is at most ${max} characters.`);
  return text === '' ? null : text;
}

function releasedAt(row: Row): number {
  const text = optionalText(row, 'releasedAt', 40) ?? fail('releasedAt', 'required', 'A release needs releasedAt.');
  const at = ISO_INSTANT.test(text) ? Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text) : NaN;
  if (!Number.isFinite(at)) {
    fail('releasedAt', 'date_format', 'releasedAt is an ISO 8601 date (2024-05-01) or date-time with a zone.');
  }
  return at;
}

/** Rows of a JSON catalogue file (an array of releases, or {"releases": […]}), each with its first line. */
export function releaseRowsOfJson(text: string): ReleaseFileRow[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AppError('invalid_body', 'The file is not valid JSON.', { parameter: 'body' });
  }
  const wrapped = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed);
  const rows = wrapped ? (parsed as { releases?: unknown }).releases : parsed;
  if (!Array.isArray(rows) || (wrapped && Object.keys(parsed as object).length !== 1)) {
    throw new AppError('invalid_body', 'A JSON catalogue is an array of releases, or {"releases": [ … ]}.', {
      parameter: 'body',
    });
  }
  const lines = jsonElementLines(text, wrapped ? 2 : 1);
  return rows.map((value, i) => ({ line: lines[i] ?? 1, value }));
}

/**
 * The line each element of the rows array starts on: the array is the outermost value (depth 1) or the one
 * member of the outermost object (depth 2).
 */
function jsonElementLines(text: string, depth: number): number[] {
  const lines: number[] = [];
  const open: string[] = [];
  let line = 1;
  let inString = false;
  let expectElement = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') line += 1;
    if (inString) {
      if (c === '\\') i += 1;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') continue;
    const inRows = open.length === depth && open[depth - 1] === '[';
    if (inRows && expectElement && c !== ']') {
      lines.push(line);
      expectElement = false;
    }
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') {
      open.push(c);
      if (open.length === depth && c === '[') expectElement = true;
    } else if (c === ']' || c === '}') open.pop();
    else if (c === ',' && inRows) expectElement = true;
  }
  return lines;
}

/** Rows of a CSV catalogue file: a header row of release members, then one release per record. */
export function releaseRowsOfCsv(text: string): ReleaseFileRow[] {
  const records = headedCsvRecords(text, 'release', (c) => (RELEASE_MEMBERS as readonly string[]).includes(c));
  const lines = csvRecordLines(text);
  return records.map((cells, i) => ({
    line: lines[i + 1] ?? i + 2,
    value: Object.fromEntries(cells.map(([column, cell]) => [column, cell.trim() === '' ? null : cell])),
  }));
}

/** The line each non-blank CSV record starts on (the header first), quoted line breaks followed. */
function csvRecordLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let quoted = false;
  let recordStarted = false;
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    if (!quoted && (c === '\n' || c === '\r')) {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      line += 1;
      recordStarted = false;
      continue;
    }
    if (c === '\n') line += 1;
    if (!recordStarted) {
      lines.push(line);
      recordStarted = true;
    }
  }
  return lines;
}
