// Screenshots for people to look at: phone (375) and desktop (1280), light and dark,
// collapsed and with everything expanded. Written to tests/e2e/screenshots/ (git-ignored).
import { test, expect } from '@playwright/test';
import { DEFAULT_PRACTICES, TRACKER_READY, openWidget, withOwnProfile } from './helpers.mjs';

const dir = new URL('./screenshots/', import.meta.url).pathname;

for (const width of [375, 1280]) {
  for (const colorScheme of ['light', 'dark']) {
    test(`screenshot ${width}px ${colorScheme}`, async ({ page }) => {
      await page.setViewportSize({ width, height: 900 });
      await page.emulateMedia({ colorScheme });
      await openWidget(page);
      await page.screenshot({ path: `${dir}guide-${width}-${colorScheme}.png`, fullPage: true });
      await page.getByRole('button', { name: 'Expand all' }).click();
      await expect(page.getByRole('button', { name: 'Collapse all' })).toBeVisible();
      await page.screenshot({
        path: `${dir}guide-${width}-${colorScheme}-expanded.png`,
        fullPage: true,
      });
    });
  }
}

test('screenshot 375px forced colours', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 900 });
  await page.emulateMedia({ forcedColors: 'active' });
  await openWidget(page);
  await page.screenshot({ path: `${dir}guide-375-forced-colors.png` });
});

/** Twelve weeks of plausible history, so the tracker screenshots show a real calendar. */
function history() {
  const days = {};
  const today = new Date(2026, 10, 26);
  for (let back = 0; back < 84; back++) {
    const d = new Date(today);
    d.setDate(d.getDate() - back);
    const n = [0, 2, 1, 3, 0, 5, 2, 4, 1, 0, 6][back % 11];
    const key = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    if (n) days[key] = { done: [1, 2, 3, 4, 5, 6, 7].slice(0, n) };
  }
  days['2026-11-25'] = { done: [1, 5], note: 'We laughed about the burnt toast, then really talked.' };
  return JSON.stringify({
    version: 2,
    practices: DEFAULT_PRACTICES.map((name, id) => ({ id: id + 1, name })),
    days,
  });
}

for (const width of [375, 1280]) {
  for (const colorScheme of ['light', 'dark']) {
    test(`screenshot tracker ${width}px ${colorScheme}`, async ({ page, context }) => {
      await context.addInitScript((v) => localStorage.setItem('emotional-intimacy-widget', v), history());
      await page.clock.setFixedTime(new Date(2026, 10, 26, 19, 30));
      await page.setViewportSize({ width, height: 900 });
      await page.emulateMedia({ colorScheme });
      await openWidget(page);
      const tracker = page.locator('.ei-tracker');
      await expect(page.locator(TRACKER_READY)).toBeVisible();
      await page.getByRole('checkbox', { name: 'Shared a laugh' }).check();
      await page.getByText('Manage practices').click();
      await tracker.screenshot({ path: `${dir}tracker-${width}-${colorScheme}.png` });
    });
  }
}

/** A longer history with notes, for the summary, the paged calendar and the reminder. */
function yearOfHistory() {
  const data = JSON.parse(history());
  const today = new Date(2026, 10, 26);
  for (let back = 84; back < 400; back += 3) {
    const d = new Date(today);
    d.setDate(d.getDate() - back);
    data.days[ymdOf(d)] = { done: [1, 2, 3, 4, 5, 6, 7].slice(0, 1 + (back % 4)) };
  }
  data.days['2026-11-12'] = { done: [1, 3], note: 'Asked how the interview went, and listened to all of it.' };
  data.days['2026-11-03'] = { done: [6], note: 'A hard day for them. I stayed, and didn\u2019t try to fix it.' };
  return JSON.stringify(data);
}

function ymdOf(d) {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

test('screenshot the summary for a counsellor, on screen and printed (and as a PDF)', async ({ page, context }) => {
  await context.addInitScript((v) => localStorage.setItem('emotional-intimacy-widget', v), yearOfHistory());
  await page.addInitScript(() => (window.print = () => {}));
  await page.clock.setFixedTime(new Date(2026, 10, 26, 19, 30));
  await page.setViewportSize({ width: 375, height: 900 });
  await openWidget(page);
  await expect(page.locator(TRACKER_READY)).toBeVisible();
  await page.getByRole('button', { name: 'Print a summary' }).click();
  await page.locator('.ei-counsellor').screenshot({ path: `${dir}summary-375-light.png` });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.locator('.ei-counsellor').screenshot({ path: `${dir}summary-375-dark.png` });
  // Printed: an A4 page's width, print media, as "Save as PDF" makes it.
  await page.emulateMedia({ media: 'print', colorScheme: 'light' });
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.screenshot({ path: `${dir}summary-print.png`, fullPage: true });
  await page.pdf({ path: `${dir}summary.pdf`, format: 'A4', margin: { top: '15mm', bottom: '15mm', left: '15mm', right: '15mm' } });
});

test('screenshot the calendar paged back and the reminder to save a copy', async ({ page, context }) => {
  await context.addInitScript((v) => localStorage.setItem('emotional-intimacy-widget', v), yearOfHistory());
  await context.addInitScript(() =>
    localStorage.setItem('emotional-intimacy-widget#companion', JSON.stringify({ lastExport: '2026-09-01' })),
  );
  await page.clock.setFixedTime(new Date(2026, 10, 26, 19, 30));
  await page.setViewportSize({ width: 375, height: 900 });
  await openWidget(page);
  await expect(page.locator('.ei-reminder')).toBeVisible();
  await page.locator('.ei-reminder').screenshot({ path: `${dir}reminder-375-light.png` });
  await page.getByRole('button', { name: 'Earlier weeks' }).click();
  await page.locator('.ei-history').screenshot({ path: `${dir}calendar-earlier-375-light.png` });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.locator('.ei-history').screenshot({ path: `${dir}calendar-earlier-375-dark.png` });
});

// The installed app's window: Chromium's app mode (--app, as an installed app opens), with no
// browser around the page; it matches display-mode: standalone, so the page knows it is
// installed and Your data says so.
for (const [width, height] of [[375, 812], [1280, 800]]) {
  for (const colorScheme of ['light', 'dark']) {
    test(`screenshot the app window ${width}px ${colorScheme}`, async ({ playwright }) => {
      const { baseURL } = test.info().project.use;
      const app = { args: [`--app=${baseURL}/`], viewport: { width, height }, colorScheme };
      await withOwnProfile(playwright, app, async (context) => {
        await context.addInitScript((v) => localStorage.setItem('emotional-intimacy-widget', v), history());
        const page = context.pages()[0];
        await page.clock.setFixedTime(new Date(2026, 10, 26, 19, 30));
        await page.reload();
        await expect(page.locator('.ei-toolbar')).not.toHaveClass(/ei-toolbar--pending/);
        await expect(page.locator(TRACKER_READY)).toBeVisible();
        expect(await page.evaluate(() => matchMedia('(display-mode: standalone)').matches)).toBe(true);
        await expect(page.locator('.ei-data__kept')).toContainText('Installed as an app');
        await page.screenshot({ path: `${dir}app-${width}-${colorScheme}.png` });
        await page.locator('#ei-tracker-heading').evaluate((h) => h.scrollIntoView());
        await page.screenshot({ path: `${dir}app-${width}-${colorScheme}-tracker.png` });
      });
    });
  }
}

for (const colorScheme of ['light', 'dark']) {
  test(`screenshot the delete confirmation, a modal dialog, 375px ${colorScheme}`, async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 800 });
    await page.emulateMedia({ colorScheme });
    await openWidget(page);
    await expect(page.locator(TRACKER_READY)).toBeVisible();
    await page.getByRole('button', { name: 'Delete all my tracker data' }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await page.screenshot({ path: `${dir}delete-dialog-375-${colorScheme}.png` });
  });
}

test('screenshot the tracker where the wasm cannot run, 375px and 1280px', async ({ page }) => {
  await page.route('**/*_bg.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto('/hosts/wp-light.html');
    const tracker = page.locator('#widget .ei-tracker');
    await tracker.scrollIntoViewIfNeeded();
    await expect(page.locator('#widget .ei-tracker__cannot')).toBeVisible();
    await tracker.screenshot({ path: `${dir}no-wasm-${width}-light.png` });
  }
});
