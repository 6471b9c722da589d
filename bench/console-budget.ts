/**
 * The console's budget (issue 10, part 7), measured: `npx tsx bench/console-budget.ts`.
 *
 * 1. Initial JavaScript: every script console/dist/index.html loads (its module script and modulepreloads),
 *    gzipped as the server sends them, against 300 KB.
 * 2. First rows: a fleet of BENCH_DEVICES devices (default 1,000,000: ./data/bench-1m.db, reused when present and
 *    current, else seeded as `npm run bench` seeds it, ~3 min), served by the compiled server (dist/); chromium
 *    (playwright-core from console/node_modules, Debian's /usr/bin/chromium) signed in as spatel opens /inventory
 *    in a fresh profile (cold cache); the time from navigation start to the first table row painted, median of
 *    BENCH_ROUNDS (default 5), against 1 s.
 *
 * Needs `npm run build` (dist/) and `npm run build` in console/ (console/dist) first; builds nothing itself.
 * Prints a table and writes bench/results/console-budget.json; no test asserts a timing.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { currentSchemaFingerprint, ensureDataset } from './datasets.js';
import { startApp, stopChild } from './servers.js';
import { log, ROOT, sleep } from './settings.js';

const CONSOLE_DIST = path.join(ROOT, 'console', 'dist');
const JS_BUDGET_BYTES = 300 * 1024;
const FIRST_ROWS_BUDGET_MS = 1000;
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 5) || 5);
const DEVICES = Number((process.env.BENCH_DEVICES ?? '1000000').replace(/_/g, ''));
const CHROMIUM = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';
/** The views timed: the inventory as it opens, and a filtered one (the same filter `npm run bench` lists). */
const VIEWS = [
  { label: 'default view', path: '/inventory' },
  { label: 'filtered view', path: '/inventory?status=Online&manufacturer=poly' },
] as const;

// --- playwright-core lives in console/ (the root has no browser dependency): loaded from there, typed here by
// --- the little this script uses, so the root's type check does not need it installed.
interface BenchPage {
  addInitScript(script: { content: string }): Promise<void>;
  goto(url: string): Promise<unknown>;
  evaluate<T>(expression: string): Promise<T>;
}
interface BenchContext {
  newPage(): Promise<BenchPage>;
  request: { post(url: string, options: { data: unknown }): Promise<{ status(): number; text(): Promise<string> }> };
  close(): Promise<void>;
}
interface BenchBrowser {
  newContext(options: { baseURL: string; viewport: { width: number; height: number } }): Promise<BenchContext>;
  close(): Promise<void>;
  version(): string;
}
interface Chromium {
  launch(options: { executablePath: string; headless: boolean; args: string[] }): Promise<BenchBrowser>;
}

function loadChromium(): Chromium {
  const fromConsole = createRequire(path.join(ROOT, 'console', 'package.json'));
  try {
    return (fromConsole('playwright-core') as { chromium: Chromium }).chromium;
  } catch {
    throw new Error('playwright-core is not installed in console/: run `npm ci` in console/ first');
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// 1. Initial JavaScript

interface ScriptSize {
  readonly file: string;
  readonly bytes: number;
  readonly gzipped: number;
}

/** The JS files index.html loads before anything else: `<script src>` and `<link rel="modulepreload">`. */
function initialScripts(): ScriptSize[] {
  const index = path.join(CONSOLE_DIST, 'index.html');
  if (!fs.existsSync(index)) throw new Error('console/dist is not built: run `npm run build` in console/ first');
  const html = fs.readFileSync(index, 'utf8');
  const sources = new Set<string>();
  for (const match of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) sources.add(match[1]!);
  for (const match of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g)) sources.add(match[1]!);
  for (const match of html.matchAll(/<link\b[^>]*\bhref="([^"]+)"[^>]*\brel="modulepreload"/g)) sources.add(match[1]!);
  return [...sources].map((src) => {
    const body = fs.readFileSync(path.join(CONSOLE_DIST, src.replace(/^\//, '')));
    return { file: src, bytes: body.length, gzipped: gzipSync(body).length };
  });
}

// ---------------------------------------------------------------------------------------------------------------------
// 2. First rows visible

interface Timing {
  /** Navigation start → the first table row painted (the animation frame after it entered the DOM). */
  readonly firstRowMs: number;
  /** The GET /v1/devices the page made: start → last byte. */
  readonly listRequestMs: number | undefined;
  /** Navigation start → the app's JavaScript evaluated (its first fetch started). */
  readonly firstFetchMs: number | undefined;
  /** Bytes of JS the browser received for the page (compressed, as transferred). */
  readonly jsTransferred: number;
}

// The browser-side code is text: the root's type check has no DOM types (and should not get them for one script).

/** Injected before the console's scripts: notes when the first inventory row enters the DOM, then is painted. */
const WATCH_FIRST_ROW = `
  const observer = new MutationObserver(() => {
    if (window.__firstRow === undefined && document.querySelector('table.devices tbody tr')) {
      window.__firstRow = performance.now();
      observer.disconnect();
      requestAnimationFrame(() => setTimeout(() => (window.__firstRowPainted = performance.now()), 0));
    }
  });
  observer.observe(document, { childList: true, subtree: true });
`;

/** Read after the row is painted: the timings, and the GET /v1/devices and script entries of Resource Timing. */
const READ_TIMINGS = `(() => {
  const entries = performance.getEntriesByType('resource');
  const list = entries.find((e) => new URL(e.name).pathname === '/v1/devices');
  const fetches = entries.filter((e) => e.initiatorType === 'fetch');
  return {
    firstRowMs: window.__firstRowPainted,
    listRequestMs: list ? list.responseEnd - list.startTime : undefined,
    firstFetchMs: fetches.length ? Math.min(...fetches.map((e) => e.startTime)) : undefined,
    jsTransferred: entries
      .filter((e) => e.initiatorType === 'script' || /\\.js$/.test(new URL(e.name).pathname))
      .reduce((sum, e) => sum + e.transferSize, 0),
  };
})()`;

async function timeFirstRows(browser: BenchBrowser, origin: string, viewPath: string): Promise<Timing> {
  const context = await browser.newContext({ baseURL: origin, viewport: { width: 1280, height: 800 } });
  try {
    const signIn = await context.request.post('/v1/sessions', {
      data: { login: 'spatel', password: 'sandbox-admin-pw' },
    });
    if (signIn.status() >= 300) throw new Error(`signing in as spatel: ${signIn.status()} ${await signIn.text()}`);
    const page = await context.newPage();
    await page.addInitScript({ content: WATCH_FIRST_ROW });
    await page.goto(viewPath);
    // Polled from here (the page's CSP forbids the eval that waitForFunction needs); the time is taken in the page.
    const deadline = Date.now() + 120_000;
    while (!(await page.evaluate<boolean>('window.__firstRowPainted !== undefined'))) {
      if (Date.now() > deadline) throw new Error(`no inventory row on ${viewPath} within 120 s`);
      await sleep(25);
    }
    return await page.evaluate<Timing>(READ_TIMINGS);
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------------------------------------

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value: number | undefined) => (value === undefined ? '—' : `${Math.round(value)} ms`);
const verdict = (ok: boolean) => (ok ? 'within budget' : 'OVER BUDGET');

async function main(): Promise<void> {
  const scripts = initialScripts();
  const jsGzipped = scripts.reduce((sum, s) => sum + s.gzipped, 0);
  const jsRaw = scripts.reduce((sum, s) => sum + s.bytes, 0);
  log(`initial JavaScript: ${scripts.map((s) => s.file).join(', ')}`);

  if (!fs.existsSync(path.join(ROOT, 'dist', 'cli', 'main.js'))) {
    throw new Error('dist/ is not built: run `npm run build` at the repository root first');
  }
  if (!fs.existsSync(CHROMIUM)) throw new Error(`no chromium at ${CHROMIUM}: apt-get install -y chromium`);
  const chromium = loadChromium();
  const dataset = ensureDataset(DEVICES, await currentSchemaFingerprint());
  log(`serving ${path.relative(ROOT, dataset.file)} (${dataset.meta.totalDevices} devices)…`);
  const server = await startApp('console-budget', dataset.file);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const browserVersion = browser.version();
  const views: { label: string; path: string; timings: Timing[] }[] = [];
  try {
    for (const view of VIEWS) {
      // One untimed visit first: the server's first query of a kind warms SQLite's page cache, as any
      // running server's would be; then ROUNDS timed visits, each in a fresh browser profile.
      await timeFirstRows(browser, server.origin, view.path);
      const timings: Timing[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const timing = await timeFirstRows(browser, server.origin, view.path);
        log(`${view.label} round ${round + 1}: first row ${ms(timing.firstRowMs)}`);
        timings.push(timing);
      }
      views.push({ ...view, timings });
    }
  } finally {
    await browser.close();
    await stopChild(server.child);
  }

  const devices = new Intl.NumberFormat('en-US').format(dataset.meta.totalDevices);
  const rows: string[][] = [
    ['measure', 'value', 'budget', 'verdict'],
    [
      `initial JS, gzipped (${scripts.length} file${scripts.length === 1 ? '' : 's'}; ${kb(jsRaw)} raw)`,
      kb(jsGzipped),
      kb(JS_BUDGET_BYTES),
      verdict(jsGzipped <= JS_BUDGET_BYTES),
    ],
  ];
  const summary = views.map((view) => {
    const firstRow = median(view.timings.map((t) => t.firstRowMs));
    const list = view.timings.map((t) => t.listRequestMs).filter((v): v is number => v !== undefined);
    const first = view.timings.map((t) => t.firstFetchMs).filter((v): v is number => v !== undefined);
    rows.push([
      `first rows, ${view.label} (${view.path}), median of ${ROUNDS}`,
      ms(firstRow),
      ms(FIRST_ROWS_BUDGET_MS),
      verdict(firstRow <= FIRST_ROWS_BUDGET_MS),
    ]);
    rows.push([
      `  of which GET /v1/devices / app started (median)`,
      `${ms(list.length ? median(list) : undefined)} / ${ms(first.length ? median(first) : undefined)}`,
      '',
      '',
    ]);
    rows.push([
      `  min–max`,
      `${ms(Math.min(...view.timings.map((t) => t.firstRowMs)))}–${ms(Math.max(...view.timings.map((t) => t.firstRowMs)))}`,
      '',
      '',
    ]);
    rows.push([
      `  JS received by the browser (compressed, median)`,
      kb(median(view.timings.map((t) => t.jsTransferred))),
      '',
      '',
    ]);
    return { ...view, medianFirstRowMs: firstRow };
  });
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) =>
    r
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  console.log(`\nConsole budget: ${devices} devices on localhost, chromium ${browserVersion}\n`);
  console.log(line(rows[0]!));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows.slice(1)) console.log(line(r));

  const resultsDir = path.join(ROOT, 'bench', 'results');
  fs.mkdirSync(resultsDir, { recursive: true });
  const report = {
    at: new Date().toISOString(),
    devices: dataset.meta.totalDevices,
    initialJs: { files: scripts, gzippedBytes: jsGzipped, budgetBytes: JS_BUDGET_BYTES },
    firstRows: summary,
    budgetMs: FIRST_ROWS_BUDGET_MS,
  };
  fs.writeFileSync(path.join(resultsDir, 'console-budget.json'), `${JSON.stringify(report, null, 2)}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
