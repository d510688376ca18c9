// The host module, part 2 of 4: each widget's presentation, light or dark (data-theme: by
// default "host", from the page's own background) and the look (data-look: "plain", flush
// in the page's column with its heading font, or "card"), and the site's colours checked.

// Options decided here rather than in the wasm: allowed values, the default first, from
// the options table (`embed::options::OPTIONS`), filled in by the build.
const PRESENTATION = __EI_PRESENTATION__;

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

/** Sets the scheme and look classes of a widget's container from its options and the host
 * page as it is now. Cheap: called again whenever the page may have changed. */
function present(element, container, options, warned = new Set()) {
  const theme = presentation('theme', options.theme);
  let look = presentation('look', options.look);
  // Before the widget's stylesheet is in, its colours cannot be read: what is asked for is
  // shown, and checked when present() is called again once it is.
  const styled = stylesheetsApplied(container);
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
  if (look === 'plain' && widget && styled && !readableOn(widget, behind)) look = 'card';
  container.classList.toggle('ei-look-plain', look === 'plain');
  container.classList.toggle('ei-look-card', look === 'card');
  if (look === 'plain') {
    const type = hostType();
    const set = (name, value) => (value ? container.style.setProperty(name, value) : container.style.removeProperty(name));
    set('--ei-host-font-heading', type.headingFont);
    set('--ei-host-heading-weight', type.headingWeight);
  }
  if (styled) checkContrast(element, container, look === 'plain', behind, warned);
}

/** Whether every stylesheet of the widget's shadow root has loaded (a failed one never has). */
function stylesheetsApplied(container) {
  const links = container.getRootNode().querySelectorAll?.('link[rel=stylesheet]') ?? [];
  return [...links].every((link) => link.sheet);
}

/** Resolves once every stylesheet link in `root` still loading has loaded or failed (one that
 * failed before this was called leaves it pending). */
function stylesheetsIn(root) {
  const waiting = [...root.querySelectorAll('link[rel=stylesheet]')].filter((link) => !link.sheet);
  return Promise.all(
    waiting.map(
      (link) =>
        new Promise((resolve) => {
          link.addEventListener('load', resolve, { once: true });
          link.addEventListener('error', resolve, { once: true });
        }),
    ),
  );
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
