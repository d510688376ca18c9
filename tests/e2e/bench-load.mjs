// Page-load benchmark (run by `cargo xtask bench` after a release build), on an emulated
// mid-range phone on a slow network (Lighthouse's mobile profile), medians of RUNS loads each,
// against a plain static page holding the same guide text, measured in the same run: the
// static page's first contentful paint (the floor); the standalone page's on a first visit
// (empty storage) and when its tracker works; a returning visitor's (five years of history,
// the service worker in control) tracker working; the below-the-fold host page, read at a
// reader's pace and scrolled straight to; what the standalone page downloads; Lighthouse
// (mobile, the version tests/bench pins) in LIGHTHOUSE_RUNS runs. Writes target/bench/load.json;
// bench-report.mjs prints the table.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { fiveYearsOfHistory, keptInMonths } from './helpers.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const out = new URL('../../target/bench/', import.meta.url);
const RUNS = 7;
const LIGHTHOUSE_RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 5);
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
  const context = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true, serviceWorkers: 'allow' });
  if (history) await context.addInitScript((pairs) => pairs.forEach(([k, v]) => localStorage.setItem(k, v)), keptInMonths('emotional-intimacy-widget', history));
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', NETWORK);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  return { context, page, cdp };
}

/** Sets window.__trackerReady (ms since the navigation began) once the tracker shows the
 * day's checkboxes: hydrated and loaded from storage. */
const TRACKER_WORKS = '.ei-tracker__body:not([inert]) .ei-day input[type=checkbox]';
const WATCH_TRACKER = (works) => {
  new MutationObserver((_, observer) => {
    if (document.querySelector(works)) {
      window.__trackerReady = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
};

const paintOf = (page) =>
  page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN);

async function load(browser, url, { history, widget }) {
  const { context, page, cdp } = await phone(browser, history);
  await context.addInitScript(WATCH_TRACKER, TRACKER_WORKS);
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e) => (bytes += e.encodedDataLength));
  await page.goto(url, { waitUntil: 'load' });
  if (widget) await page.waitForFunction(() => window.__trackerReady, null, { timeout: 60_000 });
  await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length);
  const fcp = await paintOf(page);
  const ready = widget ? await page.evaluate(() => window.__trackerReady) : NaN;
  await context.close();
  return { bytes, fcp, ready };
}

/** A returning visitor: the standalone page visited once (its service worker installed and
 * in control), then opened again with five years of history, on the same profile. */
async function returning(browser, url, history) {
  const { context, page, cdp } = await phone(browser, null);
  await page.goto(url, { waitUntil: 'load' });
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.evaluate((pairs) => pairs.forEach(([k, v]) => localStorage.setItem(k, v)), keptInMonths('emotional-intimacy-widget', history));
  await context.addInitScript(WATCH_TRACKER, TRACKER_WORKS);
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e) => (bytes += e.encodedDataLength));
  await page.goto(url, { waitUntil: 'load' });
  if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) {
    throw new Error('the returning visit was not served by the service worker');
  }
  await page.waitForFunction(() => window.__trackerReady, null, { timeout: 60_000 });
  await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length);
  const result = { fcp: await paintOf(page), ready: await page.evaluate(() => window.__trackerReady), bytes };
  await context.close();
  return result;
}

/** The below-the-fold host page (hosts/long.html: the widget six screens down), five years
 * of history. The visitor reads the first screen for READ_MS, then `pace`: 'reader' skims
 * on at a screen a second (a quarter screen every 250 ms); 'straight' jumps to the widget.
 * Returns what the widget made the page download before it neared the screen, and the time
 * from the widget entering the view to its tracker working (0 if it worked before). */
const READ_MS = 2000;
async function belowTheFold(browser, url, history, pace) {
  const { context, page, cdp } = await phone(browser, history);
  const urls = new Map();
  cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, new URL(e.request.url).pathname));
  let widgetBytes = 0;
  cdp.on('Network.loadingFinished', (e) => {
    if (!urls.get(e.requestId)?.startsWith('/hosts/')) widgetBytes += e.encodedDataLength;
  });
  // In the page: when the widget first enters the view, and when its tracker first works
  // (looked for every frame), so neither waits on this script's own polling.
  await context.addInitScript((works) => {
    addEventListener('DOMContentLoaded', () => {
      const widget = document.querySelector('#widget');
      new IntersectionObserver((entries, observer) => {
        if (entries.some((e) => e.isIntersecting)) {
          window.__inView = performance.now();
          observer.disconnect();
        }
      }).observe(widget);
      const look = () => {
        if (widget.shadowRoot?.querySelector(works)) {
          window.__trackerWorks = performance.now();
        } else requestAnimationFrame(look);
      };
      look();
    });
  }, TRACKER_WORKS);
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(READ_MS);
  const bytesBeforeNear = widgetBytes;
  if (pace === 'straight') {
    await page.evaluate(() => document.querySelector('#widget').scrollIntoView());
  } else {
    while (!(await page.evaluate(() => window.__inView))) {
      await page.evaluate(() => window.scrollBy(0, innerHeight / 4));
      await page.waitForTimeout(250);
    }
  }
  await page.waitForFunction(() => window.__trackerWorks, null, { timeout: 60_000 });
  // Working before it came into view counts as 0: nothing to wait for.
  const ms = await page.evaluate(() => Math.max(0, window.__trackerWorks - window.__inView));
  await context.close();
  return { bytesBeforeNear, inViewToTrackerMs: ms };
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
  const widgetUrl = `http://127.0.0.1:${WIDGET_PORT}/`;
  const runs = { first: [], plain: [], returning: [], reader: [], straight: [] };
  for (let i = 0; i < RUNS; i++) {
    runs.first.push(await load(browser, widgetUrl, { history: null, widget: true }));
    runs.plain.push(await load(browser, `http://127.0.0.1:${STATIC_PORT}/`, {}));
    runs.returning.push(await returning(browser, widgetUrl, history));
    runs.reader.push(await belowTheFold(browser, `${widgetUrl}hosts/long.html`, history, 'reader'));
    runs.straight.push(await belowTheFold(browser, `${widgetUrl}hosts/long.html`, history, 'straight'));
  }
  const m = (list, key) => median(list.map((r) => r[key]));
  const lighthouseRuns = [];
  for (let i = 0; i < LIGHTHOUSE_RUNS; i++) {
    const run = await lighthouse(widgetUrl);
    if (run) lighthouseRuns.push(run);
  }
  const result = {
    date: new Date().toISOString(),
    runs: RUNS,
    profile: { ...NETWORK, cpuSlowdown: CPU_SLOWDOWN },
    static: { fcpMs: m(runs.plain, 'fcp'), transferBytes: m(runs.plain, 'bytes') },
    first: { fcpMs: m(runs.first, 'fcp'), trackerWorksMs: m(runs.first, 'ready'), transferBytes: m(runs.first, 'bytes') },
    returning: { fcpMs: m(runs.returning, 'fcp'), trackerWorksMs: m(runs.returning, 'ready'), transferBytes: m(runs.returning, 'bytes') },
    reader: { bytesBeforeNear: m(runs.reader, 'bytesBeforeNear'), inViewToTrackerMs: m(runs.reader, 'inViewToTrackerMs') },
    straight: { inViewToTrackerMs: m(runs.straight, 'inViewToTrackerMs') },
    sizes: pageSizes(),
    lighthouse: lighthouseRuns,
  };
  writeFileSync(new URL('load.json', out), JSON.stringify(result, null, 2));
  console.log(`saved ${fileURLToPath(new URL('load.json', out))}`);
} finally {
  await browser.close();
  for (const s of servers) s.kill();
}
