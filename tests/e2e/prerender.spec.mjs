// Pre-rendered pages hydrate: the markup the server wrote is the markup the wasm takes over
// (same elements, no flash, no layout shift, no hydration panic), in the standalone page,
// frame.html and a pasted snippet (declarative shadow DOM).
import { test, expect } from '@playwright/test';
import { TRACKER_READY, watchErrors, GUIDE_TITLE } from './helpers.mjs';

/** Holds the wasm download until `release()` is called. */
async function holdWasm(page) {
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route('**/*.wasm', async (route) => {
    await held;
    await route.continue();
  });
  return () => release();
}

/** Sum of layout-shift scores since the page started, up to the frame now painted (a shift
 * is recorded as its frame renders; the buffered entries are handed over at once). */
function layoutShift(page) {
  return page.evaluate(async () => {
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const observer = new PerformanceObserver(() => {});
    observer.observe({ type: 'layout-shift', buffered: true });
    const entries = observer.takeRecords();
    observer.disconnect();
    return entries.filter((entry) => !entry.hadRecentInput).reduce((total, entry) => total + entry.value, 0);
  });
}

/** Tags the first section's <details> so we can tell whether hydration kept the element. */
function tagFirstSection(root) {
  return root.locator('details.ei-disclosure').first().evaluate((el) => {
    el.dataset.beforeWasm = 'yes';
  });
}

/** The history calendar's height and how many elements it holds. */
const calendar = (page) =>
  page.locator('.ei-heatmap').evaluate((table) => ({
    height: table.getBoundingClientRect().height,
    elements: table.querySelectorAll('*').length,
  }));

for (const [name, viewport] of [
  ['a phone', { width: 390, height: 844 }],
  ['a desktop', { width: 1280, height: 800 }],
]) {
  test(`the calendar's skeleton is light and as tall as the calendar it becomes, on ${name}`, async ({ page }) => {
    await page.setViewportSize(viewport);
    const release = await holdWasm(page);
    await page.goto('/');
    await expect(page.locator('.ei-tracker')).toContainText('needs JavaScript');
    const before = await calendar(page);
    release();
    await expect(page.locator(TRACKER_READY)).toBeVisible();
    const after = await calendar(page);
    expect(Math.abs(after.height - before.height)).toBeLessThan(0.5);
    // Twelve weeks of days come in where the skeleton had a row each.
    expect(before.elements * 3).toBeLessThan(after.elements);
  });
}

for (const [name, path] of [
  ['the standalone page', '/'],
  ['frame.html', '/frame.html'],
]) {
  test(`${name} is readable before the wasm arrives, then hydrates in place`, async ({ page }) => {
    const errors = watchErrors(page);
    const release = await holdWasm(page);
    await page.goto(path);
    // Before any wasm: the guide is there, styled.
    await expect(page.locator('.ei-title')).toHaveText(GUIDE_TITLE);
    await expect(page.locator('details.ei-disclosure')).toHaveCount(10);
    await expect(page.locator('.ei-tracker')).toContainText('needs JavaScript');
    await tagFirstSection(page);
    release();
    await expect(page.locator('.ei-toolbar')).not.toHaveClass(/pending/);
    await expect(page.locator(TRACKER_READY)).toBeVisible();
    // Same element (hydrated, not replaced), working.
    await expect(page.locator('details.ei-disclosure').first()).toHaveAttribute('data-before-wasm', 'yes');
    await page.getByRole('button', { name: 'Expand all' }).click();
    await expect(page.locator('details.ei-disclosure').first()).toHaveJSProperty('open', true);
    expect(await layoutShift(page)).toBeLessThan(0.01);
    expect(errors).toEqual([]);
  });
}

test('frame.html with options in its query renders them (not the pre-rendered defaults)', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/frame.html?sections=faq&heading-level=3');
  await expect(page.locator('h3.ei-title')).toBeVisible();
  await expect(page.locator('details.ei-disclosure')).toHaveCount(4);
  await expect(page.locator('.ei-tracker')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a pasted snippet is styled before any script runs, then hydrates in place', async ({ page, request }) => {
  const snippet = await (await request.get('/snippet.html')).text();
  const host = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Pasted</title>
    <link rel="icon" href="data:,"><style>body { font-family: Georgia, serif; }</style></head>
    <body><h1>A host page with the pasted snippet</h1>${snippet}</body></html>`;
  await page.route('**/pasted.html', (route) =>
    route.fulfill({ body: host, contentType: 'text/html; charset=utf-8' }),
  );
  const errors = watchErrors(page);
  const release = await holdWasm(page);
  await page.goto('/pasted.html');
  const widget = page.locator('[data-emotional-intimacy]');
  await expect(widget.locator('h2.ei-title')).toHaveText(GUIDE_TITLE);
  // Styled from the shadow root's own stylesheet: 2em of the widget's 17px.
  await expect(widget.locator('.ei-title')).toHaveCSS('font-size', '34px');
  await tagFirstSection(widget);
  release();
  await expect(widget.locator('.ei-toolbar')).not.toHaveClass(/pending/);
  await expect(widget.locator(TRACKER_READY)).toBeVisible();
  await expect(widget.locator('details.ei-disclosure').first()).toHaveAttribute('data-before-wasm', 'yes');
  await widget.getByRole('checkbox', { name: 'Offered comfort' }).check();
  expect(await layoutShift(page)).toBeLessThan(0.01);
  expect(errors).toEqual([]);
});

test('a snippet from another build is rendered afresh instead of hydrated', async ({ page, request }) => {
  const snippet = (await (await request.get('/snippet.html')).text()).replace(
    /data-ei-version="[^"]+"/,
    'data-ei-version="emotional-intimacy-widget-0000000000000000.js"',
  );
  await page.route('**/old-paste.html', (route) =>
    route.fulfill({
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Old paste</title><link rel="icon" href="data:,"></head><body>${snippet}</body></html>`,
      contentType: 'text/html; charset=utf-8',
    }),
  );
  const errors = watchErrors(page);
  await page.goto('/old-paste.html');
  const widget = page.locator('[data-emotional-intimacy]');
  await expect(widget.locator('.ei-toolbar')).not.toHaveClass(/pending/);
  await expect(widget.locator('.ei-widget')).toHaveCount(1);
  await expect(widget.locator(TRACKER_READY)).toBeVisible();
  expect(errors).toEqual([]);
});

test('each page runs only its own build\'s JS glue: the preload carries the file\'s SHA-384', async ({ page }) => {
  const { createHash } = await import('node:crypto');
  const { readFileSync } = await import('node:fs');
  const dist = new URL('../../dist/', import.meta.url);
  for (const name of ['index.html', 'frame.html']) {
    const html = readFileSync(new URL(name, dist), 'utf8');
    const [, file, integrity] = html.match(/<link rel="modulepreload" href="\.\/([^"]+)"[^>]* integrity="([^"]+)">/) ?? [];
    expect(file, name).toMatch(/^emotional-intimacy-widget-[0-9a-f]+\.js$/);
    expect(integrity, name).toBe(`sha384-${createHash('sha384').update(readFileSync(new URL(file, dist))).digest('base64')}`);
  }
  // And the browser takes it: the page hydrates with no error.
  const errors = watchErrors(page);
  await page.goto('/');
  await expect(page.locator(TRACKER_READY)).toBeVisible();
  expect(errors).toEqual([]);
});
