// Minifies the stylesheet and scripts Trunk wrote at the top of a dist/ folder (esbuild:
// whitespace, comments, local names; no syntax lowering, so light-dark() and the rest stay
// as written), then updates the `integrity` hashes the HTML pages give for them.
// Trunk's own minifier is not used: it fails on wasm-bindgen's `export default` and strips
// the comment the pre-render step fills in.
// Usage: node minify.mjs DIR. Prints one line per file: name, bytes before and after.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { transform } from 'esbuild';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node minify.mjs DIR');
  process.exit(2);
}

const sri = (text) => `sha384-${createHash('sha384').update(text).digest('base64')}`;
const names = readdirSync(dir).sort();
const pages = names.filter((n) => n.endsWith('.html'));
const newHashFor = new Map();

for (const name of names.filter((n) => n.endsWith('.css') || n.endsWith('.js'))) {
  const path = join(dir, name);
  const before = readFileSync(path, 'utf8');
  const { code } = await transform(before, {
    loader: name.endsWith('.css') ? 'css' : 'js',
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
  });
  writeFileSync(path, code);
  newHashFor.set(sri(before), sri(code));
  console.log(`${name} ${before.length} -> ${code.length}`);
}

for (const page of pages) {
  const path = join(dir, page);
  let html = readFileSync(path, 'utf8');
  for (const [from, to] of newHashFor) html = html.replaceAll(`integrity="${from}"`, `integrity="${to}"`);
  writeFileSync(path, html);
}

// Any integrity left unmatched would make the browser refuse the file: fail the build instead.
for (const page of pages) {
  const html = readFileSync(join(dir, page), 'utf8');
  for (const [, file, hash] of html.matchAll(/href="\.\/([^"]+)"[^>]*integrity="([^"]+)"/g)) {
    if (sri(readFileSync(join(dir, file))) !== hash) {
      console.error(`${page}: the integrity hash for ${file} does not match the file`);
      process.exit(1);
    }
  }
}
