// The release build's last step. Minifies the stylesheet and scripts Trunk wrote at the top
// of a dist/ folder (esbuild: whitespace, comments, local names; no syntax lowering), then
// updates the `integrity` hashes the HTML pages give for them. Then puts the stylesheet
// inline in the widget's own pages (index.html, frame.html), so nothing but the HTML blocks
// their first paint, and its hash into the CSP of the deploy files (.htaccess, _headers,
// nginx.conf), where the pre-render step left __EI_STYLE_HASH__. Host pages' embeds keep
// loading the stylesheet as a file, into their shadow roots. Last, the service worker gets
// each file's final size and hash.
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

// The JS glue's modulepreload (Trunk.toml's pattern_script, which has no integrity of its
// own) gets the final file's: the page then runs only the glue of its build.
for (const page of pages) {
  const path = join(dir, page);
  const html = readFileSync(path, 'utf8').replace(
    /<link rel="modulepreload" href="\.\/([^"]+)"([^>]*)>/g,
    (link, file, rest) => (rest.includes('integrity=') ? link : `<link rel="modulepreload" href="./${file}"${rest} integrity="${sri(readFileSync(join(dir, file)))}">`),
  );
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

// The stylesheet inline in the widget's own pages, allowed by its hash.
const stylesheet = names.find((n) => /^widget-[0-9a-f]+\.css$/.test(n));
const css = readFileSync(join(dir, stylesheet), 'utf8');
if (css.includes('</style')) {
  console.error(`${stylesheet} contains "</style": it cannot be put inline`);
  process.exit(1);
}
const styleHash = `'sha256-${createHash('sha256').update(css).digest('base64')}'`;
for (const page of ['index.html', 'frame.html']) {
  const path = join(dir, page);
  const html = readFileSync(path, 'utf8');
  const link = new RegExp(`<link rel="stylesheet" href="\\./${stylesheet.replace('.', '\\.')}"[^>]*>`);
  if (!link.test(html)) {
    console.error(`${page}: no <link> to ${stylesheet} to put inline`);
    process.exit(1);
  }
  writeFileSync(path, html.replace(link, () => `<style>${css}</style>`));
}
for (const file of ['.htaccess', '_headers', 'nginx.conf']) {
  const path = join(dir, file);
  const text = readFileSync(path, 'utf8');
  if (!text.includes('__EI_STYLE_HASH__')) {
    console.error(`${file}: no __EI_STYLE_HASH__ to fill in`);
    process.exit(1);
  }
  writeFileSync(path, text.replaceAll('__EI_STYLE_HASH__', styleHash));
}
console.log(`${stylesheet} inline in index.html and frame.html; CSP style-src ${styleHash}`);

// The service worker (release builds): each file it keeps, with its final size and SHA-256,
// so it keeps nothing an unfinished upload left half old or cut short.
const workerPath = join(dir, 'service-worker.js');
if (names.includes('service-worker.js')) {
  const worker = readFileSync(workerPath, 'utf8');
  const files = JSON.parse(worker.match(/FILES=(\[[^\]]*\])/)[1]);
  const expected = {};
  for (const file of files) {
    const bytes = readFileSync(join(dir, file === './' ? 'index.html' : file));
    expected[file] = [bytes.length, createHash('sha256').update(bytes).digest('base64')];
  }
  if (!worker.includes('__EI_EXPECTED__')) {
    console.error('service-worker.js: no __EI_EXPECTED__ to fill in');
    process.exit(1);
  }
  writeFileSync(workerPath, worker.replace('__EI_EXPECTED__', JSON.stringify(expected)));
  console.log(`service-worker.js: sizes and hashes of ${files.length} files`);
}
