/** Turns a paging group into the native resource: only whitelisted fields, instants as ISO strings. */
import { iso } from '../presenting.js';
import type { PagingGroupRecord } from './paging-group.repository.js';
import type { PagingGroupView } from './paging-group.schemas.js';

export function presentPagingGroup(record: PagingGroupRecord): PagingGroupView {
  return {
    id: record.id,
    name: record.name,
    extension: record.extension,
    deviceIds: record.device_ids,
    createdAt: iso(record.created_at),
    updatedAt: iso(record.updated_at),
    version: record.version,
  };
}
