// The widget on counselling sites' own pages (tests/e2e/hosts/wp-*.html, in the manner of
// WordPress themes): it takes the page's light or dark look, not the visitor's system
// setting; follows the site's own theme switch and a changed data-theme; sits flush in the
// column in the page's heading font; lands a deep link below a sticky header; and tells
// auto-sizers (a block editor's preview) when it is in.
import { readFileSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import { axeViolations, watchErrors } from './helpers.mjs';

const shots = new URL('./screenshots/', import.meta.url).pathname;
const LIGHT_BG = 'rgb(251, 248, 244)';

function widget(page) {
  return page.locator('#widget .ei-widget');
}

async function ready(page) {
  await expect(page.locator('#widget .ei-tracker__body:not([inert]) .ei-day')).toBeVisible();
  await expect(page.locator('#widget')).toHaveAttribute('data-ei-mounted', '');
}

const scheme = (page) => widget(page).evaluate((el) => getComputedStyle(el).colorScheme);

test('a light-only site seen with a dark system: the widget is light, plain, in the page type', async ({ page }) => {
  const errors = watchErrors(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/hosts/wp-light.html');
  await ready(page);
  expect(await scheme(page)).toBe('light');
  // Plain: no background or padding of its own; headings in the page's heading font.
  await expect(widget(page)).toHaveCSS('background-color', 'rgba(0, 0, 0, 0)');
  await expect(widget(page)).toHaveCSS('padding-left', '0px');
  const pageHeading = await page.locator('main h2').first().evaluate((h) => getComputedStyle(h).fontFamily);
  await expect(page.locator('#widget .ei-title')).toHaveCSS('font-family', pageHeading);
  await expect(page.locator('#widget .ei-title')).toHaveCSS('font-weight', '400');
  // Flush with the column: the widget's edges are the column's.
  const [column, box] = await Promise.all([
    page.locator('main p').first().boundingBox(),
    widget(page).boundingBox(),
  ]);
  expect(Math.abs(column.x - box.x)).toBeLessThan(1);
  expect(Math.abs(column.width - box.width)).toBeLessThan(1);
  expect(await axeViolations(page)).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: `${shots}host-wp-light-1280.png` });
  expect(errors).toEqual([]);
});

test('a dark site seen with a light system: the widget is dark', async ({ page }) => {
  const errors = watchErrors(page);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/hosts/wp-dark.html');
  await ready(page);
  expect(await scheme(page)).toBe('dark');
  await expect(widget(page)).toHaveCSS('color', 'rgb(236, 233, 241)');
  expect(await axeViolations(page)).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: `${shots}host-wp-dark-1280.png` });
  await page.setViewportSize({ width: 375, height: 800 });
  await page.screenshot({ path: `${shots}host-wp-dark-375.png` });
  expect(errors).toEqual([]);
});

test("the site's own dark-mode switch after load: the widget follows, both ways", async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/hosts/wp-light.html');
  await ready(page);
  expect(await scheme(page)).toBe('light');
  await page.getByRole('button', { name: 'Dark mode' }).click();
  await expect.poll(() => scheme(page)).toBe('dark');
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Dark mode' }).click();
  await expect.poll(() => scheme(page)).toBe('light');
});

test('a data-theme changed after load is followed, and back to the page', async ({ page }) => {
  await page.goto('/hosts/wp-light.html');
  await ready(page);
  await page.locator('#widget').evaluate((el) => el.setAttribute('data-theme', 'dark'));
  await expect.poll(() => scheme(page)).toBe('dark');
  await page.locator('#widget').evaluate((el) => el.setAttribute('data-look', 'card'));
  await expect(widget(page)).toHaveCSS('background-color', 'rgb(27, 26, 32)');
  await page.locator('#widget').evaluate((el) => el.removeAttribute('data-theme'));
  await expect.poll(() => scheme(page)).toBe('light');
  await expect(widget(page)).toHaveCSS('background-color', LIGHT_BG);
});

test('where the page text would not read on its background, the plain look keeps a card', async ({ page }) => {
  await page.goto('/hosts/wp-light.html');
  await ready(page);
  // A mid-grey column: neither the light nor the dark text reaches 4.5:1 on it.
  await page.locator('main').evaluate((el) => (el.style.background = '#777777'));
  await page.locator('#widget').evaluate((el) => el.setAttribute('data-theme', 'host'));
  await expect(widget(page)).not.toHaveCSS('background-color', 'rgba(0, 0, 0, 0)');
  // (The page's own grey paragraphs fail contrast; the widget does not.)
  expect(await axeViolations(page, '#widget')).toEqual([]);
});

test('a deep link lands below the sticky header (the page\'s scroll-padding-top)', async ({ page }) => {
  await page.setViewportSize({ width: 1000, height: 700 });
  await page.goto('/hosts/wp-light.html#how-emotional-intimacy-develops-over-time');
  await ready(page);
  const section = page.locator('#widget #how-emotional-intimacy-develops-over-time');
  await expect(section).toHaveJSProperty('open', true);
  await expect.poll(async () => Math.round((await section.boundingBox()).y)).toBeGreaterThanOrEqual(64);
  const top = (await section.boundingBox()).y;
  expect(top).toBeLessThan(200);
  // The host page's URL is left alone (syncing it is opt-in: data-sync-url="on").
  await section.locator('summary').click();
  await section.locator('summary').click();
  expect(new URL(page.url()).hash).toBe('#how-emotional-intimacy-develops-over-time');
});

test('--ei-scroll-margin makes room where the page sets no scroll-padding', async ({ page }) => {
  await page.setViewportSize({ width: 1000, height: 700 });
  await page.route('**/hosts/wp.css', async (route) => {
    const css = (await (await route.fetch()).text()).replace('scroll-padding-top: 72px;', '');
    await route.fulfill({ body: `${css}\n#widget { --ei-scroll-margin: 80px; }`, contentType: 'text/css' });
  });
  await page.goto('/hosts/wp-light.html#can-emotional-intimacy-be-rebuilt');
  await ready(page);
  const section = page.locator('#widget #can-emotional-intimacy-be-rebuilt');
  await expect(section).toHaveJSProperty('open', true);
  await expect.poll(async () => Math.round((await section.boundingBox()).y)).toBeGreaterThanOrEqual(78);
});

test('data-sync-url="on" writes an opened section into the host page\'s address bar', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/hosts/wp-light.html');
  // The page's own widget first, so the second is added to a page that has settled.
  await ready(page);
  await page.locator('#widget').evaluate((el) => {
    const copy = document.createElement('div');
    copy.id = 'synced';
    copy.setAttribute('data-emotional-intimacy', '');
    copy.setAttribute('data-sync-url', 'on');
    copy.setAttribute('data-storage-key', 'synced');
    el.after(copy);
  });
  const synced = page.locator('#synced');
  await synced.scrollIntoViewIfNeeded();
  await expect(synced.locator('.ei-toolbar')).not.toHaveClass(/pending/);
  await synced.locator('#why-emotional-intimacy-matters-in-relationships summary').click();
  await expect.poll(() => new URL(page.url()).hash).toBe('#why-emotional-intimacy-matters-in-relationships');
  expect(errors).toEqual([]);
});

test('an editor-style auto-sizer that re-measures on attribute changes sees the mounted widget', async ({ page }) => {
  // WordPress's block editor sizes a Custom HTML preview when the page's own elements
  // change, not a shadow root: the host element's data-ei-mounted attribute is that change.
  await page.addInitScript(() => {
    window.__measured = [];
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.target.matches?.('[data-emotional-intimacy]')) {
          window.__measured.push(Math.round(r.target.getBoundingClientRect().height));
        }
      }
    }).observe(document, { attributes: true, subtree: true });
  });
  await page.goto('/hosts/wp-light.html');
  await ready(page);
  const measured = await page.evaluate(() => window.__measured);
  expect(measured.length).toBeGreaterThan(0);
  expect(Math.max(...measured)).toBeGreaterThan(1500);
});

test("README's iframe snippet, pasted in a theme's column, sits in the column and fits its content", async ({ page, baseURL }) => {
  // The snippet exactly as README gives it, with the address of this server put in.
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('### In an iframe'));
  const snippet = section
    .slice(section.indexOf('```html') + 7, section.indexOf('```', section.indexOf('```html') + 7))
    .replaceAll('https://your-site.example/emotional-intimacy/', `${baseURL}/`)
    .replaceAll('https://your-site.example', baseURL);
  await page.route('**/hosts/wp-iframe.html', async (route) => {
    const html = (await (await route.fetch({ url: `${baseURL}/hosts/wp-light.html` })).text())
      .replace(/<div id="widget"[^>]*><\/div>/, snippet)
      .replace('<script type="module" src="/embed.js"></script>', '');
    await route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' });
  });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/hosts/wp-iframe.html');
  const frame = page.locator('#emotional-intimacy-frame');
  await expect(page.frameLocator('#emotional-intimacy-frame').locator('.ei-toolbar')).not.toHaveClass(/pending/);
  const [column, box] = await Promise.all([page.locator('main p').first().boundingBox(), frame.boundingBox()]);
  expect(Math.abs(column.x - box.x)).toBeLessThan(1);
  expect(Math.abs(column.width - box.width)).toBeLessThan(1);
  await expect.poll(async () => (await frame.boundingBox()).height).toBeGreaterThan(1500);
});

test('far below the fold, a host page downloads only embed.js and its host module until the widget nears the screen, then the wasm ahead of the visitor', async ({ page }) => {
  const errors = watchErrors(page);
  const fetched = [];
  page.on('request', (req) => fetched.push(new URL(req.url()).pathname));
  await page.setViewportSize({ width: 800, height: 800 });
  await page.goto('/hosts/long.html');
  // The host module has taken the element (it is shown, even empty) and asked to hear when it
  // nears the screen; the first answer ("not near") comes with the next frame's rendering.
  await expect(page.locator('#widget')).toHaveCSS('display', 'block');
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const ours = () => fetched.filter((p) => !p.startsWith('/hosts/') && p !== '/favicon.ico');
  expect(ours().map((p) => p.replace(/-[0-9a-f]{8,16}\.js$/, '-<hash>.js'))).toEqual(['/embed.js', '/embed-host-<hash>.js']);
  // Three screens away: the widget's HTML and stylesheet come (the guide reads, natively),
  // and the wasm is fetched and compiled, ready for when the visitor gets there; the widget
  // is not taken over yet (Expand all waits for it).
  const wasm = page.waitForResponse((res) => res.url().endsWith('.wasm'));
  await page.evaluate(() => window.scrollTo(0, document.querySelector('#widget').offsetTop - 2.5 * innerHeight));
  const widget = page.locator('#widget');
  await expect(widget.locator('.ei-title')).toBeAttached();
  await expect(widget).toHaveAttribute('data-ei-mounted', '');
  await (await wasm).finished();
  await expect(widget.locator('details.ei-disclosure')).toHaveCount(10);
  await expect(widget.locator('.ei-toolbar')).toHaveClass(/pending/);
  // Near the screen: the tracker works, from the wasm fetched once.
  await widget.scrollIntoViewIfNeeded();
  await expect(widget.locator('.ei-tracker__body:not([inert]) .ei-day')).toBeVisible();
  expect(ours().filter((p) => p.endsWith('.wasm'))).toHaveLength(1);
  await widget.getByRole('checkbox', { name: 'Shared a laugh' }).check();
  expect(errors).toEqual([]);
});

test('the first focus inside a widget not yet near the screen takes it over', async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 800 });
  await page.goto('/hosts/long.html');
  await page.evaluate(() => window.scrollTo(0, document.querySelector('#widget').offsetTop - 2.5 * innerHeight));
  const widget = page.locator('#widget');
  await expect(widget.locator('.ei-title')).toBeAttached();
  await expect(widget.locator('.ei-toolbar')).toHaveClass(/pending/);
  // Sections open natively before the wasm; the visitor reached the widget by keyboard.
  await widget.locator('summary').first().focus();
  await expect(widget.locator('.ei-toolbar')).not.toHaveClass(/pending/);
});
