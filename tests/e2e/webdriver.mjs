// The browsers the W3C WebDriver levels drive (the cross-engine level, and the WordPress
// level's other engines): Firefox ESR through geckodriver, and WebKitGTK's MiniBrowser
// (Safari's engine) through WebKitWebDriver under Xvfb, with selenium-webdriver; each check
// run in a session, tried once more in a new one when the browser's page process crashed.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { Builder } from 'selenium-webdriver';

const TIMEOUT = 30_000;
const FIREFOX = '/usr/bin/firefox-esr';
const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

export const children = [];
export function start(command, args, env = {}) {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  // WebKitGTK's MiniBrowser says so when its web (page) process dies: counted, so a check
  // can tell a crash of the engine from a failure of the widget.
  child.crashes = 0;
  child.stderr.on('data', (d) => {
    const seen = (stderr.slice(-40) + d).match(/WebProcess CRASHED/g)?.length ?? 0;
    const before = stderr.slice(-40).match(/WebProcess CRASHED/g)?.length ?? 0;
    child.crashes += seen - before;
    stderr = (stderr + d).slice(-4000);
  });
  child.output = () => stderr;
  children.push(child);
  return child;
}

export async function waitForHttp(url, what) {
  for (let i = 0; i < 150; i++) {
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {}
    await sleep(100);
  }
  throw new Error(`${what} did not start (${url})`);
}

export const ENGINES = {
  firefox: {
    name: 'Firefox ESR',
    async driver(port) {
      start(process.env.GECKODRIVER ?? 'geckodriver', ['--host', '127.0.0.1', '--port', String(port)]);
      await waitForHttp(`http://127.0.0.1:${port}/status`, 'geckodriver');
    },
    capabilities({ dark = false, javascript = true, wasm = true } = {}) {
      return {
        browserName: 'firefox',
        'moz:firefoxOptions': {
          binary: FIREFOX,
          args: ['-headless'],
          prefs: {
            'ui.systemUsesDarkTheme': dark ? 1 : 0,
            'javascript.enabled': javascript,
            'javascript.options.wasm': wasm,
            'browser.shell.checkDefaultBrowser': false,
            'datareporting.policy.dataSubmissionEnabled': false,
            'app.update.enabled': false,
          },
        },
      };
    },
  },
  webkit: {
    name: 'WebKitGTK MiniBrowser',
    async driver(port) {
      // MiniBrowser has no headless mode: it runs on a virtual display, one not in use (a
      // stale Xvfb may hold another), waited for until its socket is there: on a fresh
      // machine Xvfb's first start (compiling its keymap) takes longer than a fixed pause.
      let number = 90 + (port % 9);
      while (existsSync(`/tmp/.X11-unix/X${number}`) || existsSync(`/tmp/.X${number}-lock`)) number += 1;
      const display = `:${number}`;
      start('Xvfb', [display, '-screen', '0', '1280x1024x24', '-nolisten', 'tcp']);
      for (let i = 0; i < 100 && !existsSync(`/tmp/.X11-unix/X${number}`); i++) await sleep(100);
      // On a virtual display with no GPU, WebKitGTK's DMA-BUF renderer crashes its web process
      // now and then (seen here in about one run in three); plain software compositing does not.
      this.process = start('WebKitWebDriver', [`--port=${port}`, '--host=127.0.0.1'], {
        DISPLAY: display,
        WEBKIT_DISABLE_DMABUF_RENDERER: '1',
        WEBKIT_DISABLE_COMPOSITING_MODE: '1',
      });
      await waitForHttp(`http://127.0.0.1:${port}/status`, 'WebKitWebDriver');
    },
    capabilities({ dark = false, javascript = true } = {}) {
      const args = ['--automation'];
      if (dark) args.push('--dark-mode');
      if (!javascript) args.push('--enable-javascript=false');
      return { browserName: 'MiniBrowser', 'webkitgtk:browserOptions': { binary: MINIBROWSER, args } };
    },
  },
};

// Scripts run in the page. arguments[0]: a host element whose shadow root holds the widget,
// or null for the page's own document.
export const ROOT = 'const root = arguments[0] ? arguments[0].shadowRoot : document;';
export const TRACKER_READY = `${ROOT} return !!root?.querySelector('.ei-tracker__body:not([inert]) .ei-day');`;
/** The checkbox labelled arguments[1]. */
export const CHECKBOX = `${ROOT} return [...root.querySelectorAll('input[type=checkbox]')]
    .find((input) => input.labels?.[0]?.textContent.trim() === arguments[1]);`;

export async function until(driver, script, what, ...args) {
  try {
    return await driver.wait(async () => driver.executeScript(script, ...args), TIMEOUT);
  } catch (error) {
    const why = error.name === 'TimeoutError' ? 'timed out' : `failed (${error.name}: ${error.message})`;
    throw new Error(`${why} waiting until ${what}`);
  }
}

export function check(condition, message) {
  if (!condition) throw new Error(message);
}

// ---- Running ----------------------------------------------------------------------------------

/** WebDriver's words for a session whose browser page process is gone. */
export const CRASHED = /session deleted|page crash|invalid session id|no such window|disconnected|ECONNREFUSED/i;
/** Crashes met (and retried), named in the summary. */
export const crashes = [];

export async function session(engine, port, options) {
  return new Builder().usingServer(`http://127.0.0.1:${port}`).withCapabilities(engine.capabilities(options)).build();
}

/** Runs `sessions` ([browser options, [[check name, step(driver)]]]) in the engine `key`,
 * its WebDriver server on `port`; `afterSession(driver, options)` after each session's checks.
 * Gives the failures, each named. */
export async function runEngine(key, port, sessions, afterSession = async () => {}) {
  const engine = ENGINES[key];
  const failures = [];
  const started = Date.now();
  await engine.driver(port);
  const open = async (options) => {
    const driver = await session(engine, port, options);
    await driver.manage().window().setRect({ width: 1280, height: 900 }).catch(() => {});
    return driver;
  };
  for (const [options, list] of sessions) {
    let driver;
    try {
      driver = await open(options);
      for (const [name, step] of list) {
        const crashesBefore = engine.process?.crashes ?? 0;
        try {
          await step(driver);
          console.log(`  ok    ${engine.name}: ${name}`);
        } catch (error) {
          const message = error.message || error.name || String(error);
          // The browser's page process died under it (WebKitGTK, now and then, at any step):
          // WebDriver says so in its own words, or the browser reports the crash (which may
          // come a moment after the error it caused). Say so, and try that check once more
          // in a new session.
          let crashed = CRASHED.test(message);
          for (let i = 0; !crashed && engine.process && i < 20; i++) {
            crashed = engine.process.crashes > crashesBefore;
            if (!crashed) await sleep(100);
          }
          if (crashed) {
            await driver.quit().catch(() => {});
            driver = await open(options);
            try {
              await step(driver);
              crashes.push(`${engine.name}'s page process crashed during "${name}" (${message.slice(0, 120)}); the check passed in a new session`);
              console.log(`  ok    ${engine.name}: ${name} (after a crash of its page process, in a new session)`);
              continue;
            } catch (again) {
              crashes.push(`${engine.name}'s page process crashed during "${name}" (${message.slice(0, 120)}), and the check failed again in a new session`);
              error = again;
            }
          }
          const said = error.message || error.name || String(error);
          failures.push(`${engine.name}: ${name}: ${said}`);
          console.log(`  FAIL  ${engine.name}: ${name}: ${said}`);
          if (process.env.CROSS_ENGINE_DEBUG) console.log(engine.process?.output());
          await driver.switchTo().defaultContent().catch(() => {});
        }
      }
      await afterSession(driver, options);
    } catch (error) {
      failures.push(`${engine.name}: could not start a session (${JSON.stringify(options)}): ${error.message}`);
      console.log(`  FAIL  ${engine.name}: no session: ${error.message}`);
    } finally {
      await driver?.quit().catch(() => {});
    }
  }
  console.log(`  ${engine.name}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return failures;
}

