/**
 * The inventory's columns: what each shows, which device fields it needs from GET /v1/devices (the list is
 * asked only for those, via `fields=`), and which columns of GET /v1/devices/export hold the same data, so
 * "export what I see" exports the columns on screen.
 */
import type { ReactNode } from 'react';
import type { Device } from '../../../sdk/src/index.ts';
import { formatAgo, formatDateTime, formatMac, formatProduct } from '../format.ts';
import { Link } from '../router.tsx';

type DeviceField = keyof Device & string;

export interface Column {
  readonly id: string;
  readonly label: string;
  readonly fields: readonly DeviceField[];
  readonly exportColumns: readonly string[];
  render(device: Device): ReactNode;
}

const text = (value: string | null | undefined): ReactNode => value ?? '';

export const COLUMNS: readonly Column[] = [
  {
    id: 'name',
    label: 'Name',
    fields: ['id', 'name'],
    exportColumns: ['id', 'name'],
    render: (d) => <Link href={`/devices/${encodeURIComponent(d.id ?? '')}`}>{d.name || '(no name)'}</Link>,
  },
  { id: 'kind', label: 'Kind', fields: ['kind'], exportColumns: ['kind'], render: (d) => text(d.kind) },
  {
    id: 'status',
    label: 'Status',
    fields: ['status'],
    exportColumns: ['status'],
    render: (d) => <span className={`badge status-${d.status?.toLowerCase() ?? 'unknown'}`}>{d.status}</span>,
  },
  {
    id: 'product',
    label: 'Product',
    fields: ['product'],
    exportColumns: ['manufacturer', 'productName'],
    render: (d) => formatProduct(d.product),
  },
  {
    id: 'owner',
    label: 'Owner',
    fields: ['owner'],
    exportColumns: ['ownerName'],
    render: (d) => text(d.owner?.name),
  },
  { id: 'site', label: 'Site', fields: ['site'], exportColumns: ['siteName'], render: (d) => text(d.site?.name) },
  {
    id: 'displayId',
    label: 'Display id',
    fields: ['displayId'],
    exportColumns: ['displayId'],
    render: (d) => text(d.displayId),
  },
  { id: 'serial', label: 'Serial', fields: ['serial'], exportColumns: ['serial'], render: (d) => text(d.serial) },
  {
    id: 'mac',
    label: 'MAC',
    fields: ['mac'],
    exportColumns: ['mac'],
    render: (d) => <span className="mono">{formatMac(d.mac)}</span>,
  },
  { id: 'ip', label: 'IP', fields: ['ip'], exportColumns: ['ip'], render: (d) => <span className="mono">{d.ip}</span> },
  {
    id: 'firmware',
    label: 'Firmware',
    fields: ['firmware'],
    exportColumns: ['firmware'],
    render: (d) => text(d.firmware?.main),
  },
  {
    id: 'compliance',
    label: 'Compliance',
    fields: ['compliance'],
    exportColumns: ['compliance'],
    render: (d) => {
      const status = d.compliance?.status;
      if (!status) return '';
      const label = { compliant: 'Compliant', noncompliant: 'Not compliant', unknown: 'No policy' }[status];
      return <span className={`badge compliance-${status}`}>{label}</span>;
    },
  },
  {
    id: 'tags',
    label: 'Tags',
    fields: ['tags'],
    exportColumns: ['tags'],
    render: (d) => (d.tags ?? []).join(', '),
  },
  {
    id: 'lastSeen',
    label: 'Last seen',
    fields: ['lastSeenAt'],
    // The export has no last-seen column; the exported rows still match the screen's filter.
    exportColumns: [],
    render: (d) =>
      d.lastSeenAt ? (
        <time dateTime={d.lastSeenAt} title={formatDateTime(d.lastSeenAt)}>
          {formatAgo(d.lastSeenAt)}
        </time>
      ) : (
        ''
      ),
  },
  {
    id: 'updatedAt',
    label: 'Updated',
    fields: ['updatedAt'],
    exportColumns: ['updatedAt'],
    render: (d) => formatDateTime(d.updatedAt),
  },
];

export const DEFAULT_COLUMN_IDS: readonly string[] = [
  'name',
  'kind',
  'status',
  'product',
  'owner',
  'site',
  'compliance',
  'lastSeen',
];

/** The chosen columns, in the table's order; unknown ids are ignored, and the name is always shown. */
export function chosenColumns(ids: readonly string[]): Column[] {
  const wanted = new Set(ids.length > 0 ? ids : DEFAULT_COLUMN_IDS);
  wanted.add('name');
  return COLUMNS.filter((c) => wanted.has(c.id));
}

export function listFieldsFor(columns: readonly Column[]): string {
  return [...new Set(columns.flatMap((c) => c.fields))].join(',');
}

export function exportColumnsFor(columns: readonly Column[]): string {
  return [...new Set(columns.flatMap((c) => c.exportColumns))].join(',');
}
