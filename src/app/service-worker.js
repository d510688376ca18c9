// service-worker.js — the standalone page (index.html) offline, after one visit. Registered
// by embed.js on that page only (never on a host's page, nor in frame.html); its scope is
// this folder. Written by the release build from src/app/service-worker.js, with this
// build's id and file list filled in.
//
// One cache per build, filled whole when the worker installs: the page, embed.js, the JS
// glue, the wasm, the manifest and the icons of one build. The page, and those files when the
// page asks for them, are answered from that cache, so its HTML and its wasm always come from
// the same build, online or not. A new
// release's worker fills its own cache beside the old one and waits (quietly: no prompt) until
// no page of the old release is open; it then takes over and deletes the old cache. Anything
// else (the demo, the builder, frame.html and what it loads, other sites) goes to the network
// as usual.

const BUILD = '__EI_BUILD__';
const FILES = __EI_FILES__; // relative to this script; './' is the page
const PAGE = './';
// Each file's size and SHA-256 (base64) as the build wrote it, by the release build's last
// step (xtask/tools/minify.mjs): { "embed.js": [bytes, "hash"], … }.
const EXPECTED = __EI_EXPECTED__;
// The JS glue's hashed name, which this build's page names.
const GLUE = '__EI_GLUE__';
// Caches are per origin: the scope in the name keeps two copies of dist/ on one site apart.
const PREFIX = `emotional-intimacy:${self.registration.scope}:`;
const CACHE = PREFIX + BUILD;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then(async (cache) => {
      // 'no-cache': the unhashed files are checked with the server, never taken stale from
      // the HTTP cache.
      await cache.addAll(FILES.map((file) => new Request(file, { cache: 'no-cache' })));
      // Some hosts redirect (…/index.html to …/): a redirected response cannot answer a
      // navigation, so keep the page's content under a plain one.
      const page = await cache.match(PAGE);
      if (page.redirected) await cache.put(PAGE, new Response(await page.blob(), page));
      // Files uploaded one by one may meet this worker half-way: an older page beside this
      // build's wasm, a file cut short. Keep nothing that is not this build's (the browser
      // tries again on a later visit, when the upload is complete): every file byte for byte,
      // but the page, which a host may rewrite as it serves it (an injected script or
      // banner) and which must only be this build's page, naming this build's glue.
      for (const file of FILES) {
        const body = await (await cache.match(file)).arrayBuffer();
        const [bytes, hash] = EXPECTED[file];
        const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', body));
        const same =
          file === PAGE
            ? new TextDecoder().decode(body).includes(GLUE)
            : body.byteLength === bytes && btoa(String.fromCharCode(...digest)) === hash;
        if (!same) {
          await caches.delete(CACHE);
          throw new Error(`${file} is not build ${BUILD}'s (an upload not finished?)`);
        }
      }
    }),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k))),
      ),
  );
});

const scope = new URL(self.registration.scope);
const cached = new Set(FILES.map((file) => new URL(file, scope).href));
/** The standalone page, by any of its names (a ?query or #fragment too). */
const isPage = (url) =>
  url.origin === scope.origin && (url.pathname === scope.pathname || url.pathname === `${scope.pathname}index.html`);

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (request.mode === 'navigate') {
    if (isPage(url)) event.respondWith(answer(scope.href, request));
    return;
  }
  url.search = '';
  url.hash = '';
  if (!cached.has(url.href)) return;
  // Only the standalone page gets this build's files. frame.html, or a host page on this
  // site, may be from a newer release than this cache: they always get the server's.
  event.respondWith(
    self.clients
      .get(event.clientId)
      .then((client) => (client && isPage(new URL(client.url)) ? answer(url.href, request) : fetch(request))),
  );
});

function answer(file, request) {
  return (
    caches
      .open(CACHE)
      .then((cache) => cache.match(file))
      // Not there (the browser cleared the cache but kept the worker): the network.
      .then((response) => response ?? fetch(request))
  );
}
