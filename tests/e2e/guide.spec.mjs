// The guide, end to end: the release build in dist/, served over HTTP, in Debian's Chromium.
import { readFileSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import {
  SECTION_SLUGS,
  announcedDisclosures,
  axeViolations,
  details,
  openStates,
  openWidget,
  watchErrors,
  GUIDE_TITLE,
  TRACKER_READY,
} from './helpers.mjs';

const seedLines = readFileSync(
  new URL('../../src/content/what-is-emotional-intimacy.txt', import.meta.url),
  'utf8',
)
  .split('\n')
  .map((l) => l.trim())
  .filter(Boolean)
  .map((l) => l.replace(/^- /, ''));

test('loads and hydrates with no console error, every line of the guide on the page', async ({ page }) => {
  const errors = watchErrors(page);
  await openWidget(page);
  await expect(page).toHaveTitle(GUIDE_TITLE);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(GUIDE_TITLE);
  const text = await page.locator('#emotional-intimacy').textContent();
  for (const line of seedLines) expect(text).toContain(line);
  await expect.poll(() => openStates(page)).toEqual(new Array(10).fill(false));
  // Screen readers hear all ten as collapsed disclosures named by their headings.
  const announced = await announcedDisclosures(page);
  const names = await page.locator('details.ei-disclosure summary').allTextContents();
  expect(names).toHaveLength(10);
  for (const name of names) expect(announced[name]).toBe(false);
  expect(errors).toEqual([]);
});

test('headings keep the page outline: h1, then h2 for parts, sections and the tracker, h3 below', async ({ page }) => {
  await openWidget(page);
  const levels = await page
    .locator('h1, h2, h3, h4, h5, h6')
    .evaluateAll((hs) => hs.map((h) => Number(h.tagName[1])));
  expect(levels[0]).toBe(1);
  for (let i = 1; i < levels.length; i++) expect(levels[i]).toBeLessThanOrEqual(levels[i - 1] + 1);
  // Quick take, six sections, FAQ, the tracker.
  await expect(page.getByRole('heading', { level: 2 })).toHaveCount(9);
  // Four questions; the tracker's day, history, summary for a counsellor, practices, the
  // daily reminder and data.
  await expect(page.getByRole('heading', { level: 3 })).toHaveCount(10);
});

test('keyboard alone opens and closes a section, and the state is exposed', async ({ page }) => {
  await openWidget(page);
  const first = details(page).first();
  // Tab order: the Expand all button, then the first section's summary.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Expand all' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(first.locator('summary')).toBeFocused();

  await page.keyboard.press('Enter');
  await expect(first).toHaveJSProperty('open', true);
  await expect(first.locator('.ei-disclosure__body')).toBeVisible();
  const name = 'What emotional intimacy actually means';
  await expect.poll(async () => (await announcedDisclosures(page))[name]).toBe(true);

  await page.keyboard.press('Space');
  await expect(first).toHaveJSProperty('open', false);
  await expect(first.locator('.ei-disclosure__body')).toBeHidden();
  await expect.poll(async () => (await announcedDisclosures(page))[name]).toBe(false);

  // The focus ring is visible on the summary.
  const outline = await first
    .locator('summary')
    .evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).toBe('solid');
});

test('"Expand all" opens every section and answer; "Collapse all" closes them', async ({ page }) => {
  await openWidget(page);
  await page.getByRole('button', { name: 'Expand all' }).click();
  await expect.poll(() => openStates(page)).toEqual(new Array(10).fill(true));
  const toggle = page.getByRole('button', { name: 'Collapse all' });
  await expect(toggle).toBeVisible();
  await toggle.click();
  await expect.poll(() => openStates(page)).toEqual(new Array(10).fill(false));
  await expect(page.getByRole('button', { name: 'Expand all' })).toBeVisible();

  // Opening everything one by one also turns the button into "Collapse all".
  for (const summary of await page.locator('details.ei-disclosure summary').all()) await summary.click();
  await expect(page.getByRole('button', { name: 'Collapse all' })).toBeVisible();
});

test('a deep link opens its section and scrolls to it', async ({ page }) => {
  const slug = 'how-emotional-intimacy-develops-over-time';
  await page.setViewportSize({ width: 1280, height: 600 });
  await openWidget(page, `/#${slug}`);
  const section = page.locator(`#${slug}`);
  await expect(section).toHaveJSProperty('open', true);
  const top = await section.evaluate((el) => el.getBoundingClientRect().top);
  expect(Math.abs(top)).toBeLessThan(2);
  // Only that one is open.
  await expect.poll(async () => (await openStates(page)).filter(Boolean).length).toBe(1);
});

test('a deep link to a question opens its answer; following an in-page link later works too', async ({ page }) => {
  await openWidget(page, '/#can-emotional-intimacy-be-rebuilt');
  await expect(page.locator('#can-emotional-intimacy-be-rebuilt')).toHaveJSProperty('open', true);
  await page.evaluate(() => {
    window.location.hash = 'why-emotional-intimacy-matters-in-relationships';
  });
  await expect(page.locator('#why-emotional-intimacy-matters-in-relationships')).toHaveJSProperty('open', true);
});

test('opening a section puts its slug in the URL without a jump; closing takes it out', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 700 });
  await openWidget(page);
  await page.evaluate(() => window.scrollTo(0, 200));
  const slug = SECTION_SLUGS[3];
  const summary = page.locator(`#${slug} summary`);
  await summary.scrollIntoViewIfNeeded();
  const before = await page.evaluate(() => window.scrollY);
  const historyBefore = await page.evaluate(() => history.length);
  await summary.click();
  await expect(page).toHaveURL(new RegExp(`#${slug}$`));
  await expect(page.locator(`#${slug}`)).toHaveJSProperty('open', true);
  expect(await page.evaluate(() => window.scrollY)).toBe(before);
  // The fragment is replaced, not pushed: Back still leaves the page.
  expect(await page.evaluate(() => history.length)).toBe(historyBefore);
  await summary.click();
  await expect(page).toHaveURL(/\/$/);
});

test('find-in-page reaches text in a closed section and opens it', async ({ page }) => {
  // Chromium reveals closed <details> with the same algorithm for find-in-page and for
  // text fragments; following a text-fragment link is what a test can drive.
  const slug = 'how-emotional-intimacy-develops-over-time';
  await openWidget(page);
  await page.evaluate(() => {
    const link = document.createElement('a');
    link.id = 'text-fragment-link';
    link.href = '#:~:text=small%20acts%20of%20honesty';
    link.textContent = 'Find the phrase';
    document.body.prepend(link);
  });
  await page.locator('#text-fragment-link').click();
  await expect(page.locator(`#${slug}`)).toHaveJSProperty('open', true);
  await expect.poll(async () => (await openStates(page)).filter(Boolean).length).toBe(1);
  // The widget followed the browser: the section's link is in the URL, and opening the
  // other nine by hand makes the button offer "Collapse all".
  await expect(page).toHaveURL(new RegExp(`#${slug}$`));
  for (const summary of await page.locator(`details.ei-disclosure:not(#${slug}) summary`).all()) {
    await summary.click();
  }
  await expect(page.getByRole('button', { name: 'Collapse all' })).toBeVisible();
});

test('sections opened before the wasm arrives are kept and known to the widget', async ({ page }) => {
  // Hold the wasm back until the visitor has opened a section of the pre-rendered page.
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route('**/*.wasm', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/');
  const slug = 'why-emotional-intimacy-matters-in-relationships';
  await page.locator(`#${slug} summary`).click();
  await expect(page.locator(`#${slug}`)).toHaveJSProperty('open', true);
  release();
  await expect(page.locator('.ei-toolbar')).not.toHaveClass(/ei-toolbar--pending/);
  await expect(page.locator(`#${slug}`)).toHaveJSProperty('open', true);
  // Print opens everything and afterwards restores exactly what the visitor had open.
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await expect.poll(() => openStates(page)).toEqual(new Array(10).fill(true));
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  await expect.poll(async () => (await openStates(page)).filter(Boolean).length).toBe(1);
  await expect(page.locator(`#${slug}`)).toHaveJSProperty('open', true);
});

test('printing shows every section and answer and hides the controls', async ({ page }) => {
  await openWidget(page);
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.ei-toolbar')).toBeHidden();
  // Even before the beforeprint event, closed bodies print (CSS).
  for (const body of await page.locator('.ei-disclosure__body').all()) await expect(body).toBeVisible();
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await expect.poll(() => openStates(page)).toEqual(new Array(10).fill(true));
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  await expect.poll(() => openStates(page)).toEqual(new Array(10).fill(false));
});

for (const colorScheme of ['light', 'dark']) {
  test(`axe-core finds no WCAG 2.2 A/AA violation, collapsed and expanded, ${colorScheme}`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await openWidget(page);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Expand all' }).click();
    await expect.poll(() => openStates(page)).toEqual(new Array(10).fill(true));
    expect(await axeViolations(page)).toEqual([]);
  });
}

test('axe-core finds no violation in forced-colours (high contrast) mode', async ({ page }) => {
  await page.emulateMedia({ forcedColors: 'active' });
  await openWidget(page);
  await page.getByRole('button', { name: 'Expand all' }).click();
  await expect.poll(() => openStates(page)).toEqual(new Array(10).fill(true));
  expect(await axeViolations(page)).toEqual([]);
  const border = await page
    .locator('.ei-disclosure')
    .first()
    .evaluate((el) => getComputedStyle(el).borderTopStyle);
  expect(border).toBe('solid');
});

test('no sideways scroll at 320 CSS px with everything expanded', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await openWidget(page);
  await page.getByRole('button', { name: 'Expand all' }).click();
  await expect.poll(() => openStates(page)).toEqual(new Array(10).fill(true));
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
});

test('targets are at least 24 by 24 CSS px', async ({ page }) => {
  await openWidget(page);
  await expect(page.locator(TRACKER_READY)).toBeVisible();
  // Every part open (the tracker's too), so the targets inside them are measured as well.
  await page.locator('details').evaluateAll((all) => all.forEach((d) => (d.open = true)));
  for (const target of await page.locator('summary, button, input[type=time]').all()) {
    const box = await target.boundingBox();
    expect(box.width).toBeGreaterThanOrEqual(24);
    expect(box.height).toBeGreaterThanOrEqual(24);
  }
});

test('reduced motion turns the chevron animation off', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await openWidget(page);
  const duration = await page
    .locator('summary')
    .first()
    .evaluate((el) => getComputedStyle(el, '::after').transitionDuration);
  expect(duration).toBe('0s');
});

test('no request goes to any other origin', async ({ page, baseURL }) => {
  const origins = new Set();
  page.on('request', (req) => origins.add(new URL(req.url()).origin));
  await openWidget(page, '/#when-emotional-intimacy-feels-difficult');
  await page.getByRole('button', { name: 'Expand all' }).click();
  await page.waitForLoadState('networkidle');
  expect([...origins]).toEqual([new URL(baseURL).origin]);
  expect(await page.context().cookies()).toEqual([]);
});

test.describe('with JavaScript turned off', () => {
  test.use({ javaScriptEnabled: false });

  test('the whole guide reads, and sections open natively', async ({ page }) => {
    await page.goto('/');
    const text = await page.locator('#emotional-intimacy').textContent();
    for (const line of seedLines) expect(text).toContain(line);
    // The Expand all button needs the wasm, so it is not offered.
    await expect(page.getByRole('button', { name: 'Expand all' })).toHaveCount(0);
    const first = details(page).first();
    await first.locator('summary').click();
    await expect(first.locator('.ei-disclosure__body')).toBeVisible();
  });
});
