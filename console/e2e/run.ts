/**
 * The console's end-to-end tests in a real browser (issue 10, part 6): Debian's chromium driven by playwright-core
 * against the real server (e2e/server.ts) on a fresh demo fleet of 300 devices, SQLite by default or PostgreSQL
 * with E2E_DATABASE_URL. Needs console/dist built (`npm run build`); builds nothing itself. Every page visited is
 * saved to docs/screenshots/<page>.png at 1280×800.
 *
 * Run with `npm run e2e` in console/. node's own test runner (node:test): the scenarios share one server and one
 * browser, run in order, and a scenario whose page does not exist yet is reported as skipped with the reason.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, newContext, screenshot, settled, signIn, signInWithKey } from './browser.ts';
import { type RunningServer, startServer } from './server.ts';

const SANDBOX_KEY = '1hKMMPFMmaldnC0rcohvXN0UX7UeWPjb';
const ADMIN = { login: 'spatel', password: 'sandbox-admin-pw' };
const AGENT = { login: 'dwalker', password: 'sandbox-agent-pw', name: 'David Walker' };

interface ListedDevice {
  readonly id: string;
  readonly name?: string;
  readonly kind?: string;
  readonly owner?: { readonly name?: string } | null;
}
interface DeviceList {
  readonly items: ListedDevice[];
  readonly nextCursor: string | null;
}

interface ComplianceCounts {
  readonly total: number;
  readonly compliant: number;
  readonly noncompliant: number;
  readonly unknown: number;
}
interface ComplianceSummary {
  readonly totals: ComplianceCounts;
  readonly byProduct?: readonly ComplianceCounts[];
}

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

async function openAs(who: { login: string; password: string }, path = '/inventory'): Promise<Page> {
  const context = await newContext(browser, server.origin);
  contexts.push(context);
  const page = await context.newPage();
  await signIn(page, who.login, who.password, path);
  return page;
}

/** GET on the API with the browser's own session cookie (the context's request shares its cookies). */
async function apiWithSession<T>(request: APIRequestContext, path: string): Promise<T> {
  const response = await request.get(path);
  const body = await response.text();
  assert.equal(response.status(), 200, `GET ${path} with the session: ${response.status()} ${body}`);
  return JSON.parse(body) as T;
}

/** GET on the API with the sandbox API key (an administrator of the same tenant as spatel). */
async function apiWithKey<T>(path: string): Promise<T> {
  const response = await fetch(server.origin + path, { headers: { authorization: `Bearer ${SANDBOX_KEY}` } });
  const body = await response.text();
  assert.equal(response.status, 200, `GET ${path} with the sandbox key: ${response.status} ${body}`);
  return JSON.parse(body) as T;
}

/** The device ids of the inventory's rows, in order, read from the Name column's links. */
async function rowIds(page: Page): Promise<string[]> {
  await settled(page);
  const hrefs = await page
    .locator('table.devices tbody tr td[data-column="name"] a')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  return hrefs.map((href) => decodeURIComponent(href.replace(/^\/devices\//, '')));
}

/** A number as the console prints it in the test's locale (en-GB: 1,234). */
const count = (text: string) => Number(text.replace(/[^\d]/g, ''));

const pickTotals = (c: ComplianceCounts) => ({
  Devices: c.total,
  Compliant: c.compliant,
  'Not compliant': c.noncompliant,
  'No policy': c.unknown,
});

/** The compliance page's totals (its "Totals" list: a label, then the count and share). */
async function complianceTotals(page: Page): Promise<Record<string, number>> {
  const pairs = await page
    .locator('dl[aria-label="Totals"] > div')
    .evaluateAll((items) =>
      items.map((item) => [
        item.querySelector('dt')?.textContent?.trim() ?? '',
        item.querySelector('.total-value')?.textContent ?? '',
      ]),
    );
  assert.ok(pairs.length > 0, 'the compliance page shows its totals');
  return Object.fromEntries(pairs.map(([label, value]) => [label, count(value ?? '')]));
}

/**
 * Waits until the inventory shows exactly `expected` (device ids, in order): a filter applies after the URL
 * changes and the list arrives, so the rows are read again until they match or 10 s pass.
 */
async function expectRows(page: Page, expected: readonly string[], message?: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  let shown = await rowIds(page);
  while (JSON.stringify(shown) !== JSON.stringify(expected) && Date.now() < deadline) {
    await page.waitForTimeout(100);
    shown = await rowIds(page);
  }
  assert.deepEqual(shown, expected, message);
}

const ids = (list: DeviceList) => list.items.map((d) => d.id);

/** The inventory's filter form (the column chooser has checkboxes with the same labels). */
const filters = (page: Page) => page.getByRole('search', { name: 'Device filters' });

/** Names of the main navigation's links, with where they go. */
async function navigation(page: Page): Promise<{ label: string; href: string }[]> {
  return page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link')
    .evaluateAll((links) =>
      links.map((a) => ({ label: (a.textContent ?? '').trim(), href: a.getAttribute('href') ?? '' })),
    );
}

describe(`the console in chromium (${process.env.E2E_DATABASE_URL ? 'PostgreSQL' : 'SQLite'})`, () => {
  before(async () => {
    server = await startServer(300);
    browser = await launchChromium();
  });

  after(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  test('a wrong password is refused on the sign-in page, which says so', async () => {
    const context = await newContext(browser, server.origin);
    contexts.push(context);
    const page = await context.newPage();
    await page.goto('/inventory?status=Online');
    await page.waitForURL(/\/sign-in\?next=/);
    await screenshot(page, 'sign-in');
    await page.getByLabel('Login', { exact: true }).fill(ADMIN.login);
    await page.getByLabel('Password', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Sign out' }).count(), 0);
  });

  test('spatel signs in and lands on the page he asked for, with the first page of devices', async () => {
    const context = await newContext(browser, server.origin);
    contexts.push(context);
    const page = await context.newPage();
    await page.goto('/inventory?kind=HardPhone');
    await page.waitForURL(/\/sign-in\?next=/);
    await page.getByLabel('Login', { exact: true }).fill(ADMIN.login);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/inventory\?kind=HardPhone$/);
    await page
      .getByText(/Administrator/)
      .first()
      .waitFor();
    const api = await apiWithSession<DeviceList>(page.request, '/v1/devices?kind=HardPhone&sort=id&limit=50&fields=id');
    assert.ok(api.items.length > 0, 'the demo fleet has desk phones');
    await expectRows(page, ids(api));
  });

  test('the inventory, filtered, shows exactly the rows GET /v1/devices answers for the same filters', async () => {
    const page = await openAs(ADMIN);
    await screenshot(page, 'inventory');
    const all = await rowIds(page);
    assert.equal(all.length, 50, 'the default page holds 50 rows of a 300-device fleet');

    await filters(page).getByLabel('Status', { exact: true }).selectOption('Online');
    await filters(page).getByLabel('Kind', { exact: true }).selectOption('Headset');
    await filters(page).getByLabel('Manufacturer', { exact: true }).fill('Poly');
    await page.waitForURL((url) => url.searchParams.get('manufacturer') === 'Poly');
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('status'), 'Online');
    assert.equal(url.searchParams.get('kind'), 'Headset');

    const query = 'status=Online&kind=Headset&manufacturer=Poly&sort=id&limit=50&fields=id';
    const bySession = await apiWithSession<DeviceList>(page.request, `/v1/devices?${query}`);
    const byKey = await apiWithKey<DeviceList>(`/v1/devices?${query}`);
    assert.ok(bySession.items.length > 0, 'the filtered view is not empty (pick filters the demo fleet has)');
    assert.deepEqual(ids(bySession), ids(byKey), 'the session and the sandbox key see the same devices');
    await expectRows(page, ids(bySession), 'rows = the API with the same session and filters');
    for (const status of await page.locator('table.devices td[data-column="status"]').allTextContents()) {
      assert.equal(status.trim(), 'Online');
    }

    // Newest first, and the URL opened elsewhere (a shared link) shows the same rows.
    await filters(page).getByLabel('Order', { exact: true }).selectOption('-id');
    await page.waitForURL((u) => u.searchParams.get('sort') === '-id');
    const newest = ids(await apiWithKey<DeviceList>(`/v1/devices?${query.replace('sort=id', 'sort=-id')}`));
    await expectRows(page, newest, 'newest first, as the API orders them');
    const shared = await page.context().newPage();
    await shared.goto(page.url());
    await expectRows(shared, newest, 'a shared link opens the same view');
    await shared.close();
  });

  test('the inventory pages forward and back by keyset, like the API', async () => {
    const page = await openAs(ADMIN, '/inventory?limit=25');
    const api = await apiWithKey<DeviceList>('/v1/devices?sort=id&limit=25&fields=id');
    await expectRows(page, ids(api));
    assert.ok(api.nextCursor, 'a 300-device fleet has a second page of 25');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText(/Rows 26–50/).waitFor();
    const second = await apiWithKey<DeviceList>(
      `/v1/devices?sort=id&limit=25&fields=id&cursor=${encodeURIComponent(api.nextCursor)}`,
    );
    await expectRows(page, ids(second), "the second page is the API's next page");
    await page.getByRole('button', { name: 'Previous' }).click();
    await page.getByText(/Rows 1–25/).waitFor();
    await expectRows(page, ids(api), 'back on the first page');
  });

  test('the sandbox API key signs in too, and sees the same inventory', async () => {
    const context = await newContext(browser, server.origin);
    contexts.push(context);
    const page = await context.newPage();
    await signInWithKey(page, SANDBOX_KEY);
    await expectRows(page, ids(await apiWithKey<DeviceList>('/v1/devices?sort=id&limit=50&fields=id')));
  });

  test('dwalker, an agent, sees only his own devices and opens his headset', async () => {
    const page = await openAs(AGENT);
    await page.getByText(/Agent/).first().waitFor();
    const his = await apiWithSession<DeviceList>(
      page.request,
      '/v1/devices?sort=id&limit=200&fields=id,name,kind,owner',
    );
    const everyone = await apiWithKey<DeviceList>('/v1/devices?sort=id&limit=200&fields=id,owner');
    assert.ok(his.items.length > 0, 'dwalker has devices');
    await expectRows(page, ids(his), 'rows = what the API lets him see');
    const shown = ids(his);
    for (const device of his.items) assert.equal(device.owner?.name, AGENT.name, `${device.id} is his`);
    for (const owner of await page.locator('table.devices td[data-column="owner"]').allTextContents()) {
      assert.equal(owner.trim(), AGENT.name);
    }
    const others = everyone.items.filter((d) => d.owner?.name !== AGENT.name);
    assert.ok(others.length > 0, 'the tenant has devices that are not his');
    assert.ok(shown.every((id) => !others.some((d) => d.id === id)));
    await screenshot(page, 'inventory-agent');

    const headset = his.items.find((d) => d.kind === 'Headset');
    assert.ok(headset, 'dwalker has a headset in the sandbox');
    await page
      .locator('table.devices tbody tr', { has: page.locator(`a[href="/devices/${encodeURIComponent(headset.id)}"]`) })
      .getByRole('link')
      .first()
      .click();
    await page.waitForURL(`**/devices/${encodeURIComponent(headset.id)}`);
    const title = page.getByRole('heading', { level: 1 });
    await title.waitFor();
    assert.equal((await title.textContent())?.trim(), headset.name || '(no name)');
    await page
      .getByText(/Headset/)
      .first()
      .waitFor();
    await screenshot(page, 'device');

    // Someone else's device is not there for him, whatever the URL says.
    const notHis = others[0]!;
    await page.goto(`/devices/${encodeURIComponent(notHis.id)}`);
    await page.getByText(/no device with this id that you can see/).waitFor();
  });

  test('spatel opens a device with every group of fields and its audit history', async () => {
    const page = await openAs(ADMIN);
    const [first] = await rowIds(page);
    assert.ok(first);
    await page.locator('table.devices tbody tr').first().getByRole('link').first().click();
    await page.waitForURL(`**/devices/${encodeURIComponent(first)}`);
    await settled(page);
    const groups = ['Identity', 'Ownership', 'Network and SIP', 'Firmware and compliance', 'Seen'];
    for (const group of [...groups, 'Lines and numbers', 'Emergency', 'Shipping and billing', 'History']) {
      await page.getByRole('heading', { name: group, exact: true }).first().waitFor();
    }
    await screenshot(page, 'device-admin');
  });

  test('every page of the navigation opens without an error, and is saved as a screenshot', async (t) => {
    const page = await openAs(ADMIN);
    const links = (await navigation(page)).filter((l) => l.href !== '/inventory');
    if (links.length === 0) {
      t.skip('the navigation has only the inventory so far (no other page is built yet)');
      return;
    }
    for (const link of links) {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link.label }).click();
      await page.waitForURL(`**${link.href}*`);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      // The server answers the page's own URL too (a bookmark or a reload), not only the in-app navigation.
      await page.reload();
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await settled(page);
      const errors = await page.locator('main .state-error').allTextContents();
      assert.deepEqual(errors, [], `${link.href} shows an error`);
      await screenshot(page, link.href.replace(/^\//, '').replace(/[^a-z0-9]+/gi, '-') || 'home');
    }
  });

  test("a person's page lists all of dwalker's devices, as the API does", async (t) => {
    const page = await openAs(ADMIN);
    const link = (await navigation(page)).find((l) => /people/i.test(l.label));
    if (!link) {
      t.skip('there is no people page in the navigation yet');
      return;
    }
    await page.goto(`${link.href}?q=${AGENT.login}`);
    await settled(page);
    await page.locator('main').getByRole('link', { name: AGENT.name }).first().click();
    await page.waitForURL(/\/people\/[^/?]+$/);
    await page.getByRole('heading', { level: 1, name: AGENT.name }).waitFor();
    await settled(page);
    const everyone = await apiWithKey<DeviceList>('/v1/devices?sort=id&limit=200&fields=id,owner');
    const his = everyone.items.filter((d) => d.owner?.name === AGENT.name).map((d) => d.id);
    assert.ok(his.length > 0);
    const deadline = Date.now() + 10_000;
    let shown: string[];
    do {
      const hrefs = await page
        .locator('main a[href^="/devices/"]')
        .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
      shown = [...new Set(hrefs.map((h) => decodeURIComponent(h.replace(/^\/devices\//, ''))))].sort();
      if (JSON.stringify(shown) === JSON.stringify([...his].sort())) break;
      await page.waitForTimeout(100);
    } while (Date.now() < deadline);
    assert.deepEqual(shown, [...his].sort(), 'the person page links every device he owns, and only those');
    await screenshot(page, 'person');
  });

  test('editing a tag in the console shows up in the audit log', async (t) => {
    const page = await openAs(ADMIN);
    const [id] = await rowIds(page);
    assert.ok(id);
    await page.goto(`/devices/${encodeURIComponent(id)}`);
    await settled(page);
    // The device page's edit form (DeviceActions): a Tags field and Save, shown to roles that may edit.
    const tags = page.locator('main').getByLabel('Tags', { exact: true });
    if ((await tags.count()) === 0) {
      t.skip('the device page has no tag editing yet (console/src/pages/DevicePage.tsx)');
      return;
    }
    const tag = `e2e-${Date.now().toString(36)}`;
    const before = (await tags.first().inputValue()).trim();
    await tags.first().fill(before ? `${before}, ${tag}` : tag);
    await page.locator('main').getByRole('button', { name: 'Save', exact: true }).first().click();
    // Saved when the API has the tag (read again for up to 10 s).
    for (let tries = 0; tries < 100; tries++) {
      const saved = await apiWithKey<{ tags?: string[] }>(`/v1/devices/${encodeURIComponent(id)}`);
      if (saved.tags?.includes(tag)) break;
      await page.waitForTimeout(100);
    }
    const device = await apiWithKey<{ tags?: string[] }>(`/v1/devices/${encodeURIComponent(id)}`);
    assert.ok(device.tags?.includes(tag), `the API has the new tag ${tag}`);

    // The audit log has the change: the API's newest event for the device is on the device's history...
    const events = await apiWithSession<{ items: { action: string; occurredAt: string }[] }>(
      page.request,
      `/v1/audit-events?resourceType=device&resourceId=${encodeURIComponent(id)}&sort=-occurredAt&limit=1`,
    );
    const newest = events.items[0];
    assert.ok(newest, 'the edit was audited');
    assert.ok(Date.now() - Date.parse(newest.occurredAt) < 60_000, 'the newest audit event is the edit just made');
    await page.reload();
    await settled(page);
    const history = page.locator('section[aria-labelledby="history-title"]');
    await history.getByText(newest.action).first().waitFor();
    // ...and on the audit log page, when the console has one.
    const audit = (await navigation(page)).find((l) => /audit/i.test(l.label));
    if (audit) {
      await page.goto(audit.href);
      await settled(page);
      await page.locator('main').getByText(newest.action).first().waitFor();
    }
  });

  test("the compliance chart's totals match GET /v1/compliance/summary, for an admin and for an agent", async (t) => {
    const page = await openAs(ADMIN);
    const link = (await navigation(page)).find((l) => /compliance/i.test(l.label));
    if (!link) {
      t.skip('there is no compliance page in the navigation yet');
      return;
    }
    await page.goto(link.href);
    await page.getByRole('heading', { level: 1, name: /compliance/i }).waitFor();
    await settled(page);
    const summary = await apiWithSession<ComplianceSummary>(page.request, '/v1/compliance/summary');
    assert.deepEqual(await complianceTotals(page), pickTotals(summary.totals));
    assert.ok(summary.totals.total > 0);

    // The breakdown by product: one row per product, each with the API's total (the table behind the chart).
    const productTotals = await page
      .locator('[aria-label="Compliance by product"] tbody tr')
      .evaluateAll((rows) => rows.map((row) => row.lastElementChild?.textContent ?? ''));
    assert.deepEqual(
      productTotals.map(count).sort((a, b) => a - b),
      (summary.byProduct ?? []).map((r) => r.total).sort((a, b) => a - b),
      "by product: the row totals are the API's",
    );

    // "Show the non-compliant devices" opens the inventory filtered on them: the API's first page.
    const show = page.getByRole('link', { name: /non-compliant device/i }).first();
    if (summary.totals.noncompliant > 0) {
      await show.click();
      await page.waitForURL((u) => u.pathname === '/inventory' && u.searchParams.get('compliance') === 'noncompliant');
      const api = await apiWithKey<DeviceList>('/v1/devices?compliance=noncompliant&sort=id&limit=50&fields=id');
      await expectRows(page, ids(api), 'the non-compliant devices, as the API lists them');
    }

    // An agent's chart counts his own devices only, as the API does for him.
    const agent = await openAs(AGENT, link.href);
    await agent.getByRole('heading', { level: 1, name: /compliance/i }).waitFor();
    await settled(agent);
    const his = await apiWithSession<ComplianceSummary>(agent.request, '/v1/compliance/summary');
    const hisDevices = await apiWithSession<DeviceList>(agent.request, '/v1/devices?limit=200&fields=id');
    assert.equal(his.totals.total, hisDevices.items.length);
    assert.deepEqual(await complianceTotals(agent), pickTotals(his.totals));
  });
});
