// embed.js — the one script a host page includes:
//   <div data-emotional-intimacy></div>
//   <script type="module" src="https://…/embed.js"></script>
// It loads the widget's hashed files from beside itself (so dist/ works from any folder or
// CDN path) and mounts a widget, in its own shadow root, into every element with
// data-emotional-intimacy: now, when such an element is added later, and when an element
// gains the attribute. Widgets whose element leaves the page are unmounted. Also:
// EmotionalIntimacy.mount(element, options), and an 'emotional-intimacy:ready' event on
// window once that API exists.
// Once an element's widget is in, it gets a data-ei-mounted attribute (editor previews and
// auto-sizers measure then). How it looks (light or dark, plain or card) follows the host
// page live: that part is host.js, loaded only where there is an in-page widget.
// Generated at build time from src/embed/embed.template.js (file names, title and option
// names filled in).

const files = { js: '__EI_JS__', wasm: '__EI_WASM__', css: '__EI_CSS__', html: '__EI_HTML__' };
const TITLE = __EI_TITLE__; // the guide's title, from the content file
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
const MOUNTED_ATTR = 'data-ei-mounted';
// How the host page is read (light or dark, the look): a module of its own, loaded only
// where there is an in-page widget.
const HOST = '__EI_HOST__';
// Shared by every copy of this script on the page, so loading it twice mounts nothing twice.
const MOUNTED = Symbol.for('emotional-intimacy.widget');

if (!window.EmotionalIntimacy) start();

function start() {
  const here = filesBase();
  const mounted = new Set();

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

  function optionsOf(element) {
    const options = {};
    for (const name of OPTIONS) {
      const value = element.getAttribute(`data-${name}`);
      if (value !== null) options[name] = value;
    }
    return options;
  }

  // The host-page module, loaded once, on the first in-page mount; it then watches the page
  // and presents every mounted widget again when the page may look different.
  let hosting = null;
  function loadHost() {
    hosting ??= import(new URL(HOST, here).href).then((host) => {
      const presentAll = host.watchPage(() => {
        for (const element of mounted) {
          const state = element[MOUNTED];
          if (state?.container) host.present(element, state.container, state.presentation());
        }
      });
      return { ...host, presentAll };
    });
    return hosting;
  }

  /** Resolves once `element` comes within `margin` (a share of the viewport's height) of
   * the screen; at once where that cannot be known, or when the page's address points into
   * a widget (a deep link). `state.stops` gets a function that stops the watching. */
  function near(element, margin, state) {
    if (!('IntersectionObserver' in window) || location.hash.length > 1) return Promise.resolve();
    return new Promise((resolve) => {
      const watch = new IntersectionObserver(
        (entries) => {
          if (entries.some((entry) => entry.isIntersecting)) {
            watch.disconnect();
            resolve();
          }
        },
        { rootMargin: `${margin} 0px` },
      );
      watch.observe(element);
      state.stops.push(() => watch.disconnect());
    });
  }

  /** Resolves on the first pointer, key or focus inside `element`. */
  function touched(element, state) {
    return new Promise((resolve) => {
      const events = ['pointerdown', 'keydown', 'focusin'];
      const go = () => {
        for (const type of events) element.removeEventListener(type, go, true);
        resolve();
      };
      for (const type of events) element.addEventListener(type, go, true);
      state.stops.push(go);
    });
  }

  async function mount(element, options = {}) {
    if (!(element instanceof Element)) {
      throw new TypeError('EmotionalIntimacy.mount(element, options) needs an element');
    }
    if (element[MOUNTED]) return;
    // This call's own state: if the element is unmounted (and perhaps mounted again) while
    // the wasm loads, this call must not mount into its old, orphaned container.
    const state = {
      widget: null,
      container: null,
      stops: [],
      // A data-theme or data-look set later wins over what mount() was given.
      presentation: () => ({
        theme: element.getAttribute('data-theme') ?? options.theme,
        look: element.getAttribute('data-look') ?? options.look,
      }),
    };
    element[MOUNTED] = state;
    const { theme: _theme, look: _look, ...wasmOptions } = options;
    // The pre-rendered widget is this one unless an option changes its HTML.
    const defaults = !MARKUP.some((name) => name in wasmOptions);
    const current = () => element[MOUNTED] === state;
    const mark = () => requestAnimationFrame(() => current() && element.setAttribute(MOUNTED_ATTR, ''));
    try {
      const shadow = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
      // A pasted snippet (declarative shadow DOM) from this very build is shown as it is and
      // later taken over in place (hydrated); an old one is drawn afresh.
      const pasted = [...shadow.children].find((child) => child.classList.contains('ei-root'));
      let prerendered = pasted?.dataset.eiVersion === files.js && defaults;
      let container = pasted;
      let styled = Promise.resolve();
      // Shown even while still empty: a theme's `div:empty { display: none }` would hide the
      // element from the watch below for good. (Its stylesheet then says the same, in :host.)
      element.style.setProperty('display', 'block', 'important');
      // The widget's HTML and look, once it is within three screens: the guide reads and
      // its sections open (natively) long before any wasm. A page whose widget is further
      // down downloads nothing more than this script until then.
      await near(element, '300%', state);
      if (!current()) return;
      if (!prerendered) {
        const style = document.createElement('link');
        style.rel = 'stylesheet';
        style.href = new URL(files.css, here).href;
        styled = new Promise((resolve) => {
          style.onload = resolve;
          style.onerror = resolve;
        });
        container = document.createElement('div');
        container.className = 'ei-root';
        container.dataset.eiRelease = VERSION;
        // The widget as pre-rendered with the default options; others are drawn by the wasm.
        const html = defaults
          ? await fetch(new URL(files.html, here)).then((r) => (r.ok ? r.text() : null), () => null)
          : null;
        if (!current()) return;
        if (html) {
          container.innerHTML = html;
          prerendered = true;
        }
        shadow.replaceChildren(style, container);
      }
      state.container = container;
      mounted.add(element);
      const host = await loadHost();
      if (!current()) return;
      // The scheme and look are set before the widget shows, so it appears as it will stay.
      host.present(element, container, state.presentation());
      if (prerendered) mark();
      // The wasm (the tracker, Expand all, deep links) once the widget is within a screen,
      // or as soon as the visitor points at, types in or tabs into it.
      await Promise.race([near(element, '100%', state), touched(element, state)]);
      if (!current()) return;
      const [glue] = await Promise.all([load(), styled]);
      if (!current()) return; // unmounted while loading
      state.widget = glue.mount(container, wasmOptions, prerendered);
      // Now with the widget's own colours to check the plain look's contrast against.
      host.present(element, container, state.presentation());
      mark();
    } catch (error) {
      console.error(`emotional-intimacy widget: could not show the widget in <${element.localName}>`, error);
      if (element.shadowRoot) {
        element.shadowRoot.textContent = `The guide “${TITLE}” could not load here.`;
      }
    }
  }

  function unmount(element) {
    const state = element[MOUNTED];
    if (!state) return;
    delete element[MOUNTED];
    for (const stop of state.stops) stop();
    mounted.delete(element);
    state.widget?.destroy();
    element.shadowRoot?.replaceChildren();
    element.removeAttribute(MOUNTED_ATTR);
  }

  function mountAll(root) {
    if (root.matches?.(`[${MARKER}]`)) mount(root, optionsOf(root));
    for (const element of root.querySelectorAll?.(`[${MARKER}]`) ?? []) {
      mount(element, optionsOf(element));
    }
  }

  function unmountGone(root) {
    // Moved elements are removed and re-added in one go: wait, then check.
    queueMicrotask(() => {
      const all = [root, ...(root.querySelectorAll?.(`[${MARKER}]`) ?? [])];
      for (const element of all) if (element[MOUNTED] && !element.isConnected) unmount(element);
    });
  }

  window.EmotionalIntimacy = Object.freeze({
    version: VERSION,
    mount: (element, options = {}) => {
      const kebab = {};
      for (const [key, value] of Object.entries(options ?? {})) {
        const name = key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
        if (!OPTIONS.includes(name)) {
          console.warn(`emotional-intimacy widget: unknown option "${key}" ignored; the options are ${OPTIONS.join(', ')}.`);
          continue;
        }
        kebab[name] = String(value);
      }
      return mount(element, kebab);
    },
  });
  window.dispatchEvent(new Event('emotional-intimacy:ready'));

  mountAll(document);
  new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'attributes') {
        const element = record.target;
        if (record.attributeName === MARKER) {
          if (element.hasAttribute(MARKER)) mountAll(element);
        } else if (element[MOUNTED]) {
          hosting?.then((host) => host.presentAll()); // data-theme or data-look changed
        }
        continue;
      }
      for (const node of record.addedNodes) if (node.nodeType === Node.ELEMENT_NODE) mountAll(node);
      for (const node of record.removedNodes) if (node.nodeType === Node.ELEMENT_NODE) unmountGone(node);
    }
  }).observe(document.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: [MARKER, 'data-theme', 'data-look'],
  });

  // The widget's own pages (index.html, frame.html): start the wasm, which renders (or
  // hydrates) the page's root element.
  const page = document.querySelector('#emotional-intimacy[data-ei-page]');
  if (page) load().catch((error) => console.error('emotional-intimacy widget: could not load', error));

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
