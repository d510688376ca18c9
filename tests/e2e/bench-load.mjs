// Page-load benchmark (run by `cargo xtask bench` after a release build): the standalone
// page against a plain static HTML page holding the same guide text, measured in the same
// run, on an emulated mid-range phone on a slow network. Median of RUNS fresh loads each:
// bytes transferred, first contentful paint, and (widget only) the time until the tracker is
// interactive with five years x ten practices of history. Then Lighthouse (mobile; the version
// tests/bench pins) scores for the standalone page. Prints a table; writes target/bench/load.json.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { fiveYearsOfHistory } from './helpers.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const out = new URL('../../target/bench/', import.meta.url);
const RUNS = 9;
const WIDGET_PORT = 4181;
const STATIC_PORT = 4182;
const FLAGS = ['--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
// Lighthouse's mobile profile: 150 ms round trips, 1.6 Mbit/s down, CPU 4x slower.
const NETWORK = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };
const CPU_SLOWDOWN = 4;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** The floor to compare with: the guide's text as plain HTML, no script, a few lines of CSS,
 * made from the content file by `prerender --plain-page` (cargo xtask bench runs it first). */
function writeStaticPage() {
  const html = readFileSync(new URL('plain.html', out), 'utf8');
  const dir = new URL('static/', out);
  mkdirSync(dir, { recursive: true });
  const file = new URL('index.html', dir);
  writeFileSync(file, html);
  writeFileSync(`${fileURLToPath(file)}.gz`, gzipSync(html, { level: 9 }));
  writeFileSync(`${fileURLToPath(file)}.br`, brotliCompressSync(html));
  return fileURLToPath(dir);
}

function serve(port, dir) {
  const env = { ...process.env, PORT: String(port) };
  if (dir) env.DIST_DIR = dir;
  const child = spawn(process.execPath, ['serve.mjs'], { cwd: here, env, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve) => child.stdout.once('data', () => resolve(child)));
}

/** A fresh phone on Lighthouse's mobile profile (no cache), with `history` in storage. */
async function phone(browser, history) {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true });
  if (history) await context.addInitScript(([k, v]) => localStorage.setItem(k, v), ['emotional-intimacy-widget', history]);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', NETWORK);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  return { context, page, cdp };
}

async function load(browser, url, { history, widget }) {
  const { context, page, cdp } = await phone(browser, history);
  await context.addInitScript(() => {
    // When the tracker shows the day's checkboxes: hydrated and loaded from storage.
    new MutationObserver((_, observer) => {
      if (document.querySelector('.ei-tracker__body:not([inert]) .ei-day input[type=checkbox]')) {
        window.__trackerReady = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e) => (bytes += e.encodedDataLength));
  await page.goto(url, { waitUntil: 'load' });
  if (widget) await page.waitForFunction(() => window.__trackerReady, null, { timeout: 60_000 });
  await page.waitForTimeout(300);
  const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN);
  const ready = widget ? await page.evaluate(() => window.__trackerReady) : NaN;
  await context.close();
  return { bytes, fcp, ready };
}

/** The below-the-fold host page (hosts/long.html: the widget six screens down): what the
 * widget makes the page download before its element nears the screen, then the time from
 * scrolling to it until its tracker works (five years of history). */
async function belowTheFold(browser, url, history) {
  const { context, page, cdp } = await phone(browser, history);
  const urls = new Map();
  cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, new URL(e.request.url).pathname));
  let widgetBytes = 0;
  cdp.on('Network.loadingFinished', (e) => {
    if (!urls.get(e.requestId)?.startsWith('/hosts/')) widgetBytes += e.encodedDataLength;
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(2000);
  const before = widgetBytes;
  const t0 = await page.evaluate(() => {
    document.querySelector('#widget').scrollIntoView();
    return performance.now();
  });
  await page.waitForFunction(
    () => document.querySelector('#widget').shadowRoot?.querySelector('.ei-tracker__body:not([inert]) .ei-day input[type=checkbox]'),
    null,
    { timeout: 60_000, polling: 16 },
  );
  const t1 = await page.evaluate(() => performance.now());
  await context.close();
  return { bytesBeforeNear: before, scrollToTrackerMs: t1 - t0 };
}

/** gzip and brotli bytes of the files the standalone page downloads, from dist/. */
function pageSizes() {
  const dist = new URL('../../dist/', import.meta.url);
  const names = readdirSync(dist).filter((n) =>
    n === 'index.html' || n === 'embed.js' || /^emotional-intimacy-widget-[0-9a-f]+(_bg\.wasm|\.js)$/.test(n));
  const sum = (ext) => names.reduce((total, n) => total + statSync(new URL(n + ext, dist)).size, 0);
  return { files: names.length, gzip: sum('.gz'), brotli: sum('.br') };
}

async function lighthouse(url) {
  const bin = new URL('../bench/node_modules/.bin/lighthouse', import.meta.url);
  if (!existsSync(bin)) return null;
  const report = fileURLToPath(new URL('lighthouse.json', out));
  const code = await new Promise((resolve) => {
    const child = spawn(fileURLToPath(bin), [
      url, '--quiet', '--output=json', `--output-path=${report}`, '--form-factor=mobile',
      '--only-categories=performance,accessibility,best-practices,seo',
      `--chrome-flags=--headless=new --no-sandbox ${FLAGS.join(' ')}`,
    ], { env: { ...process.env, CHROME_PATH: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' }, stdio: 'inherit' });
    child.on('exit', resolve);
  });
  if (code !== 0) return null;
  const { categories, lighthouseVersion } = JSON.parse(readFileSync(report, 'utf8'));
  return { version: lighthouseVersion, scores: Object.fromEntries(Object.entries(categories).map(([k, v]) => [k, Math.round(v.score * 100)])) };
}

mkdirSync(out, { recursive: true });
const servers = [await serve(WIDGET_PORT), await serve(STATIC_PORT, writeStaticPage())];
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: FLAGS });
try {
  const history = fiveYearsOfHistory(new Date());
  const widget = [];
  const plain = [];
  for (let i = 0; i < RUNS; i++) {
    widget.push(await load(browser, `http://127.0.0.1:${WIDGET_PORT}/`, { history, widget: true }));
    plain.push(await load(browser, `http://127.0.0.1:${STATIC_PORT}/`, {}));
  }
  const below = [];
  for (let i = 0; i < RUNS; i++) below.push(await belowTheFold(browser, `http://127.0.0.1:${WIDGET_PORT}/hosts/long.html`, history));
  const m = (runs, key) => median(runs.map((r) => r[key]));
  const result = {
    date: new Date().toISOString(),
    runs: RUNS,
    profile: { ...NETWORK, cpuSlowdown: CPU_SLOWDOWN },
    widget: { transferBytes: m(widget, 'bytes'), fcpMs: m(widget, 'fcp'), trackerInteractiveMs: m(widget, 'ready') },
    static: { transferBytes: m(plain, 'bytes'), fcpMs: m(plain, 'fcp') },
    belowTheFold: { bytesBeforeNear: m(below, 'bytesBeforeNear'), scrollToTrackerMs: m(below, 'scrollToTrackerMs') },
    sizes: pageSizes(),
  };
  result.ratios = {
    transfer: result.widget.transferBytes / result.static.transferBytes,
    fcp: result.widget.fcpMs / result.static.fcpMs,
  };
  result.lighthouse = await lighthouse(`http://127.0.0.1:${WIDGET_PORT}/`);
  const row = (name, a, b, ratio, unit) =>
    console.log(`${name.padEnd(34)}${a.toFixed(0).padStart(10)}${b.padStart(12)}${ratio.padStart(10)}  ${unit}`);
  console.log(`\nPage load (release build, ${RUNS} fresh loads each, medians; 150 ms RTT, 1.6 Mbit/s, CPU x4)`);
  console.log(`${''.padEnd(34)}${'widget'.padStart(10)}${'static'.padStart(12)}${'ratio'.padStart(10)}`);
  row('bytes transferred', result.widget.transferBytes, String(result.static.transferBytes), result.ratios.transfer.toFixed(1), 'bytes');
  row('first contentful paint', result.widget.fcpMs, result.static.fcpMs.toFixed(0), result.ratios.fcp.toFixed(2), 'ms');
  row('tracker interactive (5 y history)', result.widget.trackerInteractiveMs, '-', '-', 'ms');
  console.log(`\nStandalone page, what it downloads (${result.sizes.files} files): gzip ${result.sizes.gzip} bytes, brotli ${result.sizes.brotli} bytes`);
  console.log(`\nHost page with the widget six screens down (hosts/long.html, same profile, medians)`);
  console.log(`widget's bytes before it nears the screen   ${String(result.belowTheFold.bytesBeforeNear).padStart(8)}  bytes (as sent)`);
  console.log(`from scrolling to it to a working tracker   ${result.belowTheFold.scrollToTrackerMs.toFixed(0).padStart(8)}  ms`);
  console.log(result.lighthouse ? `Lighthouse ${result.lighthouse.version} (mobile): ${JSON.stringify(result.lighthouse.scores)}` : 'Lighthouse: not installed or failed (cargo xtask bench installs it)');
  writeFileSync(new URL('load.json', out), JSON.stringify(result, null, 2));
  console.log(`saved ${fileURLToPath(new URL('load.json', out))}`);
} finally {
  await browser.close();
  for (const s of servers) s.kill();
}
