// Every page in dist/ is valid HTML, by the Nu HTML Checker (vnu-jar from npm, run with
// Debian's Java): the standalone page, frame.html, the builder and the demo as served; the
// pasted snippet and the pre-rendered widget (fragments) inside a minimal page; and the
// standalone page's DOM once its tracker has loaded, with the summary open and an import
// ready (what ARIA the wasm adds). Errors fail; warnings are printed.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from '@playwright/test';
import { TRACKER_READY, openWidget } from './helpers.mjs';

const dist = fileURLToPath(new URL('../../dist/', import.meta.url));
const VNU = fileURLToPath(new URL('./node_modules/vnu-jar/build/dist/vnu.jar', import.meta.url));

/** A fragment inside the least a valid page needs. */
const page = (title, body) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><main>${body}</main></body></html>`;

/** The Nu checker's messages for these files: { errors, warnings }, as "file: message". */
function check(files) {
  let out;
  try {
    out = execFileSync('java', ['-jar', VNU, '--format', 'json', '--exit-zero-always', ...files], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    out = error.stderr ?? error.stdout;
  }
  // (The JSON report goes to stderr.)
  const { messages } = JSON.parse(out || '{"messages":[]}');
  const say = (m) => `${m.url.split('/').slice(-2).join('/')}:${m.lastLine}: ${m.message}`;
  return {
    errors: messages.filter((m) => m.type === 'error').map(say),
    warnings: messages.filter((m) => m.type !== 'error').map(say),
  };
}

test('every page in dist/ is valid HTML', async ({}, testInfo) => {
  const scratch = mkdtempSync(join(tmpdir(), 'ei-vnu-'));
  try {
    const files = ['index.html', 'frame.html', 'builder/index.html', 'demo/index.html'].map((f) => join(dist, f));
    writeFileSync(join(scratch, 'snippet.html'), page('The pasted snippet', readFileSync(join(dist, 'snippet.html'), 'utf8')));
    const widget = readdirSync(dist).find((n) => /^widget-[0-9a-f]+\.html$/.test(n));
    writeFileSync(join(scratch, 'widget.html'), page('The pre-rendered widget', readFileSync(join(dist, widget), 'utf8')));
    const { errors, warnings } = check([...files, join(scratch, 'snippet.html'), join(scratch, 'widget.html')]);
    if (warnings.length) testInfo.annotations.push({ type: 'warnings', description: warnings.join('\n') });
    expect(errors).toEqual([]);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});

test('the standalone page is valid HTML once the wasm has drawn the tracker, the summary and an import', async ({ page: tab }, testInfo) => {
  await openWidget(tab);
  await expect(tab.locator(TRACKER_READY)).toBeVisible();
  await tab.evaluate(() => (window.print = () => {}));
  await tab.getByRole('button', { name: 'Print a summary' }).click();
  const file = testInfo.outputPath('export.json');
  writeFileSync(file, JSON.stringify({ version: 2, practices: [{ id: 1, name: 'Cooked together' }], days: {} }));
  await tab.getByLabel('Import a tracker file (.json)').setInputFiles(file);
  await expect(tab.locator('.ei-import-preview')).toBeVisible();
  const scratch = mkdtempSync(join(tmpdir(), 'ei-vnu-'));
  try {
    writeFileSync(join(scratch, 'drawn.html'), await tab.content());
    const { errors } = check([join(scratch, 'drawn.html')]);
    expect(errors).toEqual([]);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});
