// How tall frame.html's content is at the widths sites are seen at, for site builders that
// take only an address and a fixed height (the frame cannot grow there: it scrolls inside).
// Measured here, in Debian's Chromium, as embed.js measures what it reports to a parent page,
// with every section closed and the tracker loaded. Both READMEs show the figures between
// `<!-- frame-heights -->` markers; this test writes them there (UPDATE_README=1) and fails
// when what they say is more than 5% off what it measures.
import { readFileSync, writeFileSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import { TRACKER_READY } from './helpers.mjs';

const WIDTHS = [320, 390, 768, 1024, 1280];
const SHAPES = [
  ['the whole widget', ''],
  ['the guide alone', '?sections=quick-take%20sections%20faq'],
];
const READMES = ['../../README.md', '../../src/package/README.md'].map((p) => new URL(p, import.meta.url));
const START = '<!-- frame-heights -->';
const END = '<!-- /frame-heights -->';

test('the READMEs give frame.html\'s height at each width, as measured', async ({ page }) => {
  test.setTimeout(90_000);
  const heights = {};
  for (const [name, query] of SHAPES) {
    heights[name] = [];
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`/frame.html${query}`);
      await expect(page.locator(query ? '.ei-toolbar:not(.ei-toolbar--pending)' : TRACKER_READY)).toBeVisible();
      heights[name].push(
        await page.evaluate(() => Math.ceil(document.querySelector('#emotional-intimacy').getBoundingClientRect().bottom + scrollY)),
      );
    }
  }
  const table = [
    `| frame's width | ${WIDTHS.map((w) => `${w} px`).join(' | ')} |`,
    `|---|${WIDTHS.map(() => '---').join('|')}|`,
    ...SHAPES.map(([name]) => `| ${name} | ${heights[name].map((h) => `${h.toLocaleString('en-GB')} px`).join(' | ')} |`),
  ].join('\n');
  for (const readme of READMES) {
    const text = readFileSync(readme, 'utf8');
    const at = text.indexOf(START);
    const end = text.indexOf(END);
    expect(at, `${readme.pathname} has the ${START} markers`).toBeGreaterThan(-1);
    if (process.env.UPDATE_README === '1') {
      writeFileSync(readme, `${text.slice(0, at + START.length)}\n${table}\n${text.slice(end)}`);
      continue;
    }
    const said = text
      .slice(at, end)
      .split('\n')
      .filter((line) => SHAPES.some(([name]) => line.startsWith(`| ${name} |`)))
      .map((line) => line.split('|').slice(2, -1).map((cell) => Number(cell.replace(/[^\d]/g, ''))));
    const measured = SHAPES.map(([name]) => heights[name]);
    const off = said.flat().some((h, i) => Math.abs(h - measured.flat()[i]) > measured.flat()[i] * 0.05);
    expect(off || said.length !== SHAPES.length, `${readme.pathname} is out of date; measured:\n${table}\n(write it there with UPDATE_README=1 npx playwright test frame-heights)`).toBe(false);
  }
});
