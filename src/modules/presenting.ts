/** What every presenter shares: instants as ISO 8601 strings and the provenance of synced rows. */
import { Type } from 'typebox';
import { Instant, Nullable } from '../http/schemas.js';

export const iso = (ms: number): string => new Date(ms).toISOString();
export const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));

/** Where a row came from: the system that created it, its id there, and when it was last synced. */
export const Provenance = Type.Object(
  { source: Type.String(), externalId: Nullable(Type.String()), syncedAt: Nullable(Instant) },
  { additionalProperties: false },
);

export function presentProvenance(row: {
  source_system: string;
  external_id: string | null;
  synced_at: number | null;
}) {
  return { source: row.source_system, externalId: row.external_id, syncedAt: isoOrNull(row.synced_at) };
}
