/**
 * Debian's chromium (`apt-get install chromium`) driven by playwright-core, which downloads no browser of its
 * own; plus the steps every scenario shares: a 1280×800 page, signing in, and a screenshot per page visited.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';
import { ROOT } from './server.ts';

export const SCREENSHOT_DIR = path.join(ROOT, 'docs', 'screenshots');
export const VIEWPORT = { width: 1280, height: 800 } as const;

/** E2E_CHROMIUM overrides the browser's path; Debian's package installs /usr/bin/chromium. */
export function chromiumPath(): string {
  const candidates = [process.env.E2E_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
    (p): p is string => Boolean(p),
  );
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`no chromium at ${candidates.join(' or ')}: apt-get install -y chromium`);
  return found;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    // playwright-core adds its own --headless; the flags the issue names are passed as they are.
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** A fresh browser profile (no cookies), in the light theme and an English locale, so screenshots are stable. */
export function newContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return browser.newContext({
    baseURL,
    viewport: VIEWPORT,
    locale: 'en-GB',
    timezoneId: 'UTC',
    colorScheme: 'light',
  });
}

/** Signs in with a login and password on the sign-in form, then waits for the signed-in frame. */
export async function signIn(page: Page, login: string, password: string, path_ = '/inventory'): Promise<void> {
  await page.goto(path_);
  await page.getByLabel('Login', { exact: true }).fill(login);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** Signs in by pasting an API key (kept in the tab's memory). */
export async function signInWithKey(page: Page, key: string): Promise<void> {
  await page.goto('/inventory');
  await page.getByLabel('API key', { exact: true }).check();
  await page.getByLabel('API key', { exact: true }).last().fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** Waits until nothing on the page is loading: no Loading state (.state-loading) and nothing aria-busy. */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('.state-loading, [aria-busy="true"]'), undefined, {
    timeout: 20_000,
  });
}

/** Saves docs/screenshots/<name>.png of the viewport (1280×800), once the page has settled. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await settled(page);
  await page.mouse.move(0, 0); // no hover highlight on whatever row the last click left the pointer over
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
  return file;
}
