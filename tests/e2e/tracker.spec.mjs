// The practice tracker, end to end: real localStorage in Debian's Chromium, the release
// build served over HTTP, and every storage fault we can make the browser produce.
import { readFileSync, writeFileSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import { DEFAULT_PRACTICES, TRACKER_READY, axeViolations, daysIn, openWidget, seed, watchErrors, ymd } from './helpers.mjs';

const KEY = 'emotional-intimacy-widget';

async function pageToday(page) {
  return page.evaluate(() => {
    const d = new Date();
    const pad = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  });
}

/** Opens the widget and waits until the tracker has loaded from storage. */
async function openTracker(page, path = '/') {
  await openWidget(page, path);
  await expect(page.locator(TRACKER_READY)).toBeVisible();
}

function practice(page, name) {
  return page.getByRole('checkbox', { name });
}

async function stored(page, key = KEY) {
  return page.evaluate((k) => localStorage.getItem(k), key);
}

/** The days kept under the widget's key (in months: see helpers.mjs's `daysIn`). */
const storedDays = (page, key = KEY) => page.evaluate(daysIn, key);

test('a tick survives a reload, with a warm summary', async ({ page }) => {
  const errors = watchErrors(page);
  await openTracker(page);
  await expect(page.locator('.ei-day__summary')).toHaveText(
    'Tick any small signals as they happen. Small moments count.',
  );
  await practice(page, 'Shared a laugh').check();
  await expect(page.locator('.ei-day__summary')).toHaveText('1 small signal today.');
  await practice(page, 'Offered comfort').check();
  await expect(page.locator('.ei-day__summary')).toHaveText('2 small signals today.');
  await page.reload();
  await expect(practice(page, 'Shared a laugh')).toBeChecked();
  await expect(practice(page, 'Offered comfort')).toBeChecked();
  await expect(practice(page, 'Listened without interrupting')).not.toBeChecked();
  // Kept in months: the index (version 3) and today's month.
  expect(JSON.parse(await stored(page)).version).toBe(3);
  expect((await storedDays(page))[await pageToday(page)].done).toEqual([5, 6]);
  expect(errors).toEqual([]);
});

test('two tabs tick different practices: both survive and each updates live', async ({ context }) => {
  const a = await context.newPage();
  const b = await context.newPage();
  await openTracker(a);
  await openTracker(b);
  await practice(a, 'Listened without interrupting').check();
  // b has not reloaded; the storage event brings a's tick in.
  await expect(practice(b, 'Listened without interrupting')).toBeChecked();
  await practice(b, 'Offered comfort').check();
  await expect(practice(a, 'Offered comfort')).toBeChecked();
  for (const p of [a, b]) {
    await p.reload();
    await expect(practice(p, 'Listened without interrupting')).toBeChecked();
    await expect(practice(p, 'Offered comfort')).toBeChecked();
  }
});

test('blocked storage: the tracker works in memory and says so', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
  });
  const errors = watchErrors(page);
  await openTracker(page);
  await expect(page.locator('.ei-notice')).toContainText("isn't letting the tracker save anything");
  // And "Your data" does not say the data is kept somewhere.
  await expect(page.locator('.ei-data__privacy')).toContainText("isn't letting the tracker keep anything");
  await practice(page, 'Shared a laugh').check();
  await expect(page.locator('.ei-day__summary')).toHaveText('1 small signal today.');
  await expect(page.locator('.ei-data__memory')).toBeVisible();
  expect(errors).toEqual([]);
  expect(await axeViolations(page)).toEqual([]);
});

test('full storage: the tick stays on the page, the visitor is told, and it saves later', async ({ page }) => {
  await page.addInitScript(() => {
    const setItem = Storage.prototype.setItem;
    window.__storageFull = true;
    Storage.prototype.setItem = function (key, value) {
      if (window.__storageFull && key === 'emotional-intimacy-widget') {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      return setItem.call(this, key, value);
    };
  });
  const errors = watchErrors(page);
  await openTracker(page);
  await practice(page, 'Shared a laugh').check();
  await expect(practice(page, 'Shared a laugh')).toBeChecked();
  await expect(page.locator('.ei-notice')).toContainText("couldn't be saved");
  expect(await stored(page)).toBeNull();
  expect(await axeViolations(page)).toEqual([]);
  // Space frees up: the next change saves both ticks and the notice goes.
  await page.evaluate(() => (window.__storageFull = false));
  await practice(page, 'Offered comfort').check();
  await expect(page.locator('.ei-notice')).toHaveCount(0);
  expect((await storedDays(page))[await pageToday(page)].done).toEqual([5, 6]);
  expect(errors).toEqual([]);
});

test('a corrupt stored value is kept aside, offered as a download, and the tracker starts fresh', async ({ page, context }) => {
  const corrupt = '{"version":2,"practices":[{"id":1,"name":"Half-writ';
  await seed(context, KEY, corrupt);
  await openTracker(page);
  const notice = page.locator('.ei-notice');
  await expect(notice).toContainText("couldn't be read");
  await expect(notice).toContainText('emotional-intimacy-widget#unreadable-backup-1');
  expect(await stored(page, `${KEY}#unreadable-backup-1`)).toBe(corrupt);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download the unreadable data' }).click(),
  ]);
  expect(readFileSync(await download.path(), 'utf8')).toBe(corrupt);
  // The fresh tracker saves normally; the backup is untouched.
  await practice(page, 'Shared a laugh').check();
  await expect.poll(async () => JSON.stringify(await storedDays(page))).toContain('"done":[5]');
  expect(await stored(page, `${KEY}#unreadable-backup-1`)).toBe(corrupt);
  expect(await axeViolations(page)).toEqual([]);
});

test('data from a newer version is shown but never written over', async ({ page, context }) => {
  const newer = JSON.stringify({
    version: 7,
    practices: [{ id: 1, name: 'From a newer widget' }],
    days: {},
    moods: ['new field'],
  });
  await seed(context, KEY, newer);
  await openTracker(page);
  await expect(page.locator('.ei-notice')).toContainText('newer version');
  await practice(page, 'From a newer widget').check();
  await expect(practice(page, 'From a newer widget')).toBeChecked();
  expect(await stored(page)).toBe(newer);
});

test('backfilling yesterday, with a note, from the day view and from the calendar', async ({ page }) => {
  await openTracker(page);
  await page.getByRole('button', { name: 'Previous day' }).click();
  await expect(page.locator('.ei-day__title')).toContainText('Yesterday');
  await practice(page, 'Remembered something that matters to them').check();
  await expect(page.locator('.ei-day__summary')).toHaveText('1 small signal yesterday.');
  const note = page.getByLabel('What did you notice? (optional)');
  await note.fill('They lit up when I asked about the interview.');
  await expect(page.locator('#ei-note-count')).toHaveText('45 of 500 characters');
  // Saved a moment after typing stops, without leaving the field.
  await expect.poll(async () => JSON.stringify(await storedDays(page))).toContain('They lit up when I asked about the interview.');
  // No future days: "Next day" from today is not offered.
  await page.getByRole('button', { name: 'Next day' }).click();
  await expect(page.locator('.ei-day__title')).toContainText('Today');
  await expect(page.getByRole('button', { name: 'Next day' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Previous day' })).toBeFocused();
  await page.reload();
  const cell = page.locator(`[data-day]`).nth(-2);
  await expect(cell).toHaveAccessibleName(/: 1 signal$/);
  await cell.click();
  await expect(page.getByLabel('What did you notice? (optional)')).toHaveValue(
    'They lit up when I asked about the interview.',
  );
  await expect(page.locator('.ei-history__summary')).toHaveText('You practised on 1 of the last 7 days.');
});

test('the history calendar works with the keyboard alone and is described for screen readers', async ({ page }) => {
  await openTracker(page);
  const today = await pageToday(page);
  const todayCell = page.locator(`[data-day="${today}"]`);
  await expect(todayCell).toHaveAttribute('tabindex', '0');
  await expect(todayCell).toHaveAttribute('aria-current', 'date');
  // A quiet day is read as just its date: nothing is marked as missed.
  await expect(todayCell).toHaveAccessibleName(/^\w+day \d{1,2} \w+ \d{4}$/);
  // Exactly one day is in the tab order, reached with Tab from the control before it.
  await expect(page.locator('[data-day][tabindex="0"]')).toHaveCount(1);
  await page.getByLabel('What did you notice? (optional)').focus();
  await page.keyboard.press('Tab');
  await expect(todayCell).toBeFocused();
  await page.keyboard.press('ArrowUp');
  const weekAgo = page.locator('[data-day][tabindex="0"]');
  await expect(weekAgo).toBeFocused();
  await expect(weekAgo).not.toHaveAttribute('data-day', today);
  await page.keyboard.press('Enter');
  await expect(page.locator('.ei-day__title')).not.toContainText('Today');
  await expect(weekAgo).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Space'); // still the same day
  await page.keyboard.press('ArrowDown');
  await expect(todayCell).toBeFocused();
  // Never beyond today.
  await page.keyboard.press('ArrowRight');
  await expect(todayCell).toBeFocused();
  await page.keyboard.press('Home');
  await expect(page.locator('[data-day][tabindex="0"]')).toBeFocused();
  expect(await page.evaluate(() => new Date(document.activeElement.dataset.day).getUTCDay())).toBe(1);
  await page.keyboard.press('End');
  await expect(todayCell).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('.ei-day__title')).toContainText('Today');
  const cells = await page.locator('[data-day]').count();
  expect(cells).toBeGreaterThanOrEqual(12 * 7 - 6);
});

test('practices: add, refuse duplicates, rename, hide with history kept, restore, reorder', async ({ page }) => {
  await openTracker(page);
  await page.getByText('Manage practices').click();
  const add = page.getByLabel('Add your own practice');
  await add.fill('  Asked about their day  ');
  await add.press('Enter');
  await expect(practice(page, 'Asked about their day')).toBeVisible();
  await add.fill('shared a LAUGH');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.locator('.ei-manage .ei-message')).toHaveText(
    'You already have a practice called "Shared a laugh".',
  );
  await practice(page, 'Shared a laugh').check();
  await page.getByRole('button', { name: 'Rename: Shared a laugh' }).click();
  const rename = page.getByLabel('Rename: Shared a laugh');
  await rename.fill('Laughed together');
  await rename.press('Enter');
  await expect(practice(page, 'Laughed together')).toBeChecked();
  await expect(page.getByRole('button', { name: 'Rename: Laughed together' })).toBeFocused();
  await page.getByRole('button', { name: 'Hide: Laughed together' }).click();
  await expect(practice(page, 'Laughed together')).toHaveCount(0);
  // Focus follows the practice to its Restore button instead of being lost.
  await expect(page.getByRole('button', { name: 'Restore: Laughed together' })).toBeFocused();
  await expect(page.locator('.ei-day__summary')).toHaveText('1 small signal today.');
  await page.getByRole('button', { name: 'Restore: Laughed together' }).click();
  await expect(practice(page, 'Laughed together')).toBeChecked();
  await page.getByRole('button', { name: 'Move down: Listened without interrupting' }).click();
  await expect(page.getByRole('button', { name: 'Move down: Listened without interrupting' })).toBeFocused();
  const names = await page.locator('.ei-checklist label').allTextContents();
  expect(names.slice(0, 2)).toEqual([
    'Remembered something that matters to them',
    'Listened without interrupting',
  ]);
  await expect(page.getByRole('button', { name: 'Move up: Remembered something that matters to them' })).toBeDisabled();
  expect(await axeViolations(page)).toEqual([]);
  await page.reload();
  await expect(page.locator(TRACKER_READY)).toBeVisible();
  expect((await page.locator('.ei-checklist label').allTextContents()).slice(0, 2)).toEqual(names.slice(0, 2));
});

test('export, then import into a fresh browser profile, restores everything', async ({ page, browser }) => {
  await openTracker(page);
  await practice(page, 'Offered comfort').check();
  await page.getByRole('button', { name: 'Previous day' }).click();
  await practice(page, 'Shared a laugh').check();
  const note = page.getByLabel('What did you notice? (optional)');
  await note.fill('A slow walk, and we talked.');
  await note.blur();
  await page.getByText('Manage practices').click();
  await page.getByLabel('Add your own practice').fill('Cooked together');
  await page.getByLabel('Add your own practice').press('Enter');
  await expect(practice(page, 'Cooked together')).toBeVisible();

  const [json] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export (JSON, can be imported again)' }).click(),
  ]);
  expect(json.suggestedFilename()).toMatch(/^small-signals-\d{4}-\d{2}-\d{2}\.json$/);
  const jsonPath = await json.path();
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export for a spreadsheet (CSV)' }).click(),
  ]);
  const csvText = readFileSync(await csv.path(), 'utf8');
  expect(csvText.split('\r\n')[0]).toBe('date,practice,done,note');
  expect(csvText).toContain(',Shared a laugh,yes,"A slow walk, and we talked."');

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await openTracker(other);
  await other.getByLabel('Import a tracker file (.json)').setInputFiles(jsonPath);
  await expect(other.locator('.ei-import-preview')).toContainText('Adds 2 ticks.');
  await expect(other.locator('.ei-import-preview')).toContainText('Adds 1 practice: Cooked together.');
  expect(await axeViolations(other)).toEqual([]);
  await other.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(other.locator('.ei-data__status')).toHaveText('Imported.');
  await expect(practice(other, 'Offered comfort')).toBeChecked();
  await expect(practice(other, 'Cooked together')).toBeVisible();
  await other.getByRole('button', { name: 'Previous day' }).click();
  await expect(practice(other, 'Shared a laugh')).toBeChecked();
  await expect(other.getByLabel('What did you notice? (optional)')).toHaveValue('A slow walk, and we talked.');
  expect(await storedDays(other)).toEqual(await storedDays(page));
  expect(JSON.parse(await stored(other)).practices).toEqual(JSON.parse(await stored(page)).practices);
  await fresh.close();
});

test('hostile import files get a clear message tied to the file field, and change nothing', async ({ page }, testInfo) => {
  const warnings = [];
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  await openTracker(page);
  await practice(page, 'Offered comfort').check();
  const before = await stored(page);
  const CANNOT_READ = "This file isn't a tracker export this widget can read";
  // [file, its text, what the visitor reads, the detail the console gets]
  const cases = [
    ['not-json.json', '<script>alert(1)</script>', CANNOT_READ, 'not valid JSON'],
    ['wrong.json', '{"hello":"world"}', CANNOT_READ, 'no "version"'],
    ['bad-date.json', '{"version":2,"practices":[{"id":1,"name":"A"}],"days":{"2026-02-31":{"done":[1]}}}', CANNOT_READ, 'not a real calendar date'],
    ['long-name.json', JSON.stringify({ version: 2, practices: [{ id: 1, name: 'x'.repeat(300) }] }), CANNOT_READ, 'too long'],
    ['cut-short.json', '{"version":2,"practices":[', CANNOT_READ, 'EOF while parsing'],
    ['empty.json', '', 'This file is empty.', null],
    ['newer.json', '{"version":12,"practices":[]}', 'newer version', null],
    ['future.json', '{"version":2,"practices":[{"id":1,"name":"A"}],"days":{"2099-01-01":{"done":[1]}}}', "haven't happened yet", null],
  ];
  const field = page.getByLabel('Import a tracker file (.json)');
  for (const [name, body, message, detail] of cases) {
    const path = testInfo.outputPath(name);
    writeFileSync(path, body);
    await field.setInputFiles(path);
    const said = page.locator('.ei-import .ei-message');
    await expect(said).toContainText(message);
    // Plain words and what to do, never the parser's text; tied to the field.
    await expect(said).not.toContainText(/EOF|line \d+ column|expected|invalid type/);
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toHaveAccessibleDescription(await said.textContent());
    if (detail) await expect.poll(() => warnings.some((w) => w.includes(detail))).toBe(true);
  }
  const big = testInfo.outputPath('big.json');
  writeFileSync(big, ' '.repeat(2 * 1024 * 1024 + 10));
  await page.getByLabel('Import a tracker file (.json)').setInputFiles(big);
  await expect(page.locator('.ei-import .ei-message')).toContainText('too large');
  expect(await stored(page)).toBe(before);
});

test('"Delete all my tracker data" asks first in a modal dialog, then removes everything', async ({ page }) => {
  await openTracker(page);
  await practice(page, 'Offered comfort').check();
  const ask = page.getByRole('button', { name: 'Delete all my tracker data' });
  await ask.click();
  const dialog = page.getByRole('dialog', { name: /Delete every tick, note and practice/ });
  await expect(dialog).toContainText("This can't be undone");
  await expect(page.getByRole('button', { name: 'Keep my data' })).toBeFocused();
  expect(await axeViolations(page)).toEqual([]);
  // Modal: Tab stays inside it; the page behind cannot be reached.
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('dialog'))).toBe(true);
  }
  // Escape is "Keep my data": closed, focus back where it was asked, nothing deleted.
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(ask).toBeFocused();
  await expect(practice(page, 'Offered comfort')).toBeChecked();
  await ask.click();
  await page.getByRole('button', { name: 'Keep my data' }).click();
  await expect(ask).toBeFocused();
  await expect(practice(page, 'Offered comfort')).toBeChecked();
  await page.getByRole('button', { name: 'Delete all my tracker data' }).click();
  await page.getByRole('button', { name: 'Yes, delete everything' }).click();
  await expect(page.locator('.ei-data__status')).toHaveText('All tracker data in this browser was deleted.');
  await expect(practice(page, 'Offered comfort')).not.toBeChecked();
  expect(await stored(page)).toBeNull();
});

test('a page left open past midnight moves to the new day', async ({ page }) => {
  await page.clock.install({ time: new Date(2026, 10, 26, 23, 58, 0) });
  await openTracker(page);
  await expect(page.locator('.ei-day__date')).toHaveText('Thursday 26 November 2026');
  await practice(page, 'Shared a laugh').check();
  await page.clock.fastForward('03:00');
  await expect(page.locator('.ei-day__date')).toHaveText('Friday 27 November 2026');
  await expect(practice(page, 'Shared a laugh')).not.toBeChecked();
  await expect(page.locator('[data-day="2026-11-26"]')).toHaveAccessibleName(
    'Thursday 26 November 2026: 1 signal',
  );
});

test.describe('across a daylight-saving change', () => {
  test.use({ timezoneId: 'Europe/London' });

  test('the night the clocks go forward is still two separate days', async ({ page }) => {
    // 2026-03-29 01:00 GMT becomes 02:00 BST.
    await page.clock.install({ time: new Date('2026-03-28T23:30:00Z') });
    await openTracker(page);
    expect(await pageToday(page)).toBe('2026-03-28');
    await practice(page, 'Offered comfort').check();
    await page.clock.fastForward('02:00:00');
    await expect(page.locator('.ei-day__date')).toHaveText('Sunday 29 March 2026');
    await practice(page, 'Shared a laugh').check();
    await expect(page.locator('[data-day="2026-03-28"]')).toHaveAccessibleName('Saturday 28 March 2026: 1 signal');
    await expect(page.locator('[data-day="2026-03-29"]')).toHaveAccessibleName('Sunday 29 March 2026: 1 signal');
    expect(Object.keys(await storedDays(page))).toEqual(['2026-03-28', '2026-03-29']);
  });
});

// The real risk at a clock change is the browser's local date (local_today), not day
// arithmetic: each zone below is crossed for real, with Playwright's time zone and a
// controlled clock, one in each hemisphere, including a zone whose clocks change at midnight
// (Chile: 24:00 on 5 September becomes 01:00 on the 6th, so the 6th has no midnight). The
// expected date at each moment comes from Node's own time-zone data, not from the page.
const CLOCK_CHANGES = [
  // [zone, what happens, instants (UTC) around it: the evening before, just after midnight,
  //  just after the change, late on the day of the change, just after the next midnight]
  ['Europe/London', 'clocks go back an hour (a 25-hour day)',
    ['2026-10-24T22:30Z', '2026-10-24T23:30Z', '2026-10-25T01:30Z', '2026-10-25T23:50Z', '2026-10-26T00:10Z']],
  ['Australia/Sydney', 'clocks go forward an hour (a 23-hour day)',
    ['2026-10-03T13:30Z', '2026-10-03T14:30Z', '2026-10-03T16:30Z', '2026-10-04T12:50Z', '2026-10-04T13:10Z']],
  ['America/Santiago', 'clocks go forward at midnight (a day with no midnight)',
    ['2026-09-06T03:30Z', '2026-09-06T04:00Z', '2026-09-06T04:30Z', '2026-09-07T02:50Z', '2026-09-07T03:10Z']],
];

for (const [timezoneId, what, instants] of CLOCK_CHANGES) {
  test.describe(`in ${timezoneId}`, () => {
    test.use({ timezoneId });

    test(`the date follows the local calendar when the ${what}`, async ({ page }) => {
      const localDate = (instant) => new Intl.DateTimeFormat('en-CA', {
        timeZone: timezoneId, year: 'numeric', month: '2-digit', day: '2-digit',
      }).format(new Date(instant));
      const shownToday = () => page.locator('[aria-current="date"]').getAttribute('data-day');
      const times = instants.map((t) => new Date(t).getTime());
      await page.clock.install({ time: times[0] });
      await openTracker(page);
      expect(await shownToday()).toBe(localDate(instants[0]));
      await practice(page, 'Offered comfort').check();
      for (let i = 1; i < instants.length; i++) {
        await page.clock.fastForward(times[i] - times[i - 1]);
        await expect.poll(shownToday, { message: `at ${instants[i]}` }).toBe(localDate(instants[i]));
        await practice(page, 'Shared a laugh').check();
      }
      // Every tick landed on the local date it was made on, and no day was merged or skipped.
      const days = await storedDays(page);
      const expected = [...new Set(instants.map(localDate))];
      expect(Object.keys(days)).toEqual(expected);
      expect(days[expected[0]].done).toEqual([6]);
    });
  });
}

for (const colorScheme of ['light', 'dark']) {
  test(`axe-core finds no violation in the tracker with history, ${colorScheme}`, async ({ page, context }) => {
    const days = {};
    const start = new Date(2026, 10, 26);
    for (let i = 0; i < 84; i++) {
      const d = new Date(start);
      d.setDate(d.getDate() - i);
      const n = (i * 5) % 8;
      if (n) days[ymd(d)] = { done: [1, 2, 3, 4, 5, 6, 7].slice(0, n) };
    }
    await seed(context, KEY, JSON.stringify({ version: 2, practices: JSON.parse(DEFAULTS), days }));
    await page.clock.setFixedTime(new Date(2026, 10, 26, 12, 0, 0));
    await page.emulateMedia({ colorScheme });
    await openTracker(page);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByText('Manage practices').click();
    await page.getByRole('button', { name: /^Rename: / }).first().click();
    expect(await axeViolations(page)).toEqual([]);
  });
}

const DEFAULTS = JSON.stringify(DEFAULT_PRACTICES.map((name, i) => ({ id: i + 1, name })));
