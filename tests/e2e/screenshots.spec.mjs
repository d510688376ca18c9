// Screenshots for people to look at: phone (375) and desktop (1280), light and dark,
// collapsed and with everything expanded. Written to tests/e2e/screenshots/ (git-ignored).
import { test, expect } from '@playwright/test';
import { openWidget } from './helpers.mjs';

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
