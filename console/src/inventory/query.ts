/**
 * The inventory's state in the URL (so a filtered view can be bookmarked and shared): the filters of
 * GET /v1/devices, the sort, the page size and the chosen columns. The page cursor is not in the URL: a cursor
 * is only meaningful next to the pages before it, so a shared link opens on the first page of the same view.
 */
import type { DeviceExportQuery, DeviceListQuery } from '../../../sdk/src/index.ts';

export const DEVICE_KINDS = [
  'HardPhone',
  'SoftPhone',
  'OtherPhone',
  'Headset',
  'Base',
  'Dongle',
  'Room',
  'Paging',
  'WebRTC',
  'WebPhone',
  'BLA',
] as const satisfies readonly NonNullable<DeviceListQuery['kind']>[];
export const DEVICE_STATUSES = ['Online', 'Offline'] as const satisfies readonly NonNullable<
  DeviceListQuery['status']
>[];
export const COMPLIANCE_STATES = [
  { value: 'compliant', label: 'Compliant' },
  { value: 'noncompliant', label: 'Not compliant' },
  { value: 'unknown', label: 'No policy' },
] as const satisfies readonly { value: NonNullable<DeviceListQuery['compliance']>; label: string }[];
export const SORTS = [
  { value: 'id', label: 'Oldest first' },
  { value: '-id', label: 'Newest first' },
  { value: 'name', label: 'Name A–Z' },
  { value: '-name', label: 'Name Z–A' },
] as const;
export const PAGE_SIZES = [25, 50, 100, 200] as const;

export interface InventoryFilters {
  readonly status?: (typeof DEVICE_STATUSES)[number];
  readonly kind?: (typeof DEVICE_KINDS)[number];
  readonly compliance?: (typeof COMPLIANCE_STATES)[number]['value'];
  readonly manufacturer?: string;
  readonly site?: string;
  readonly tags: readonly string[];
  readonly q?: string;
}

export interface InventoryView extends InventoryFilters {
  readonly sort: (typeof SORTS)[number]['value'];
  readonly limit: (typeof PAGE_SIZES)[number];
  /** Chosen column ids; empty: the default columns. */
  readonly columns: readonly string[];
}

function oneOf<T extends string | number>(values: readonly T[], raw: string | null): T | undefined {
  return values.find((v) => String(v) === raw);
}

function trimmed(raw: string | null): string | undefined {
  const value = raw?.trim();
  return value ? value.slice(0, 200) : undefined;
}

export function viewFromSearch(search: URLSearchParams): InventoryView {
  return {
    status: oneOf(DEVICE_STATUSES, search.get('status')),
    kind: oneOf(DEVICE_KINDS, search.get('kind')),
    compliance: oneOf(
      COMPLIANCE_STATES.map((c) => c.value),
      search.get('compliance'),
    ),
    manufacturer: trimmed(search.get('manufacturer')),
    site: trimmed(search.get('site')),
    tags: search
      .getAll('tag')
      .map((t) => t.trim())
      .filter(Boolean)
      .slice(0, 20),
    q: trimmed(search.get('q')),
    sort:
      oneOf(
        SORTS.map((s) => s.value),
        search.get('sort'),
      ) ?? 'id',
    limit: oneOf(PAGE_SIZES, search.get('limit')) ?? 50,
    columns: (search.get('columns') ?? '').split(',').filter(Boolean),
  };
}

/** The URL's query string for a view; defaults are left out so links stay short. */
export function searchFromView(view: InventoryView): string {
  const search = new URLSearchParams();
  const put = (name: string, value: string | undefined) => value && search.set(name, value);
  put('q', view.q);
  put('status', view.status);
  put('kind', view.kind);
  put('compliance', view.compliance);
  put('manufacturer', view.manufacturer);
  put('site', view.site);
  for (const tag of view.tags) search.append('tag', tag);
  if (view.sort !== 'id') search.set('sort', view.sort);
  if (view.limit !== 50) search.set('limit', String(view.limit));
  if (view.columns.length > 0) search.set('columns', view.columns.join(','));
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** The filters as GET /v1/devices and GET /v1/devices/export take them. */
export function apiFilters(filters: InventoryFilters): Omit<DeviceExportQuery, 'format' | 'columns'> {
  return {
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.kind ? { kind: filters.kind } : {}),
    ...(filters.compliance ? { compliance: filters.compliance } : {}),
    ...(filters.manufacturer ? { manufacturer: filters.manufacturer } : {}),
    ...(filters.site ? { site: filters.site } : {}),
    ...(filters.tags.length > 0 ? { tag: [...filters.tags] } : {}),
    ...(filters.q ? { q: filters.q } : {}),
  };
}

export function hasFilters(filters: InventoryFilters): boolean {
  return Object.keys(apiFilters(filters)).length > 0;
}

/** A same-origin URL of the export: the view's filters and its columns, as CSV. */
export function exportUrl(filters: InventoryFilters, columns: string): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(apiFilters(filters))) {
    for (const one of Array.isArray(value) ? value : [value]) search.append(name, String(one));
  }
  search.set('format', 'csv');
  if (columns) search.set('columns', columns);
  return `/v1/devices/export?${search.toString()}`;
}
