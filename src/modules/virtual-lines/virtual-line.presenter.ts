/** Turns a virtual-line row into the native resource: only whitelisted fields, instants as ISO strings. */
import { iso } from '../presenting.js';
import type { VirtualLineRow } from './virtual-line.repository.js';
import type { VirtualLineView } from './virtual-line.schemas.js';

export function presentVirtualLine(row: VirtualLineRow): VirtualLineView {
  return {
    id: row.id,
    firstName: row.first_name,
    lastName: row.last_name,
    displayName: row.display_name,
    extension: row.extension,
    phoneNumber: row.phone_number_id ? { id: row.phone_number_id, number: row.number ?? '' } : null,
    site: row.site_id ? { id: row.site_id, name: row.site_name ?? '' } : null,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    version: row.version,
  };
}

/** The name a virtual line shows as a device's owner: its display name, else its caller id. */
export function virtualLineName(line: {
  display_name: string | null;
  first_name: string | null;
  last_name: string | null;
}): string {
  return line.display_name ?? [line.first_name, line.last_name].filter(Boolean).join(' ');
}
