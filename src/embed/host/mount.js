// In-page widgets, loaded by embed.js only on pages that have one (the widget's own pages
// never need it), as embed-host-<hash>.js. It mounts a widget, in its own shadow root, into
// every element with data-emotional-intimacy (now, when one is added, when one gains the
// attribute; it unmounts those that leave), in steps: nothing until the element is within
// three screens, then the pre-rendered widget (and the wasm fetched and compiled), then the
// widget taken over by the wasm within a screen or at the first touch. And it reads the host page for each widget's presentation: light or dark
// (data-theme: by default "host", from the page's own background), and the look (data-look:
// "plain", flush in the page's column with its heading font, or "card"), live.
//
// Part 4 of 4: mounting. (The build joins the parts into one module.)

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
   * it holds for the wasm's check) into `shadow`; returns the container. */
  function fillShadow(shadow, html) {
    const style = document.createElement('link');
    style.rel = 'stylesheet';
    style.href = new URL(files.css, here).href;
    const container = document.createElement('div');
    container.className = 'ei-root';
    container.dataset.eiRelease = VERSION;
    if (html) {
      container.innerHTML = html;
      container.dataset.eiMarkup = files.htmlMarkup;
    }
    shadow.replaceChildren(style, container);
    return container;
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
        container = fillShadow(shadow, html);
        prerendered = !!html;
      }
      // The stylesheet(s) still loading: one this module put in, or a pasted snippet's own.
      const sheets = stylesheetsIn(shadow);
      state.container = container;
      mounted.add(element);
      // The scheme and look are set before the widget shows, so it appears as it will stay;
      // its colours are read (the plain look's fallback, the site's colours checked) once its
      // stylesheet is in.
      present(element, container, state.presentation(), state.warned);
      // (A pasted stylesheet that had failed to load never resolves this: nothing is then
      // checked.)
      sheets.then(() => current() && present(element, container, state.presentation(), state.warned));
      if (prerendered) mark();
      // The wasm fetched and compiled now, while the visitor is still three screens away, so
      // the tracker works when they reach it. (Its start does nothing on a host page: it
      // renders nothing until it is mounted below. A failure here is met again there.)
      load().catch(() => {});
      // The wasm (the tracker, Expand all, deep links) once the widget is within a screen,
      // or as soon as the visitor points at, types in or tabs into it.
      await Promise.race([near(element, '100%', state), touched(element, state)]);
      if (!current()) return;
      // Drawn with its stylesheet in; a pasted snippet's is not waited for (see above).
      const [glue] = await Promise.all([load(), container === pasted ? null : sheets]);
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
      container = fillShadow(element.shadowRoot, html);
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
      // `practices: ["…", "…"]` as `data-practices` writes them: separated by |.
      kebab[name] = Array.isArray(value) ? value.join('|') : String(value);
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
