/**
 * CSV as RFC 4180 writes it: fields separated by commas, records by CRLF (LF is read too), a field quoted when it
 * holds a comma, a quote or a line break, quotes doubled inside. A leading byte-order mark is skipped.
 *
 * Formula injection: a spreadsheet runs a cell starting with = + - @ as a formula, so `csvCell` prefixes such a
 * cell with an apostrophe (OWASP's advice), and `unescapeFormula` removes exactly that prefix on the way back in.
 */
import { AppError } from '../../errors.js';

const FORMULA_START = /^[=+\-@]/;

/** Parses a whole CSV text into records of raw strings; a malformed quote is a 400 naming the line. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let quoted = false;
  let fieldStarted = false;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i += 1;
        const next = text[i];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
          throw new AppError('invalid_body', `CSV line ${line}: a quoted field must end at a comma or a line end.`, {
            parameter: 'body',
          });
        }
        continue;
      }
      if (c === '\n') line += 1;
      field += c;
      i += 1;
      continue;
    }
    if (c === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
      i += 1;
      continue;
    }
    if (c === ',') {
      record.push(field);
      field = '';
      fieldStarted = false;
      i += 1;
      continue;
    }
    if (c === '\r' || c === '\n') {
      record.push(field);
      if (!(record.length === 1 && record[0] === '')) records.push(record);
      record = [];
      field = '';
      fieldStarted = false;
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line += 1;
      continue;
    }
    field += c;
    fieldStarted = true;
    i += 1;
  }
  if (quoted)
    throw new AppError('invalid_body', `CSV line ${line}: a quoted field is not closed.`, { parameter: 'body' });
  if (fieldStarted || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/** One cell: quoted when needed, formula-looking text prefixed with an apostrophe. */
/**
 * The records of a CSV file whose first row names the columns, each as [column, cell] pairs in column order.
 * Every column must be a `noun` member (`isMember`), named once, and every record must have every column;
 * otherwise invalid_body naming the column or the record.
 */
export function headedCsvRecords(
  text: string,
  noun: string,
  isMember: (column: string) => boolean,
): [string, string][][] {
  const [header, ...records] = parseCsv(text);
  if (!header) return [];
  const columns = header.map((h) => h.trim());
  for (const column of columns) {
    if (!isMember(column)) {
      throw new AppError('invalid_body', `CSV column '${column.slice(0, 100)}' is not a ${noun} member.`, {
        parameter: column.slice(0, 100),
      });
    }
  }
  if (new Set(columns).size !== columns.length) {
    throw new AppError('invalid_body', 'The CSV header names a column twice.', { parameter: 'body' });
  }
  return records.map((cells, index) => {
    if (cells.length !== columns.length) {
      throw new AppError(
        'invalid_body',
        `CSV record ${index + 1} has ${cells.length} fields; the header has ${columns.length}.`,
        { parameter: 'body' },
      );
    }
    return columns.map((column, i): [string, string] => [column, cells[i]!]);
  });
}

export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvRecord(values: readonly string[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

/** Undoes csvCell's formula protection: `'=x` → `=x`; any other text is unchanged. */
export function unescapeFormula(value: string): string {
  return value.length > 1 && value[0] === "'" && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}
