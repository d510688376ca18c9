// The cross-engine smoke test (a level of `cargo xtask test`): the release build in dist/,
// served over HTTP, in Firefox ESR (geckodriver) and WebKitGTK's MiniBrowser (Safari's
// engine, WebKitWebDriver under Xvfb), driven over W3C WebDriver with selenium-webdriver.
// Playwright cannot drive these stock builds. Each engine: load and hydrate, Expand all, tick
// and reload, a deep link, the embed demo page (in-page and iframe), the pasted snippet with
// JavaScript off and with its comments stripped, dark mode, a phone's width, an oklch() dark
// site, pinned headers, a host policy without 'wasm-unsafe-eval', frame.html framed from
// another origin; in Firefox, no WebAssembly at all. Any JavaScript error on any page fails it
// (collected in the page by serve.mjs's COLLECT_ERRORS script: WebKit's console cannot be
// read over WebDriver). A check whose browser page process crashed is tried once more in a
// new session, and the crash is named at the end. The engines and that running are in
// webdriver.mjs, shared with the WordPress level.
//
//   node cross-engine.mjs [firefox] [webkit]      (both when none is named)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { By } from 'selenium-webdriver';
import { CHECKBOX, ENGINES, ROOT, TRACKER_READY, check, children, crashes, runEngine, start, until, waitForHttp } from './webdriver.mjs';

const PORT = 4191;
const BASE = `http://127.0.0.1:${PORT}`;
const OTHER_PORT = 4192;
const OTHER = `http://127.0.0.1:${OTHER_PORT}`;
const TITLE = readFileSync(new URL('../../src/content/what-is-emotional-intimacy.txt', import.meta.url), 'utf8')
  .split(/\r?\n/)[0];
// How many files the standalone page's service worker keeps (its FILES list).
const WORKER_FILES = JSON.parse(
  readFileSync(new URL('../../dist/service-worker.js', import.meta.url), 'utf8').match(/FILES=(\[[^\]]*\])/)[1],
).length;
const shots = new URL('./screenshots/', import.meta.url);

// ---- Steps ----------------------------------------------------------------------------------

async function noErrors(driver, where) {
  const errors = await driver.executeScript('return window.__errors ?? ["the error collector did not run"]');
  check(errors.length === 0, `JavaScript errors on ${where}: ${JSON.stringify(errors)}`);
}

// Scripts run in the page (with ROOT, TRACKER_READY and CHECKBOX from webdriver.mjs).
// arguments[0]: a host element whose shadow root holds the widget, or null for the page's
// own document.
const HYDRATED = `${ROOT} const bar = root?.querySelector('.ei-toolbar');
  return !!bar && !bar.classList.contains('ei-toolbar--pending');`;
/** The widget element, in a script whose arguments[0] is its host element. */
const WIDGET = "arguments[0].shadowRoot.querySelector('.ei-widget')";

const steps = [
  ['loads, hydrates, and Expand all opens every section', async (driver) => {
    await driver.get(`${BASE}/`);
    check((await driver.findElement(By.css('h1')).getText()) === TITLE, 'the title is shown');
    await until(driver, HYDRATED, 'the page hydrates', null);
    const expand = await driver.findElement(By.xpath("//button[normalize-space()='Expand all']"));
    await expand.click();
    await until(driver, "return [...document.querySelectorAll('details.ei-disclosure')].every((d) => d.open)", 'every section is open');
    await noErrors(driver, '/');
  }],
  ['a tick survives a reload', async (driver) => {
    await driver.get(`${BASE}/`);
    await driver.executeScript("localStorage.removeItem('emotional-intimacy-widget')");
    await driver.navigate().refresh();
    await until(driver, TRACKER_READY, 'the tracker is ready', null);
    const box = await driver.executeScript(CHECKBOX, null, 'Shared a laugh');
    check(box, 'the "Shared a laugh" checkbox exists');
    await driver.executeScript('arguments[0].scrollIntoView({ block: "center" })', box);
    await box.click();
    // Kept in months: today's month's key holds the tick.
    await until(driver, "return Object.keys(localStorage).some((k) => k.startsWith('emotional-intimacy-widget#days-') && localStorage.getItem(k).includes('\"done\":[5]'))", 'the tick is saved');
    await driver.navigate().refresh();
    await until(driver, TRACKER_READY, 'the tracker is ready after the reload', null);
    const after = await driver.executeScript(CHECKBOX, null, 'Shared a laugh');
    check(await after.isSelected(), 'the tick is still there after a reload');
    await noErrors(driver, '/ (tracker)');
  }],
  ['the standalone page keeps itself for offline use, and the next visit is served by its worker', async (driver) => {
    await driver.get(`${BASE}/`);
    await until(driver, HYDRATED, 'the page hydrates', null);
    const kept = await driver.executeAsyncScript(`const done = arguments[arguments.length - 1];
      const files = arguments[0];
      (async () => {
        await navigator.serviceWorker.ready;
        for (let i = 0; i < 200; i++) {
          const key = (await caches.keys()).find((k) => k.startsWith('emotional-intimacy:'));
          const n = key ? (await (await caches.open(key)).keys()).length : 0;
          if (n === files) return n;
          await new Promise((r) => setTimeout(r, 100));
        }
        return 'the cache never held every file';
      })().then(done, (e) => done(String(e)));`, WORKER_FILES);
    check(kept === WORKER_FILES, `the worker keeps the build's ${WORKER_FILES} files (got ${kept})`);
    // (A new navigation: WebDriver's refresh may bypass the worker, as a hard reload does.)
    await driver.get(`${BASE}/?again`);
    await until(driver, TRACKER_READY, 'the tracker is ready after the reload', null);
    check(await driver.executeScript('return !!navigator.serviceWorker.controller'), 'the reloaded page is served by the worker');
    await noErrors(driver, '/ (offline copy)');
  }],
  ['a deep link opens its section and scrolls to it', async (driver) => {
    await driver.get(`${BASE}/demo/`);
    await driver.get(`${BASE}/#how-emotional-intimacy-develops-over-time`);
    await until(driver, HYDRATED, 'the page hydrates', null);
    await until(driver, "return document.getElementById('how-emotional-intimacy-develops-over-time')?.open === true", 'the linked section is open');
    await until(driver, `const r = document.getElementById('how-emotional-intimacy-develops-over-time').getBoundingClientRect();
      return r.top >= -2 && r.top < innerHeight / 2;`, 'the linked section is scrolled into view');
    await noErrors(driver, 'a deep link');
  }],
  ['the embed demo page: the in-page widget and the iframe', async (driver) => {
    await driver.get(`${BASE}/demo/`);
    const host = await driver.findElement(By.css('[data-emotional-intimacy]'));
    await until(driver, HYDRATED, 'the in-page widget hydrates', host);
    await until(driver, TRACKER_READY, 'the in-page tracker is ready', host);
    const box = await driver.executeScript(CHECKBOX, host, 'Offered comfort');
    await driver.executeScript('arguments[0].scrollIntoView({ block: "center" })', box);
    await box.click();
    check(await box.isSelected(), 'a tick in the in-page widget shows');
    const frame = await driver.findElement(By.css('#emotional-intimacy-frame'));
    await driver.executeScript('arguments[0].scrollIntoView()', frame);
    await until(driver, 'return arguments[0].getBoundingClientRect().height > 900', 'the iframe takes its content height', frame);
    await driver.switchTo().frame(frame);
    await until(driver, HYDRATED, 'the iframe widget hydrates', null);
    await noErrors(driver, 'the iframe');
    await driver.switchTo().defaultContent();
    await noErrors(driver, '/demo/');
  }],
  ['a phone width: no sideways scrolling, ticks work', async (driver) => {
    await driver.get(`${BASE}/hosts/phone.html`);
    const frame = await driver.findElement(By.css('#phone'));
    await driver.switchTo().frame(frame);
    await until(driver, TRACKER_READY, 'the tracker is ready at 375 px', null);
    check(await driver.executeScript('return innerWidth') === 375, 'the page is 375 px wide');
    await driver.executeScript("for (const d of document.querySelectorAll('details')) d.open = true");
    const overflow = await driver.executeScript('return document.documentElement.scrollWidth - document.documentElement.clientWidth');
    check(overflow <= 0, `no sideways scrolling at 375 px (${overflow} px too wide)`);
    const box = await driver.executeScript(CHECKBOX, null, 'Offered comfort');
    await driver.executeScript('arguments[0].scrollIntoView({ block: "center" })', box);
    await box.click();
    check(await box.isSelected(), 'the tick shows');
    await noErrors(driver, 'the phone-width page');
    await driver.switchTo().defaultContent();
  }],
  ["host pages: a dark site makes the widget dark; the site's switch and data-theme are followed", async (driver) => {
    await driver.get(`${BASE}/hosts/wp-dark.html`);
    const host = await driver.findElement(By.css('#widget'));
    await until(driver, TRACKER_READY, 'the widget is ready on the dark site', host);
    await until(driver, `return getComputedStyle(${WIDGET}).colorScheme === 'dark'`, 'the widget is dark', host);
    await noErrors(driver, '/hosts/wp-dark.html');
    await driver.get(`${BASE}/hosts/wp-light.html`);
    const light = await driver.findElement(By.css('#widget'));
    await until(driver, TRACKER_READY, 'the widget is ready on the light site', light);
    check(await light.getAttribute('data-ei-mounted') === '', 'the host element says the widget is in');
    check((await light.getRect()).height > 1500, 'an auto-sizer measures the whole widget');
    await driver.findElement(By.css('#dark-mode-toggle')).click();
    await until(driver, `return getComputedStyle(${WIDGET}).colorScheme === 'dark'`, "the widget follows the site's dark mode", light);
    await driver.findElement(By.css('#dark-mode-toggle')).click();
    await until(driver, `return getComputedStyle(${WIDGET}).colorScheme === 'light'`, 'and back', light);
    await driver.executeScript("arguments[0].setAttribute('data-theme', 'dark')", light);
    await until(driver, `return getComputedStyle(${WIDGET}).colorScheme === 'dark'`, 'a changed data-theme is followed', light);
    await noErrors(driver, '/hosts/wp-light.html');
  }],
  ['host pages: a deep link lands below the sticky header', async (driver) => {
    await driver.get(`${BASE}/demo/`);
    await driver.get(`${BASE}/hosts/wp-light.html#how-emotional-intimacy-develops-over-time`);
    const host = await driver.findElement(By.css('#widget'));
    await until(driver, TRACKER_READY, 'the widget is ready', host);
    await until(driver, `const s = arguments[0].shadowRoot.getElementById('how-emotional-intimacy-develops-over-time');
      const top = s?.getBoundingClientRect().top;
      return s?.open && top >= 63 && top < 300;`, 'the section is open, just below the 64 px header', host);
    await noErrors(driver, 'a deep link on a host page');
  }],
  ["a page optimiser stripped the pasted snippet's comments: both widgets take over and work", async (driver) => {
    await driver.get(`${BASE}/hosts/pasted.html?minified`);
    const hosts = await driver.findElements(By.css('[data-emotional-intimacy]'));
    check(hosts.length === 2, 'two pasted widgets');
    for (const host of hosts) {
      await driver.executeScript('arguments[0].scrollIntoView()', host);
      await until(driver, HYDRATED, 'a widget whose comments were stripped starts', host);
      await until(driver, TRACKER_READY, 'its tracker is ready', host);
    }
    const box = await driver.executeScript(CHECKBOX, hosts[1], 'Offered comfort');
    await driver.executeScript('arguments[0].scrollIntoView({ block: "center" })', box);
    await box.click();
    check(await box.isSelected(), 'a tick in the second widget shows');
    await noErrors(driver, 'the page with stripped comments');
  }],
  ['a dark site whose theme writes oklch(): the widget is dark', async (driver) => {
    await driver.get(`${BASE}/hosts/modern-dark.html`);
    const host = await driver.findElement(By.css('#widget'));
    await until(driver, TRACKER_READY, 'the widget is ready', host);
    await until(driver, `return getComputedStyle(${WIDGET}).colorScheme === 'dark'`, 'the widget is dark', host);
    await noErrors(driver, '/hosts/modern-dark.html');
  }],
  ['a deep link under a 116 px sticky and a 202 px fixed header, no scroll-padding: it lands below', async (driver) => {
    for (const [page, pinned] of [['sticky-header.html', 116], ['fixed-header.html', 202]]) {
      await driver.get(`${BASE}/demo/`);
      await driver.get(`${BASE}/hosts/${page}#can-emotional-intimacy-be-rebuilt`);
      const host = await driver.findElement(By.css('#widget'));
      await until(driver, `const s = arguments[0].shadowRoot?.getElementById('can-emotional-intimacy-be-rebuilt');
        const top = s?.getBoundingClientRect().top;
        return s?.open && top >= ${pinned} - 1 && top < ${pinned} + 40;`, `the section is open just below the ${pinned} px header`, host);
      await noErrors(driver, page);
    }
  }],
  ["a host policy without 'wasm-unsafe-eval': the guide stays, the tracker's place says why", async (driver) => {
    await driver.get(`${BASE}/hosts/wp-light.html?csp=no-wasm`);
    const host = await driver.findElement(By.css('#widget'));
    await until(driver, CANNOT_RUN, "the tracker's place says it cannot run", host);
    await until(driver, `${ROOT} return root.querySelectorAll('details.ei-disclosure').length === 10`, 'the guide is there', host);
  }],
  ['frame.html framed by a site of another origin shows, and says the page around it cannot read the data', async (driver) => {
    await driver.get(`${BASE}/hosts/blank.html`);
    await driver.executeScript(`const frame = document.createElement('iframe');
      frame.id = 'guide';
      frame.title = 'The guide';
      frame.src = arguments[0];
      frame.style.cssText = 'width: 100%; height: 1500px; border: 0';
      document.getElementById('host').append(frame);`, `${OTHER}/frame.html`);
    await driver.switchTo().frame(await driver.findElement(By.css('#guide')));
    await until(driver, TRACKER_READY, 'the framed tracker is ready', null);
    const said = await driver.findElement(By.css('.ei-data__privacy')).getText();
    check(said.includes("the page around it can't read them"), `the frame says where its data is (got "${said}")`);
    await noErrors(driver, 'frame.html framed from another origin');
    await driver.switchTo().defaultContent();
  }],
];

const darkSteps = [
  ['dark mode: the widget follows the system', async (driver) => {
    await driver.get(`${BASE}/`);
    await until(driver, HYDRATED, 'the page hydrates', null);
    const colours = await driver.executeScript(`const s = getComputedStyle(document.querySelector('.ei-widget'));
      return [s.backgroundColor, s.color];`);
    check(colours[0] === 'rgb(27, 26, 32)' && colours[1] === 'rgb(236, 233, 241)', `dark colours (got ${colours})`);
    await noErrors(driver, '/ (dark)');
  }],
  ["dark system, light-only site: the widget takes the site's light look", async (driver) => {
    await driver.get(`${BASE}/hosts/wp-light.html`);
    const host = await driver.findElement(By.css('#widget'));
    await until(driver, TRACKER_READY, 'the widget is ready', host);
    check(await driver.executeScript(`return getComputedStyle(${WIDGET}).colorScheme`, host) === 'light', 'the widget is light');
    await noErrors(driver, '/hosts/wp-light.html (dark system)');
  }],
];

/** The tracker's place says the tracker cannot run (arguments[0]: the host, or null). */
const CANNOT_RUN = `${ROOT} return /can't run in this browser/.test(root?.querySelector('.ei-tracker__cannot')?.textContent ?? '')
  && !root.querySelector('.ei-tracker__body');`;

const noWasmSteps = [
  ['no WebAssembly: the guide stays in the page and the standalone page, one calm line in the tracker\'s place', async (driver) => {
    check(await driver.executeScript('return typeof WebAssembly') === 'undefined', 'WebAssembly is off');
    await driver.get(`${BASE}/hosts/wp-light.html`);
    const host = await driver.findElement(By.css('#widget'));
    await until(driver, CANNOT_RUN, "the tracker's place says it cannot run", host);
    await driver.get(`${BASE}/`);
    await until(driver, CANNOT_RUN, "the standalone page's tracker says it cannot run", null);
    check((await driver.findElement(By.css('h1')).getText()) === TITLE, 'the guide is there');
  }],
];

const noScriptSteps = [
  ['JavaScript off: the pasted snippet and the page still read', async (driver) => {
    await driver.get(`${BASE}/hosts/pasted.html`);
    const host = await driver.findElement(By.css('[data-emotional-intimacy]'));
    const shadow = await host.getShadowRoot();
    const title = await shadow.findElement(By.css('.ei-title'));
    check((await title.getText()) === TITLE, 'the snippet shows the guide from its declarative shadow root');
    const size = await title.getRect();
    check(size.height > 20, 'the snippet is styled (its title has its size)');
    const summary = await shadow.findElement(By.css('details.ei-disclosure summary'));
    await summary.click();
    const opened = await shadow.findElement(By.css('details.ei-disclosure[open] .ei-disclosure__body'));
    check((await opened.getText()).length > 100, 'a section opens without JavaScript');
    await driver.get(`${BASE}/`);
    check((await driver.findElement(By.css('h1')).getText()) === TITLE, 'the page reads');
    const needs = await driver.findElement(By.css('.ei-tracker__loading')).getText();
    check(/JavaScript/.test(needs), 'the tracker says it needs JavaScript');
  }],
];

// ---- Running ----------------------------------------------------------------------------------

/** After the dark session: its screenshot, for people to look at. */
function darkScreenshot(key) {
  return async (driver, options) => {
    if (!options.dark) return;
    mkdirSync(shots, { recursive: true });
    const png = await driver.takeScreenshot();
    writeFileSync(new URL(`cross-engine-${key}-dark.png`, shots), Buffer.from(png, 'base64'));
  };
}

const wanted = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(ENGINES);
for (const key of wanted) if (!ENGINES[key]) throw new Error(`unknown engine ${key}; the engines are ${Object.keys(ENGINES)}`);
if (!existsSync(new URL('../../dist/index.html', import.meta.url))) throw new Error('no dist/: run cargo xtask dist first');

start(process.execPath, [new URL('./serve.mjs', import.meta.url).pathname], { PORT: String(PORT), COLLECT_ERRORS: '1' });
// The widget's files again on another origin, for frame.html framed by another site.
start(process.execPath, [new URL('./serve.mjs', import.meta.url).pathname], { PORT: String(OTHER_PORT), COLLECT_ERRORS: '1' });
let failures = [];
try {
  await waitForHttp(`${BASE}/`, 'the test server');
  await waitForHttp(`${OTHER}/`, 'the second test server');
  let port = 4444;
  for (const key of wanted) {
    const sessions = [[{}, steps], [{ dark: true }, darkSteps], [{ javascript: false }, noScriptSteps]];
    // Firefox turns WebAssembly off by a preference (WebKitGTK's MiniBrowser has no such switch:
    // there, the host policy without 'wasm-unsafe-eval' above stands for it).
    if (key === 'firefox') sessions.push([{ wasm: false }, noWasmSteps]);
    failures = failures.concat(await runEngine(key, port++, sessions, darkScreenshot(key)));
  }
} finally {
  for (const child of children) child.kill();
}
if (crashes.length) console.log(`\nCrashes met:\n${crashes.map((c) => `  ${c}`).join('\n')}`);
if (failures.length) {
  console.log(`\n${failures.length} cross-engine check(s) failed:\n${failures.map((f) => `  ${f}`).join('\n')}`);
  process.exit(1);
}
console.log('\nall cross-engine checks passed');
