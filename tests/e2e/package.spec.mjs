// The package for site owners (cargo xtask package), end to end: the npm package and the
// zip, each unpacked and served from an origin of its own with the headers README gives, as
// a CDN or a site's upload folder would; host pages on another origin embed it with what the
// snippet builder writes, in each shape, and with a snippet pasted from an older release.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from '@playwright/test';
import { daysIn, startServer, watchErrors } from './helpers.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const packed = fileURLToPath(new URL('../../target/package/', import.meta.url));
const file = (ext) => readdirSync(packed).find((n) => n.startsWith('emotional-intimacy-widget-') && n.endsWith(ext));
const version = JSON.parse(readFileSync(join(packed, 'emotional-intimacy-widget', 'package.json'), 'utf8')).version;

test.describe.configure({ mode: 'serial' });

const servers = [];
let npmOrigin;
let zipOrigin;

/** The unpacked package at `dir`, served with CORS as README says. */
async function serve(dir, port) {
  const server = await startServer(dir, port, { CORS: '1' });
  servers.push(server);
  return server.origin;
}

test.beforeAll(async () => {
  const npmDir = mkdtempSync(join(tmpdir(), 'ei-npm-'));
  execFileSync('tar', ['xzf', join(packed, file('.tgz')), '-C', npmDir]);
  npmOrigin = await serve(join(npmDir, 'package'), 4196);
  const zipDir = mkdtempSync(join(tmpdir(), 'ei-zip-'));
  execFileSync('unzip', ['-q', join(packed, file('.zip')), '-d', zipDir]);
  zipOrigin = await serve(join(zipDir, 'emotional-intimacy-widget'), 4197);
});

test.afterAll(() => Promise.all(servers.map((server) => server.stop())));

/** What the builder (served with the package) writes for `shape`, with the address it gives. */
async function fromBuilder(page, origin, shape, configure = async () => {}) {
  await page.goto(`${origin}/builder/`);
  await page.getByLabel(shape).check();
  await configure(page);
  // The snippet for the options as they are now (the builder marks it busy until then).
  await expect(page.locator('pre.snippet')).toHaveAttribute('aria-busy', 'false');
  await expect(page.locator('#snippet')).toContainText(origin);
  return page.locator('#snippet').textContent();
}

/** A host page on this suite's own origin (another origin than the package's) with `html`.
 * Written to a file the test server serves (a page Playwright made up would count, for
 * Chromium, as coming from the public internet, and be refused the loopback servers). */
async function hostPage(page, html, name = 'host', origin = '') {
  mkdirSync(join(here, 'hosts', 'generated'), { recursive: true });
  writeFileSync(
    join(here, 'hosts', 'generated', `${name}.html`),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A practice's page</title>
<link rel="icon" href="data:,"></head><body><main><h1>Resources</h1>${html}</main></body></html>`,
  );
  await page.goto(`${origin}/hosts/generated/${name}.html`);
}

test('the package README and package.json are for site owners, with the CDN address filled in', async () => {
  const readme = readFileSync(join(packed, 'emotional-intimacy-widget', 'README.md'), 'utf8');
  expect(readme).toContain(`https://cdn.jsdelivr.net/npm/emotional-intimacy-widget@${version.split('.')[0]}/embed.js`);
  expect(readme).not.toContain('{{');
  const pkg = JSON.parse(readFileSync(join(packed, 'emotional-intimacy-widget', 'package.json'), 'utf8'));
  expect(pkg.name).toBe('emotional-intimacy-widget');
  expect(pkg.license).toBe('MIT OR Apache-2.0');
  expect(pkg.files).toContain('embed.js');
});

for (const [label, origin] of [['the npm package', () => npmOrigin], ['the zip', () => zipOrigin]]) {
  test(`${label}, from another origin: the builder's in-page snippet renders, hydrates and keeps ticks in the host's storage`, async ({ page, baseURL }) => {
    const snippet = await fromBuilder(page, origin(), 'In the page (recommended)', (p) =>
      p.getByLabel('Storage name').fill('harbour'),
    );
    expect(snippet).toContain(`${origin()}/embed.js`);
    const errors = watchErrors(page);
    await hostPage(page, snippet);
    const widget = page.locator('[data-emotional-intimacy]');
    await expect(widget.locator('.ei-tracker__body:not([inert]) .ei-day')).toBeVisible();
    expect(await page.evaluate(() => window.EmotionalIntimacy.version)).toBe(version);
    await expect(widget.locator('.ei-root')).toHaveAttribute('data-ei-release', version);
    await widget.getByRole('checkbox', { name: 'Shared a laugh' }).check();
    await page.reload();
    await expect(widget.getByRole('checkbox', { name: 'Shared a laugh' })).toBeChecked();
    // In the host page's own storage (its origin), under the chosen name.
    expect(new URL(page.url()).origin).toBe(new URL(baseURL).origin);
    expect(JSON.stringify(await page.evaluate(daysIn, 'emotional-intimacy-widget:harbour'))).toContain('"done":[5]');
    expect(errors).toEqual([]);
  });
}

test("the builder's pre-rendered snippet for a dark site is dark before any script runs", async ({ page }) => {
  const snippet = await fromBuilder(page, npmOrigin, 'In the page, pre-rendered (shows before scripts run)', (p) =>
    p.getByLabel('Dark', { exact: true }).check(),
  );
  expect(snippet).not.toContain('"./');
  expect(snippet).toContain('ei-scheme-dark');
  // No script at all: only what shows before any runs.
  await page.route('**/embed.js', (route) => route.abort());
  await hostPage(page, snippet, 'pasted-dark');
  const widget = page.locator('[data-emotional-intimacy] .ei-widget');
  await expect(widget).toHaveCSS('color-scheme', 'dark');
});

const SUGGESTED = ['Asked how their day really went', 'Put our phones away at dinner'];
const suggest = (p) => p.getByLabel('Practices to suggest').fill(`${SUGGESTED[0]}\n\n  ${SUGGESTED[1]}  \n`);

for (const [n, shape] of ['In the page (recommended)', 'In an iframe (site builders that allow only iframes)', 'In the page, pre-rendered (shows before scripts run)'].entries()) {
  test(`the builder's snippet with suggested practices gives a new visitor exactly those: ${shape}`, async ({ page }) => {
    const snippet = await fromBuilder(page, npmOrigin, shape, suggest);
    const errors = watchErrors(page);
    await hostPage(page, snippet, `suggested-${n}`);
    const widget = shape.includes('iframe')
      ? page.frameLocator('iframe')
      : page.locator('[data-emotional-intimacy]');
    await expect(widget.locator('.ei-tracker__body:not([inert]) .ei-day')).toBeVisible();
    await expect(widget.locator('.ei-checklist label')).toHaveText(SUGGESTED);
    await widget.getByRole('checkbox', { name: SUGGESTED[0] }).check();
    await page.reload();
    await expect(widget.getByRole('checkbox', { name: SUGGESTED[0] })).toBeChecked();
    await expect(widget.locator('.ei-checklist label')).toHaveText(SUGGESTED);
    expect(errors).toEqual([]);
  });
}

test("the builder's pre-rendered snippet lists the suggested practices before any script runs", async ({ page }) => {
  const snippet = await fromBuilder(page, npmOrigin, 'In the page, pre-rendered (shows before scripts run)', suggest);
  expect(snippet).toContain(`data-practices="${SUGGESTED.join('|')}"`);
  await page.route('**/embed.js', (route) => route.abort());
  await hostPage(page, snippet, 'pasted-suggested');
  const widget = page.locator('[data-emotional-intimacy]');
  await expect(widget.locator('.ei-tracker__loading')).toBeVisible();
  await expect(widget.locator('.ei-checklist label')).toHaveText(SUGGESTED);
});

test('the builder says which suggested practice it left out, and why', async ({ page }) => {
  const snippet = await fromBuilder(page, npmOrigin, 'In the page (recommended)', (p) =>
    p.getByLabel('Practices to suggest').fill(`Hugged\nhugged\n${'x'.repeat(81)}\nA | B\nPut $' and $& aside`),
  );
  expect(snippet).toContain(`data-practices="Hugged|Put $' and $&amp; aside"`);
  const note = page.locator('#practices-note');
  await expect(note).toContainText('"hugged" is there twice');
  await expect(note).toContainText('longer than 80 characters');
  await expect(note).toContainText('has a | in it');
});

test("the builder's snippet is always for the options as they are now, however fast they change", async ({ page }) => {
  // The first request for the pre-rendered widget is slow; a later change must not be undone
  // when it finally comes.
  let first = true;
  await page.route('**/snippet.html', async (route) => {
    if (first) {
      first = false;
      await new Promise((r) => setTimeout(r, 1500));
    }
    await route.continue();
  });
  await page.goto(`${npmOrigin}/builder/`);
  await page.getByLabel('In the page, pre-rendered (shows before scripts run)').check();
  await page.getByLabel('Dark', { exact: true }).check();
  await expect(page.locator('pre.snippet')).toHaveAttribute('aria-busy', 'false');
  await expect(page.locator('#snippet')).toContainText('ei-scheme-dark');
});

test("the builder shows when an accent colour would not be readable", async ({ page }) => {
  const snippet = await fromBuilder(page, npmOrigin, 'In the page (recommended)', (p) =>
    p.getByLabel(/Accent colour/).fill('#9DFF20'),
  );
  expect(snippet).toContain('<style>[data-emotional-intimacy] { --ei-color-accent: #9DFF20; }</style>');
  await expect(page.locator('#accent-note')).toContainText(/a contrast of 1\.\d\d:1 against the widget's background; text in it needs 4\.5:1/);
  await page.getByLabel(/Accent colour/).fill('#345c00');
  await expect(page.locator('#accent-note')).toBeEmpty();
});

test("the builder's pre-rendered snippet shows before any script, then hydrates in place", async ({ page }) => {
  const snippet = await fromBuilder(page, npmOrigin, 'In the page, pre-rendered (shows before scripts run)');
  const errors = watchErrors(page);
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route('**/*.wasm', async (route) => {
    await held;
    await route.continue();
  });
  await hostPage(page, snippet, 'pasted');
  const widget = page.locator('[data-emotional-intimacy]');
  await expect(widget.locator('details.ei-disclosure')).toHaveCount(10);
  await widget.locator('details.ei-disclosure').first().evaluate((el) => (el.dataset.beforeWasm = 'yes'));
  release();
  await expect(widget.locator('.ei-tracker__body:not([inert]) .ei-day')).toBeVisible();
  await expect(widget.locator('details.ei-disclosure').first()).toHaveAttribute('data-before-wasm', 'yes');
  expect(errors).toEqual([]);
});

test("the builder's iframe snippet, on a site of another origin than the files', tells the page its height", async ({ page }) => {
  const snippet = await fromBuilder(page, zipOrigin, 'In an iframe (site builders that allow only iframes)', async (p) => {
    // An iframe cannot see the page: "as my page is" asks what the site is.
    await expect(p.getByRole('group', { name: "My site's background is" })).toBeVisible();
    await p.getByLabel('Dark', { exact: true }).check();
  });
  expect(snippet).toContain('frame.html?theme=dark');
  await expect(page.locator('#frame-note')).toContainText('frame-ancestors *');
  const errors = watchErrors(page);
  // frame.html may be framed by any site (frame-ancestors *, as the deploy files send it):
  // the practice's page is on this suite's origin, the zip's files on another.
  await hostPage(page, snippet, 'framed');
  const frame = page.frameLocator('#emotional-intimacy-frame');
  await expect(frame.locator('.ei-toolbar')).not.toHaveClass(/pending/);
  await expect.poll(() => page.locator('#emotional-intimacy-frame').evaluate((el) => el.getBoundingClientRect().height)).toBeGreaterThan(1500);
  expect(await frame.locator('.ei-widget').evaluate((el) => getComputedStyle(el).colorScheme)).toBe('dark');
  expect(errors).toEqual([]);
});

test('a snippet pasted from an older release (0.1.0) keeps working after the upgrade: it is drawn afresh', async ({ page }) => {
  // Written by release 0.1.0's build; its hashed stylesheet is not in this release.
  const old = readFileSync(new URL('../fixtures/snippet-0.1.0.html', import.meta.url), 'utf8').replaceAll('"./', `"${npmOrigin}/`);
  const errors = watchErrors(page);
  await hostPage(page, old, 'old-paste');
  const widget = page.locator('[data-emotional-intimacy]');
  await expect(widget.locator('.ei-tracker__body:not([inert]) .ei-day')).toBeVisible();
  await expect(widget.locator('.ei-root')).toHaveAttribute('data-ei-release', version);
  await expect(widget.locator('.ei-widget')).toHaveCount(1);
  await widget.getByRole('checkbox', { name: 'Offered comfort' }).check();
  // The old stylesheet's address fails (as after a real upgrade); nothing else does.
  expect(errors.filter((e) => !/widget-70c8fca14be7fafa\.css|Failed to load resource/.test(e))).toEqual([]);
});

test('the snippet builder is usable by keyboard and a screen reader, and asks nothing of other origins', async ({ page }) => {
  const origins = new Set();
  page.on('request', (req) => origins.add(new URL(req.url()).origin));
  await page.goto(`${npmOrigin}/builder/`);
  // Checked once its live widget is in and styled (not mid-way through mounting).
  await expect(page.locator('[data-ei-mounted]').first()).toBeAttached();
  const { default: AxeBuilder } = await import('@axe-core/playwright');
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);
  // By keyboard: to the look, change it, and the snippet follows.
  await page.getByLabel('Look', { exact: true }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('#snippet')).toContainText('data-look="card"');
  await page.getByRole('button', { name: 'Copy the snippet' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('#copy-status')).not.toBeEmpty();
  expect([...origins]).toEqual([npmOrigin]);
  for (const [width, scheme] of [[1280, 'light'], [375, 'dark']]) {
    await page.setViewportSize({ width, height: 900 });
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `${here}screenshots/builder-${width}-${scheme}.png`, fullPage: true });
  }
});
