// A Playwright reporter that writes each failed test, one line with the first line of its
// error, to test-results/failures.txt. `cargo xtask test` repeats them at the end of its
// summary: CI keeps only the end of the output, which the later levels fill.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const plain = (text) => String(text ?? '').replace(/\u001b\[[0-9;]*m/g, '');

export default class FailuresReporter {
  constructor() {
    this.failed = [];
  }

  onTestEnd(test, result) {
    if (result.status === test.expectedStatus || result.status === 'skipped') return;
    const where = `${relative(process.cwd(), test.location.file)}:${test.location.line}`;
    const why = plain(result.error?.message).split('\n').find((line) => line.trim()) ?? result.status;
    this.failed.push(`${where} › ${test.titlePath().filter(Boolean).slice(1).join(' › ')}: ${why.trim()}`);
  }

  onEnd() {
    const dir = join(process.cwd(), 'test-results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'failures.txt'), this.failed.map((line) => `${line}\n`).join(''));
  }

  printsToStdio() {
    return false;
  }
}
