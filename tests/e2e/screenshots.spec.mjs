// Screenshots for people to look at: phone (375) and desktop (1280), light and dark,
// collapsed and with everything expanded. Written to tests/e2e/screenshots/ (git-ignored).
import { test, expect } from '@playwright/test';
import { DEFAULT_PRACTICES, TRACKER_READY, openWidget } from './helpers.mjs';

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
