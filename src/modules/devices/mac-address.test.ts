import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatMac,
  isValidMac,
  MAC_STYLES,
  type MacStyle,
  normaliseMac,
  parseMac,
  validateMacsForWebex,
} from './mac-address.js';

const HEX = '0123456789abcdefABCDEF';

/** Twelve hex digits in any case, neither the null nor the broadcast address. */
const anyMac = fc
  .string({ unit: fc.constantFrom(...HEX), minLength: 12, maxLength: 12 })
  .filter((h) => !/^0{12}$/.test(h) && !/^f{12}$/i.test(h));

const anyStyle = fc.constantFrom(...MAC_STYLES);

/**
 * An oracle written independently of the implementation: split on the style's separator and check
 * the groups, rather than one regular expression.
 */
function oracle(input: string): { ok: true; mac: string } | { ok: false; rule: string } {
  const text = input.trim();
  const layouts: [separator: string | null, size: number][] = [
    [null, 12],
    [':', 2],
    ['-', 2],
    ['.', 4],
  ];
  for (const [separator, size] of layouts) {
    const parts = separator === null ? [text] : text.split(separator);
    if (parts.length !== 12 / size) continue;
    if (!parts.every((p) => p.length === size && [...p].every((c) => HEX.includes(c)))) continue;
    const mac = parts.join('').toUpperCase();
    return mac === '000000000000' || mac === 'FFFFFFFFFFFF' ? { ok: false, rule: 'mac_reserved' } : { ok: true, mac };
  }
  return { ok: false, rule: 'mac_format' };
}

describe('parseMac', () => {
  it('accepts bare, colon, hyphen and Cisco dotted layouts in any case, giving the stored form', () => {
    for (const input of [
      '0011223344aa',
      '0011223344AA',
      '00:11:22:33:44:aa',
      '00-11-22-33-44-AA',
      '0011.2233.44aA',
      '  00:11:22:33:44:AA\t',
    ]) {
      expect(parseMac(input), input).toEqual({ ok: true, mac: '0011223344AA' });
    }
    // The vendors' own examples: Webex Calling (seed 002), Webex /v1/devices and POST /devices.
    expect(normaliseMac('11223344AAFF')).toBe('11223344AAFF');
    expect(normaliseMac('11:22:33:44:AA:FF')).toBe('11223344AAFF');
    expect(normaliseMac('54A3152300C8')).toBe('54A3152300C8');
  });

  it('rejects anything that is not twelve hex digits in one consistent layout, naming the rule', () => {
    for (const input of [
      '',
      '   ',
      '0011223344',
      '0011223344AAB',
      '00:11:22:33:44:AA:BB',
      '00:11:22:33:44',
      '00:11-22:33:44:55',
      '0:11:22:33:44:55',
      '001122:334455',
      '00 11 22 33 44 55',
      '00.11.22.33.44.55',
      '0011:2233:4455',
      'GG1122334455',
      '0x0011223344AA',
      '00:11:22:33:44:AA:',
      ':00:11:22:33:44:AA',
      '００11223344AA',
    ]) {
      const result = parseMac(input);
      expect(result.ok, JSON.stringify(input)).toBe(false);
      if (!result.ok) {
        expect(result.rule).toBe('mac_format');
        expect(result.message).toMatch(/12 hexadecimal digits/);
      }
      expect(isValidMac(input)).toBe(false);
      expect(normaliseMac(input)).toBeUndefined();
    }
  });

  it('rejects the null and broadcast addresses, which no device has', () => {
    expect(parseMac('00:00:00:00:00:00')).toEqual({
      ok: false,
      rule: 'mac_reserved',
      message: '00:00:00:00:00:00 is the null address, which no device has.',
    });
    expect(parseMac('ffff.ffff.ffff')).toMatchObject({ ok: false, rule: 'mac_reserved', message: /broadcast/ });
  });

  it('accepts multicast addresses, as Webex does in its own examples', () => {
    // The least significant bit of the first octet is set in all of these.
    expect(isValidMac('ab125678cdef')).toBe(true);
    expect(isValidMac('11:22:33:44:AA:FF')).toBe(true);
    expect(isValidMac('01:00:5E:00:00:FB')).toBe(true);
  });

  it('agrees with an independent oracle on strings near and far from MAC addresses', () => {
    const nearMac = fc
      .tuple(
        anyMac,
        anyStyle,
        fc.nat(),
        fc.constantFrom(...'0aF:-. gx'),
        fc.constantFrom('delete', 'insert', 'replace'),
      )
      .map(([mac, style, at, c, edit]) => {
        const s = formatMac(mac, style);
        const i = at % (s.length + 1);
        if (edit === 'delete') return s.slice(0, i) + s.slice(i + 1);
        if (edit === 'insert') return s.slice(0, i) + c + s.slice(i);
        return s.slice(0, i) + c + s.slice(i + 1);
      });
    const noise = fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEFxyz:-. '), maxLength: 20 });
    fc.assert(
      fc.property(fc.oneof(nearMac, noise, anyMac), (input) => {
        const expected = oracle(input);
        const actual = parseMac(input);
        expect(actual.ok).toBe(expected.ok);
        if (actual.ok && expected.ok) expect(actual.mac).toBe(expected.mac);
        if (!actual.ok && !expected.ok) expect(actual.rule).toBe(expected.rule);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('formatMac', () => {
  it('writes each style as vendors show it', () => {
    expect(formatMac('11223344AAFF', 'bare')).toBe('11223344AAFF');
    expect(formatMac('11223344AAFF', 'colon')).toBe('11:22:33:44:AA:FF');
    expect(formatMac('11223344AAFF')).toBe('11:22:33:44:AA:FF');
    expect(formatMac('11223344AAFF', 'hyphen')).toBe('11-22-33-44-AA-FF');
    expect(formatMac('11223344AAFF', 'dotted')).toBe('1122.3344.AAFF');
    expect(formatMac('00:11:22:33:44:aa', 'bare')).toBe('0011223344AA');
  });

  it('throws for a string in no accepted layout', () => {
    expect(() => formatMac('not a mac')).toThrow(RangeError);
    expect(() => formatMac('0011223344', 'bare')).toThrow(RangeError);
  });

  it('round-trips every valid MAC through every style, case and surrounding whitespace', () => {
    const shapes: Record<MacStyle, RegExp> = {
      bare: /^[0-9A-F]{12}$/,
      colon: /^[0-9A-F]{2}(:[0-9A-F]{2}){5}$/,
      hyphen: /^[0-9A-F]{2}(-[0-9A-F]{2}){5}$/,
      dotted: /^[0-9A-F]{4}(\.[0-9A-F]{4}){2}$/,
    };
    fc.assert(
      fc.property(anyMac, anyStyle, anyStyle, fc.constantFrom('', ' ', '\t', '\n'), (hex, from, to, pad) => {
        const stored = hex.toUpperCase();
        const written = formatMac(hex, from);
        expect(written).toMatch(shapes[from]);
        expect(written.replace(/[:.-]/g, '')).toBe(stored);
        const mixed = [...written].map((c, i) => (i % 3 === 0 ? c.toLowerCase() : c)).join('');
        expect(normaliseMac(`${pad}${mixed}${pad}`)).toBe(stored);
        expect(normaliseMac(formatMac(mixed, to))).toBe(stored);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('validateMacsForWebex', () => {
  it("answers the vendor's documented example", () => {
    expect(validateMacsForWebex(['ab125678cdef', '00005E0053B4'], new Set(['00005E0053B4']))).toEqual({
      status: 'ERRORS',
      macStatus: [
        { mac: 'ab125678cdef', state: 'AVAILABLE' },
        { mac: '00005E0053B4', state: 'UNAVAILABLE', errorCode: 5675, message: '[Error 5675] MAC Address is in use.' },
      ],
    });
  });

  it('is OK when every MAC is available, including an empty list', () => {
    expect(validateMacsForWebex(['001122334455', '00:11:22:33:44:56'], new Set())).toEqual({
      status: 'OK',
      macStatus: [
        { mac: '001122334455', state: 'AVAILABLE' },
        { mac: '00:11:22:33:44:56', state: 'AVAILABLE' },
      ],
    });
    expect(validateMacsForWebex([], new Set())).toEqual({ status: 'OK', macStatus: [] });
  });

  it('marks later occurrences of a MAC as duplicates whatever their layout, and invalid entries as invalid', () => {
    const used = new Set(['AABBCCDDEEFF']);
    expect(
      validateMacsForWebex(
        [
          '00:11:22:33:44:55',
          '0011.2233.4455',
          'nonsense',
          'nonsense',
          'aabbccddeeff',
          'AA-BB-CC-DD-EE-FF',
          '000000000000',
        ],
        used,
      ),
    ).toEqual({
      status: 'ERRORS',
      macStatus: [
        { mac: '00:11:22:33:44:55', state: 'AVAILABLE' },
        { mac: '0011.2233.4455', state: 'DUPLICATE_IN_LIST' },
        { mac: 'nonsense', state: 'INVALID' },
        { mac: 'nonsense', state: 'INVALID' },
        { mac: 'aabbccddeeff', state: 'UNAVAILABLE', errorCode: 5675, message: '[Error 5675] MAC Address is in use.' },
        { mac: 'AA-BB-CC-DD-EE-FF', state: 'DUPLICATE_IN_LIST' },
        { mac: '000000000000', state: 'INVALID' },
      ],
    });
  });

  it('classifies any list consistently with parseMac and the used set', () => {
    const pool = ['001122334455', '00:11:22:33:44:55', '0011.2233.4455', 'aabbccddeeff', 'AA-BB-CC-DD-EE-FF'];
    const entry = fc.oneof(fc.constantFrom(...pool, 'bad', '', 'ffffffffffff'), anyMac);
    fc.assert(
      fc.property(
        fc.array(entry, { maxLength: 12 }),
        fc.subarray(['001122334455', 'AABBCCDDEEFF']),
        (macs, usedList) => {
          const used = new Set(usedList);
          const result = validateMacsForWebex(macs, used);
          expect(result.macStatus.map((s) => s.mac)).toEqual(macs);
          const seen = new Set<string>();
          macs.forEach((input, i) => {
            const status = result.macStatus[i]!;
            const mac = normaliseMac(input);
            let expected: string;
            if (mac === undefined) expected = 'INVALID';
            else if (seen.has(mac)) expected = 'DUPLICATE_IN_LIST';
            else expected = used.has(mac) ? 'UNAVAILABLE' : 'AVAILABLE';
            if (mac !== undefined) seen.add(mac);
            expect(status.state).toBe(expected);
            expect(status.errorCode === 5675).toBe(expected === 'UNAVAILABLE');
          });
          expect(result.status).toBe(result.macStatus.every((s) => s.state === 'AVAILABLE') ? 'OK' : 'ERRORS');
        },
      ),
      { numRuns: 500 },
    );
  });
});
