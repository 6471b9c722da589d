/**
 * The README's Plantronics calls against the demo fleet's sandbox tenant, exactly as printed there: the
 * published tenant, apikey and user, with whatever appId the README shows (the sandbox approves apps
 * automatically, as the vendor's does).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useDemoApp } from '../support/demo.js';
import { SANDBOX } from '../../src/demo/sandbox.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
/** Every `curl -H 'appId: …' 'localhost:8080/compat/poly/…'` of the README, as (appId, path). */
const CALLS = [...README.matchAll(/curl -H 'appId: ([^']+)' 'localhost:8080(\/compat\/poly\/[^']+)'/g)].map((m) => ({
  appId: m[1]!,
  url: m[2]!,
}));

describe('Plantronics dialect on the demo sandbox, as the README calls it', () => {
  const demo = useDemoApp();

  it("answers the README's calls with dwalker's devices", async () => {
    expect(CALLS.length).toBeGreaterThan(0);
    for (const { appId, url } of CALLS) {
      expect(url).toContain(SANDBOX.apiCode);
      expect(url).toContain(`apikey=${SANDBOX.apiKey}`);
      const res = await demo().inject({ method: 'GET', url, headers: { appId } });
      expect(res.statusCode, `${url} ${res.body}`).toBe(200);
      const items = res.json() as { tenantApiCode: string; lastSeen: { username: string } | null }[];
      expect(items.length).toBeGreaterThan(0);
      expect(items.every((i) => i.tenantApiCode === SANDBOX.apiCode)).toBe(true);
    }
  });
});
