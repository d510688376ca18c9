// The host module, part 3 of 4: a summary for a counsellor printed alone, and the
// pre-rendered widget shaped to its options where the wasm cannot run.


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
