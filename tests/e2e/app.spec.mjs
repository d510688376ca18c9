// The standalone page as a daily companion, in Debian's Chromium against the
// release build served over HTTP: it installs and works offline after one visit; a new
// release takes over from an older one's cache without ever mixing the two; embeds register
// no worker; the browser is asked to keep the data after a tick, never on load; a gentle
// reminder to save a copy; the summary for a counsellor as printed; the calendar paged back
// through the whole history.
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from '@playwright/test';
import { TRACKER_READY, axeViolations, daysIn, openWidget, seed, startServer, watchErrors, withOwnProfile, ymd } from './helpers.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const dist = join(here, '../../dist');
const KEY = 'emotional-intimacy-widget';
const COMPANION = `${KEY}#companion`;
const worker = readFileSync(join(dist, 'service-worker.js'), 'utf8');
const BUILD = worker.match(/BUILD="([^"]+)"/)[1];
const FILES = JSON.parse(worker.match(/FILES=(\[[^\]]*\])/)[1]);

/** Waits until the service worker is active and its cache holds every file of the build. */
async function offlineReady(page) {
  await page.evaluate(async (count) => {
    await navigator.serviceWorker.ready;
    for (;;) {
      const keys = await caches.keys();
      const mine = keys.find((k) => k.startsWith('emotional-intimacy:'));
      if (mine && (await (await caches.open(mine)).keys()).length === count) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  }, FILES.length);
}

function daysAgo(n) {
  const d = new Date();
  d.setDate(d.getDate() - n);
  return ymd(d);
}

const laugh = (page) => page.getByRole('checkbox', { name: 'Shared a laugh' });

/** How many practices today's entry in storage has ticked: a tick has gone through the whole
 * request (and any asking to keep the data, decided in the same step) once this shows it. */
const savedToday = (page) =>
  page.evaluate(daysIn, KEY).then((days) => days[ymd(new Date())]?.done?.length ?? 0);

test.describe('the standalone page as an app', () => {
  test.use({ serviceWorkers: 'allow' });

  test('meets Chromium\'s install criteria: manifest, icons, a worker that answers offline', async ({ playwright }) => {
    await withOwnProfile(playwright, {}, async (context) => {
      const page = context.pages()[0] ?? (await context.newPage());
      const errors = watchErrors(page);
      await openWidget(page);
      await offlineReady(page);
      const cdp = await context.newCDPSession(page);
      const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
      expect(installabilityErrors).toEqual([]);
      const { url, errors: manifestErrors, data } = await cdp.send('Page.getAppManifest');
      expect(url).toMatch(/\/manifest\.webmanifest$/);
      expect(manifestErrors).toEqual([]);
      const manifest = JSON.parse(data);
      expect(manifest).toMatchObject({ short_name: 'Small signals', display: 'standalone', start_url: './', scope: './' });
      // Every icon is a real PNG of the size it claims, one of them maskable.
      for (const icon of manifest.icons) {
        const size = await page.evaluate(async (src) => {
          const image = new Image();
          image.src = src;
          await image.decode();
          return `${image.naturalWidth}x${image.naturalHeight}`;
        }, icon.src);
        expect(size, icon.src).toBe(icon.sizes);
      }
      expect(manifest.icons.map((i) => i.purpose)).toContain('maskable');
      // Light and dark title bars.
      await expect(page.locator('meta[name="theme-color"]')).toHaveCount(2);
      expect(errors).toEqual([]);
    });
  });

  test('after one visit, the guide and the tracker work offline and keep the ticks', async ({ page }) => {
    // Served as Cloudflare Pages serves it: …/index.html redirects to …/.
    const server = await startServer(dist, 4198, { REDIRECT_INDEX: '1' });
    try {
      const errors = watchErrors(page);
      await page.goto(`${server.origin}/`);
      await expect(page.locator(TRACKER_READY)).toBeVisible();
      await offlineReady(page);
      await laugh(page).check();
      await server.stop(); // no network from here on
      await page.reload();
      await expect(page.locator(TRACKER_READY)).toBeVisible();
      await expect(laugh(page)).toBeChecked();
      await laugh(page).uncheck();
      await page.getByRole('checkbox', { name: 'Offered comfort' }).check();
      // The guide too, and the page by another of its addresses (an installed app's start).
      await page.goto(`${server.origin}/index.html?source=app#faq`);
      await expect(page.locator('.ei-toolbar')).not.toHaveClass(/ei-toolbar--pending/);
      await page.locator('details.ei-disclosure summary').first().click();
      await expect(page.locator('details.ei-disclosure').first()).toHaveJSProperty('open', true);
      await expect(page.getByRole('checkbox', { name: 'Offered comfort' })).toBeChecked();
      expect(errors).toEqual([]);
    } finally {
      await server.stop();
    }
  });

  test('a new release takes over from an older one\'s cache quietly, never mixing the two', async ({ page, context }) => {
    // An older release: the same files under other names, its own build id, a mark in its HTML.
    const older = mkdtempSync(join(tmpdir(), 'ei-older-'));
    const glue = FILES.find((f) => /^emotional-intimacy-widget-[0-9a-f]{8,16}\.js$/.test(f)).slice(0, -3);
    const olderGlue = 'emotional-intimacy-widget-a1d0000000000001';
    for (const name of readdirSync(dist)) {
      if (name.endsWith('.gz') || name.endsWith('.br')) continue;
      cpSync(join(dist, name), join(older, name.replace(glue, olderGlue)), { recursive: true });
    }
    for (const name of ['index.html', 'embed.js', 'service-worker.js']) {
      let text = readFileSync(join(older, name), 'utf8').replaceAll(glue, olderGlue);
      if (name === 'index.html') text = text.replace('<head>', '<head><meta name="ei-test-build" content="older">');
      if (name === 'service-worker.js') text = text.replace(BUILD, '0.9.0-older');
      writeFileSync(join(older, name), text);
    }
    // Its worker knows its own files' sizes and hashes, as a real build's does.
    const olderWorker = readFileSync(join(older, 'service-worker.js'), 'utf8');
    const expected = {};
    for (const file of JSON.parse(olderWorker.match(/FILES=(\[[^\]]*\])/)[1])) {
      const bytes = readFileSync(join(older, file === './' ? 'index.html' : file));
      expected[file] = [bytes.length, createHash('sha256').update(bytes).digest('base64')];
    }
    writeFileSync(
      join(older, 'service-worker.js'),
      olderWorker.replace(/EXPECTED=\{[^}]*\}/, `EXPECTED=${JSON.stringify(expected)}`),
    );
    const wasmRequests = [];
    context.on('request', (r) => r.url().endsWith('.wasm') && wasmRequests.push(r.url()));

    let server = await startServer(older, 4199);
    try {
      const errors = watchErrors(page);
      await page.goto(`${server.origin}/`);
      await expect(page.locator(TRACKER_READY)).toBeVisible();
      await offlineReady(page);
      await laugh(page).check();

      // The new release is deployed at the same address; the old files are gone from it.
      await server.stop();
      server = await startServer(dist, 4199);
      wasmRequests.length = 0;
      await page.reload();
      // This page is still wholly the older release, from its cache: its HTML, hydrated by its
      // own wasm (the new server no longer has that file, so it could only come from there).
      await expect(page.locator('meta[name="ei-test-build"]')).toHaveCount(1);
      await expect(page.locator(TRACKER_READY)).toBeVisible();
      await expect(laugh(page)).toBeChecked();
      expect(wasmRequests.length).toBeGreaterThan(0);
      expect(wasmRequests.every((u) => u.includes(olderGlue))).toBe(true);
      // frame.html on the same site is the new release's, with the new release's files (the
      // cache is the standalone page's alone).
      const frame = await context.newPage();
      await frame.goto(`${server.origin}/frame.html`);
      await expect(frame.locator(TRACKER_READY)).toBeVisible();
      expect(wasmRequests.at(-1)).toContain(glue);
      expect(await frame.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
      await frame.close();
      // Meanwhile the new release's worker fills its own cache and waits, asking nothing.
      await page.evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        await registration.update();
        while (!registration.waiting) await new Promise((r) => setTimeout(r, 50));
      });
      await expect(page.locator('.ei-widget')).toBeVisible();
      expect(errors).toEqual([]);

      // Once no page of the older release is open, the new one takes over: watched from a
      // blank page (no client of either worker), until the waiting worker is the active one.
      const next = await context.newPage();
      const nextErrors = watchErrors(next);
      const cdp = await context.newCDPSession(next);
      const versions = new Map();
      cdp.on('ServiceWorker.workerVersionUpdated', ({ versions: updated }) => {
        for (const v of updated) versions.set(v.versionId, v.status);
      });
      await cdp.send('ServiceWorker.enable');
      await expect.poll(() => [...versions.values()]).toContain('installed');
      const waiting = [...versions].find(([, status]) => status === 'installed')[0];
      await page.close();
      await expect.poll(() => versions.get(waiting), { timeout: 15_000 }).toBe('activated');
      await next.goto(`${server.origin}/`);
      await expect(next.locator('meta[name="ei-test-build"]')).toHaveCount(0);
      await expect(next.locator(TRACKER_READY)).toBeVisible();
      await expect(next.getByRole('checkbox', { name: 'Shared a laugh' })).toBeChecked();
      expect(await next.evaluate(() => caches.keys())).toEqual([
        `emotional-intimacy:${server.origin}/:${BUILD}`,
      ]);
      // And it works offline in its turn.
      await server.stop();
      await next.reload();
      await expect(next.locator(TRACKER_READY)).toBeVisible();
      await expect(next.locator('meta[name="ei-test-build"]')).toHaveCount(0);
      expect(nextErrors).toEqual([]);
    } finally {
      await server.stop();
      rmSync(older, { recursive: true, force: true });
    }
  });

  test('a release uploaded half-way is not kept for offline use; the page works online meanwhile', async ({ page }) => {
    // A copy of the release whose large icon was cut short by an upload not yet finished.
    const half = mkdtempSync(join(tmpdir(), 'ei-half-'));
    cpSync(dist, half, { recursive: true });
    for (const ext of ['', '.gz', '.br']) rmSync(join(half, `icon-512.png${ext}`), { force: true });
    writeFileSync(join(half, 'icon-512.png'), readFileSync(join(dist, 'icon-512.png')).subarray(0, 4096));
    const server = await startServer(half, 4198);
    // How the worker's install ends: activated, or refused (redundant).
    await page.addInitScript(() => {
      window.__installed = new Promise((resolve) => {
        const register = navigator.serviceWorker.register.bind(navigator.serviceWorker);
        navigator.serviceWorker.register = async (...args) => {
          const registration = await register(...args);
          const worker = registration.installing;
          worker?.addEventListener('statechange', () => {
            if (worker.state === 'redundant' || worker.state === 'activated') resolve(worker.state);
          });
          return registration;
        };
      });
    });
    try {
      await page.goto(`${server.origin}/`);
      await expect(page.locator(TRACKER_READY)).toBeVisible();
      expect(await page.evaluate(() => window.__installed)).toBe('redundant');
      expect(await page.evaluate(() => caches.keys())).toEqual([]);
      await laugh(page).check();
      await expect(laugh(page)).toBeChecked();
    } finally {
      await server.stop();
      rmSync(half, { recursive: true, force: true });
    }
  });

  test('embeds register no worker: not on a host page, not in frame.html', async ({ page }) => {
    // Every call to register() is written down; the standalone page makes it once loaded.
    await page.addInitScript(() => {
      window.__registered = [];
      const register = navigator.serviceWorker.register.bind(navigator.serviceWorker);
      navigator.serviceWorker.register = (url, options) => {
        window.__registered.push(String(url));
        return register(url, options);
      };
    });
    await page.goto('/');
    await expect.poll(() => page.evaluate(() => window.__registered)).toEqual([expect.stringMatching(/service-worker\.js$/)]);
    await page.evaluate(() => navigator.serviceWorker.getRegistrations().then((all) => Promise.all(all.map((r) => r.unregister()))));
    for (const path of ['/hosts/wp-light.html', '/frame.html']) {
      // Loaded (when the standalone page registers) and the widget in: the moment has passed.
      await page.goto(path, { waitUntil: 'load' });
      await expect(page.locator(path === '/frame.html' ? TRACKER_READY : '[data-ei-mounted]').first()).toBeAttached();
      expect(await page.evaluate(() => window.__registered), path).toEqual([]);
      expect(await page.evaluate(() => navigator.serviceWorker.getRegistrations().then((r) => r.length)), path).toBe(0);
    }
  });
});

/** Replaces navigator.storage's answers: what it has promised, and what it says when asked. */
async function fakePersistence(page, { kept = false, grants = true } = {}) {
  await page.addInitScript(
    ([kept, grants]) => {
      window.__persistAsked = 0;
      let now = kept;
      navigator.storage.persisted = async () => now;
      navigator.storage.persist = async () => {
        window.__persistAsked += 1;
        now = grants;
        return grants;
      };
    },
    [kept, grants],
  );
}

test('the browser is asked to keep the data after a tick, never on load, and Your data says', async ({ page }) => {
  await fakePersistence(page);
  await openWidget(page);
  await expect(page.locator(TRACKER_READY)).toBeVisible();
  const kept = page.locator('.ei-data__kept');
  await expect(kept).toContainText("hasn't promised to keep this data");
  await expect(kept).toContainText('add this page to your home screen');
  // What the browser promised is read on load, in the step that would have asked: it was
  // read (the line above says so) and nothing was asked.
  expect(await page.evaluate(() => window.__persistAsked)).toBe(0);
  await laugh(page).check();
  await expect.poll(() => page.evaluate(() => window.__persistAsked)).toBe(1);
  await expect(kept).toHaveText("Your browser has promised to keep this data: it won't clear it to make room.");
  await page.getByRole('checkbox', { name: 'Offered comfort' }).check();
  await expect.poll(() => savedToday(page)).toBe(2);
  expect(await page.evaluate(() => window.__persistAsked)).toBe(1);
});

test('a browser that says no is not asked again for a month', async ({ page }) => {
  await fakePersistence(page, { grants: false });
  await openWidget(page);
  await laugh(page).check();
  await expect.poll(() => page.evaluate(() => window.__persistAsked)).toBe(1);
  const companion = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), COMPANION));
  expect(companion.persistAsked).toBe(ymd(new Date()));
  await page.reload();
  await expect(page.locator(TRACKER_READY)).toBeVisible();
  await page.getByRole('checkbox', { name: 'Offered comfort' }).check();
  await expect.poll(() => savedToday(page)).toBe(2);
  expect(await page.evaluate(() => window.__persistAsked)).toBe(0);
  await expect(page.locator('.ei-data__kept')).toContainText("hasn't promised");
});

function history(days) {
  return JSON.stringify({
    version: 2,
    practices: ['Listened without interrupting', 'Shared a laugh', 'Offered comfort'].map((name, i) => ({ id: i + 1, name })),
    days,
  });
}

test('a gentle reminder to save a copy, a month after the last, that saves or waits a month', async ({ page, context }) => {
  await seed(context, KEY, history({ [daysAgo(50)]: { done: [1] }, [daysAgo(3)]: { done: [2] } }));
  await seed(context, COMPANION, JSON.stringify({ lastExport: daysAgo(40) }));
  await openWidget(page);
  await expect(page.locator(TRACKER_READY)).toBeVisible();
  const reminder = page.locator('.ei-reminder');
  await expect(reminder).toContainText("It's been a while since you saved a copy");
  expect(await axeViolations(page, '.ei-tracker')).toEqual([]);
  const [download] = await Promise.all([page.waitForEvent('download'), reminder.getByRole('button', { name: 'Save a copy' }).click()]);
  expect(download.suggestedFilename()).toBe(`small-signals-${ymd(new Date())}.json`);
  await expect(page.locator('.ei-reminder__answer')).toBeFocused();
  await expect(page.locator('.ei-reminder__answer')).toHaveText('A copy is on its way to your downloads.');
  expect(JSON.parse(await page.evaluate((k) => localStorage.getItem(k), COMPANION)).lastExport).toBe(ymd(new Date()));
  await page.reload();
  await expect(page.locator(TRACKER_READY)).toBeVisible();
  await expect(reminder).toHaveCount(0);

  // "Not now": quiet for a month.
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [COMPANION, JSON.stringify({ lastExport: daysAgo(40) })]);
  await page.reload();
  await reminder.getByRole('button', { name: 'Not now' }).click();
  await expect(page.locator('.ei-reminder__answer')).toContainText("You'll be reminded in a month");
  await page.reload();
  await expect(page.locator(TRACKER_READY)).toBeVisible();
  await expect(reminder).toHaveCount(0);
});

test('an embed on a site with its own manifest: no advice to install, the browser not asked', async ({ page }) => {
  await fakePersistence(page);
  await page.addInitScript(() =>
    document.addEventListener('DOMContentLoaded', () => {
      const link = document.createElement('link');
      link.rel = 'manifest';
      link.href = '/the-sites-own.webmanifest';
      document.head.append(link);
    }),
  );
  await page.goto('/hosts/wp-light.html');
  const widget = page.locator('[data-ei-mounted]').first();
  await widget.scrollIntoViewIfNeeded();
  const kept = widget.locator('.ei-data__kept');
  await expect(kept).toContainText('save a copy now and then');
  await expect(kept).not.toContainText('home screen');
  await widget.getByRole('checkbox', { name: 'Shared a laugh' }).check();
  await expect.poll(() => savedToday(page)).toBe(1);
  expect(await page.evaluate(() => window.__persistAsked)).toBe(0);
});

test('no reminder on a first visit, even after ticking', async ({ page }) => {
  await openWidget(page);
  await laugh(page).check();
  await page.reload();
  await expect(page.locator(TRACKER_READY)).toBeVisible();
  await expect(page.locator('.ei-reminder')).toHaveCount(0);
});

test('the summary for a counsellor prints what was done, a calendar and the notes, and nothing else', async ({ page, context }) => {
  await seed(
    context,
    KEY,
    history({
      [daysAgo(0)]: { done: [1, 2] },
      [daysAgo(2)]: { done: [1], note: 'We talked after dinner.' },
      [daysAgo(10)]: { done: [1] },
      [daysAgo(40)]: { done: [3], note: 'An older note.' },
    }),
  );
  await page.addInitScript(() => {
    window.__printed = 0;
    window.print = () => (window.__printed += 1);
  });
  const errors = watchErrors(page);
  await openWidget(page);
  await expect(page.locator(TRACKER_READY)).toBeVisible();
  const controls = page.locator('.ei-counsellor');
  await expect(controls.getByRole('radio', { name: '4 weeks' })).toBeChecked();
  await controls.getByRole('button', { name: 'Print a summary' }).click();
  await expect.poll(() => page.evaluate(() => window.__printed)).toBe(1);
  const summary = page.locator('.ei-report');
  await expect(summary).toBeFocused();

  const first = new Date();
  first.setDate(first.getDate() - 27);
  await expect(summary.locator('.ei-report__title')).toHaveText('Small signals: a daily practice');
  await expect(summary.locator('.ei-report__period')).toContainText('The last 4 weeks:');
  await expect(summary.locator('.ei-report__period')).toContainText(String(new Date().getFullYear()));
  await expect(summary.locator('.ei-report__practices li')).toHaveText([
    'Listened without interrupting: on 3 days',
    'Shared a laugh: on 1 day',
  ]);
  await expect(summary).toContainText('Also on my list: Offered comfort.');
  await expect(summary).not.toContainText(/missed|failed|0 days|streak/i);
  await expect(summary.locator('.ei-report__calendar td.ei-report__done')).toHaveCount(3);
  // The notes are private: in only once the visitor ticks them in.
  await expect(summary).not.toContainText('We talked after dinner.');
  await controls.getByRole('checkbox', { name: /Include my notes/ }).check();
  await expect(summary.locator('.ei-report__notes dd')).toHaveText(['We talked after dinner.']);

  // Printed: the summary alone; none of the guide, none of the tracker's controls.
  await page.emulateMedia({ media: 'print' });
  await expect(summary).toBeVisible();
  await expect(page.locator('.ei-header, .ei-quick-take, details.ei-disclosure').first()).toBeHidden();
  await expect(page.locator('.ei-day')).toBeHidden();
  await expect(controls.getByRole('button', { name: 'Print a summary' })).toBeHidden();
  await expect(page.locator('.ei-tracker__heading')).toBeHidden();
  const printed = await page.locator('body').innerText();
  expect(printed).not.toContain('Quick take');

  // Twelve weeks, and the notes left out.
  await page.emulateMedia({ media: 'screen' });
  await controls.getByRole('radio', { name: '12 weeks' }).check();
  await expect(summary.locator('.ei-report__period')).toContainText('The last 12 weeks:');
  await expect(summary).not.toContainText('Also on my list');
  await controls.getByRole('checkbox', { name: /Include my notes/ }).uncheck();
  await expect(summary).not.toContainText('We talked after dinner.');
  await expect(summary).not.toContainText('My notes');
  expect(await axeViolations(page, '.ei-tracker')).toEqual([]);

  // Closed: printing gives the guide's handout again.
  await controls.getByRole('button', { name: 'Close the summary' }).click();
  await expect(controls.getByRole('button', { name: 'Print a summary' })).toBeFocused();
  await page.emulateMedia({ media: 'print' });
  await expect(summary).toHaveCount(0);
  await expect(page.locator('details.ei-disclosure').first()).toBeVisible();
  await expect(page.locator('.ei-tracker')).toBeHidden();
  expect(errors).toEqual([]);
});

test('the calendar pages back through the whole history, by button and by keyboard, and back to today', async ({ page, context }) => {
  const old = daysAgo(400);
  await seed(context, KEY, history({ [old]: { done: [1, 2], note: 'A year ago.' }, [daysAgo(1)]: { done: [3] } }));
  await openWidget(page);
  await expect(page.locator(TRACKER_READY)).toBeVisible();
  const calendar = page.locator('.ei-history');
  const earlier = calendar.getByRole('button', { name: 'Earlier weeks' });
  const range = calendar.locator('.ei-history__range');
  await expect(range).toContainText(/^Showing /);
  // Announced when a page is turned, not on load.
  const announced = calendar.locator('[aria-live="polite"]');
  await expect(announced).toHaveText('');
  await expect(calendar.getByRole('button', { name: 'Later weeks' })).toHaveAttribute('aria-disabled', 'true');
  const today = await range.textContent();
  // 400 days back is four pages back (12 weeks each); there is nothing earlier.
  for (let i = 0; i < 4; i++) await earlier.click();
  await expect(earlier).toHaveAttribute('aria-disabled', 'true');
  await expect(earlier).toBeFocused();
  await expect(announced).toHaveText(await range.textContent());
  await expect(calendar.getByRole('heading', { name: '12 earlier weeks' })).toBeVisible();
  const day = calendar.locator(`[data-day="${old}"]`);
  await expect(day).toHaveAttribute('aria-label', /: 2 signals$/);
  await day.click();
  await expect(page.locator('.ei-day')).toContainText('2 small signals');
  await expect(page.getByRole('checkbox', { name: 'Shared a laugh' })).toBeChecked();
  expect(await axeViolations(page, '.ei-tracker')).toEqual([]);

  const backToToday = calendar.getByRole('button', { name: 'Back to today' });
  await backToToday.click();
  await expect(range).toHaveText(today);
  await expect(backToToday).toBeFocused();
  await expect(backToToday).toHaveAttribute('aria-disabled', 'true');
  // With the keyboard: up past the first week turns to the weeks before, focus kept on a day.
  await calendar.locator('.ei-heat[tabindex="0"]').focus();
  for (let i = 0; i < 12; i++) await page.keyboard.press('ArrowUp');
  await expect(range).not.toHaveText(today);
  await expect(calendar.locator('.ei-heat[tabindex="0"]')).toBeFocused();
  for (let i = 0; i < 12; i++) await page.keyboard.press('ArrowDown');
  await expect(range).toHaveText(today);
  await expect(calendar.locator('.ei-heat[tabindex="0"]')).toBeFocused();
});
