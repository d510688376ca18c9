// The visitor's notes stay theirs, end to end in Debian's Chromium against the release build:
// saved data that once made the tracker start afresh reads back whole; what the visitor is
// told about where the data lives is true in each shape; a site can turn notes off; the
// summary for a counsellor prints alone from every shape (checked as printed PDF text);
// widgets sharing a key on one page stay in step, and export and print read storage first;
// the snippet builder's preview never falls back to a real key.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { TRACKER_READY, addFrame, addWidget, daysIn, openWidget, seed, startServer, watchErrors, ymd } from './helpers.mjs';

const KEY = 'emotional-intimacy-widget';
const today = () => ymd(new Date());

/** The widget inside host element `host` (a locator), once its tracker has loaded. */
async function trackerIn(host) {
  await host.scrollIntoViewIfNeeded();
  await expect(host.locator(TRACKER_READY)).toBeVisible();
  return host;
}

/** What `page` prints (print media, A4), as the text of the PDF, and its number of pages. */
async function printed(page) {
  const dir = mkdtempSync(join(tmpdir(), 'ei-print-'));
  try {
    const file = join(dir, 'printed.pdf');
    await page.pdf({ path: file, format: 'A4' });
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))[1]);
    return { text: text.replace(/\s+/g, ' '), pages };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Opens the summary for a counsellor in `scope` (the page, or a host element) without
 * the print dialog. */
async function openSummary(page, scope) {
  await page.evaluate(() => (window.print = () => {}));
  await scope.getByRole('button', { name: 'Print a summary' }).click();
  await expect(scope.locator('.ei-report')).toBeVisible();
}

const SAVED_WITH_A_NOTE = () =>
  JSON.stringify({
    version: 2,
    practices: [
      { id: 1, name: 'Listened without interrupting' },
      { id: 2, name: 'Shared a laugh' },
    ],
    days: { [today()]: { done: [2], note: 'Something only for me.' } },
  });

test('saved practice ids at the top of the range: practices added after them keep their own ticks through a reload', async ({ page, context }) => {
  // Valid saved data (an import could bring it) whose next id once wrapped around to 0.
  await seed(
    context,
    KEY,
    JSON.stringify({ version: 2, practices: [{ id: 4294967295, name: 'Shared a laugh' }], days: {} }),
  );
  const errors = watchErrors(page);
  await openWidget(page);
  await expect(page.locator(TRACKER_READY)).toBeVisible();
  await page.getByText('Manage practices').click();
  const add = async (name) => {
    await page.getByLabel('Add your own practice').fill(name);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(page.getByRole('checkbox', { name })).toBeVisible();
  };
  await add('Cooked together');
  await add('Walked together');
  await page.getByRole('checkbox', { name: 'Cooked together' }).check();
  await expect(page.getByRole('checkbox', { name: 'Walked together' })).not.toBeChecked();
  await page.reload();
  await expect(page.locator(TRACKER_READY)).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Cooked together' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Walked together' })).not.toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Shared a laugh' })).toBeVisible();
  await expect(page.locator('.ei-notice')).toHaveCount(0);
  const saved = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), KEY));
  expect(new Set(saved.practices.map((p) => p.id)).size).toBe(3);
  // Nothing was set aside as unreadable.
  expect(Object.keys(await page.evaluate(() => ({ ...localStorage }))).filter((k) => k.includes('unreadable'))).toEqual([]);
  expect(errors).toEqual([]);
});

test.describe('what the visitor is told about where the data lives', () => {
  test('the standalone page: this website\'s storage, named', async ({ page, baseURL }) => {
    await openWidget(page);
    await expect(page.locator(TRACKER_READY)).toBeVisible();
    await expect(page.locator('.ei-data__privacy')).toHaveText(
      `Your ticks and notes are kept in this browser, in the storage of this website (${new URL(baseURL).host}), which scripts on its other pages can read too. The tracker sends nothing anywhere.`,
    );
  });

  test('in a page of the site: the site\'s own scripts can read it', async ({ page, baseURL }) => {
    await page.goto('/hosts/wp-light.html');
    const host = await trackerIn(page.locator('#widget'));
    await expect(host.locator('.ei-data__privacy')).toHaveText(
      `Your ticks and notes are kept in this browser, in this website's storage (${new URL(baseURL).host}). The tracker sends nothing anywhere, but other scripts on this website (analytics or chat tools, for example) can read what is kept there.`,
    );
  });

  test('in an iframe of the same site: the same, since that page can reach the frame', async ({ page }) => {
    await page.goto('/hosts/iframe.html');
    await page.setViewportSize({ width: 1000, height: 900 });
    const frame = page.frameLocator('#emotional-intimacy-frame');
    // (This frame shows the guide's sections only: the tracker comes with the defaults.)
    await page.locator('#emotional-intimacy-frame').evaluate((f) => (f.src = '/frame.html'));
    await expect(frame.locator(TRACKER_READY)).toBeVisible();
    await expect(frame.locator('.ei-data__privacy')).toContainText('other scripts on this website');
  });
});

test.describe('a site can turn notes off', () => {
  test('in the page: no note field, no notes in the summary, and notes already kept are left in storage', async ({ page, context }) => {
    await seed(context, KEY, SAVED_WITH_A_NOTE());
    const errors = watchErrors(page);
    await page.goto('/hosts/blank.html');
    const host = await trackerIn(await addWidget(page, 'quiet', { notes: 'off' }));
    await expect(host.locator('textarea')).toHaveCount(0);
    await expect(host.getByRole('checkbox', { name: 'Shared a laugh' })).toBeChecked();
    await host.getByRole('checkbox', { name: 'Listened without interrupting' }).check();
    await expect(host.locator('.ei-data__notes-off')).toContainText('Notes you wrote before are still kept');
    await expect(host.locator('.ei-data__privacy')).toContainText('Your ticks are kept in this browser');
    await expect(host.getByRole('checkbox', { name: /Include my notes/ })).toHaveCount(0);
    await openSummary(page, host);
    await expect(host.locator('.ei-report')).not.toContainText('Something only for me.');
    const days = await page.evaluate(daysIn, KEY);
    expect(days[today()]).toEqual({ done: [1, 2], note: 'Something only for me.' });
    expect(errors).toEqual([]);
  });

  test('in the iframe (?notes=off) and through EmotionalIntimacy.mount', async ({ page }) => {
    await page.goto('/frame.html?notes=off');
    await expect(page.locator(TRACKER_READY)).toBeVisible();
    await expect(page.locator('textarea')).toHaveCount(0);
    await page.goto('/hosts/blank.html');
    await page.waitForFunction(() => window.EmotionalIntimacy);
    await page.evaluate(() => {
      const el = document.createElement('section');
      el.id = 'api';
      document.getElementById('host').append(el);
      window.EmotionalIntimacy.mount(el, { notes: 'off', sections: 'tracker' });
    });
    const host = await trackerIn(page.locator('#api'));
    await expect(host.locator('textarea')).toHaveCount(0);
  });
});

test.describe('the summary for a counsellor prints alone', () => {
  test('from a page of the site: none of the page around it, one page', async ({ page, context }) => {
    await seed(context, KEY, SAVED_WITH_A_NOTE());
    await page.goto('/hosts/wp-light.html');
    const host = await trackerIn(page.locator('#widget'));
    // "Include my notes" starts unticked: the notes are private.
    await expect(host.getByRole('checkbox', { name: /Include my notes/ })).not.toBeChecked();
    await openSummary(page, host);
    const { text, pages } = await printed(page);
    expect(text).toContain('Small signals: a daily practice');
    expect(text).toContain('Shared a laugh: on 1 day');
    for (const hostText of ['Willow Counselling', 'Between sessions', 'Call us on', 'Dark mode', 'Emotional closeness']) {
      expect(text).not.toContain(hostText);
    }
    expect(text).not.toContain('Something only for me.');
    expect(text).not.toContain('Quick take');
    expect(pages).toBe(1);
    // Closed again, the page prints as it is.
    await host.getByRole('button', { name: 'Close the summary' }).click();
    await expect(page.locator('#widget')).not.toHaveAttribute('data-ei-printing', '');
    const again = (await printed(page)).text;
    expect(again).toContain('Between sessions');
    expect(again).toContain('Call us on');
  });

  test('from the iframe: the frame prints, not the page around it', async ({ page, context }) => {
    await seed(context, KEY, SAVED_WITH_A_NOTE());
    await page.addInitScript(() => {
      window.__printed = 0;
      window.print = () => (window.__printed += 1);
    });
    await page.goto('/hosts/iframe.html');
    await page.locator('#emotional-intimacy-frame').evaluate((f) => (f.src = '/frame.html'));
    const frame = page.frameLocator('#emotional-intimacy-frame');
    await expect(frame.locator(TRACKER_READY)).toBeVisible();
    await frame.getByRole('button', { name: 'Print a summary' }).click();
    await expect(frame.locator('.ei-report')).toBeVisible();
    const inner = page.frames().find((f) => f.url().includes('/frame.html'));
    await expect.poll(() => inner.evaluate(() => window.__printed)).toBe(1);
    expect(await page.evaluate(() => window.__printed)).toBe(0);
    // What the frame's document prints: the summary alone.
    await page.goto('/frame.html');
    await expect(page.locator(TRACKER_READY)).toBeVisible();
    await openSummary(page, page);
    const { text, pages } = await printed(page);
    expect(text).toContain('Shared a laugh: on 1 day');
    expect(text).not.toContain('Quick take');
    expect(pages).toBe(1);
  });

  test('from the standalone page', async ({ page, context }) => {
    await seed(context, KEY, SAVED_WITH_A_NOTE());
    await openWidget(page);
    await expect(page.locator(TRACKER_READY)).toBeVisible();
    await openSummary(page, page);
    const { text, pages } = await printed(page);
    expect(text).toContain('Shared a laugh: on 1 day');
    expect(text).not.toContain('Quick take');
    expect(text).not.toContain('Something only for me.');
    expect(pages).toBe(1);
    await page.getByRole('checkbox', { name: /Include my notes/ }).check();
    expect((await printed(page)).text).toContain('Something only for me.');
  });
});

test('two widgets with one storage key on one page stay in step', async ({ page }) => {
  await page.goto('/hosts/same-key.html');
  const a = await trackerIn(page.locator('#guide'));
  const b = await trackerIn(page.locator('#sidebar'));
  await a.getByRole('checkbox', { name: 'Offered comfort' }).check();
  await expect(b.getByRole('checkbox', { name: 'Offered comfort' })).toBeChecked();
  await b.getByText('Manage practices').click();
  await b.getByLabel('Add your own practice').fill('Cooked together');
  await b.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(a.getByRole('checkbox', { name: 'Cooked together' })).toBeVisible();
  await a.getByRole('checkbox', { name: 'Cooked together' }).check();
  await expect(b.getByRole('checkbox', { name: 'Cooked together' })).toBeChecked();
  const days = await page.evaluate(daysIn, 'emotional-intimacy-widget:shared');
  expect(days[today()].done.length).toBe(2);
});

test('export and print read what storage holds now, not the page\'s older copy', async ({ page }) => {
  await openWidget(page);
  await expect(page.locator(TRACKER_READY)).toBeVisible();
  // Written in this very page (no storage event comes), as another widget's save could be.
  await page.evaluate(
    ([k, v]) => localStorage.setItem(k, v),
    [KEY, JSON.stringify({ version: 2, practices: [{ id: 1, name: 'Written elsewhere' }], days: { [today()]: { done: [1] } } })],
  );
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export (JSON, can be imported again)' }).click(),
  ]);
  const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
  expect(exported.practices.map((p) => p.name)).toEqual(['Written elsewhere']);
  await page.evaluate(
    ([k, v]) => localStorage.setItem(k, v),
    [KEY, JSON.stringify({ version: 2, practices: [{ id: 1, name: 'Written later' }], days: { [today()]: { done: [1] } } })],
  );
  await openSummary(page, page);
  await expect(page.locator('.ei-report__practices li')).toHaveText(['Written later: on 1 day']);
});

test('the snippet builder\'s preview keeps its own data, whatever storage name is typed', async ({ page }) => {
  await page.goto('/builder/');
  const name = 'a'.repeat(64);
  await page.getByLabel(/Storage name/).fill(name);
  const preview = page.locator('#preview [data-emotional-intimacy]');
  await expect(preview).toHaveAttribute('data-storage-key', `builder-preview.${name}`.slice(0, 64));
  await trackerIn(preview);
  await preview.getByRole('checkbox', { name: 'Shared a laugh' }).check();
  // Its index and its month, and nothing else.
  const key = `emotional-intimacy-widget:${`builder-preview.${name}`.slice(0, 64)}`;
  await expect.poll(() => page.evaluate(() => Object.keys(localStorage).length)).toBe(2);
  const keys = await page.evaluate(() => Object.keys(localStorage).sort());
  expect(keys[0]).toBe(key);
  expect(keys[1].startsWith(`${key}#days-${today().slice(0, 7)}.`)).toBe(true);
  // The snippet itself names the key the owner typed.
  await expect(page.locator('#snippet')).toContainText(`data-storage-key="${name}"`);
});

test('a note another widget saved is shown, and typing on never writes an older text over it', async ({ page }) => {
  await page.goto('/hosts/same-key.html');
  const a = await trackerIn(page.locator('#guide'));
  const b = await trackerIn(page.locator('#sidebar'));
  const noteA = a.getByLabel('What did you notice? (optional)');
  const noteB = b.getByLabel('What did you notice? (optional)');
  const stored = () => page.evaluate(daysIn, 'emotional-intimacy-widget:shared');
  await noteA.fill('first');
  await noteA.blur();
  await expect(noteB).toHaveValue('first');
  await noteB.fill('first second');
  await noteB.blur();
  await expect(noteA).toHaveValue('first second');
  await noteA.press('End');
  await noteA.pressSequentially(' third');
  await noteA.blur();
  await expect.poll(async () => (await stored())?.[today()]?.note).toBe('first second third');
});

test('after "Delete all", a note typed before is gone from the screen too, and no keystroke brings it back', async ({ page }) => {
  await openWidget(page);
  await expect(page.locator(TRACKER_READY)).toBeVisible();
  const note = page.getByLabel('What did you notice? (optional)');
  await note.fill('Something private');
  await note.blur();
  await expect.poll(async () => (await page.evaluate(daysIn, KEY))[today()]?.note).toBe('Something private');
  await page.getByRole('button', { name: 'Delete all my tracker data' }).click();
  await page.getByRole('button', { name: 'Yes, delete everything' }).click();
  await expect(note).toHaveValue('');
  await note.pressSequentially('x');
  await note.blur();
  await expect.poll(async () => (await page.evaluate(daysIn, KEY))[today()]?.note).toBe('x');
  // Nothing kept under the widget's keys holds the deleted note.
  const everything = await page.evaluate(
    (k) => Object.keys(localStorage).filter((x) => x.startsWith(k)).map((x) => localStorage.getItem(x)).join('\n'),
    KEY,
  );
  expect(everything).not.toContain('private');
});

test('with notes off, an imported file\'s notes are left out, and the preview says so', async ({ page }, testInfo) => {
  await page.goto('/hosts/blank.html');
  const host = await trackerIn(await addWidget(page, 'quiet', { notes: 'off' }));
  const file = testInfo.outputPath('with-notes.json');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(file, SAVED_WITH_A_NOTE());
  await host.getByLabel('Import a tracker file (.json)').setInputFiles(file);
  await expect(host.locator('.ei-import-preview')).toContainText('the notes in the file are left out');
  await host.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(host.getByRole('checkbox', { name: 'Shared a laugh' })).toBeChecked();
  expect(await page.evaluate((k) => localStorage.getItem(k), KEY)).not.toContain('Something only for me.');
});

test('frame.html inside a frame of another origin inside a page of its own origin: the page can reach it, and it says so', async ({ page, baseURL }) => {
  const other = await startServer(fileURLToPath(new URL('../../dist/', import.meta.url)), 4186);
  try {
    await page.goto('/hosts/blank.html');
    // This origin's page → a page of another origin → frame.html of this origin again.
    await addFrame(page, 'middle', `${other.origin}/hosts/blank.html`);
    const middle = page.frameLocator('#middle');
    await expect(middle.locator('#host')).toBeVisible();
    await addFrame(page.frames().find((f) => f.url().startsWith(other.origin)), 'inner', `${baseURL}/frame.html`);
    const inner = middle.frameLocator('#inner');
    await expect(inner.locator(TRACKER_READY)).toBeVisible();
    await expect(inner.locator('.ei-data__privacy')).toContainText('other scripts on this website');
  } finally {
    await other.stop();
  }
});
