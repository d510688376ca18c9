// The deploy files, against the real servers (a level of `cargo xtask test`): dist/ served
// at /emotional-intimacy/ by Debian's Apache 2.4 with the .htaccess the build writes, and by
// Debian's nginx with the nginx.conf the build writes, each started here on loopback with a throwaway
// configuration. Every file must come with README's headers: its type, the precompressed
// .br/.gz when the browser accepts it (the same bytes as the file beside it), the cache rule
// for hashed and unhashed names (the builder's and demo's too), each page's CSP, CORS for
// host pages, nosniff and no referrer for every file. Then, in Chromium through each server:
// frame.html framed by a page of another origin, index.html refused there, and the snippet
// builder's iframe preview.
// Netlify's and Cloudflare's _headers cannot be run here: its rules are matched the way
// those hosts document, against the same expectations.
//
//   node deploy.mjs [apache] [nginx] [headers]      (all when none is named)
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

const dist = fileURLToPath(new URL('../../dist/', import.meta.url));
const nginxSnippet = join(dist, 'nginx.conf');
const PREFIX = '/emotional-intimacy/';
const names = readdirSync(dist);
const one = (test) => names.find(test);
// The policies, as the build wrote them (_headers holds each once).
const headersText = readFileSync(join(dist, '_headers'), 'utf8');
const policy = (path) => headersText.split(/\n(?=\/)/).find((r) => r.startsWith(`${path}\n`)).match(/Content-Security-Policy: (.+)/)[1];
const CSP = { page: policy('/index.html'), frame: policy('/frame*'), tool: policy('/builder/*') };
const IMMUTABLE = 'public, max-age=31536000, immutable';

// [path under the prefix, the file it is, type, cache rule, which CSP (or none)]
const FILES = [
  ['', 'index.html', 'text/html', 'no-cache', 'page'],
  ['index.html', 'index.html', 'text/html', 'no-cache', 'page'],
  ['frame.html', 'frame.html', 'text/html', 'no-cache', 'frame'],
  ['snippet.html', 'snippet.html', 'text/html', 'no-cache', null],
  ['embed.js', 'embed.js', 'javascript', 'no-cache', null],
  ['service-worker.js', 'service-worker.js', 'javascript', 'no-cache', null],
  ['manifest.webmanifest', 'manifest.webmanifest', 'application/manifest+json', 'no-cache', null],
  ['icon-maskable-512.png', 'icon-maskable-512.png', 'image/png', 'no-cache', null],
  ...[
    one((n) => /^emotional-intimacy-widget-[0-9a-f]{8,16}\.js$/.test(n)),
    one((n) => /^embed-host-[0-9a-f]{8,16}\.js$/.test(n)),
  ].map((n) => [n, n, 'javascript', IMMUTABLE, null]),
  [one((n) => n.endsWith('_bg.wasm')), one((n) => n.endsWith('_bg.wasm')), 'application/wasm', IMMUTABLE, null],
  [one((n) => /^widget-[0-9a-f]{8,16}\.css$/.test(n)), one((n) => /^widget-[0-9a-f]{8,16}\.css$/.test(n)), 'text/css', IMMUTABLE, null],
  [one((n) => /^widget-[0-9a-f]{8,16}\.html$/.test(n)), one((n) => /^widget-[0-9a-f]{8,16}\.html$/.test(n)), 'text/html', IMMUTABLE, null],
  // The snippet builder and the demo page: no-cache, and a policy that lets them frame frame.html.
  ['builder/', 'builder/index.html', 'text/html', 'no-cache', 'tool'],
  ['builder/builder.js', 'builder/builder.js', 'javascript', 'no-cache', 'tool'],
  ['builder/builder.css', 'builder/builder.css', 'text/css', 'no-cache', 'tool'],
  ['demo/index.html', 'demo/index.html', 'text/html', 'no-cache', 'tool'],
  ['demo/frame-height.js', 'demo/frame-height.js', 'javascript', 'no-cache', 'tool'],
];

function get(port, path, acceptEncoding) {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { 'accept-encoding': acceptEncoding } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Checks every file at `port` with each encoding the server should offer; returns problems. */
async function check(port, encodings) {
  const problems = [];
  for (const [path, file, type, cache, csp] of FILES) {
    for (const accept of ['identity', ...encodings]) {
      const where = `${PREFIX}${path} (Accept-Encoding: ${accept})`;
      const res = await get(port, PREFIX + path, accept === 'identity' ? 'identity' : `${accept}, identity`);
      const say = (what) => problems.push(`${where}: ${what}`);
      if (res.status !== 200) {
        say(`status ${res.status}`);
        continue;
      }
      const encoding = res.headers['content-encoding'];
      const expected = accept === 'identity' ? undefined : accept;
      if (encoding !== expected) say(`Content-Encoding ${encoding}, expected ${expected}`);
      const suffix = { br: '.br', gzip: '.gz' }[encoding] ?? '';
      if (!res.body.equals(readFileSync(join(dist, file + suffix)))) say(`the body is not ${file}${suffix}`);
      if (!String(res.headers['content-type']).includes(type)) say(`Content-Type ${res.headers['content-type']}`);
      if (res.headers['cache-control'] !== cache) say(`Cache-Control ${res.headers['cache-control']}, expected ${cache}`);
      if (res.headers['content-security-policy'] !== (csp ? CSP[csp] : undefined)) {
        say(csp ? `not the ${csp} CSP: ${res.headers['content-security-policy']}` : 'an unexpected CSP');
      }
      if (res.headers['access-control-allow-origin'] !== '*') say('no Access-Control-Allow-Origin: *');
      if (res.headers['x-content-type-options'] !== 'nosniff') say('no X-Content-Type-Options: nosniff');
      if (res.headers['referrer-policy'] !== 'no-referrer') say('no Referrer-Policy: no-referrer');
      if (encodings.length && !/accept-encoding/i.test(String(res.headers.vary))) say(`Vary ${res.headers.vary}`);
    }
  }
  return problems;
}

async function waitFor(port, child, what) {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`${what} exited: ${child.output()}`);
    try {
      await get(port, PREFIX, 'identity');
      return;
    } catch {
      await sleep(100);
    }
  }
  throw new Error(`${what} did not answer: ${child.output()}`);
}

function start(command, args) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  child.output = () => output.slice(-2000);
  return child;
}

/** A folder holding a copy of dist/ as emotional-intimacy/, as a site's document root
 * would. A copy, readable by the servers' workers (another user) wherever the checkout is:
 * a link into a private folder would answer 403. */
function siteRoot(scratch) {
  const root = join(scratch, 'www');
  cpSync(dist, join(root, 'emotional-intimacy'), { recursive: true });
  spawnSync('chmod', ['-R', 'a+rX', root]);
  return root;
}

const SERVERS = {
  async apache(scratch, port) {
    const root = siteRoot(scratch);
    const modules = '/usr/lib/apache2/modules';
    writeFileSync(join(scratch, 'apache.conf'), `
ServerRoot ${scratch}
ServerName localhost
Listen 127.0.0.1:${port}
PidFile ${scratch}/apache.pid
ErrorLog ${scratch}/apache-error.log
LoadModule mpm_prefork_module ${modules}/mod_mpm_prefork.so
LoadModule authz_core_module ${modules}/mod_authz_core.so
LoadModule mime_module ${modules}/mod_mime.so
LoadModule dir_module ${modules}/mod_dir.so
LoadModule rewrite_module ${modules}/mod_rewrite.so
LoadModule headers_module ${modules}/mod_headers.so
LoadModule env_module ${modules}/mod_env.so
LoadModule deflate_module ${modules}/mod_deflate.so
LoadModule filter_module ${modules}/mod_filter.so
User www-data
Group www-data
TypesConfig /etc/mime.types
DocumentRoot ${root}
<Directory ${root}>
  Options FollowSymLinks
  AllowOverride All
  Require all granted
</Directory>
# A host's usual on-the-fly compression, which must not compress the .br/.gz again.
AddOutputFilterByType DEFLATE text/html text/css text/javascript application/wasm
`);
    const child = start('apache2', ['-X', '-f', join(scratch, 'apache.conf')]);
    await waitFor(port, child, 'Apache');
    return { child, encodings: ['br', 'gzip'] };
  },
  async nginx(scratch, port) {
    const root = siteRoot(scratch);
    const snippet = readFileSync(nginxSnippet, 'utf8').replace('root /var/www;', `root ${root};`);
    writeFileSync(join(scratch, 'nginx.conf'), `
daemon off;
pid ${scratch}/nginx.pid;
error_log ${scratch}/nginx-error.log;
events {}
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path ${scratch}/body;
  proxy_temp_path ${scratch}/proxy;
  fastcgi_temp_path ${scratch}/fastcgi;
  uwsgi_temp_path ${scratch}/uwsgi;
  scgi_temp_path ${scratch}/scgi;
  server {
    listen 127.0.0.1:${port};
    ${snippet}
  }
}
`);
    const child = start('nginx', ['-c', join(scratch, 'nginx.conf'), '-p', scratch]);
    await waitFor(port, child, 'nginx');
    return { child, encodings: ['gzip'] };
  },
};

/** Netlify / Cloudflare Pages _headers, matched as they document: `*` matches anything,
 * every matching rule's headers apply. Served from the site root. */
function checkHeadersFile() {
  const rules = [];
  for (const line of readFileSync(join(dist, '_headers'), 'utf8').split('\n')) {
    if (line.startsWith('#') || !line.trim()) continue;
    if (!line.startsWith(' ')) rules.push({ pattern: line.trim(), headers: {} });
    else {
      const [name, ...value] = line.trim().split(': ');
      rules.at(-1).headers[name.toLowerCase()] = value.join(': ');
    }
  }
  const problems = [];
  // Cloudflare Pages also serves frame.html at /frame (its "pretty" addresses).
  for (const [path, , , cache, csp] of [...FILES, ['frame', 'frame.html', 'text/html', 'no-cache', 'frame']]) {
    const url = `/${path}`;
    const headers = {};
    for (const rule of rules) {
      const re = new RegExp(`^${rule.pattern.split('*').map((p) => p.replace(/[.?+^$|()[\]{}\\]/g, '\\$&')).join('.*')}$`);
      if (re.test(url)) Object.assign(headers, rule.headers);
    }
    if (headers['cache-control'] !== cache) problems.push(`_headers ${url}: Cache-Control ${headers['cache-control']}`);
    if (headers['content-security-policy'] !== (csp ? CSP[csp] : undefined)) {
      problems.push(`_headers ${url}: CSP ${headers['content-security-policy']}`);
    }
    if (headers['access-control-allow-origin'] !== '*') problems.push(`_headers ${url}: no Access-Control-Allow-Origin`);
    if (headers['x-content-type-options'] !== 'nosniff') problems.push(`_headers ${url}: no nosniff`);
    if (headers['referrer-policy'] !== 'no-referrer') problems.push(`_headers ${url}: no Referrer-Policy`);
  }
  return problems;
}

/** In Chromium, through the server at `port`: frame.html in an iframe on a page of another
 * origin shows the widget (its policy lets any site frame it); index.html there is refused
 * (only its own site may frame it); the snippet builder's iframe preview shows the widget
 * under the builder's own policy. Returns problems. */
async function checkFraming(port) {
  const { chromium } = await import('@playwright/test');
  const widget = `http://127.0.0.1:${port}${PREFIX}`;
  // A practice's page, on an origin of its own.
  const host = createServer((req, res) => {
    const page = new URL(req.url, 'http://x').searchParams.get('page') ?? 'frame.html';
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A practice</title>
<link rel="icon" href="data:,"></head><body><h1>Resources</h1>
<iframe id="f" src="${widget}${page}" title="The guide" style="width:100%;height:900px;border:0"></iframe></body></html>`);
  });
  await new Promise((resolve) => host.listen(0, '127.0.0.1', resolve));
  const hostOrigin = `http://127.0.0.1:${host.address().port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const problems = [];
  try {
    const page = await browser.newPage();
    await page.goto(`${hostOrigin}/?page=frame.html`);
    const frame = page.frameLocator('#f');
    try {
      await frame.locator('.ei-tracker__body:not([inert]) .ei-day').waitFor({ timeout: 15_000 });
    } catch {
      problems.push(`frame.html in an iframe on ${hostOrigin}: the widget did not show`);
    }
    await page.goto(`${hostOrigin}/?page=index.html`);
    await page.waitForLoadState('load');
    const refused = page.frames().find((f) => f !== page.mainFrame());
    if (!refused || !refused.url().startsWith('chrome-error:')) {
      problems.push(`index.html in an iframe on ${hostOrigin}: not refused (${refused?.url()})`);
    }
    await page.goto(`${widget}builder/`);
    await page.getByLabel('In an iframe (site builders that allow only iframes)').check();
    try {
      await page.frameLocator('#preview-frame').locator('.ei-tracker__body:not([inert]) .ei-day').waitFor({ timeout: 15_000 });
    } catch {
      problems.push('builder/: the iframe preview did not show the widget');
    }
  } finally {
    await browser.close();
    host.close();
  }
  return problems;
}

const wanted = process.argv.slice(2).length ? process.argv.slice(2) : ['apache', 'nginx', 'headers'];
let problems = [];
let port = 4231;
for (const name of wanted) {
  if (name === 'headers') {
    const found = checkHeadersFile();
    console.log(`  ${found.length ? 'FAIL' : 'ok  '}  _headers (Netlify, Cloudflare Pages), ${FILES.length} paths`);
    problems = problems.concat(found);
    continue;
  }
  const scratch = mkdtempSync(join(tmpdir(), `ei-${name}-`));
  chmodSync(scratch, 0o755); // the servers' workers run as another user
  let server;
  try {
    server = await SERVERS[name](scratch, port++);
    const found = await check(port - 1, server.encodings);
    console.log(`  ${found.length ? 'FAIL' : 'ok  '}  ${name}: ${FILES.length} paths x ${server.encodings.length + 1} encodings`);
    problems = problems.concat(found.map((p) => `${name}: ${p}`));
    const framing = await checkFraming(port - 1);
    console.log(`  ${framing.length ? 'FAIL' : 'ok  '}  ${name}: frame.html framed from another origin, index.html refused, the builder's preview`);
    problems = problems.concat(framing.map((p) => `${name}: ${p}`));
  } catch (error) {
    problems.push(`${name}: ${error.message}`);
    console.log(`  FAIL  ${name}: ${error.message}`);
  } finally {
    server?.child.kill();
    await sleep(200);
    rmSync(scratch, { recursive: true, force: true });
  }
}
if (problems.length) {
  console.log(`\n${problems.length} problem(s):\n${problems.map((p) => `  ${p}`).join('\n')}`);
  process.exit(1);
}
console.log('\nthe deploy files give every file its headers');
