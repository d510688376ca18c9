// "Remind me each day": the calendar file the widget downloads, read back by ical.js (the
// iCalendar engine of Thunderbird's calendar) and its recurrence expanded across the clock
// change of 25 October 2026 in London. Debian's Chromium, the release build over HTTP.
import { readFileSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import ICAL from 'ical.js';
import { addFrame, addWidget, DEFAULT_PRACTICES, TRACKER_READY } from './helpers.mjs';

const SUGGESTED = ['Asked how their day really went', 'Put our phones away at dinner'];

// Four days before the clocks go back (BST ends at 02:00 on Sunday 25 October 2026).
const BEFORE_THE_CHANGE = new Date('2026-10-21T09:00:00Z');

test.use({ timezoneId: 'Europe/London' });

/** Opens the standalone page on 21 October 2026 in London, the tracker loaded. */
async function openOn(page) {
  await page.clock.install({ time: BEFORE_THE_CHANGE });
  await page.goto('/');
  await expect(page.locator(TRACKER_READY)).toBeVisible();
}

/** The reminder's control, opened. */
async function reminder(page) {
  const summary = page.getByText('Remind me each day', { exact: true });
  await summary.click();
  return page.locator('.ei-remind');
}

test('the daily reminder is a calendar file every day at the chosen local time, across a clock change, holding nothing private', async ({ page }) => {
  await openOn(page);
  // Something private on the page first: a tick and a note.
  await page.getByRole('checkbox', { name: DEFAULT_PRACTICES[4] }).check();
  await page.getByLabel(/What did you notice/).fill('A private note about us');
  await page.getByLabel(/What did you notice/).blur();

  const control = await reminder(page);
  const time = control.getByLabel('Time of day');
  await expect(time).toHaveValue('18:30'); // early evening unless chosen
  await time.fill('07:45');
  const downloading = page.waitForEvent('download');
  await control.getByRole('button', { name: 'Add to my calendar' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('small-signals-reminder.ics');
  await expect(control.getByRole('status')).toContainText('open it to add the reminder');
  const text = readFileSync(await download.path(), 'utf8');

  // The file as RFC 5545 has it: CRLF lines of at most 75 octets.
  expect(text.endsWith('\r\n')).toBe(true);
  for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  // Nothing private in it.
  for (const name of DEFAULT_PRACTICES) expect(text).not.toContain(name);
  expect(text).not.toContain('private note');

  // Read by ical.js: one daily event at 07:45 floating local time, opening this page.
  const calendar = new ICAL.Component(ICAL.parse(text));
  const [event] = calendar.getAllSubcomponents('vevent');
  expect(calendar.getAllSubcomponents('vevent')).toHaveLength(1);
  const vevent = new ICAL.Event(event);
  expect(vevent.summary).toBe('A moment for small signals');
  expect(vevent.startDate.isDate).toBe(false);
  expect(vevent.startDate.zone.tzid).toBe('floating');
  expect(event.getFirstProperty('dtstart').getParameter('tzid')).toBeUndefined();
  expect([vevent.startDate.hour, vevent.startDate.minute]).toEqual([7, 45]);
  expect(event.getFirstPropertyValue('url')).toBe(new URL('/', page.url()).href);
  expect(event.getFirstPropertyValue('rrule').toString()).toBe('FREQ=DAILY');
  expect(vevent.uid).toMatch(/^[0-9a-f]{16}\.daily@emotional-intimacy-widget$/);

  // The next seven: one a day from today, each at 07:45 on a London clock, so an hour
  // later in UTC once the clocks have gone back.
  process.env.TZ = 'Europe/London';
  const iterator = vevent.iterator();
  const seen = [];
  for (let next = iterator.next(); next && seen.length < 7; next = iterator.next()) seen.push(next.toJSDate());
  expect(seen.map((d) => d.toISOString())).toEqual([
    '2026-10-21T06:45:00.000Z',
    '2026-10-22T06:45:00.000Z',
    '2026-10-23T06:45:00.000Z',
    '2026-10-24T06:45:00.000Z',
    '2026-10-25T07:45:00.000Z',
    '2026-10-26T07:45:00.000Z',
    '2026-10-27T07:45:00.000Z',
  ]);

  // Made again on the same page, it is the same reminder (a calendar updates, not doubles).
  const again = page.waitForEvent('download');
  await control.getByRole('button', { name: 'Add to my calendar' }).click();
  const second = new ICAL.Event(new ICAL.Component(ICAL.parse(readFileSync(await (await again).path(), 'utf8'))).getFirstSubcomponent('vevent'));
  expect(second.uid).toBe(vevent.uid);
});

test('where the browser can hand a file to another app, the reminder offers that too', async ({ page }) => {
  // Chromium on Linux has no Web Share: the phone's API is stood in for, and what the widget
  // hands it is checked.
  await page.addInitScript(() => {
    window.shared = [];
    navigator.canShare = (data) => Array.isArray(data?.files) && data.files.every((f) => f instanceof File);
    navigator.share = async (data) => {
      window.shared.push(await Promise.all(data.files.map(async (f) => ({ name: f.name, type: f.type, text: await f.text() }))));
    };
  });
  await openOn(page);
  const control = await reminder(page);
  await control.getByRole('button', { name: /Share/ }).click();
  await expect.poll(() => page.evaluate(() => window.shared.length)).toBe(1);
  const [[file]] = await page.evaluate(() => window.shared);
  expect(file.name).toBe('small-signals-reminder.ics');
  expect(file.type).toBe('text/calendar');
  expect(file.text).toContain('RRULE:FREQ=DAILY');
});

test('without Web Share (desktop browsers) the reminder offers the download alone', async ({ page }) => {
  await openOn(page);
  const control = await reminder(page);
  await expect(control.getByRole('button', { name: 'Add to my calendar' })).toBeVisible();
  expect(await page.evaluate(() => 'canShare' in navigator)).toBe(false);
  await expect(control.getByRole('button', { name: /Share/ })).toHaveCount(0);
  // A time field left empty is said, at the field, instead of a file at some other time.
  const time = control.getByLabel('Time of day');
  await time.fill('');
  await control.getByRole('button', { name: 'Add to my calendar' }).click();
  await expect(control.getByRole('status')).toHaveText('Choose a time of day first, such as 18:30.');
  await expect(time).toHaveAttribute('aria-invalid', 'true');
  await time.fill('21:00');
  const downloading = page.waitForEvent('download');
  await control.getByRole('button', { name: 'Add to my calendar' }).click();
  expect(readFileSync(await (await downloading).path(), 'utf8')).toContain('T210000\r\n');
  await expect(time).toHaveAttribute('aria-invalid', 'false');
});

/** The address the reminder downloaded from `where` (a page or a frame) opens. */
async function reminderAddress(page, where) {
  await where.getByText('Remind me each day', { exact: true }).click();
  const downloading = page.waitForEvent('download');
  await where.getByRole('button', { name: 'Add to my calendar' }).click();
  const text = readFileSync(await (await downloading).path(), 'utf8');
  return { text, url: new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent').getFirstPropertyValue('url') };
}

test("in an iframe the reminder opens the page around it, never frame.html with the site's options", async ({ page, baseURL }) => {
  await page.goto('/hosts/blank.html?page_id=12&utm_source=newsletter&fbclid=abc#top');
  await addFrame(page, 'framed', `/frame.html?practices=${encodeURIComponent(SUGGESTED.join('|'))}`);
  const frame = page.frameLocator('#framed');
  await expect(frame.locator(TRACKER_READY)).toBeVisible();
  const { text, url } = await reminderAddress(page, frame);
  expect(url).toBe(`${baseURL}/hosts/blank.html`);
  expect(text).not.toContain('Asked how');
  expect(text).not.toContain('Asked+how');
  expect(text).not.toContain('frame.html');
  expect(text).not.toContain('newsletter');
  expect(text).not.toContain('fbclid');
  expect(text).not.toContain('page_id');
});

test('in a page the reminder opens the address the page names for itself', async ({ page, baseURL }) => {
  await page.goto('/hosts/blank.html?utm_source=newsletter');
  // (Without it, the address without its query: the test above.)
  await page.evaluate(() => {
    const link = document.createElement('link');
    link.rel = 'canonical';
    link.href = '/resources/what-is-emotional-intimacy/?p=7';
    document.head.append(link);
  });
  const widget = await addWidget(page, 'inpage', { practices: SUGGESTED.join('|') });
  await widget.scrollIntoViewIfNeeded();
  await expect(widget.locator(TRACKER_READY)).toBeVisible();
  const { text, url } = await reminderAddress(page, widget);
  expect(url).toBe(`${baseURL}/resources/what-is-emotional-intimacy/?p=7`);
  expect(text).not.toContain('Asked how');
  expect(text).not.toContain('newsletter');
});
