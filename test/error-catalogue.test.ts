import fs from 'node:fs';
import { expect, it } from 'vitest';
import { errorCatalogue } from '../src/errors.js';

it('docs/errors.md lists exactly the catalogue, with the same statuses', () => {
  const doc = fs.readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');
  const rows = [...doc.matchAll(/^\| `([a-z_]+)`\s*\| (\d{3})\s*\|/gm)].map((m) => [m[1], Number(m[2])]);
  const catalogue = Object.entries(errorCatalogue).map(([code, { status }]) => [code, status]);
  expect(rows).toEqual(catalogue);
});
