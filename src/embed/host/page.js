// The host module, part 1 of 4: reading the host page (its colours, as the browser draws
// them; the background behind a widget; its heading type) and watching it for changes.
// The build joins the parts, in the order of `build::templates::HOST_PARTS`, into one
// module, embed-host-<hash>.js.

// The attribute that marks a widget's host element (its headings are not the page's).
const MARKER = 'data-emotional-intimacy';


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
