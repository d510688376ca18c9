// The snippet builder: reads the options form, writes the snippet for the chosen shape with
// the widget's address filled in, and shows the widget as that snippet would (in-page
// shapes through embed.js, the iframe as an iframe). Requests nothing but the widget's own
// files.

const form = document.getElementById('options');
const snippetOut = document.getElementById('snippet');
const preview = document.getElementById('preview');
const copyStatus = document.getElementById('copy-status');
const keyError = document.getElementById('storage-key-error');
const address = document.getElementById('address');
const siteScheme = document.getElementById('site-scheme');
const siteSchemeWhy = document.getElementById('site-scheme-why');
const accentNote = document.getElementById('accent-note');
// The widget's files are the folder above this page.
address.value = new URL('../', location.href).href;

// Each option's default and the storage name's grammar, filled in by the build from the
// widget's options table (src/embed/options.rs), so the snippet leaves out what is default.
const DEFAULTS = __EI_DEFAULTS__;
const KEY = new RegExp(`^(?:${__EI_KEY_PATTERN__})$`);
const NAME_LIMITS = __EI_NAME_LIMITS__; // a practice name's length and how many (src/tracker/model.rs)
const practicesNote = document.getElementById('practices-note');
/** As the widget writes a text in HTML (quotes stay as they are). */
const escapeText = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escape = (text) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The options that differ from the defaults, as data-attribute names and values. */
function chosen() {
  const data = new FormData(form);
  const options = {};
  const sections = data.getAll('sections').join(' ');
  if (sections && sections !== DEFAULTS.sections) options.sections = sections;
  for (const name of ['heading-level', 'open', 'theme', 'look']) {
    const value = data.get(name);
    if (value !== DEFAULTS[name]) options[name] = value;
  }
  const key = String(data.get('storage-key') ?? '').trim();
  keyError.textContent = key && !KEY.test(key) ? 'Use 1 to 64 letters, digits, or . _ - : (it is left out until then).' : '';
  if (key && KEY.test(key)) options['storage-key'] = key;
  const practices = suggested(String(data.get('practices') ?? ''));
  if (practices.length) options.practices = practices.join('|');
  // On/off options are checkboxes.
  for (const name of ['sync-url', 'notes']) {
    const value = data.get(name) ? 'on' : 'off';
    if (value !== DEFAULTS[name]) options[name] = value;
  }
  return options;
}

/** The practices typed one per line, by the tracker's rules for a name (the widget checks
 * them again): what breaks one is said beside the field and the line is left out. */
function suggested(text) {
  const names = [];
  const problems = [];
  for (const line of text.split('\n')) {
    const name = line.trim().replace(/\s+/g, ' ');
    if (!name) continue;
    if (name.includes('|')) problems.push(`"${name}" has a | in it, which separates names: write it without one.`);
    else if ([...name].length > NAME_LIMITS.chars) problems.push(`"${name.slice(0, 30)}…" is longer than ${NAME_LIMITS.chars} characters.`);
    else if (names.some((other) => other.toLowerCase() === name.toLowerCase())) problems.push(`"${name}" is there twice.`);
    else if (names.length >= NAME_LIMITS.count) problems.push(`Only the first ${NAME_LIMITS.count} are used.`);
    else names.push(name);
  }
  practicesNote.textContent = problems.length ? `Left out: ${[...new Set(problems)].join(' ')}` : '';
  return names;
}

/** The pre-rendered tracker lists `names` (before its script runs, and with JavaScript off),
 * as the widget renders them; its script then draws it afresh with them. */
function withPractices(text, names) {
  const items = names
    .map((name, i) => `<li class="ei-checklist__item"><input type="checkbox" id="ei-practice-${i + 1}" class="ei-checkbox"><label for="ei-practice-${i + 1}">${escapeText(name)}</label></li>`)
    .join('');
  // (A function, so a $ in a name is a $: a replacement string would read $& and $' in it.)
  return text.replace(/<ul class="ei-checklist">[\s\S]*?<\/ul>/, () => `<ul class="ei-checklist">${items}</ul>`);
}

/** The accent colour the owner typed, if any. */
const accent = () => String(new FormData(form).get('accent') ?? '').trim();

/** Light or dark where the widget cannot see the page: the iframe, and a pre-rendered
 * snippet until its script runs. From the theme chosen, or, for "as my page is", from what
 * the owner says their site's background is. */
function fixedScheme(options) {
  const theme = options.theme ?? 'host';
  if (theme === 'light' || theme === 'dark') return theme;
  if (theme === 'auto') return null;
  return new FormData(form).get('site-scheme') === 'dark' ? 'dark' : 'light';
}

function base() {
  try {
    const url = new URL(address.value.trim());
    if (!url.pathname.endsWith('/')) url.pathname += '/';
    return url;
  } catch {
    return new URL('../', location.href);
  }
}

const attributes = (options) => Object.entries(options).map(([k, v]) => ` data-${k}="${escape(v)}"`).join('');

// Fetched once, however many updates ask for it meanwhile.
let snippetHtml = null;
function prerendered() {
  snippetHtml ??= fetch(new URL('../snippet.html', location.href)).then((r) => r.text());
  return snippetHtml;
}

async function snippetFor(shape, options, at) {
  if (shape === 'iframe') {
    // An iframe cannot see its page: it is light or dark as the owner says the site is.
    const { look: _look, ...rest } = options;
    rest.theme = fixedScheme(options) ?? 'auto';
    const query = new URLSearchParams(rest).toString();
    const src = new URL(`frame.html${query ? `?${query}` : ''}`, at).href;
    return `<div>
  <iframe id="emotional-intimacy-frame" src="${escape(src)}"
    title="What is emotional intimacy? A short guide" style="display: block; width: 100%; border: 0" height="900"></iframe>
</div>
<script>
  addEventListener("message", (event) => {
    const frame = document.getElementById("emotional-intimacy-frame");
    if (event.origin !== ${JSON.stringify(at.origin)} || event.source !== frame.contentWindow) return;
    if (event.data?.type === "emotional-intimacy:height") frame.style.height = event.data.height + "px";
  });
</script>`;
  }
  // An accent colour of the owner's, for the in-page shapes (a rule for their page).
  const colours = accent() ? `<style>[data-emotional-intimacy] { --ei-color-accent: ${accent().replace(/[<>{};]/g, '')}; }</style>\n` : '';
  if (shape === 'prerendered') {
    // The files' real address in place of each ./, and dark until its script runs on a
    // dark site: nothing for the owner to edit by hand.
    // (Its comment, which says to do both by hand, gives way to a shorter one.)
    let text = (await prerendered())
      .replace(/^<!--[\s\S]*?-->\s*/, '<!-- The guide widget, pre-rendered: paste it again after an update. -->\n')
      .replaceAll('"./', () => `"${at.href}`);
    if (fixedScheme(options) === 'dark') text = text.replace('"ei-root ei-scheme-light', '"ei-root ei-scheme-dark');
    if (options.practices) text = withPractices(text, options.practices.split('|'));
    return colours + text.replace('<div data-emotional-intimacy>', () => `<div data-emotional-intimacy${attributes(options)}>`).trim();
  }
  return `${colours}<div data-emotional-intimacy${attributes(options)}></div>
<script type="module" src="${escape(new URL('embed.js', at).href)}"></script>`;
}

/** The preview's storage key for the chosen one: `builder-preview.<key>`, cut to the 64
 * characters a key may have. */
function previewKey(key = 'default') {
  return `builder-preview.${key}`.slice(0, 64);
}

/** Shows the widget as the snippet would: a fresh element (or iframe) each time. */
function show(shape, options) {
  if (shape === 'iframe') {
    const { look: _look, ...rest } = options;
    rest.theme = fixedScheme(options) ?? 'auto';
    const frame = document.createElement('iframe');
    frame.id = 'preview-frame';
    frame.title = 'A preview of the widget in an iframe';
    frame.height = '900';
    frame.src = new URL(`../frame.html?${new URLSearchParams(rest)}`, location.href).href;
    preview.replaceChildren(frame);
    return;
  }
  const element = document.createElement('div');
  element.setAttribute('data-emotional-intimacy', '');
  // A preview of its own, so trying options never touches a real practice's data. Always a
  // valid key (a key the widget refused would make it fall back to the real default one).
  element.setAttribute('data-storage-key', previewKey(options['storage-key']));
  for (const [name, value] of Object.entries(options)) {
    if (name !== 'storage-key') element.setAttribute(`data-${name}`, value);
  }
  if (accent()) element.style.setProperty('--ei-color-accent', accent());
  accentNote.textContent = '';
  preview.replaceChildren(element); // embed.js mounts it (and unmounts the one it replaces)
}

// The widget says when a colour the site set misses 4.5:1; the builder says it beside the field.
preview.addEventListener('emotional-intimacy:contrast', (event) => {
  const { property, ratio } = event.detail;
  if (property !== '--ei-color-accent') return;
  accentNote.textContent = ratio
    ? `This colour has a contrast of ${ratio.toFixed(2)}:1 against the widget's background; text in it needs 4.5:1. Choose a deeper (or, on a dark site, a lighter) colour.`
    : 'This is not a colour a browser can read.';
});

/** Shows the question "my site's background is" where it decides something, and why. */
function askSiteScheme(shape, options) {
  const asks = (options.theme ?? 'host') === 'host' && (shape === 'iframe' || shape === 'prerendered');
  siteScheme.hidden = !asks;
  siteSchemeWhy.textContent =
    shape === 'iframe'
      ? 'An iframe cannot see your page: it is light or dark as you say here.'
      : 'Until its script runs, the pasted widget is light or dark as you say here.';
  document.getElementById('frame-note').hidden = shape !== 'iframe';
  document.getElementById('paste-note').hidden = shape !== 'prerendered';
}

/** Shows what the chosen shape means for where visitors' data is kept. */
function explainPrivacy(shape) {
  for (const part of document.querySelectorAll('#privacy [data-shape]')) {
    part.hidden = !part.dataset.shape.split(' ').includes(shape);
  }
}

let last = '';
// Each change starts an update; only the latest may write the snippet (an earlier one still
// waiting for snippet.html must not put back what the owner has since changed). The snippet
// is marked busy until the latest has.
let updates = 0;
async function update() {
  const turn = ++updates;
  snippetOut.parentElement.setAttribute('aria-busy', 'true');
  const shape = new FormData(form).get('shape');
  explainPrivacy(shape);
  const options = chosen();
  askSiteScheme(shape, options);
  const key = JSON.stringify([shape, options, fixedScheme(options), accent()]);
  const text = await snippetFor(shape, options, base());
  if (turn !== updates) return;
  snippetOut.textContent = text;
  snippetOut.parentElement.setAttribute('aria-busy', 'false');
  if (key !== last) {
    last = key;
    show(shape, options);
  }
  copyStatus.textContent = '';
}

form.addEventListener('input', update);
form.addEventListener('change', update);
form.addEventListener('submit', (event) => event.preventDefault());
// The iframe preview tells its height, as the snippet's script would.
addEventListener('message', (event) => {
  const frame = document.getElementById('preview-frame');
  if (!frame || event.source !== frame.contentWindow || event.origin !== location.origin) return;
  if (event.data?.type === 'emotional-intimacy:height') frame.style.height = `${event.data.height}px`;
});
document.getElementById('copy').addEventListener('click', async () => {
  try {
    await navigator.clipboard.writeText(snippetOut.textContent);
    copyStatus.textContent = 'Copied. Paste it where the guide should appear.';
  } catch {
    // No clipboard here (an insecure page, a refusal): select it for the visitor to copy.
    getSelection().selectAllChildren(snippetOut);
    copyStatus.textContent = 'Selected: press Ctrl+C (or ⌘C) to copy.';
  }
});
update();
