// service-worker.js — the standalone page (index.html) offline, after one visit. Registered
// by embed.js on that page only (never on a host's page, nor in frame.html); its scope is
// this folder. Written by the release build from src/app/service-worker.js, with this
// build's id and file list filled in.
//
// One cache per build, filled whole when the worker installs: the page, embed.js, the JS
// glue, the wasm, the manifest and the icons of one build. Those files are answered from that
// cache, so the HTML and the wasm always come from the same build, online or not. A new
// release's worker fills its own cache beside the old one and waits (quietly: no prompt) until
// no page of the old release is open; it then takes over and deletes the old cache. Anything
// else (the demo, the builder, frame.html, other sites) goes to the network as usual.

const BUILD = '__EI_BUILD__';
const FILES = __EI_FILES__; // relative to this script
const PAGE = 'index.html';
// Caches are per origin: the scope in the name keeps two copies of dist/ on one site apart.
const PREFIX = `emotional-intimacy:${self.registration.scope}:`;
const CACHE = PREFIX + BUILD;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      // 'no-cache': the unhashed files are checked with the server, never taken stale from
      // the HTTP cache (an older release's index.html must not join this build's wasm).
      cache.addAll(FILES.map((file) => new Request(file, { cache: 'no-cache' }))),
    ),
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

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  let file = null;
  if (request.mode === 'navigate') {
    // The page itself, by any of its names (a ?query or #fragment too).
    if (url.origin === scope.origin && (url.pathname === scope.pathname || url.pathname === scope.pathname + PAGE)) {
      file = new URL(PAGE, scope).href;
    }
  } else {
    url.search = '';
    url.hash = '';
    if (cached.has(url.href)) file = url.href;
  }
  if (!file) return;
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(file))
      // Not there (the browser cleared the cache but kept the worker): the network.
      .then((response) => response ?? fetch(request)),
  );
});
