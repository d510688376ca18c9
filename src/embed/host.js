// The host page, read for an embedded widget's presentation: light or dark (data-theme:
// by default "host", from the page's own background), and the look (data-look: "plain",
// flush in the page's column with its heading font, or "card"). Loaded by embed.js only on
// pages with in-page embeds (the widget's own pages never need it), as a hashed file.
// Generated at build time from src/embed/host.js.

// The attribute that marks a widget's host element (its headings are not the page's).
const MARKER = 'data-emotional-intimacy';

// Options decided here rather than in the wasm: allowed values, the default first.
export const PRESENTATION = {
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
export function presentation(name, value) {
  const allowed = PRESENTATION[name];
  if (value == null) return allowed[0];
  const wanted = String(value).trim().toLowerCase();
  if (allowed.includes(wanted)) return wanted;
  warn(name, value, allowed);
  return allowed[0];
}

// ---- Reading the host page -------------------------------------------------------------

/** [r, g, b, alpha] (0–255, alpha 0–1) of a CSS colour as computed styles give it, or null
 * for a form not handled (a colour function such as oklch()). */
function parseColour(text) {
  const hex = /^\s*#([0-9a-f]{6})\s*$/i.exec(text);
  if (hex) return [0, 2, 4].map((i) => parseInt(hex[1].slice(i, i + 2), 16)).concat(1);
  const rgb = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:[,\s/]+([\d.]+%?))?\s*\)$/.exec(text.trim());
  if (!rgb) return null;
  const alpha = rgb[4] === undefined ? 1 : rgb[4].endsWith('%') ? parseFloat(rgb[4]) / 100 : parseFloat(rgb[4]);
  return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3]), alpha];
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
export function present(element, container, options) {
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
}

/** Whether the widget's text, secondary text and accent all reach 4.5:1 on `background`. */
function readableOn(widget, background) {
  const style = getComputedStyle(widget);
  return ['--_text', '--_muted', '--_accent'].every((name) => {
    const colour = parseColour(style.getPropertyValue(name));
    return !colour || contrast(colour, background) >= 4.5;
  });
}

/** Calls `onChange` (at most once a frame) whenever the page may look different: a site's
 * own theme switch (a class or attribute on <html> or <body>, often with a transition), or
 * the system setting the page follows. */
export function watchPage(onChange) {
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
