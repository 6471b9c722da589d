/**
 * RoomOS configuration keys (Webex's /deviceConfigurations): dot-separated segments, each a name with an optional
 * numbered index — `Audio.Ultrasound.MaxVolume`, `FacilityService.Service[1].Name`. Pure functions, no I/O.
 *
 * A key filter is a key in which a whole segment may be `*` (one segment, or every remaining segment when it is
 * the last) and an index may be `[*]` (any), `[n]`, `[a..b]` or `[a..n]` (from a on) — the spec's absolute,
 * wildcard and range forms.
 */

export const MAX_KEY_LENGTH = 255;
const SEGMENT = /^([A-Za-z][A-Za-z0-9_]{0,63})(?:\[([1-9][0-9]{0,5})\])?$/;
/** A filter segment; a range's `..` is read as `~` (segments are split at dots first). */
const FILTER_SEGMENT = /^(\*|[A-Za-z][A-Za-z0-9_]{0,63})(?:\[(\*|[1-9][0-9]{0,5}(?:~(?:[1-9][0-9]{0,5}|n))?)\])?$/;

interface KeySegment {
  readonly name: string;
  readonly index?: number;
}

interface FilterSegment {
  /** `*`: any name. */
  readonly name: string;
  /** No index; or the range an index must fall in. */
  readonly range?: { readonly from: number; readonly to: number };
}

/** The segments of a well-formed key, else undefined. */
export function parseConfigurationKey(key: string): KeySegment[] | undefined {
  if (key.length === 0 || key.length > MAX_KEY_LENGTH) return undefined;
  const out: KeySegment[] = [];
  for (const part of key.split('.')) {
    const match = SEGMENT.exec(part);
    if (!match) return undefined;
    out.push(match[2] === undefined ? { name: match[1]! } : { name: match[1]!, index: Number(match[2]) });
  }
  return out;
}

export type KeyFilter = (key: string) => boolean;

/** A predicate for keys matching `filter`, or undefined when the filter is malformed. */
export function configurationKeyFilter(filter: string): KeyFilter | undefined {
  if (filter.length === 0 || filter.length > MAX_KEY_LENGTH || filter.includes('~')) return undefined;
  const segments: FilterSegment[] = [];
  const ranges = filter.replace(/\[([^\]]*)\]/g, (index) => index.replace(/\.\./g, '~'));
  for (const part of ranges.split('.')) {
    const match = FILTER_SEGMENT.exec(part);
    if (!match) return undefined;
    const index = match[2];
    if (index === undefined) segments.push({ name: match[1]! });
    else if (index === '*') segments.push({ name: match[1]!, range: { from: 1, to: Infinity } });
    else {
      const [from, to] = index.split('~');
      const range = { from: Number(from), to: to === undefined ? Number(from) : to === 'n' ? Infinity : Number(to) };
      if (range.to < range.from) return undefined;
      segments.push({ name: match[1]!, range });
    }
  }
  const last = segments[segments.length - 1]!;
  const trailingWildcard = last.name === '*' && last.range === undefined;
  return (key) => {
    const parsed = parseConfigurationKey(key);
    if (parsed === undefined) return false;
    const fixed = trailingWildcard ? segments.length - 1 : segments.length;
    if (trailingWildcard ? parsed.length <= fixed : parsed.length !== fixed) return false;
    return segments.slice(0, fixed).every((f, i) => {
      const k = parsed[i]!;
      if (f.name !== '*' && f.name !== k.name) return false;
      if (f.range === undefined) return k.index === undefined;
      return k.index !== undefined && k.index >= f.range.from && k.index <= f.range.to;
    });
  };
}
