// The benchmark's table (run last by `cargo xtask bench`): every figure bench.mjs and
// bench-load.mjs measured in this run, as a ratio against its baseline from the same run
// where it has one, beside its target. Printed, and written to docs/bench.md, which README
// links: the figures there are this tool's, never written by hand.
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';

const bench = new URL('../../target/bench/', import.meta.url);
const read = (name) => JSON.parse(readFileSync(new URL(name, bench), 'utf8'));
const load = read('load.json');
const tick = read('tracker.json');

const ms = (n) => `${Math.round(n).toLocaleString('en-GB')} ms`;
const x = (n) => `${n.toFixed(2)}×`;
const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
const floor = load.static.fcpMs;
const scores = (key) => load.lighthouse.map((run) => run.scores[key]);
const list = (xs) => (xs.length ? xs.join(', ') : 'not run');

// [figure, measured, target, met]
const rows = [
  ['a plain static page of the same text: first contentful paint (the floor)', ms(floor), '', null],
  [
    'returning visitor (5 years of history, service worker in control): the tracker works',
    `${ms(load.returning.trackerWorksMs)} (${x(load.returning.trackerWorksMs / floor)})`,
    '≤ 1.0× the floor',
    load.returning.trackerWorksMs / floor <= 1.0,
  ],
  [
    'first visit (empty storage): the tracker works',
    `${ms(load.first.trackerWorksMs)} (${x(load.first.trackerWorksMs / floor)})`,
    '≤ 2.5× the floor',
    load.first.trackerWorksMs / floor <= 2.5,
  ],
  [
    'first visit: first contentful paint',
    `${ms(load.first.fcpMs)} (${x(load.first.fcpMs / floor)})`,
    '≤ 1.1× the floor',
    load.first.fcpMs / floor <= 1.1,
  ],
  [
    'what the standalone page downloads before any interaction (gzip)',
    kb(load.sizes.gzip),
    '≤ 140 KB',
    load.sizes.gzip <= 140_000,
  ],
  [
    'host page read at a reader\'s pace: the widget in view → its tracker works',
    ms(load.reader.inViewToTrackerMs),
    '≤ 300 ms',
    load.reader.inViewToTrackerMs <= 300,
  ],
  ['host page scrolled straight to the widget: in view → its tracker works', ms(load.straight.inViewToTrackerMs), '', null],
  ['host page: what the widget downloads before it nears the screen (as sent)', kb(load.reader.bytesBeforeNear), 'embed.js and the host module', null],
  [
    `a tick's work, CPU ${tick.cpuSlowdown}× slower: 1 year of history`,
    `${tick.oneYear.tickMs.toFixed(1)} ms`,
    '',
    null,
  ],
  [
    'the same, 20 years of history',
    `${tick.twentyYears.tickMs.toFixed(1)} ms (${x(tick.ratio)} the 1-year tick)`,
    '≤ 10 ms and ≤ 1.2×',
    tick.twentyYears.tickMs <= 10 && tick.ratio <= 1.2,
  ],
  [
    `Lighthouse mobile performance, each of ${load.lighthouse.length} runs`,
    list(scores('performance')),
    '≥ 98 in each',
    load.lighthouse.length > 0 && scores('performance').every((s) => s >= 98),
  ],
  [
    'Lighthouse accessibility / best practices / SEO',
    ['accessibility', 'best-practices', 'seo'].map((k) => `${Math.min(...scores(k))}`).join(' / ') + ' (lowest)',
    '100 each',
    load.lighthouse.length > 0 && ['accessibility', 'best-practices', 'seo'].every((k) => scores(k).every((s) => s === 100)),
  ],
];

const mark = (met) => (met === null ? '' : met ? 'met' : 'not yet');
const profile = `${load.profile.latency} ms round trips, ${((load.profile.downloadThroughput * 8) / 1024 / 1024).toFixed(1)} Mbit/s, CPU ${load.profile.cpuSlowdown}× slower`;
const table = [
  '| figure | measured | target | |',
  '|---|---|---|---|',
  ...rows.map(([figure, measured, target, met]) => `| ${figure} | ${measured} | ${target} | ${mark(met)} |`),
].join('\n');

const markdown = `# Speed

Written by \`cargo xtask bench\` from its own run; do not edit by hand. Release build,
headless Chromium on Lighthouse's mobile profile (${profile}), medians of ${load.runs} loads
(ticks: ${tick.oneYear.samples} each), on a ${cpus().length}-core machine, ${load.date.slice(0, 10)}.
Ratios are against the plain static page measured in the same run.

${table}
`;
writeFileSync(new URL('../../docs/bench.md', import.meta.url), markdown);
console.log(`\n${table}\n\ndocs/bench.md: the table written from this run`);
