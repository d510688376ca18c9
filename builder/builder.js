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
// The widget's files are the folder above this page.
address.value = new URL('../', location.href).href;

const DEFAULTS = { sections: 'quick-take sections faq tracker', 'heading-level': '2', open: 'none', theme: 'host', look: 'plain', 'sync-url': 'off' };
const KEY = /^[A-Za-z0-9._:-]{1,64}$/;
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
  if (data.get('sync-url')) options['sync-url'] = 'on';
  if (!data.get('notes')) options.notes = 'off';
  return options;
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

let snippetHtml = null;
async function prerendered() {
  snippetHtml ??= await fetch(new URL('../snippet.html', location.href)).then((r) => r.text());
  return snippetHtml;
}

async function snippetFor(shape, options, at) {
  if (shape === 'iframe') {
    // An iframe cannot see its page: "host" means the system's setting there.
    const { look: _look, ...rest } = options;
    if (rest.theme === undefined || rest.theme === 'host') rest.theme = 'auto';
    const query = new URLSearchParams(rest).toString();
    const src = new URL(`frame.html${query ? `?${query}` : ''}`, at).href;
    return `<div>
  <iframe id="emotional-intimacy-frame" src="${escape(src)}"
    title="What is emotional intimacy? A short guide" style="display: block; width: 100%; border: 0" height="900"></iframe>
</div>
<script>
  addEventListener("message", (event) => {
    const frame = document.getElementById("emotional-intimacy-frame");
    if (event.origin !== "${at.origin}" || event.source !== frame.contentWindow) return;
    if (event.data?.type === "emotional-intimacy:height") frame.style.height = event.data.height + "px";
  });
</script>`;
  }
  if (shape === 'prerendered') {
    const text = (await prerendered()).replaceAll('"./', `"${at.href}`);
    return text.replace('<div data-emotional-intimacy>', `<div data-emotional-intimacy${attributes(options)}>`).trim();
  }
  return `<div data-emotional-intimacy${attributes(options)}></div>
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
    if (rest.theme === undefined || rest.theme === 'host') delete rest.theme;
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
  preview.replaceChildren(element); // embed.js mounts it (and unmounts the one it replaces)
}

/** Shows what the chosen shape means for where visitors' data is kept. */
function explainPrivacy(shape) {
  for (const part of document.querySelectorAll('#privacy [data-shape]')) {
    part.hidden = !part.dataset.shape.split(' ').includes(shape);
  }
}

let last = '';
async function update() {
  const shape = new FormData(form).get('shape');
  explainPrivacy(shape);
  const options = chosen();
  const key = JSON.stringify([shape, options]);
  snippetOut.textContent = await snippetFor(shape, options, base());
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
