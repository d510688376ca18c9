// Shared steps for the end-to-end tests.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/** The guide's title: the first line of the content file, the one place it is written. */
export const GUIDE_TITLE = readFileSync(new URL('../../src/content/what-is-emotional-intimacy.txt', import.meta.url), 'utf8')
  .split(/\r?\n/)[0];

export const SECTION_SLUGS = [
  'what-emotional-intimacy-actually-means',
  'how-emotional-intimacy-develops-over-time',
  'why-emotional-intimacy-matters-in-relationships',
  'where-emotional-intimacy-shows-up-daily',
  'common-misunderstandings-about-emotional-intimacy',
  'when-emotional-intimacy-feels-difficult',
];

/** The seven default practices, worded as the widget words them (ids 1 to 7). */
export const DEFAULT_PRACTICES = [
  'Listened without interrupting',
  'Remembered something that matters to them',
  'Responded to an emotional cue with care',
  'Shared something small and honest',
  'Shared a laugh',
  'Offered comfort',
  'Stayed curious, not defensive, in a disagreement',
];

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Records console errors and uncaught exceptions (a hydration panic shows up here). */
export function watchErrors(page) {
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(String(err)));
  return errors;
}

/** Opens a page of the widget and waits until the wasm has taken over (hydrated). */
export async function openWidget(page, path = '/') {
  await page.goto(path);
  await expect(page.locator('.ei-toolbar')).not.toHaveClass(/ei-toolbar--pending/);
}

/** The tracker once it has loaded from storage (before that it is an inert skeleton). */
export const TRACKER_READY = '.ei-tracker__body:not([inert]) .ei-day';

export function details(page) {
  return page.locator('details.ei-disclosure');
}

export async function openStates(page) {
  return details(page).evaluateAll((all) => all.map((d) => d.open));
}

/** Runs axe-core on the page (or only the part `only` selects) for the WCAG 2.x A and AA
 * rules; returns the violations. */
export async function axeViolations(page, only = null) {
  const builder = new AxeBuilder({ page }).withTags(WCAG_TAGS);
  if (only) builder.include(only);
  const results = await builder.analyze();
  return results.violations.map((v) => ({
    id: v.id,
    help: v.help,
    nodes: v.nodes.map((n) => n.target.join(' ')),
  }));
}

/**
 * What a screen reader is told: Chromium's accessibility tree (over CDP), as
 * { "Section heading": expanded } for every disclosure (summary) in the page.
 */
export async function announcedDisclosures(page) {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  await cdp.detach();
  const states = {};
  for (const node of nodes) {
    if (node.ignored || node.role?.value !== 'DisclosureTriangle') continue;
    const expanded = node.properties?.find((p) => p.name === 'expanded');
    states[node.name?.value] = expanded?.value?.value;
  }
  return states;
}

const BENCH_PRACTICES = [...DEFAULT_PRACTICES, 'Cooked together', 'Walked together', 'Said thank you'];

/** Saved tracker data for benchmarks: five years of days, every day with six or seven of
 * ten practices, and some notes. */
export function fiveYearsOfHistory(today) {
  return yearsOfHistory(today, 5);
}

/** `years` of daily history for ten practices before `today`, as saved data (a note every
 * ninth day). */
export function yearsOfHistory(today, years) {
  const days = {};
  for (let back = 1; back <= years * 365 + 1; back++) {
    const d = new Date(today);
    d.setDate(d.getDate() - back);
    const key = d.toISOString().slice(0, 10);
    const done = [];
    for (let p = 1; p <= 10; p++) if ((back * 7 + p * 3) % 5 < 3) done.push(p);
    days[key] = back % 9 === 0 ? { done, note: 'A quiet evening; we talked about the week.' } : { done };
  }
  return JSON.stringify({
    version: 2,
    practices: BENCH_PRACTICES.map((name, i) => ({ id: i + 1, name })),
    days,
  });
}


/** Run in the page (`page.evaluate(daysIn, key)`): the days the widget keeps under `key`, as
 * one object keyed by date, whether kept in months (an index under the key naming a key per
 * month, `<key>#days-YYYY-MM.<hash>`) or as one document of an earlier version. */
export function daysIn(key) {
  const stored = JSON.parse(localStorage.getItem(key) ?? 'null');
  if (!stored) return {};
  if (stored.version !== 3) return stored.days ?? {};
  return Object.assign({}, ...stored.months.map((m) => JSON.parse(localStorage.getItem(`${key}#days-${m}`))));
}

/** The 64-bit FNV-1a hash of `text`'s UTF-8, as 16 hex digits: the name the widget gives a
 * month's text (`storage::months::month_entry`). */
function fnv1a(text) {
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) {
    hash = ((hash ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

/** What the widget keeps in storage for saved data `text` (one document, version 2): the
 * index under `key` and each month's days under `<key>#days-YYYY-MM.<hash>`, as [key, value]
 * pairs. */
export function keptInMonths(key, text) {
  const doc = JSON.parse(text);
  const months = {};
  for (const day of Object.keys(doc.days).sort()) (months[day.slice(0, 7)] ??= {})[day] = doc.days[day];
  const texts = Object.keys(months).sort().map((m) => [m, JSON.stringify(months[m])]);
  const entries = texts.map(([m, t]) => `${m}.${fnv1a(t)}`);
  const index = JSON.stringify({ version: 3, practices: doc.practices, months: entries });
  return [[key, index], ...texts.map(([, t], i) => [`${key}#days-${entries[i]}`, t])];
}

/** Local YYYY-MM-DD of a Date, as the widget computes "today". */
export function ymd(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Puts `value` under `key` before the page's own scripts run, once per browser context. */
export async function seed(context, key, value) {
  await context.addInitScript(
    ([k, v]) => {
      if (!sessionStorage.getItem('seeded:' + k)) {
        localStorage.setItem(k, v);
        sessionStorage.setItem('seeded:' + k, '1');
      }
    },
    [key, value],
  );
}

/** The test server (serve.mjs) again, of its own: `dir` on `port`, with more of its settings
 * in `env` (CORS, REDIRECT_INDEX). Gives its origin, and stop() (the network gone; a test may
 * then start another at the same address, as a new release deployed there). */
export function startServer(dir, port, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['serve.mjs'], {
      cwd: fileURLToPath(new URL('.', import.meta.url)),
      env: { ...process.env, PORT: String(port), DIST_DIR: dir, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    // A server that cannot start (its port taken) says so at once, not at the test's timeout.
    const failed = (code) => reject(new Error(`the test server on port ${port} exited (${code}) before it was ready`));
    child.once('exit', failed);
    child.stdout.once('data', () => {
      child.off('exit', failed);
      resolve({
        origin: `http://127.0.0.1:${port}`,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', done);
            child.kill();
          }),
      });
    });
  });
}

/** Runs `use(context)` in Chromium with a profile of its own on disk (Chromium installs
 * nothing from an incognito window), launched as the config launches it with `options` on
 * top (their `args` added to the config's); the profile is removed after. */
export async function withOwnProfile(playwright, options, use) {
  const profile = mkdtempSync(join(tmpdir(), 'ei-profile-'));
  const { launchOptions, baseURL } = test.info().project.use;
  const context = await playwright.chromium.launchPersistentContext(profile, {
    ...launchOptions,
    baseURL,
    ...options,
    args: [...launchOptions.args, ...(options.args ?? [])],
  });
  try {
    return await use(context);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

/** What the tracker's place says where the wasm cannot run. */
export const CANNOT_RUN = /The practice tracker can't run in this browser: it needs WebAssembly/;

/** The widget in host element `host` (or the page's own, for null) reads and its sections
 * open; the tracker's place says, once, why it cannot run. */
export async function guideStaysWithOneCalmLine(page, host) {
  const scope = host ?? page;
  if (host) await host.scrollIntoViewIfNeeded();
  await expect(scope.locator('.ei-tracker__cannot')).toHaveText(CANNOT_RUN);
  await expect(scope.locator('.ei-tracker__cannot')).toHaveCount(1);
  await expect(scope.locator('.ei-tracker__body')).toHaveCount(0);
  await expect(scope.locator('.ei-title')).toHaveText(GUIDE_TITLE);
  await expect(scope.locator('.ei-quick-take li')).toHaveCount(4);
  const first = scope.locator('details.ei-disclosure').first();
  await first.locator('summary').click();
  await expect(first).toHaveJSProperty('open', true);
  await expect(first.locator('.ei-disclosure__body')).toBeVisible();
}

/** Adds a widget to a host page's `#host` (hosts/blank.html), with these `data-*` options
 * and custom properties (`style`, as a site's CSS would set them from the start); gives its
 * locator. */
export async function addWidget(page, id, options = {}, style = {}) {
  await page.evaluate(
    ([id, options, style]) => {
      const element = document.createElement('div');
      element.id = id;
      element.setAttribute('data-emotional-intimacy', '');
      for (const [name, value] of Object.entries(options)) element.setAttribute(`data-${name}`, value);
      for (const [name, value] of Object.entries(style)) element.style.setProperty(name, value);
      document.getElementById('host').append(element);
    },
    [id, options, style],
  );
  return page.locator(`#${id}`);
}

/** Adds an iframe of `src` to the `#host` of a host page (or of a frame of one), `where`. */
export async function addFrame(where, id, src) {
  await where.evaluate(
    ([id, src]) => {
      const frame = document.createElement('iframe');
      frame.id = id;
      frame.title = 'The guide';
      frame.src = src;
      frame.style.cssText = 'width: 100%; height: 2200px; border: 0';
      document.getElementById('host').append(frame);
    },
    [id, src],
  );
}
