import fs from 'node:fs';
import { expect, it } from 'vitest';
import { ROLES, ROLE_SCOPES, SCOPES } from '../src/modules/access/roles.js';

it("the README's table of role ceilings is exactly ROLE_SCOPES", () => {
  const readme = fs.readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const table = /<!-- role-scope-ceilings:start -->([\s\S]*?)<!-- role-scope-ceilings:end -->/.exec(readme)?.[1];
  expect(table).toBeDefined();
  const rows = table!
    .trim()
    .split('\n')
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim().replace(/`/g, '')),
    );
  const [header, , ...body] = rows;
  expect(header).toEqual(['scope', ...ROLES]);
  expect(body.map((r) => r[0])).toEqual([...SCOPES]);
  for (const [scope, ...marks] of body) {
    for (const [i, role] of ROLES.entries()) {
      expect(marks[i], `${role} × ${scope}`).toBe(ROLE_SCOPES[role].includes(scope as never) ? '✓' : '–');
    }
  }
});
