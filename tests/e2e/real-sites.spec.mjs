// The widget where it really lives, in Debian's Chromium against the release build: pages
// whose optimiser stripped the pasted snippet's comments, a host policy without
// 'wasm-unsafe-eval', a file an upgrade removed, themes in oklch(), sticky and fixed headers
// with no scroll-padding, and frame.html framed by a site of another origin. (No WebAssembly
// at all: no-webassembly.spec.mjs.)
import { test, expect } from '@playwright/test';
import { GUIDE_TITLE, TRACKER_READY, addFrame, addWidget, guideStaysWithOneCalmLine, startServer, watchErrors } from './helpers.mjs';

test.describe('a page optimiser stripped the comments of the pasted snippet', () => {
  test('both widgets show at once, take over without stopping, and keep what the visitor opened meanwhile', async ({ page }) => {
    const errors = watchErrors(page);
    // Hold the wasm until the visitor has opened a section of the pre-rendered guide.
    let release;
    const held = new Promise((resolve) => (release = resolve));
    await page.route('**/*_bg.wasm', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto('/hosts/pasted.html?minified');
    const [first, second] = [page.locator('[data-emotional-intimacy]').first(), page.locator('[data-emotional-intimacy]').nth(1)];
    expect(await page.content()).not.toContain('<!--');
    await expect(first.locator('.ei-title')).toHaveText(GUIDE_TITLE);
    const opened = first.locator('#how-emotional-intimacy-develops-over-time');
    await opened.locator('summary').click();
    await expect(opened).toHaveJSProperty('open', true);
    release();
    for (const host of [first, second]) {
      await host.scrollIntoViewIfNeeded();
      await expect(host.locator('.ei-toolbar')).not.toHaveClass(/ei-toolbar--pending/);
      await expect(host.locator(TRACKER_READY)).toBeVisible();
    }
    await expect(opened).toHaveJSProperty('open', true);
    // Both work, each with its own data.
    await first.getByRole('checkbox', { name: 'Shared a laugh' }).check();
    await second.getByRole('checkbox', { name: 'Offered comfort' }).check();
    await expect(second.getByRole('checkbox', { name: 'Shared a laugh' })).not.toBeChecked();
    await first.getByRole('button', { name: 'Expand all' }).click();
    await expect(first.locator('details.ei-disclosure[open]')).toHaveCount(10);
    expect(errors).toEqual([]);
  });
});

test('a host policy without \'wasm-unsafe-eval\': the guide stays, the tracker says why', async ({ page }) => {
  await page.goto('/hosts/wp-light.html?csp=no-wasm');
  await guideStaysWithOneCalmLine(page, page.locator('#widget'));
});

test('a hashed file an upgrade removed: the guide stays in the page, the iframe and the standalone page', async ({ page }) => {
  await page.route('**/*_bg.wasm', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto('/hosts/wp-light.html');
  await guideStaysWithOneCalmLine(page, page.locator('#widget'));
  await page.goto('/frame.html');
  await guideStaysWithOneCalmLine(page, null);
  await page.goto('/');
  await guideStaysWithOneCalmLine(page, null);
});

test.describe('themes that write their colours in oklch()', () => {
  const scheme = (page) => page.locator('#widget .ei-widget').evaluate((el) => getComputedStyle(el).colorScheme);

  test('a dark site: the widget is dark, its title readable', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto('/hosts/modern-dark.html');
    // (Polled: the widget's HTML can show before its stylesheet has come.)
    await expect.poll(() => scheme(page)).toBe('dark');
    await expect(page.locator('#widget .ei-widget')).toHaveCSS('color', 'rgb(236, 233, 241)');
  });

  test('a light site seen with a dark system: the widget is light', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('/hosts/modern-light.html');
    await expect.poll(() => scheme(page)).toBe('light');
  });

  test('lab(), color() and color-mix() backgrounds are read too', async ({ page }) => {
    await page.goto('/hosts/modern-light.html');
    await expect(page.locator('#widget .ei-title')).toBeVisible();
    for (const [background, expected] of [
      ['lab(12% 4 -20)', 'dark'],
      ['color(display-p3 0.96 0.95 0.9)', 'light'],
      ['color-mix(in oklab, black 85%, navy)', 'dark'],
      ['CanvasText', 'dark'],
    ]) {
      await page.evaluate((bg) => document.documentElement.style.setProperty('background', bg), background);
      await expect.poll(() => scheme(page), background).toBe(expected);
    }
  });

  test('a site colour that misses 4.5:1 is named in the console, with its contrast', async ({ page }) => {
    const warnings = [];
    page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
    await page.goto('/hosts/modern-light.html');
    // Twenty Twenty-Three's "primary", a lime, as README's WordPress example once mapped it.
    await page.locator('#widget').evaluate((el) => el.style.setProperty('--ei-color-accent', '#9DFF20'));
    await page.locator('#widget').evaluate((el) => el.setAttribute('data-theme', 'light'));
    await expect.poll(() => warnings.find((w) => w.includes('--ei-color-accent'))).toMatch(
      /^emotional-intimacy widget: --ei-color-accent: #9DFF20 has a contrast of 1\.\d\d:1 against its background; text needs 4\.5:1\.$/,
    );
  });
});

test('a site colour under 4.5:1 is named also for a widget the wasm draws afresh (options that change its HTML)', async ({ page }) => {
  const warnings = [];
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  await page.goto('/hosts/blank.html');
  await addWidget(page, 'drawn', { 'heading-level': '3' }, { '--ei-color-accent': '#9DFF20' });
  await expect(page.locator('#drawn h3.ei-title')).toBeVisible();
  await expect.poll(() => warnings.find((w) => w.includes('--ei-color-accent: #9DFF20'))).toBeTruthy();
});

test('a readable site colour is not flagged while the widget\'s stylesheet is still on its way', async ({ page }) => {
  const warnings = [];
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  // A slow stylesheet: the widget shows (and is first presented) before it is in.
  await page.route('**/widget-*.css', async (route) => {
    await new Promise((r) => setTimeout(r, 1000));
    await route.continue();
  });
  await page.goto('/hosts/blank.html');
  // The package README's own example (7.8:1), in the card look; and a text colour on the
  // accent that really misses 4.5:1, which is checked last.
  await addWidget(page, 'slow', { look: 'card' }, { '--ei-color-accent': '#345c00', '--ei-color-accent-text': '#3a5f10' });
  await expect.poll(() => warnings.find((w) => w.includes('--ei-color-accent-text: #3a5f10'))).toBeTruthy();
  expect(warnings.filter((w) => w.includes('--ei-color-accent: '))).toEqual([]);
});

test.describe('a deep link under a theme\'s pinned header, where the page sets no scroll-padding', () => {
  for (const [page_, pinned] of [['sticky-header.html', 116], ['fixed-header.html', 202]]) {
    test(`${pinned} px pinned: the section lands just below it`, async ({ page }) => {
      await page.setViewportSize({ width: 1000, height: 800 });
      await page.goto(`/hosts/${page_}#can-emotional-intimacy-be-rebuilt`);
      const section = page.locator('#widget #can-emotional-intimacy-be-rebuilt');
      await expect(section).toHaveJSProperty('open', true);
      await expect.poll(async () => Math.round((await section.boundingBox()).y)).toBeGreaterThanOrEqual(pinned);
      expect((await section.boundingBox()).y).toBeLessThan(pinned + 40);
    });
  }

  test('--ei-scroll-margin still wins where the site sets it', async ({ page }) => {
    await page.setViewportSize({ width: 1000, height: 800 });
    await page.route('**/hosts/headers.css', async (route) => {
      const css = await (await route.fetch()).text();
      await route.fulfill({ body: `${css}\n#widget { --ei-scroll-margin: 300px; }`, contentType: 'text/css' });
    });
    await page.goto('/hosts/sticky-header.html#can-emotional-intimacy-be-rebuilt');
    const section = page.locator('#widget #can-emotional-intimacy-be-rebuilt');
    await expect(section).toHaveJSProperty('open', true);
    await expect.poll(async () => Math.round((await section.boundingBox()).y)).toBe(300);
  });
});

test('frame.html framed by a site of another origin: it shows, and says the page around it cannot read the data', async ({ page }) => {
  const other = await startServer(new URL('../../dist/', import.meta.url).pathname, 4187);
  try {
    // This suite's own server is the practice's site; the widget's files are on another origin.
    await page.goto('/hosts/blank.html');
    await addFrame(page, 'guide', `${other.origin}/frame.html`);
    const frame = page.frameLocator('#guide');
    await expect(frame.locator(TRACKER_READY)).toBeVisible();
    await expect(frame.locator('.ei-data__privacy')).toContainText(
      `in the storage of ${new URL(other.origin).host}, where this tracker comes from: the page around it can't read them`,
    );
  } finally {
    await other.stop();
  }
});
