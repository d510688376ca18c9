// Tracker benchmark (run by `cargo xtask bench` after a release build): how long a tick takes
// to update the screen and save, with five years of history for ten practices, against a
// baseline of the same page with no history, measured in the same run. Prints a table and
// writes target/bench/tracker.json. Medians, because this machine is noisy.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { fiveYearsOfHistory } from './helpers.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const port = 4179;
const base = `http://127.0.0.1:${port}/`;
const KEY = 'emotional-intimacy-widget';
const TICKS = 31;
const LOADS = 3;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function measure(browser, seed) {
  const applyMs = [];
  const frameMs = [];
  let savedBytes = 0;
  for (let load = 0; load < LOADS; load++) {
    const context = await browser.newContext();
    if (seed) {
      await context.addInitScript(([k, v]) => localStorage.setItem(k, v), [KEY, seed]);
    }
    const page = await context.newPage();
    await page.goto(base);
    await page.locator('.ei-tracker__body:not([inert]) .ei-day').waitFor();
    const boxes = await page.locator('.ei-checklist input[type=checkbox]').count();
    for (let i = 0; i < TICKS; i++) {
      const [apply, frame] = await page.evaluate(
        ([index, key]) =>
          new Promise((resolve, reject) => {
            const box = document.querySelectorAll('.ei-checklist input[type=checkbox]')[index];
            const want = !box.checked;
            const summary = document.querySelector('.ei-day__summary');
            const t0 = performance.now();
            const observer = new MutationObserver(() => {
              // The screen shows the change and storage holds it.
              const t1 = performance.now();
              observer.disconnect();
              if (box.checked !== want || !localStorage.getItem(key)) {
                reject(new Error('the tick was not shown and saved'));
                return;
              }
              requestAnimationFrame(() => resolve([t1 - t0, performance.now() - t0]));
            });
            observer.observe(summary, { childList: true, characterData: true, subtree: true });
            box.click();
          }),
        [i % boxes, KEY],
      );
      if (i > 0) {
        // The first tick warms up the code paths; it is not counted.
        applyMs.push(apply);
        frameMs.push(frame);
      }
    }
    savedBytes = await page.evaluate((k) => localStorage.getItem(k).length, KEY);
    await context.close();
  }
  return { applyMs: median(applyMs), frameMs: median(frameMs), samples: applyMs.length, savedBytes };
}

const server = spawn(process.execPath, ['serve.mjs'], {
  cwd: here,
  env: { ...process.env, PORT: String(port) },
  stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise((resolve) => server.stdout.once('data', resolve));

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const today = new Date();
  const baseline = await measure(browser, null);
  const full = await measure(browser, fiveYearsOfHistory(today));
  const result = {
    date: today.toISOString(),
    ticks_per_scenario: baseline.samples,
    baseline_empty_history: baseline,
    five_years_ten_practices: full,
    ratio_apply: full.applyMs / baseline.applyMs,
    budget: { apply_ms: 16, saved_bytes: 200 * 1024 },
  };
  const fmt = (n) => n.toFixed(2).padStart(9);
  console.log('\nTracker tick benchmark (release build, headless Chromium, medians)');
  console.log('scenario                        update+save ms   to next frame ms   saved bytes');
  console.log(`empty history (baseline)        ${fmt(baseline.applyMs)}        ${fmt(baseline.frameMs)}        ${String(baseline.savedBytes).padStart(8)}`);
  console.log(`5 years x 10 practices          ${fmt(full.applyMs)}        ${fmt(full.frameMs)}        ${String(full.savedBytes).padStart(8)}`);
  console.log(`ratio (5 years / baseline)      ${fmt(result.ratio_apply)}`);
  mkdirSync(new URL('../../target/bench/', import.meta.url), { recursive: true });
  const out = new URL('../../target/bench/tracker.json', import.meta.url);
  writeFileSync(out, JSON.stringify(result, null, 2));
  console.log(`\nsaved ${fileURLToPath(out)}`);
  const ok = full.applyMs <= 16 && full.savedBytes < 200 * 1024;
  console.log(ok ? 'within budget: under 16 ms a tick, under 200 KB saved' : 'OVER BUDGET');
  process.exitCode = ok ? 0 : 1;
} finally {
  await browser.close();
  server.kill();
}
