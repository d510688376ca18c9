// In-page widgets, loaded by embed.js only on pages that have one (the widget's own pages
// never need it), as embed-host-<hash>.js. It mounts a widget, in its own shadow root, into
// every element with data-emotional-intimacy (now, when one is added, when one gains the
// attribute; it unmounts those that leave), in steps: nothing until the element is within
// three screens, then the pre-rendered widget, then the wasm within a screen or at the first
// touch. And it reads the host page for each widget's presentation: light or dark
// (data-theme: by default "host", from the page's own background), and the look (data-look:
// "plain", flush in the page's column with its heading font, or "card"), live.

// The attribute that marks a widget's host element (its headings are not the page's).
const MARKER = 'data-emotional-intimacy';

// Options decided here rather than in the wasm: allowed values, the default first.
const PRESENTATION = {
  theme: ['host', 'auto', 'light', 'dark'],
  look: ['plain', 'card'],
};

const warned = new Set();
function warn(name, value, allowed) {
  if (warned.has(`${name}=${value}`)) return; // the page is read again and again
  warned.add(`${name}=${value}`);
  console.warn(
    `emotional-intimacy widget: data-${name}="${value}" is not ${allowed.slice(0, -1).join(', ')} or ${allowed.at(-1)}; using ${allowed[0]}.`,
  );
}

/** A presentation option's value, or its default (with one warning) when not allowed. */
function presentation(name, value) {
  const allowed = PRESENTATION[name];
  if (value == null) return allowed[0];
  const wanted = String(value).trim().toLowerCase();
  if (allowed.includes(wanted)) return wanted;
  warn(name, value, allowed);
  return allowed[0];
}

// ---- Reading the host page -------------------------------------------------------------

// A 1×1 canvas: the browser's own colour conversion, for any CSS colour a page may use
// (hex, rgb(), hsl(), named and system colours, oklch(), lab(), color(), color-mix()).
let canvas = null;
function paint() {
  if (canvas === null) {
    const element = document.createElement('canvas');
    element.width = element.height = 1;
    canvas = element.getContext('2d', { willReadFrequently: true }) ?? false;
  }
  return canvas;
}

/** [r, g, b, alpha] (0–255, alpha 0–1) of a CSS colour, in sRGB as the browser draws it, or
 * null when the browser cannot read it as a colour. */
function parseColour(text) {
  const context = paint();
  const value = String(text ?? '').trim();
  if (!context || !value) return null;
  // A value the canvas does not take leaves fillStyle as it was: two different starting
  // points tell a refused value from one that happens to equal the first.
  context.fillStyle = '#000';
  context.fillStyle = value;
  const first = context.fillStyle;
  context.fillStyle = '#fff';
  context.fillStyle = value;
  if (context.fillStyle !== first) return null;
  context.clearRect(0, 0, 1, 1);
  context.fillRect(0, 0, 1, 1);
  const [r, g, b, a] = context.getImageData(0, 0, 1, 1).data;
  return [r, g, b, a / 255];
}

/** The colour `css` (any CSS colour, `var()`s and `light-dark()` included) stands for in
 * `scope` (the widget: its color-scheme and custom properties apply), through a probe
 * element's computed colour, then the canvas. */
function resolvedColour(scope, css) {
  const probe = document.createElement('span');
  probe.style.setProperty('color', css);
  probe.hidden = true;
  scope.append(probe);
  const computed = getComputedStyle(probe).color;
  probe.remove();
  return parseColour(computed);
}

/** WCAG relative luminance of an [r, g, b] colour. */
function luminance([r, g, b]) {
  const channel = (c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

function contrast(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

const systemDark = window.matchMedia?.('(prefers-color-scheme: dark)');

/** The colour a visitor sees behind `element`: the first opaque background of it or an
 * ancestor, else the page's canvas (dark only where the page declares a dark color-scheme
 * that applies). */
function backgroundBehind(element) {
  for (let node = element; node instanceof Element; node = node.parentElement) {
    const colour = parseColour(getComputedStyle(node).backgroundColor);
    if (colour && colour[3] >= 0.5) return colour;
  }
  const scheme = getComputedStyle(document.documentElement).colorScheme ?? '';
  const dark = scheme.includes('dark') && (!scheme.includes('light') || systemDark?.matches);
  return dark ? [18, 18, 18, 1] : [255, 255, 255, 1];
}

/** The page's own heading type, for the plain look. (Body text inherits the page's font
 * through the shadow root by itself; its size stays the widget's own, --ei-font-size, so a
 * page's small print cannot shrink it.) */
function hostType() {
  const type = {};
  for (const selector of ['main h2', 'article h2', 'main h1', 'article h1', 'h2', 'h1', 'h3']) {
    const heading = [...document.querySelectorAll(selector)].find((h) => !h.closest(`[${MARKER}]`));
    if (heading) {
      const style = getComputedStyle(heading);
      type.headingFont = style.fontFamily;
      type.headingWeight = style.fontWeight;
      break;
    }
  }
  return type;
}

// ---- Presentation ----------------------------------------------------------------------

/** Sets the scheme and look classes of a widget's container from its options and the host
 * page as it is now. Cheap: called again whenever the page may have changed. */
function present(element, container, options, warned = new Set()) {
  const theme = presentation('theme', options.theme);
  let look = presentation('look', options.look);
  const behind = backgroundBehind(element);
  const dark =
    theme === 'dark' ||
    (theme === 'auto' && !!systemDark?.matches) ||
    // Light text where it contrasts more with the page than dark text would.
    (theme === 'host' && contrast(behind, [255, 255, 255]) > contrast(behind, [0, 0, 0]));
  container.classList.toggle('ei-scheme-dark', dark);
  container.classList.toggle('ei-scheme-light', !dark);
  // Plain sits on the page's own background: only where the widget's text reads on it at
  // 4.5:1 or more; otherwise the card's own background is kept.
  const widget = container.querySelector('.ei-widget');
  if (look === 'plain' && widget && !readableOn(widget, behind)) look = 'card';
  container.classList.toggle('ei-look-plain', look === 'plain');
  container.classList.toggle('ei-look-card', look === 'card');
  if (look === 'plain') {
    const type = hostType();
    const set = (name, value) => (value ? container.style.setProperty(name, value) : container.style.removeProperty(name));
    set('--ei-host-font-heading', type.headingFont);
    set('--ei-host-heading-weight', type.headingWeight);
  }
  checkContrast(element, container, look === 'plain', behind, warned);
}

/** Whether the widget's text, secondary text and accent all reach 4.5:1 on `background`.
 * A colour the browser cannot read counts as not readable. */
function readableOn(widget, background) {
  return ['--_text', '--_muted', '--_accent'].every((name) => {
    const colour = resolvedColour(widget, `var(${name})`);
    return !!colour && contrast(colour, background) >= 4.5;
  });
}

// The colours a site may set whose text must read at 4.5:1, and against what.
const CONTRAST_PAIRS = [
  ['--ei-color-text', '--_text', '--_background'],
  ['--ei-color-muted', '--_muted', '--_background'],
  ['--ei-color-accent', '--_accent', '--_background'],
  ['--ei-color-accent-text', '--_accent-text', '--_accent'],
];

/** Warns once in the console for each --ei-color-* the site set whose text misses 4.5:1
 * against the background it sits on (the page's, for the plain look), and says so on the
 * host element (`emotional-intimacy:contrast`, which the snippet builder shows). */
function checkContrast(element, container, plain, behind, warned) {
  const widget = container.querySelector('.ei-widget');
  if (!widget) return;
  const set = getComputedStyle(element);
  for (const [property, colourOf, against] of CONTRAST_PAIRS) {
    const value = set.getPropertyValue(property).trim();
    if (!value) continue;
    const colour = resolvedColour(widget, `var(${colourOf})`);
    const ground = plain && against === '--_background' ? behind : resolvedColour(widget, `var(${against})`);
    const ratio = colour && ground ? contrast(colour, ground) : 0;
    if (ratio >= 4.5) continue;
    const key = `${property}=${value}@${ground}`;
    if (warned.has(key)) continue;
    warned.add(key);
    const said = ratio
      ? `has a contrast of ${ratio.toFixed(2)}:1 against its background`
      : 'is not a colour this browser can read';
    console.warn(`emotional-intimacy widget: ${property}: ${value} ${said}; text needs 4.5:1.`);
    element.dispatchEvent(
      new CustomEvent('emotional-intimacy:contrast', {
        bubbles: true,
        detail: { property, value, ratio: Number(ratio.toFixed(2)) },
      }),
    );
  }
}

/** Calls `onChange` (at most once a frame) whenever the page may look different: a site's
 * own theme switch (a class or attribute on <html> or <body>, often with a transition), or
 * the system setting the page follows. */
function watchPage(onChange) {
  let pending = false;
  const schedule = () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      onChange();
    });
  };
  const observer = new MutationObserver(schedule);
  observer.observe(document.documentElement, { attributes: true });
  const watchBody = () => document.body && observer.observe(document.body, { attributes: true });
  if (!watchBody()) document.addEventListener('DOMContentLoaded', watchBody, { once: true });
  document.addEventListener('transitionend', (event) => {
    if (event.target === document.body || event.target === document.documentElement) schedule();
  });
  systemDark?.addEventListener?.('change', schedule);
  return schedule;
}

// ---- Printing a summary -----------------------------------------------------------------

// On the host element whose widget has its summary for a counsellor open: printing then
// gives that summary alone, none of the host page (its header, menu, footer).
const PRINTING_ATTR = 'data-ei-printing';
// Print only, and only while a widget is marked: everything but the way down to it is
// hidden, and that way is laid out plainly (a theme's columns, padding or sticky position would cut or shift the summary).
// Inside the widget, its own stylesheet leaves only the summary. Needs :has() (Firefox 121,
// Safari 15.4); without it the page prints as it is.
const PRINT_ALONE_CSS = `@media print {
  body:has([${PRINTING_ATTR}]) :not([${PRINTING_ATTR}]):not(:has([${PRINTING_ATTR}])) { display: none !important; }
  :has([${PRINTING_ATTR}]), [${PRINTING_ATTR}] {
    display: block !important; position: static !important; float: none !important;
    margin: 0 !important; padding: 0 !important; border: 0 !important;
    width: auto !important; max-width: none !important; min-width: 0 !important;
    height: auto !important; min-height: 0 !important; overflow: visible !important;
    transform: none !important; box-shadow: none !important; background: none !important;
    columns: auto !important;
  }
  :has([${PRINTING_ATTR}])::before, :has([${PRINTING_ATTR}])::after { content: none !important; }
}`;

let printSheet = null;
/** Makes printing give `element`'s widget alone (`alone`), or the page as it is again. The
 * rules go into the document once, as a constructed stylesheet: a host page's CSP that
 * allows no inline style does not apply to those. */
function printAlone(element, alone) {
  if (alone && !printSheet) {
    try {
      printSheet = new CSSStyleSheet();
      printSheet.replaceSync(PRINT_ALONE_CSS);
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, printSheet];
    } catch {
      // (Browsers without constructed stylesheets: a <style>, where the page's CSP allows.)
      printSheet = document.createElement('style');
      printSheet.textContent = PRINT_ALONE_CSS;
      document.head.append(printSheet);
    }
  }
  element.toggleAttribute(PRINTING_ATTR, alone);
}

/** The widget pre-rendered with the default options, made to look as `options` ask where
 * the wasm that would have drawn it cannot run: parts left out, sections open, headings at
 * their level, no note field. (Never taken over by the wasm: it is not the HTML it draws.) */
function shapeWithoutWasm(container, options) {
  const parts = { 'quick-take': '.ei-quick-take', sections: '.ei-sections', faq: '.ei-faq', tracker: '.ei-tracker' };
  const wanted = String(options.sections ?? '')
    .toLowerCase()
    .split(/[\s,]+/)
    .filter((part) => part in parts);
  if (wanted.length) {
    for (const [part, selector] of Object.entries(parts)) {
      if (!wanted.includes(part)) container.querySelector(selector)?.remove();
    }
  }
  if (!container.querySelector('.ei-sections, .ei-faq')) container.querySelector('.ei-toolbar')?.remove();
  const open = String(options.open ?? '').trim().toLowerCase();
  if (open === 'all') for (const details of container.querySelectorAll('details.ei-disclosure')) details.open = true;
  if (open === 'first') container.querySelector('.ei-sections details')?.setAttribute('open', '');
  const level = Number(String(options['heading-level'] ?? '').trim());
  if (level === 3 || level === 4) {
    for (const heading of container.querySelectorAll('h2, h3, h4, h5, h6')) {
      const moved = document.createElement(`h${Math.min(6, Number(heading.localName[1]) + level - 2)}`);
      for (const { name, value } of heading.attributes) moved.setAttribute(name, value);
      moved.append(...heading.childNodes);
      heading.replaceWith(moved);
    }
  }
  if (String(options.notes ?? '').trim().toLowerCase() === 'off') container.querySelector('.ei-note')?.remove();
}

// ---- In-page widgets ---------------------------------------------------------------------

const MOUNTED_ATTR = 'data-ei-mounted';
// Shared by every copy of embed.js on the page, so loading it twice mounts nothing twice.
const MOUNTED = Symbol.for('emotional-intimacy.widget');

/** Mounts a widget into every element with data-emotional-intimacy, now and as elements
 * come, go or gain the attribute; keeps each one's look in step with the page. Called once
 * by embed.js, with what it knows of this build; returns what EmotionalIntimacy.mount calls. */
export function start({ here, files, load, cannotRun, WORDS, VERSION, OPTIONS, MARKUP }) {
  const mounted = new Set();
  const presentAll = watchPage(() => {
    for (const element of mounted) {
      const state = element[MOUNTED];
      if (state?.container) present(element, state.container, state.presentation(), state.warned);
    }
  });

  /** The widget pre-rendered with the default options (the build's widget-<hash>.html), or
   * null where it cannot be fetched. */
  const prerenderedHtml = () =>
    fetch(new URL(files.html, here)).then((r) => (r.ok ? r.text() : null), () => null);

  /** Puts the widget's stylesheet and a fresh container (holding `html`, if any, with what
   * it holds for the wasm's check) into `shadow`. Resolves `styled` once the stylesheet is
   * in (or failed). */
  function fillShadow(shadow, html) {
    const style = document.createElement('link');
    style.rel = 'stylesheet';
    style.href = new URL(files.css, here).href;
    const styled = new Promise((resolve) => {
      style.onload = resolve;
      style.onerror = resolve;
    });
    const container = document.createElement('div');
    container.className = 'ei-root';
    container.dataset.eiRelease = VERSION;
    if (html) {
      container.innerHTML = html;
      container.dataset.eiMarkup = files.htmlMarkup;
    }
    shadow.replaceChildren(style, container);
    return { container, styled };
  }

  function optionsOf(element) {
    const options = {};
    for (const name of OPTIONS) {
      const value = element.getAttribute(`data-${name}`);
      if (value !== null) options[name] = value;
    }
    return options;
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
      // Contrast warnings given, so each is given once.
      warned: new Set(),
      // A data-theme or data-look set later wins over what mount() was given.
      presentation: () => ({
        theme: element.getAttribute('data-theme') ?? options.theme,
        look: element.getAttribute('data-look') ?? options.look,
      }),
    };
    element[MOUNTED] = state;
    // The widget says when its summary for a counsellor opens and closes.
    const summaryOpen = () => printAlone(element, true);
    const summaryClosed = () => printAlone(element, false);
    element.addEventListener('emotional-intimacy:summary-open', summaryOpen);
    element.addEventListener('emotional-intimacy:summary-closed', summaryClosed);
    state.stops.push(() => {
      element.removeEventListener('emotional-intimacy:summary-open', summaryOpen);
      element.removeEventListener('emotional-intimacy:summary-closed', summaryClosed);
      printAlone(element, false);
    });
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
      // down downloads nothing more than embed.js and this module until then.
      await near(element, '300%', state);
      if (!current()) return;
      if (!prerendered) {
        // The widget as pre-rendered with the default options; others are drawn by the wasm.
        const html = defaults ? await prerenderedHtml() : null;
        if (!current()) return;
        ({ container, styled } = fillShadow(shadow, html));
        prerendered = !!html;
      }
      state.container = container;
      mounted.add(element);
      // The scheme and look are set before the widget shows, so it appears as it will stay.
      present(element, container, state.presentation(), state.warned);
      if (prerendered) mark();
      // The wasm (the tracker, Expand all, deep links) once the widget is within a screen,
      // or as soon as the visitor points at, types in or tabs into it.
      await Promise.race([near(element, '100%', state), touched(element, state)]);
      if (!current()) return;
      const [glue] = await Promise.all([load(), styled]);
      if (!current()) return; // unmounted while loading
      state.widget = glue.mount(container, wasmOptions, prerendered);
      // Once the wasm has drawn it (options it draws afresh were not on screen before):
      // its colours checked against the page, for the plain look and the site's colours.
      requestAnimationFrame(() => current() && present(element, container, state.presentation(), state.warned));
      mark();
    } catch (error) {
      console.error(`emotional-intimacy widget: could not show the widget in <${element.localName}>`, error);
      if (current()) await withoutWasm(element, wasmOptions, state);
    }
  }

  /** Where the wasm could not load or run: the guide on screen stays, and the tracker's
   * place says why it is not there. Where nothing was on screen yet (options the wasm would
   * have drawn), the pre-rendered widget shaped to those options takes its place. */
  async function withoutWasm(element, options, state) {
    let container = state.container;
    if (!container?.querySelector('.ei-widget')) {
      const html = element.shadowRoot && (await prerenderedHtml());
      if (!element[MOUNTED] || element[MOUNTED] !== state) return;
      if (!html) {
        if (element.shadowRoot) element.shadowRoot.textContent = WORDS.couldNotLoad;
        return;
      }
      ({ container } = fillShadow(element.shadowRoot, html));
      shapeWithoutWasm(container, options);
      state.container = container;
      mounted.add(element);
      present(element, container, state.presentation(), state.warned);
    }
    cannotRun(container);
    requestAnimationFrame(() => element[MOUNTED] === state && element.setAttribute(MOUNTED_ATTR, ''));
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

  /** EmotionalIntimacy.mount: camelCase options, each checked against the names. */
  function mountFromApi(element, options = {}) {
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
  }


  mountAll(document);
  new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'attributes') {
        const element = record.target;
        if (record.attributeName === MARKER) {
          if (element.hasAttribute(MARKER)) mountAll(element);
        } else if (element[MOUNTED]) {
          presentAll(); // data-theme or data-look changed
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

  return { mount: mountFromApi };
}
