// Writes FILE.gz (gzip -9) and FILE.br (brotli, quality 11) beside every file in a folder,
// so a server can send them as they are (Content-Encoding) instead of compressing on the fly.
// Usage: node compress.mjs DIR. Prints one JSON line per file: name, raw, gzip, brotli bytes.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = process.argv[2];
if (!root) {
  console.error('usage: node compress.mjs DIR');
  process.exit(2);
}

const SETTINGS = ['.htaccess', '_headers', 'nginx.conf'];

function* files(dir) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    // Server settings files (.htaccess, _headers, nginx.conf) are for servers, never sent.
    else if (!name.endsWith('.gz') && !name.endsWith('.br') && !SETTINGS.includes(name)) yield path;
  }
}

for (const path of files(root)) {
  const raw = readFileSync(path);
  const gz = gzipSync(raw, { level: 9 });
  const br = brotliCompressSync(raw, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
    },
  });
  writeFileSync(`${path}.gz`, gz);
  writeFileSync(`${path}.br`, br);
  console.log(JSON.stringify({ name: relative(root, path), raw: raw.length, gzip: gz.length, brotli: br.length }));
}
