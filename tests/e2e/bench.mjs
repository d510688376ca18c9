// Tick benchmark (run by `cargo xtask bench` after a release build): a tick's work, from the
// click until its task and the microtasks after it end (the screen updated and storage
// written), on the standalone page with the CPU 4× slower (a mid-range phone), with one year
// and with twenty years of history for ten practices, measured in the same run. Medians, because
// this machine is noisy. Writes target/bench/tracker.json; bench-report.mjs prints the table.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { keptInMonths, yearsOfHistory } from './helpers.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const port = 4179;
const base = `http://127.0.0.1:${port}/`;
const KEY = 'emotional-intimacy-widget';
const TICKS = 21;
const LOADS = 3;
const CPU_SLOWDOWN = 4;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function measure(browser, seed) {
  const workMs = [];
  let savedBytes = 0;
  for (let load = 0; load < LOADS; load++) {
    const context = await browser.newContext();
    await context.addInitScript((pairs) => pairs.forEach(([k, v]) => localStorage.setItem(k, v)), keptInMonths(KEY, seed));
    const page = await context.newPage();
    await page.goto(base);
    await page.locator('.ei-tracker__body:not([inert]) .ei-day').waitFor();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    const boxes = await page.locator('.ei-checklist input[type=checkbox]').count();
    for (let i = 0; i < TICKS; i++) {
      const work = await page.evaluate(
        ([index, key]) =>
          new Promise((resolve, reject) => {
            const box = document.querySelectorAll('.ei-checklist input[type=checkbox]')[index];
            const want = !box.checked;
            const before = localStorage.getItem(key);
            const t0 = performance.now();
            box.click();
            // The next task: the click's own task and every microtask after it have run.
            setTimeout(() => {
              const t1 = performance.now();
              if (box.checked !== want || localStorage.getItem(key) === before) {
                reject(new Error('the tick was not shown and saved within its task'));
              } else {
                resolve(t1 - t0);
              }
            }, 0);
          }),
        [i % boxes, KEY],
      );
      // The first tick warms up the code paths; it is not counted.
      if (i > 0) workMs.push(work);
    }
    // What a tick writes: its month and the index.
    savedBytes = await page.evaluate((k) => {
      const index = localStorage.getItem(k);
      const last = JSON.parse(index).months.at(-1);
      return index.length + localStorage.getItem(`${k}#days-${last}`).length;
    }, KEY);
    await context.close();
  }
  return { tickMs: median(workMs), samples: workMs.length, savedBytes };
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
  const oneYear = await measure(browser, yearsOfHistory(today, 1));
  const twentyYears = await measure(browser, yearsOfHistory(today, 20));
  const result = {
    date: today.toISOString(),
    cpuSlowdown: CPU_SLOWDOWN,
    oneYear,
    twentyYears,
    ratio: twentyYears.tickMs / oneYear.tickMs,
  };
  mkdirSync(new URL('../../target/bench/', import.meta.url), { recursive: true });
  const out = new URL('../../target/bench/tracker.json', import.meta.url);
  writeFileSync(out, JSON.stringify(result, null, 2));
  console.log(`tick: 1 year ${oneYear.tickMs.toFixed(1)} ms, 20 years ${twentyYears.tickMs.toFixed(1)} ms (CPU ${CPU_SLOWDOWN}x, medians of ${oneYear.samples})`);
  console.log(`saved ${fileURLToPath(out)}`);
} finally {
  await browser.close();
  server.kill();
}
