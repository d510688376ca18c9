// A small static file server for the end-to-end tests: serves dist/ on 127.0.0.1 with the
// right content types (application/wasm matters) and nothing else. No dependencies.
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = resolve(process.env.DIST_DIR ?? join(here, '../../dist'));
// Host pages for the embed tests, served at /hosts/ beside the widget's own files.
const hosts = resolve(join(here, 'hosts'));

// The policies the build writes into dist/_headers (from src/build/deploy.rs): one source. The
// pages' (STRICT_CSP: no inline script, no eval, only 'wasm-unsafe-eval' to compile the
// wasm; nothing from other origins), frame.html's (any site may frame it) and the builder's
// and demo's (they frame frame.html).
const headersFile = join(root, '_headers');
const rules = existsSync(headersFile) ? readFileSync(headersFile, 'utf8').split(/\n(?=\/)/) : [];
const policyOf = (path) =>
  rules.find((rule) => rule.startsWith(`${path}\n`))?.match(/Content-Security-Policy: (.+)/)?.[1] ?? null;
export const STRICT_CSP = policyOf('/index.html');
export const FRAME_CSP = policyOf('/frame*');
export const TOOL_CSP = policyOf('/builder/*');
const port = Number(process.env.PORT ?? 4178);

// For engines whose console WebDriver cannot read (WebKitGTK under automation), with
// COLLECT_ERRORS=1 every HTML page gets, first in its <head>, a script that records uncaught
// errors, rejected promises, failed loads and console.error calls in window.__errors.
const COLLECT_ERRORS = process.env.COLLECT_ERRORS === '1';
const ERROR_COLLECTOR = '/__collect-errors.js';
const ERROR_COLLECTOR_JS = `window.__errors = [];
const record = (what) => window.__errors.push(String(what));
addEventListener('error', (e) => record(e.message || \`failed to load \${e.target?.src || e.target?.href}\`), true);
addEventListener('unhandledrejection', (e) => record(e.reason));
const consoleError = console.error.bind(console);
console.error = (...args) => { record(args.join(' ')); consoleError(...args); };
`;
function withErrorCollector(html) {
  if (!COLLECT_ERRORS) return html;
  return html.replace(/<head>/i, `<head><script src="${ERROR_COLLECTOR}"></script>`);
}

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
  '.ico': 'image/x-icon',
};

const server = createServer(async (req, res) => {
  try {
    const url = new URL(req.url, 'http://localhost');
    // As Cloudflare Pages does: …/index.html redirects to …/ (REDIRECT_INDEX=1).
    if (process.env.REDIRECT_INDEX === '1' && url.pathname.endsWith('/index.html')) {
      res.writeHead(301, { location: url.pathname.slice(0, -'index.html'.length) }).end();
      return;
    }
    const fromHosts = url.pathname.startsWith('/hosts/');
    const base = fromHosts ? hosts : root;
    const rel = fromHosts ? url.pathname.slice('/hosts'.length) : url.pathname;
    let path = normalize(join(base, decodeURIComponent(rel)));
    if (!path.startsWith(base)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    if ((await stat(path).catch(() => null))?.isDirectory()) path = join(path, 'index.html');
    // A host page with dist/snippet.html pasted into it, as a site owner would. With
    // ?minified, pasted twice (the second with a storage key of its own) and then passed
    // through what WordPress optimisation plugins do to a page: HTML comments stripped,
    // whitespace between tags collapsed.
    if (url.pathname === '/hosts/pasted.html') {
      // Its ./ addresses made the address of the widget's files, as its comment says to.
      let snippet = (await readFile(join(root, 'snippet.html'), 'utf8')).replaceAll('"./', '"/');
      if (url.searchParams.has('minified')) {
        const second = snippet.replace('<div data-emotional-intimacy>', '<div data-emotional-intimacy data-storage-key="second">');
        snippet = `${snippet}<h2>Another</h2>${second}`.replace(/<!--[\s\S]*?-->/g, '').replace(/>\s+</g, '><');
      }
      const page = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Pasted</title>
<link rel="icon" href="data:,"></head><body><h1>A host page with the pasted snippet</h1>
${snippet}</body></html>`;
      res.writeHead(200, { 'content-type': types['.html'], 'cache-control': 'no-store' });
      res.end(withErrorCollector(page));
      return;
    }
    if (COLLECT_ERRORS && url.pathname === ERROR_COLLECTOR) {
      res.writeHead(200, { 'content-type': types['.js'], 'cache-control': 'no-store' });
      res.end(ERROR_COLLECTOR_JS);
      return;
    }
    // Send the .br or .gz written beside the file (cargo xtask dist), as a server should.
    const accepts = String(req.headers['accept-encoding'] ?? '');
    let body = null;
    let encoding = null;
    for (const [ext, name] of [['.br', 'br'], ['.gz', 'gzip']]) {
      if (!accepts.includes(name)) continue;
      body = await readFile(path + ext).catch(() => null);
      if (body) {
        encoding = name;
        break;
      }
    }
    body ??= await readFile(path);
    if (COLLECT_ERRORS && extname(path) === '.html') {
      // Sent uncompressed, with the collector first in <head>.
      body = Buffer.from(withErrorCollector(String(await readFile(path))));
      encoding = null;
    }
    const headers = {
      'content-type': types[extname(path)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
      vary: 'accept-encoding',
    };
    if (encoding) headers['content-encoding'] = encoding;
    // As README says to serve the files to host pages on other origins.
    if (process.env.CORS === '1') headers['access-control-allow-origin'] = '*';
    // ?csp=no-wasm: a host's policy that does not let WebAssembly compile (no
    // 'wasm-unsafe-eval', as Safari 15 and older do not know it).
    if (url.searchParams.get('csp') === 'no-wasm') {
      headers['content-security-policy'] = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:";
    }
    if (STRICT_CSP && ['/hosts/csp.html', '/', '/index.html'].includes(url.pathname)) {
      headers['content-security-policy'] = STRICT_CSP;
    }
    if (FRAME_CSP && url.pathname === '/frame.html') headers['content-security-policy'] = FRAME_CSP;
    if (TOOL_CSP && /^\/(builder|demo)\//.test(url.pathname)) headers['content-security-policy'] = TOOL_CSP;
    res.writeHead(200, headers);
    res.end(body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }
});

// Listen only when run as a program.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  server.listen(port, '127.0.0.1', () => {
    console.log(`serving ${root} on http://127.0.0.1:${port}/`);
  });
}
