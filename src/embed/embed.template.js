// embed.js — the one script a host page includes:
//   <div data-emotional-intimacy></div>
//   <script type="module" src="https://…/embed.js"></script>
// It loads the widget's hashed files from beside itself (so dist/ works from any folder or
// CDN path). On a page with an element marked data-emotional-intimacy (now or later) it
// loads the host module (src/embed/host/, joined by the build), which mounts a widget into each, in its own
// shadow root, once an element's widget is in gives it a data-ei-mounted attribute, and
// keeps its look in step with the page. Also: EmotionalIntimacy.mount(element, options)
// and .version, and an 'emotional-intimacy:ready' event on window once they exist. On the
// widget's own pages (index.html, frame.html) it starts the wasm, which takes the page over;
// on index.html it also registers the service worker that keeps that page working offline.
// Generated at build time from src/embed/embed.template.js (file names, title and option
// names filled in).

// The pre-rendered widget (html) comes with what it holds (comments, elements, attributes):
// the wasm takes it over only while the page still holds that.
const files = { js: '__EI_JS__', wasm: '__EI_WASM__', css: '__EI_CSS__', html: '__EI_HTML__', htmlMarkup: '__EI_HTML_MARKUP__' };
const TITLE = __EI_TITLE__; // the guide's title, from the content file
// What a visitor reads where the wasm cannot run (from src/ui/strings/).
const WORDS = __EI_WORDS__;
// This release's version (Cargo.toml's): EmotionalIntimacy.version, and data-ei-release on
// each widget's container.
const VERSION = '__EI_RELEASE__';
const PACKAGE = '__EI_PACKAGE__'; // the npm package's name

/** The folder of the widget's files: this script's. Loaded from a CDN under a version range
 * (…/emotional-intimacy-widget@1/embed.js), the hashed files are asked for at this exact
 * release instead: a release published meanwhile cannot answer for them. */
function filesBase() {
  const url = new URL('.', import.meta.url);
  const range = `/${PACKAGE}@`;
  const at = url.pathname.indexOf(range);
  if (at >= 0) {
    const end = url.pathname.indexOf('/', at + range.length);
    url.pathname = `${url.pathname.slice(0, at)}${range}${VERSION}${url.pathname.slice(end)}`;
  }
  return url;
}
const OPTIONS = __EI_OPTIONS__; // every option's name, from src/embed/options.rs
const MARKUP = __EI_MARKUP__; // the options that change the widget's HTML (the same file)
const MARKER = 'data-emotional-intimacy';
// Mounting in-page widgets and reading the host page for their look: a module of its own,
// loaded only where there is an in-page widget.
const HOST = '__EI_HOST__';
if (!window.EmotionalIntimacy) start();

/** Where the wasm cannot run (no WebAssembly: iOS Lockdown Mode, a JIT turned off; a page
 * policy without 'wasm-unsafe-eval'; a file an upgrade removed): the guide on screen stays
 * (its sections open natively), and the tracker's place says, once and calmly, why it is
 * not there. `root` holds the pre-rendered widget. */
function cannotRun(root) {
  const tracker = root.querySelector('.ei-tracker');
  if (!tracker || tracker.querySelector('.ei-tracker__cannot')) return;
  tracker.querySelector('.ei-tracker__body')?.remove();
  const line = tracker.querySelector('.ei-tracker__loading') ?? document.createElement('p');
  line.className = 'ei-tracker__loading ei-tracker__cannot';
  const guide = root.querySelector('details.ei-disclosure, .ei-quick-take');
  line.textContent = guide ? `${WORDS.noWasm} ${WORDS.noWasmGuide}` : WORDS.noWasm;
  if (!line.isConnected) tracker.append(line);
}

function start() {
  const here = filesBase();

  let loading = null;
  function load() {
    loading ??= import(new URL(files.js, here).href)
      .then(async (glue) => {
        await glue.default({ module_or_path: new URL(files.wasm, here) });
        return glue;
      })
      .catch((error) => {
        loading = null; // a later mount may try again (a flaky network)
        throw error;
      });
    return loading;
  }

  // In-page widgets are the host module's business, loaded only where there is one (the
  // widget's own pages never need it).
  let hosting = null;
  const host = () =>
    (hosting ??= import(new URL(HOST, here).href).then((module) =>
      module.start({ here, files, load, cannotRun, TITLE, WORDS, VERSION, OPTIONS, MARKUP }),
    ));

  window.EmotionalIntimacy = Object.freeze({
    version: VERSION,
    mount: (element, options = {}) => host().then((widgets) => widgets.mount(element, options)),
  });
  window.dispatchEvent(new Event('emotional-intimacy:ready'));

  const marked = () => document.querySelector(`[${MARKER}]`);
  if (marked()) host();
  else {
    const watch = new MutationObserver(() => {
      if (marked()) {
        watch.disconnect();
        host();
      }
    });
    watch.observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: [MARKER] });
  }

  // The widget's own pages (index.html, frame.html): start the wasm, which renders (or
  // hydrates) the page's root element.
  const page = document.querySelector('#emotional-intimacy[data-ei-page]');
  if (page) {
    load().catch((error) => {
      console.error('emotional-intimacy widget: could not load', error);
      cannotRun(page);
    });
  }

  // The standalone page (release builds mark it) works offline after one visit: its service
  // worker, registered once the page has loaded so it never competes with the page's files.
  if (page?.hasAttribute('data-ei-offline') && 'serviceWorker' in navigator) {
    const register = () =>
      navigator.serviceWorker
        .register(new URL('service-worker.js', here))
        .catch((error) => console.warn('emotional-intimacy widget: no offline copy', error));
    if (document.readyState === 'complete') register();
    else addEventListener('load', register, { once: true });
  } else if (page && !page.hasAttribute('data-frame') && navigator.serviceWorker?.controller) {
    // index.html without it (a development build at an address a release build used): the
    // old worker would keep answering with that release's files.
    navigator.serviceWorker.getRegistration().then((registration) => registration?.unregister());
  }

  if (page?.hasAttribute('data-frame')) {
    // frame.html: ?theme=light or dark forces a scheme (an iframe cannot see its parent's
    // page, so "host" means the system's setting there, as "auto" does).
    const theme = new URLSearchParams(location.search).get('theme')?.trim().toLowerCase();
    if (theme === 'light' || theme === 'dark') page.classList.add(`ei-scheme-${theme}`);
    else if (theme && theme !== 'auto' && theme !== 'host') {
      console.warn(`emotional-intimacy widget: data-theme="${theme}" is not auto, light or dark; using auto.`);
    }
  }

  // frame.html: tell the parent page how tall the content is, whenever that changes.
  // Message: { type: 'emotional-intimacy:height', height: <CSS px> }.
  if (page?.hasAttribute('data-frame') && window.parent !== window) {
    let last = 0;
    const report = () => {
      const height = Math.ceil(page.getBoundingClientRect().bottom + window.scrollY);
      if (height !== last) {
        last = height;
        window.parent.postMessage({ type: 'emotional-intimacy:height', height }, '*');
      }
    };
    new ResizeObserver(report).observe(page);
    report();
  }
}
