// embed.js — the one script a host page includes:
//   <div data-emotional-intimacy></div>
//   <script type="module" src="https://…/embed.js"></script>
// It loads the widget's hashed files from beside itself (so dist/ works from any folder or
// CDN path) and mounts a widget, in its own shadow root, into every element with
// data-emotional-intimacy: now, when such an element is added later, and when an element
// gains the attribute. Widgets whose element leaves the page are unmounted. Also:
// EmotionalIntimacy.mount(element, options), and an 'emotional-intimacy:ready' event on
// window once that API exists.
// Generated at build time from src/embed/embed.template.js (file names and title filled in).

const files = { js: '__EI_JS__', wasm: '__EI_WASM__', css: '__EI_CSS__' };
const TITLE = __EI_TITLE__; // the guide's title, from the content file
const OPTIONS = ['storage-key', 'sections', 'heading-level', 'open', 'theme'];
const MARKER = 'data-emotional-intimacy';
// Shared by every copy of this script on the page, so loading it twice mounts nothing twice.
const MOUNTED = Symbol.for('emotional-intimacy.widget');

if (!window.EmotionalIntimacy) start();

function start() {
  const here = new URL('.', import.meta.url);

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

  async function mount(element, options = {}) {
    if (!(element instanceof Element)) {
      throw new TypeError('EmotionalIntimacy.mount(element, options) needs an element');
    }
    if (element[MOUNTED]) return;
    // This call's own state: if the element is unmounted (and perhaps mounted again) while
    // the wasm loads, this call must not mount into its old, orphaned container.
    const state = { widget: null };
    element[MOUNTED] = state;
    try {
      const shadow = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
      // A pasted snippet (declarative shadow DOM) from this very build is hydrated in place;
      // anything else gets a fresh stylesheet and container.
      const pasted = [...shadow.children].find((child) => child.classList.contains('ei-root'));
      const hydrate = pasted?.dataset.eiVersion === files.js && Object.keys(options).length === 0;
      let container = pasted;
      let styled = Promise.resolve();
      if (!hydrate) {
        const style = document.createElement('link');
        style.rel = 'stylesheet';
        style.href = new URL(files.css, here).href;
        styled = new Promise((resolve) => {
          style.onload = resolve;
          style.onerror = resolve;
        });
        container = document.createElement('div');
        container.className = 'ei-root';
        shadow.replaceChildren(style, container);
      }
      const [glue] = await Promise.all([load(), styled]);
      if (element[MOUNTED] !== state) return; // unmounted while loading
      state.widget = glue.mount(container, options, hydrate);
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
    state.widget?.destroy();
    element.shadowRoot?.replaceChildren();
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
        if (record.target.hasAttribute(MARKER)) mountAll(record.target);
        continue;
      }
      for (const node of record.addedNodes) if (node.nodeType === Node.ELEMENT_NODE) mountAll(node);
      for (const node of record.removedNodes) if (node.nodeType === Node.ELEMENT_NODE) unmountGone(node);
    }
  }).observe(document.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: [MARKER],
  });

  // The widget's own pages (index.html, frame.html): start the wasm, which renders (or
  // hydrates) the page's root element.
  const page = document.querySelector('#emotional-intimacy[data-ei-page]');
  if (page) load().catch((error) => console.error('emotional-intimacy widget: could not load', error));

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
