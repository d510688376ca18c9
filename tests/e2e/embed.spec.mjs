// The embed, end to end: host pages (tests/e2e/hosts/, served at /hosts/) load dist/embed.js
// from the release build; widgets live in shadow roots; frame.html sizes its iframe.
import { test, expect } from '@playwright/test';
import { addWidget, axeViolations, daysIn, watchErrors, DEFAULT_PRACTICES, GUIDE_TITLE } from './helpers.mjs';

const shots = new URL('./screenshots/', import.meta.url).pathname;

/** The widget inside `host` (a locator for the host element), once it has rendered. (A
 * widget comes when it nears the screen: brought into view first, as a visitor would.) */
async function widgetIn(host) {
  await host.scrollIntoViewIfNeeded();
  const widget = host.locator('.ei-widget');
  await expect(widget).toBeVisible();
  return widget;
}

/** Computed styles a host page's CSS would most likely disturb. */
async function looks(locator) {
  return locator.evaluate((el) => {
    const s = getComputedStyle(el);
    return {
      fontSize: s.fontSize,
      lineHeight: s.lineHeight,
      letterSpacing: s.letterSpacing,
      textTransform: s.textTransform,
      boxSizing: s.boxSizing,
      paddingTop: s.paddingTop,
      borderRadius: s.borderTopLeftRadius,
      background: s.backgroundColor,
      color: s.color,
      display: s.display,
      fontStyle: s.fontStyle,
      fontVariant: s.fontVariantCaps,
      wordBreak: s.wordBreak,
      textFill: s.webkitTextFillColor,
      width: Math.round(el.getBoundingClientRect().width),
    };
  });
}

test('hostile host CSS changes nothing inside the widget, and the widget changes nothing outside', async ({ page }) => {
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/');
  await expect(page.locator('.ei-toolbar')).not.toHaveClass(/pending/);
  const standalone = {
    button: await looks(page.locator('.ei-toolbar .ei-button')),
    summary: await looks(page.locator('summary').first()),
    title: await looks(page.locator('.ei-title')),
    checkbox: await looks(page.locator('.ei-checkbox').first()),
  };

  await page.goto('/hosts/hostile.html');
  const host = page.locator('#first');
  await widgetIn(host);
  expect(await host.evaluate((el) => el.shadowRoot !== null)).toBe(true);
  const embedded = {
    button: await looks(host.locator('.ei-toolbar .ei-button')),
    summary: await looks(host.locator('summary').first()),
    title: await looks(host.locator('.ei-title')),
    checkbox: await looks(host.locator('.ei-checkbox').first()),
  };
  // Same look as standalone, except the title is an <h2> here, and widths follow the host.
  for (const part of ['button', 'summary', 'checkbox']) {
    const { width: _a, ...a } = embedded[part];
    const { width: _b, ...b } = standalone[part];
    expect(a, part).toEqual(b);
  }
  expect(embedded.title.fontSize).toBe(standalone.title.fontSize);
  // The host's own elements keep the host's styles: the widget's CSS does not leak out.
  const hostParagraph = await looks(page.locator('#host-paragraph'));
  expect(hostParagraph.fontSize).toBe('24px');
  expect(hostParagraph.color).toBe('rgb(204, 0, 0)');
  expect((await looks(page.locator('#host-button'))).background).toBe('rgb(255, 105, 180)');
  // A host element with the widget's page id is left alone (no second widget, no takeover).
  await expect(page.locator('#emotional-intimacy')).toHaveText("A host element that happens to use the widget's page id.");
  // It still works: a section opens, a practice ticks.
  await host.locator('summary').first().click();
  await expect(host.locator('details').first()).toHaveJSProperty('open', true);
  await host.getByRole('checkbox', { name: 'Shared a laugh' }).check();
  await page.screenshot({ path: `${shots}embed-hostile-1280.png`, fullPage: true });
  expect(errors).toEqual([]);
});

test('two widgets with different storage keys keep separate data', async ({ page }) => {
  await page.goto('/hosts/hostile.html');
  const a = page.locator('#first');
  const b = page.locator('#second');
  await widgetIn(a);
  await widgetIn(b);
  // data-sections="tracker" on the second: only the tracker (and the title).
  await expect(b.locator('details.ei-disclosure')).toHaveCount(0);
  await a.getByRole('checkbox', { name: 'Offered comfort' }).check();
  await expect(b.getByRole('checkbox', { name: 'Offered comfort' })).not.toBeChecked();
  await b.getByRole('checkbox', { name: 'Shared a laugh' }).check();
  await page.reload();
  await widgetIn(page.locator('#first'));
  await expect(page.locator('#first').getByRole('checkbox', { name: 'Offered comfort' })).toBeChecked();
  await widgetIn(page.locator('#second'));
  await expect(page.locator('#first').getByRole('checkbox', { name: 'Shared a laugh' })).not.toBeChecked();
  await expect(page.locator('#second').getByRole('checkbox', { name: 'Shared a laugh' })).toBeChecked();
  // Namespaced: a host's own localStorage keys are never touched. Each widget keeps its index
  // and this month's days.
  const keys = await page.evaluate(() => Object.keys(localStorage).sort());
  const month = await page.evaluate(() => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
  });
  expect(keys).toHaveLength(4);
  expect(keys[0]).toBe('emotional-intimacy-widget:practice-a');
  expect(keys[1]).toMatch(new RegExp(`^emotional-intimacy-widget:practice-a#days-${month}\\.[0-9a-f]{16}$`));
  expect(keys[2]).toBe('emotional-intimacy-widget:practice-b');
  expect(keys[3]).toMatch(new RegExp(`^emotional-intimacy-widget:practice-b#days-${month}\\.[0-9a-f]{16}$`));
});

test('a widget added after the page loaded mounts, and so does EmotionalIntimacy.mount', async ({ page }) => {
  await page.goto('/hosts/blank.html');
  await page.waitForFunction(() => window.EmotionalIntimacy);
  await page.evaluate(() => {
    const late = document.createElement('div');
    late.id = 'late';
    late.dataset.emotionalIntimacy = '';
    late.dataset.open = 'first';
    document.getElementById('host').append(late);
    const api = document.createElement('section');
    api.id = 'api';
    document.getElementById('host').append(api);
    window.EmotionalIntimacy.mount(api, { headingLevel: 4, sections: 'faq', theme: 'dark' });
  });
  const late = page.locator('#late');
  await widgetIn(late);
  await expect(late.locator('details.ei-disclosure').first()).toHaveJSProperty('open', true);
  const api = page.locator('#api');
  await widgetIn(api);
  await expect(api.locator('h4.ei-title')).toHaveText(GUIDE_TITLE);
  await expect(api.locator('details.ei-disclosure')).toHaveCount(4);
  await expect(api.locator('.ei-widget')).toHaveCSS('color-scheme', 'dark');
});

test('an element that gains the attribute later mounts; a removed one unmounts; embed.js twice mounts once', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/hosts/blank.html');
  await page.waitForFunction(() => window.EmotionalIntimacy);
  // A second copy of the script (another plugin, a cache-busting query) changes nothing.
  await page.evaluate(() => {
    const again = document.createElement('script');
    again.type = 'module';
    again.src = '/embed.js?copy=2';
    document.head.append(again);
  });
  // Added together, in one batch of changes: the marked one mounts, the other stays as it is.
  await page.evaluate(() => {
    const el = document.createElement('div');
    el.id = 'later';
    const marked = document.createElement('div');
    marked.id = 'marked';
    marked.setAttribute('data-emotional-intimacy', '');
    document.getElementById('host').append(el, marked);
  });
  await expect(page.locator('#marked')).toHaveAttribute('data-ei-mounted', '');
  expect(await page.locator('#later').evaluate((el) => el.shadowRoot)).toBeNull();
  await page.evaluate(() => document.getElementById('marked').remove());
  await page.evaluate(() => document.getElementById('later').setAttribute('data-emotional-intimacy', ''));
  const later = page.locator('#later');
  await widgetIn(later);
  await expect(later.locator('.ei-widget')).toHaveCount(1);
  // Moving it keeps it; removing it unmounts it. The page's change records and what they set
  // off (a microtask) are done before the next task: one task later, each has had its effect.
  const [moved, removed] = await page.evaluate(async () => {
    const next = () => new Promise((r) => setTimeout(r, 0));
    const el = document.getElementById('later');
    document.body.append(el);
    await next();
    const moved = el.shadowRoot.querySelectorAll('.ei-widget').length;
    el.remove();
    await next();
    return [moved, el.shadowRoot.childElementCount];
  });
  expect(moved).toBe(1);
  expect(removed).toBe(0);
  expect(errors).toEqual([]);
});

test('each option is respected', async ({ page }) => {
  await page.goto('/hosts/blank.html');
  await page.waitForFunction(() => window.EmotionalIntimacy);
  await page.evaluate(() => {
    const add = (id, attrs) => {
      const el = document.createElement('div');
      el.id = id;
      el.setAttribute('data-emotional-intimacy', '');
      for (const [k, v] of Object.entries(attrs)) el.setAttribute(`data-${k}`, v);
      document.getElementById('host').append(el);
    };
    add('default', {});
    add('parts', { sections: 'quick-take faq' });
    add('level', { 'heading-level': '3', open: 'all' });
    add('light', { theme: 'light', look: 'card', 'storage-key': 'light-one' });
    add('dark', { theme: 'dark', look: 'card' });
    add('auto', { theme: 'auto' });
  });
  const dflt = page.locator('#default');
  await widgetIn(dflt);
  await expect(dflt.locator('h2.ei-title')).toBeVisible();
  await expect(dflt.locator('details.ei-disclosure')).toHaveCount(10);
  await expect(dflt.locator('.ei-tracker')).toHaveCount(1);
  expect(await dflt.locator('details.ei-disclosure').evaluateAll((d) => d.filter((x) => x.open).length)).toBe(0);

  const parts = page.locator('#parts');
  await widgetIn(parts);
  await expect(parts.locator('.ei-quick-take')).toHaveCount(1);
  await expect(parts.locator('.ei-sections')).toHaveCount(0);
  await expect(parts.locator('.ei-faq details')).toHaveCount(4);
  await expect(parts.locator('.ei-tracker')).toHaveCount(0);

  const level = page.locator('#level');
  await widgetIn(level);
  await expect(level.locator('h3.ei-title')).toBeVisible();
  await expect(level.locator('.ei-faq h5')).toHaveCount(4);
  expect(await level.locator('details.ei-disclosure').evaluateAll((d) => d.every((x) => x.open))).toBe(true);

  const light = page.locator('#light');
  await widgetIn(light);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(light.locator('.ei-widget')).toHaveCSS('color-scheme', 'light');
  await expect(light.locator('.ei-widget')).toHaveCSS('background-color', 'rgb(251, 248, 244)');
  await expect(page.locator('#dark .ei-widget')).toHaveCSS('background-color', 'rgb(27, 26, 32)');
  // theme=auto follows the system; the default (host) follows this white page, whatever the
  // system says, and its plain look sits on the page's own background.
  await expect(page.locator('#auto .ei-widget')).toHaveCSS('color-scheme', 'dark');
  await expect(dflt.locator('.ei-widget')).toHaveCSS('color-scheme', 'light');
  await expect(dflt.locator('.ei-widget')).toHaveCSS('background-color', 'rgba(0, 0, 0, 0)');
  await expect(dflt.locator('.ei-widget')).toHaveCSS('padding-top', '0px');
  await light.getByRole('checkbox', { name: 'Offered comfort' }).check();
  expect(JSON.stringify(await page.evaluate(daysIn, 'emotional-intimacy-widget:light-one'))).toContain('"done":[6]');
});

const SUGGESTED = ['Asked how their day really went', 'Put our phones away at dinner'];

/** The practices a widget's tracker lists for today, once it has loaded. */
async function practicesIn(host) {
  await widgetIn(host);
  await expect(host.locator('.ei-tracker__body:not([inert]) .ei-day')).toBeVisible();
  return host.locator('.ei-checklist label').allTextContents();
}

test("suggested practices: a new visitor starts with exactly those, a visitor with data keeps theirs, through data- and mount", async ({ page }) => {
  const warnings = [];
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  await page.goto('/hosts/blank.html');
  await page.waitForFunction(() => window.EmotionalIntimacy);
  // A visitor who already keeps the defaults under one name, and nothing under another.
  const own = await addWidget(page, 'own', { 'storage-key': 'kept' });
  await widgetIn(own);
  await own.getByRole('checkbox', { name: 'Shared a laugh' }).check();
  await expect.poll(() => page.evaluate(daysIn, 'emotional-intimacy-widget:kept').then(JSON.stringify)).toContain('"done":[5]');
  await page.evaluate(() => document.getElementById('own').remove());

  const fresh = await addWidget(page, 'fresh', { 'storage-key': 'fresh', practices: SUGGESTED.join('|') });
  await widgetIn(fresh);
  expect(await practicesIn(fresh)).toEqual(SUGGESTED);
  const keeps = await addWidget(page, 'keeps', { 'storage-key': 'kept', practices: SUGGESTED.join('|') });
  await widgetIn(keeps);
  expect(await practicesIn(keeps)).toEqual(DEFAULT_PRACTICES);
  await expect(keeps.getByRole('checkbox', { name: 'Shared a laugh' })).toBeChecked();

  // A suggested practice ticked is kept with the suggestions, and stays after a reload.
  await fresh.getByRole('checkbox', { name: SUGGESTED[1] }).check();
  await page.reload();
  const again = await addWidget(page, 'again', { 'storage-key': 'fresh' });
  await widgetIn(again);
  expect(await practicesIn(again)).toEqual(SUGGESTED);
  await expect(again.getByRole('checkbox', { name: SUGGESTED[1] })).toBeChecked();

  // mount takes a list.
  await page.waitForFunction(() => window.EmotionalIntimacy);
  await page.evaluate((names) => {
    const el = document.createElement('div');
    el.id = 'api';
    document.getElementById('host').append(el);
    window.EmotionalIntimacy.mount(el, { storageKey: 'api', practices: names });
  }, ['Hugged for six seconds', ...SUGGESTED]);
  expect(await practicesIn(page.locator('#api'))).toEqual(['Hugged for six seconds', ...SUGGESTED]);
  expect(warnings.filter((w) => w.includes('emotional-intimacy'))).toEqual([]);
});

test('a hostile practices list is warned about once, naming the option, and loses nothing', async ({ page }) => {
  const warnings = [];
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  await page.goto('/hosts/blank.html');
  await page.waitForFunction(() => window.EmotionalIntimacy);
  const long = 'x'.repeat(81);
  const hostile = await addWidget(page, 'hostile', { 'storage-key': 'hostile', practices: `${long}|<img src=x onerror="window.owned=1">|${long}` });
  await widgetIn(hostile);
  expect(await practicesIn(hostile)).toEqual(['<img src=x onerror="window.owned=1">']);
  expect(await page.evaluate(() => window.owned)).toBeUndefined();
  const none = await addWidget(page, 'none', { 'storage-key': 'none', practices: long });
  await widgetIn(none);
  expect(await practicesIn(none)).toEqual(DEFAULT_PRACTICES);
  const ours = warnings.filter((w) => w.includes('data-practices'));
  expect(ours).toHaveLength(2);
  expect(ours[0]).toContain('(2 left out, the first "xxx');
  expect(ours[1]).toMatch(/using the seven default practices\.$/);
});

test('a bad option gets one console warning naming it and the default, and the widget still works', async ({ page }) => {
  const warnings = [];
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  await page.goto('/hosts/blank.html');
  await page.waitForFunction(() => window.EmotionalIntimacy);
  await page.evaluate(() => {
    const el = document.createElement('div');
    el.id = 'bad';
    el.setAttribute('data-emotional-intimacy', '');
    el.setAttribute('data-heading-level', '9');
    el.setAttribute('data-theme', 'sepia');
    document.getElementById('host').append(el);
  });
  const bad = page.locator('#bad');
  await widgetIn(bad);
  await expect(bad.locator('h2.ei-title')).toBeVisible();
  const ours = () => warnings.filter((w) => w.startsWith('emotional-intimacy widget:'));
  expect(ours().sort()).toEqual([
    'emotional-intimacy widget: data-heading-level="9" is not 2, 3 or 4; using 2.',
    'emotional-intimacy widget: data-theme="sepia" is not host, auto, light or dark; using host.',
  ]);
  // The same through the JavaScript API, with a misspelt option name.
  warnings.length = 0;
  await page.evaluate(() => {
    const el = document.createElement('div');
    el.id = 'api-bad';
    document.getElementById('host').append(el);
    window.EmotionalIntimacy.mount(el, { storageKy: 'x', open: 'sideways', storageKey: 'not a key!' });
  });
  await widgetIn(page.locator('#api-bad'));
  expect(ours()).toEqual([
    'emotional-intimacy widget: unknown option "storageKy" ignored; the options are storage-key, sections, heading-level, open, theme, look, sync-url, notes, practices.',
    'emotional-intimacy widget: data-storage-key="not a key!" is not 1 to 64 letters, digits, or . _ - :; using "emotional-intimacy-widget".',
    'emotional-intimacy widget: data-open="sideways" is not none, first or all; using none.',
  ]);
});

test('the iframe tells its parent its height as sections open and close', async ({ page }) => {
  await page.setViewportSize({ width: 1000, height: 800 });
  await page.goto('/hosts/iframe.html');
  const iframe = page.locator('#emotional-intimacy-frame');
  const frame = page.frameLocator('#emotional-intimacy-frame');
  await expect(frame.locator('.ei-toolbar')).not.toHaveClass(/pending/);
  const height = () => iframe.evaluate((el) => el.getBoundingClientRect().height);
  await expect.poll(height).toBeGreaterThan(600);
  const collapsed = await height();
  // The whole widget fits: no scrollbar inside the frame.
  const inner = await frame.locator('body').evaluate(() => document.documentElement.scrollHeight);
  expect(Math.abs(inner - collapsed)).toBeLessThanOrEqual(2);
  await frame.getByRole('button', { name: 'Expand all' }).click();
  await expect.poll(height).toBeGreaterThan(collapsed + 400);
  await frame.getByRole('button', { name: 'Collapse all' }).click();
  await expect.poll(height).toBeLessThan(collapsed + 5);
  // Options came from the query string: no tracker in this frame.
  await expect(frame.locator('.ei-tracker')).toHaveCount(0);
});

test('under a strict Content-Security-Policy header the embed works with no console error', async ({ page }) => {
  const errors = watchErrors(page);
  const response = await page.goto('/hosts/csp.html');
  expect(response.headers()['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval'");
  const host = page.locator('[data-emotional-intimacy]');
  await widgetIn(host);
  await host.getByRole('button', { name: 'Expand all' }).click();
  await host.getByRole('checkbox', { name: 'Offered comfort' }).check();
  await expect(host.locator('.ei-day__summary')).toHaveText('1 small signal today.');
  expect(errors).toEqual([]);
});

test('axe-core finds no violation inside the shadow roots, light and dark', async ({ page }) => {
  await page.goto('/hosts/hostile.html');
  await widgetIn(page.locator('#first'));
  await widgetIn(page.locator('#second'));
  // The host page's own red-on-cream CSS is not ours to judge: audit the widgets.
  const inWidgets = (violations) => violations.filter((v) => v.nodes.some((n) => n.includes('#first') || n.includes('#second')));
  expect(inWidgets(await axeViolations(page))).toEqual([]);
  await page.locator('#first').getByRole('button', { name: 'Expand all' }).click();
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(inWidgets(await axeViolations(page))).toEqual([]);
});

test('the demo host page shows both embeds, asks nothing of other origins, sets no cookie (screenshots)', async ({ page, baseURL }) => {
  const origins = new Set();
  page.on('request', (req) => origins.add(new URL(req.url()).origin));
  for (const [width, colorScheme] of [[375, 'light'], [1280, 'light'], [1280, 'dark']]) {
    await page.setViewportSize({ width, height: 900 });
    await page.emulateMedia({ colorScheme });
    await page.goto('/demo/');
    await widgetIn(page.locator('[data-emotional-intimacy]'));
    await expect(page.frameLocator('#emotional-intimacy-frame').locator('.ei-toolbar')).not.toHaveClass(/pending/);
    await expect.poll(() => page.locator('#emotional-intimacy-frame').evaluate((el) => el.getBoundingClientRect().height)).toBeGreaterThan(900);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${shots}embed-demo-${width}-${colorScheme}.png`, fullPage: true });
  }
  await page.locator('[data-emotional-intimacy]').getByRole('checkbox', { name: 'Offered comfort' }).check();
  expect([...origins]).toEqual([new URL(baseURL).origin]);
  expect(await page.context().cookies()).toEqual([]);
});

test('an element moved while the wasm loads gets one widget, with nothing left running behind', async ({ page }) => {
  const errors = watchErrors(page);
  // Count the window's live `storage` listeners: each mounted tracker has one, and an
  // orphaned widget would keep its own (and its one-minute timer) running forever.
  await page.addInitScript(() => {
    window.__storageListeners = 0;
    const add = EventTarget.prototype.addEventListener;
    const remove = EventTarget.prototype.removeEventListener;
    EventTarget.prototype.addEventListener = function (type, ...rest) {
      if (this === window && type === 'storage') window.__storageListeners += 1;
      return add.call(this, type, ...rest);
    };
    EventTarget.prototype.removeEventListener = function (type, ...rest) {
      if (this === window && type === 'storage') window.__storageListeners -= 1;
      return remove.call(this, type, ...rest);
    };
  });
  // Hold the wasm back until the element has been moved.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(/_bg\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/hosts/blank.html');
  await page.evaluate(() => {
    const element = document.createElement('div');
    element.id = 'moved';
    element.setAttribute('data-emotional-intimacy', '');
    document.querySelector('#host').append(element);
  });
  await page.waitForFunction(() => document.querySelector('#moved').shadowRoot?.querySelector('.ei-root'));
  // Detached and attached again (a site builder re-rendering, a carousel) while loading.
  await page.evaluate(async () => {
    const element = document.querySelector('#moved');
    element.remove();
    await new Promise((resolve) => setTimeout(resolve, 50));
    document.querySelector('#host').append(element);
  });
  release();
  const host = page.locator('#moved');
  await expect(host.locator('.ei-tracker__body:not([inert])')).toBeVisible();
  expect(await host.evaluate((el) => el.shadowRoot.querySelectorAll('.ei-widget').length)).toBe(1);
  await host.getByRole('checkbox', { name: 'Shared a laugh' }).check();
  await expect(host.getByRole('checkbox', { name: 'Shared a laugh' })).toBeChecked();
  // A second widget started on the orphaned container would have been started with this one
  // (the same wasm, loaded once) and have had its listener in since, well before the tick.
  expect(await page.evaluate(() => window.__storageListeners)).toBe(1);
  // Removed for good: its listener goes with it.
  await page.evaluate(() => document.querySelector('#moved').remove());
  await expect.poll(() => page.evaluate(() => window.__storageListeners)).toBe(0);
  expect(errors).toEqual([]);
});
