/** RFC 4180 reading and writing, and the formula-injection guard. */
import { describe, expect, it } from 'vitest';
import { csvCell, csvRecord, parseCsv, unescapeFormula } from './csv.js';

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF or LF, after a BOM', () => {
    const text = '\uFEFFa,b,c\r\n"x, y","say ""hi""","two\r\nlines"\n1,,3\n';
    expect(parseCsv(text)).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'say "hi"', 'two\r\nlines'],
      ['1', '', '3'],
    ]);
  });

  it('reads a last record without a line end and skips blank lines', () => {
    expect(parseCsv('a\r\n\r\nb')).toEqual([['a'], ['b']]);
    expect(parseCsv('a,')).toEqual([['a', '']]);
  });

  it('refuses an unclosed quote and text after a closing quote, naming the line', () => {
    expect(() => parseCsv('a\r\n"open')).toThrow(/line 2.*not closed/);
    expect(() => parseCsv('"a"b,c')).toThrow(/line 1/);
  });
});

describe('csvCell', () => {
  it('quotes only what needs quoting', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvRecord(['a', 'b,c'])).toBe('a,"b,c"\r\n');
  });

  it('prefixes cells starting with = + - @ with an apostrophe, and reading undoes exactly that', () => {
    for (const danger of ['=SUM(A1)', '+1', '-2', '@cmd', '=HYPERLINK("x")']) {
      const cell = csvCell(danger);
      expect(parseCsv(cell)[0]![0]!.startsWith("'")).toBe(true);
      expect(unescapeFormula(parseCsv(cell)[0]![0]!)).toBe(danger);
    }
    expect(unescapeFormula("'plain")).toBe("'plain");
    expect(csvCell("it's")).toBe("it's");
  });
});
