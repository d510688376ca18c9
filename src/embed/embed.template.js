// embed.js — the one script a host page includes:
//   <div data-emotional-intimacy></div>
//   <script type="module" src="https://…/embed.js"></script>
// It loads the widget's hashed files from beside itself (so dist/ works from any folder or
// CDN path) and mounts a widget, in its own shadow root, into every element with
// data-emotional-intimacy, now and when added later. Also: EmotionalIntimacy.mount(el, opts).
// Generated at build time from src/embed/embed.template.js (file names filled in).

const here = new URL('.', import.meta.url);
const files = { js: '__EI_JS__', wasm: '__EI_WASM__', css: '__EI_CSS__' };
const OPTIONS = ['storage-key', 'sections', 'heading-level', 'open', 'theme'];

let loading;
function load() {
  loading ??= import(new URL(files.js, here).href).then(async (glue) => {
    await glue.default({ module_or_path: new URL(files.wasm, here) });
    return glue;
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

const mounted = new WeakSet();

async function mount(element, options = {}) {
  if (!(element instanceof Element)) {
    throw new TypeError('EmotionalIntimacy.mount(element, options) needs an element');
  }
  if (mounted.has(element)) return;
  mounted.add(element);
  const shadow = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
  const style = document.createElement('link');
  style.rel = 'stylesheet';
  style.href = new URL(files.css, here).href;
  const styled = new Promise((resolve) => {
    style.onload = resolve;
    style.onerror = resolve;
  });
  const container = document.createElement('div');
  shadow.replaceChildren(style, container);
  try {
    const [glue] = await Promise.all([load(), styled]);
    glue.mount(container, options);
  } catch (error) {
    console.error('emotional-intimacy widget: could not load', error);
    container.textContent = 'The guide “What is emotional intimacy?” could not load here.';
  }
}

function mountAll(root) {
  if (root.matches?.('[data-emotional-intimacy]')) mount(root, optionsOf(root));
  for (const element of root.querySelectorAll?.('[data-emotional-intimacy]') ?? []) {
    mount(element, optionsOf(element));
  }
}

window.EmotionalIntimacy = Object.freeze({
  mount: (element, options = {}) => {
    const kebab = {};
    for (const [key, value] of Object.entries(options ?? {})) {
      kebab[key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)] = String(value);
    }
    return mount(element, kebab);
  },
});

mountAll(document);
new MutationObserver((records) => {
  for (const record of records) {
    for (const node of record.addedNodes) if (node.nodeType === Node.ELEMENT_NODE) mountAll(node);
  }
}).observe(document.documentElement, { childList: true, subtree: true });

// The widget's own pages (index.html, frame.html): start the wasm, which renders (or
// hydrates) #emotional-intimacy.
const page = document.getElementById('emotional-intimacy');
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
