/**
 * A firmware version as a sortable key: how "latest" breaks a tie between releases published the same instant.
 * Versions are compared segment by segment (segments split at `.`, `-`, `_`, `+` and spaces): numeric segments
 * by value, others by their lower-case text, a longer version after its own prefix ("1.2" < "1.2.1" <
 * "1.10"). Numeric segments are zero-padded to a fixed width so that plain text ordering in either database
 * gives the same order. Only numeric segments are ordered by value; other text compares as text.
 */
const SEGMENT_WIDTH = 12;
const MAX_KEY_LENGTH = 400;

export function versionSortKey(version: string): string {
  const segments = version
    .trim()
    .toLowerCase()
    .split(/[.\-_+\s]+/)
    .filter((s) => s !== '');
  return segments
    .map((segment) => (/^\d+$/.test(segment) ? segment.replace(/^0+(?=\d)/, '').padStart(SEGMENT_WIDTH, '0') : segment))
    .join('.')
    .slice(0, MAX_KEY_LENGTH);
}

/** What orders releases: release date, then version key, then id. */
export interface ReleaseOrder {
  readonly id: string;
  readonly released_at: number;
  readonly version_key: string;
}

/** Whether `a` is newer than `b`, as "latest" means (firmware.repository.ts newestFirst, in SQL). */
export function isNewerRelease(a: ReleaseOrder, b: ReleaseOrder): boolean {
  if (a.released_at !== b.released_at) return a.released_at > b.released_at;
  if (a.version_key !== b.version_key) return a.version_key > b.version_key;
  return a.id > b.id;
}

/** The newest release of each component among `releases`, by component name. */
export function latestPerComponent<R extends ReleaseOrder & { readonly component: string }>(
  releases: readonly R[],
): R[] {
  const latest = new Map<string, R>();
  for (const release of releases) {
    const current = latest.get(release.component);
    if (current === undefined || isNewerRelease(release, current)) latest.set(release.component, release);
  }
  return [...latest.values()].sort((a, b) => (a.component < b.component ? -1 : a.component > b.component ? 1 : 0));
}
