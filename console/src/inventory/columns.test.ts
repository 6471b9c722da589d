import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COLUMNS, DEFAULT_COLUMN_IDS, chosenColumns, exportColumnsFor, listFieldsFor } from './columns.tsx';

/** GET /v1/devices/export's columns, as the generated OpenAPI document of the SDK lists them. */
function exportColumnsOfTheApi(): Set<string> {
  const spec = JSON.parse(readFileSync(new URL('../../../sdk/openapi.json', import.meta.url), 'utf8')) as {
    paths: Record<string, { get: { parameters: { name: string; description?: string }[] } }>;
  };
  const columns = spec.paths['/v1/devices/export']?.get.parameters.find((p) => p.name === 'columns');
  const listed = /default all: ([\w,]+)/.exec(columns?.description ?? '')?.[1];
  if (!listed) throw new Error('the export no longer documents its columns');
  return new Set(listed.split(','));
}

describe('the inventory columns', () => {
  it('shows the default columns when none are chosen, and always the name', () => {
    expect(chosenColumns([]).map((c) => c.id)).toEqual(DEFAULT_COLUMN_IDS);
    expect(chosenColumns(['mac', 'no-such-column']).map((c) => c.id)).toEqual(['name', 'mac']);
  });

  it('asks the list only for the fields of the chosen columns', () => {
    expect(listFieldsFor(chosenColumns(['mac', 'site']))).toBe('id,name,site,mac');
  });

  it('maps every column onto columns the export knows', () => {
    const EXPORT_COLUMNS = exportColumnsOfTheApi();
    expect(EXPORT_COLUMNS.has('siteName')).toBe(true);
    for (const column of COLUMNS) {
      for (const name of column.exportColumns) expect(EXPORT_COLUMNS.has(name), `${column.id} → ${name}`).toBe(true);
    }
    expect(exportColumnsFor(chosenColumns(['product', 'owner']))).toBe('id,name,manufacturer,productName,ownerName');
  });
});
