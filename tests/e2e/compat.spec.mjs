// Engines the widget must not need the newest CSS for. Safari before 17.5 (iOS 17.4 and
// older, still on many phones) has no light-dark(): a stylesheet that relies on it shows
// transparent backgrounds and a blank calendar there. These tests load the page with every
// light-dark() in the stylesheet made unknown, as such an engine parses it.
import { test, expect } from '@playwright/test';
import { openWidget, TRACKER_READY } from './helpers.mjs';

/** Serves the page and its stylesheet as an engine without light-dark() would parse them. */
async function withoutLightDark(page) {
  // The pages carry their stylesheet inline (allowed by its hash in the CSP, which the
  // rewritten one would no longer match: the header is dropped here).
  await page.route(/\/(index\.html|frame\.html)?(\?.*)?$/, async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replaceAll('light-dark(', 'unknown-function(');
    const headers = { ...response.headers() };
    delete headers['content-security-policy'];
    await route.fulfill({ response, headers, body: html });
  });
  await page.route(/widget-[0-9a-f]+\.css$/, async (route) => {
    const response = await route.fetch();
    const css = (await response.text()).replaceAll('light-dark(', 'unknown-function(');
    await route.fulfill({ response, body: css });
  });
}

const EXPECTED = {
  light: { widget: 'rgb(251, 248, 244)', card: 'rgb(255, 255, 255)', text: 'rgb(43, 42, 51)', day: 'rgb(247, 243, 238)', page: 'rgb(251, 248, 244)' },
  dark: { widget: 'rgb(27, 26, 32)', card: 'rgb(36, 35, 43)', text: 'rgb(236, 233, 241)', day: 'rgb(44, 43, 52)', page: 'rgb(27, 26, 32)' },
};

for (const colorScheme of ['light', 'dark']) {
  test(`without light-dark() the widget keeps its colours, ${colorScheme}`, async ({ page }) => {
    await withoutLightDark(page);
    await page.emulateMedia({ colorScheme });
    await openWidget(page);
    await page.locator(TRACKER_READY).waitFor();
    const colours = await page.evaluate(() => {
      const style = (selector) => getComputedStyle(document.querySelector(selector));
      return {
        widget: style('.ei-widget').backgroundColor,
        card: style('.ei-disclosure').backgroundColor,
        text: style('.ei-widget').color,
        day: style('.ei-heat').backgroundColor,
        page: style('body').backgroundColor,
      };
    });
    expect(colours).toEqual(EXPECTED[colorScheme]);
  });
}

test('without light-dark() a forced data-theme still wins over the system', async ({ page }) => {
  await withoutLightDark(page);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/frame.html?theme=dark');
  await page.locator(TRACKER_READY).waitFor();
  const widget = await page.evaluate(() => getComputedStyle(document.querySelector('.ei-widget')).backgroundColor);
  expect(widget).toBe(EXPECTED.dark.widget);
});
