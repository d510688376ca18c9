// No WebAssembly in this browser (Chromium with its JIT turned off, as iOS Lockdown Mode
// does): the guide on screen stays in every shape, and the tracker's place says, once and
// calmly, why it is not there.
import { test, expect } from '@playwright/test';
import { CANNOT_RUN, GUIDE_TITLE, addWidget, guideStaysWithOneCalmLine } from './helpers.mjs';

test.use({
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--js-flags=--jitless'],
  },
});

test('the guide on screen stays, in every shape, and the tracker\'s place says why', async ({ page }) => {
  expect(await page.evaluate(() => typeof WebAssembly)).toBe('undefined');
  await page.goto('/hosts/wp-light.html');
  await guideStaysWithOneCalmLine(page, page.locator('#widget'));
  await page.goto('/hosts/pasted.html');
  await guideStaysWithOneCalmLine(page, page.locator('[data-emotional-intimacy]'));
  await page.goto('/');
  await guideStaysWithOneCalmLine(page, null);
  await page.goto('/frame.html');
  await guideStaysWithOneCalmLine(page, null);
  await expect(page.locator('.ei-tracker__loading:not(.ei-tracker__cannot)')).toHaveCount(0);
});

test('a widget whose options the wasm would have drawn shows the guide shaped to them', async ({ page }) => {
  await page.goto('/hosts/blank.html');
  const host = await addWidget(page, 'shaped', { 'heading-level': '3', sections: 'sections faq tracker', open: 'first' });
  await expect(host.locator('.ei-tracker__cannot')).toHaveText(CANNOT_RUN);
  await expect(host.locator('h3.ei-title')).toHaveText(GUIDE_TITLE);
  await expect(host.locator('.ei-quick-take')).toHaveCount(0);
  await expect(host.locator('.ei-sections h4')).toHaveCount(6);
  await expect(host.locator('details.ei-disclosure').first()).toHaveJSProperty('open', true);
  await expect(host).toHaveAttribute('data-ei-mounted', '');
});
