//! The pages' HTML, rewritten through a parser (lol_html, what Trunk itself uses; native
//! only, so the wasm never carries it). Each rewrite picks what it changes with a CSS
//! selector and must find exactly what it expects: a page whose template changed fails the
//! build, saying what was not found, instead of shipping unchanged.

use std::cell::Cell;

use lol_html::html_content::{ContentType, Element};
use lol_html::{comments, element, rewrite_str, RewriteStrSettings};

use super::app::{ICONS, MANIFEST, OFFLINE_ATTR, THEME_DARK, THEME_LIGHT};
use super::ssr::{markup_counts_text, MARKUP_ATTR};
use super::RELEASE;
use crate::content::GUIDE;

/// The root element of the widget's own pages (index.html, frame.html): the one with
/// [`crate::PAGE_ATTR`].
const ROOT: &str = "[data-ei-page]";

/// Where in the root the pre-rendered widget goes: this comment, once.
pub const PRERENDER_MARKER: &str = "<!--ei:prerender-->";

/// One CSS selector of a rewrite, with how many elements it must match.
struct Expect {
    selector: &'static str,
    count: usize,
    found: Cell<usize>,
}

impl Expect {
    fn once(selector: &'static str) -> Expect {
        Expect {
            selector,
            count: 1,
            found: Cell::new(0),
        }
    }

    /// Counts one match.
    fn hit(&self) {
        self.found.set(self.found.get() + 1);
    }

    fn check(&self, what: &str) -> Result<(), String> {
        match self.found.get() {
            n if n == self.count => Ok(()),
            n => Err(format!(
                "{what}: {n} elements match `{}`; expected {}",
                self.selector, self.count
            )),
        }
    }
}

/// An attribute value as written into HTML (lol_html escapes the quotes).
fn attribute_text(value: &str) -> String {
    value.replace('&', "&amp;")
}

/// Runs `rewrite` (lol_html's handlers) over `page`, then checks each expectation.
fn rewrite<'h>(
    what: &str,
    page: &str,
    handlers: RewriteStrSettings<'h, '_>,
    expected: &[&Expect],
) -> Result<String, String> {
    let out = rewrite_str(page, handlers).map_err(|e| format!("{what}: {e}"))?;
    for expect in expected {
        expect.check(what)?;
    }
    Ok(out)
}

/// Sets `name` on `element`, as a lol_html handler's result.
fn set(element: &mut Element, name: &str, value: &str) -> lol_html::HandlerResult {
    element.set_attribute(name, &attribute_text(value))?;
    Ok(())
}

/// A page with the guide's title (`<title>`) and summary (its description), so the words
/// live only in the content file, and this release on its root (`data-ei-release`).
pub fn with_guide_text(page: &str) -> Result<String, String> {
    let title = Expect::once("title");
    let description = Expect::once("meta[name=description]");
    let root = Expect::once(ROOT);
    let settings = RewriteStrSettings {
        element_content_handlers: vec![
            element!(title.selector, |el| {
                title.hit();
                el.set_inner_content(GUIDE.title, ContentType::Text);
                Ok(())
            }),
            element!(description.selector, |el| {
                description.hit();
                set(el, "content", GUIDE.summary)
            }),
            element!(root.selector, |el| {
                root.hit();
                set(el, "data-ei-release", RELEASE)
            }),
        ],
        ..RewriteStrSettings::new()
    };
    rewrite(
        "the page's title and summary",
        page,
        settings,
        &[&title, &description, &root],
    )
}

/// Puts `widget_html` in place of the root's [`PRERENDER_MARKER`], and on the root what the
/// wasm checks before it takes that HTML over ([`MARKUP_ATTR`]). The marker must be there
/// exactly once, so a page without it (or one already pre-rendered) is reported instead of
/// silently shipped.
pub fn prerender_page(page: &str, widget_html: &str) -> Result<String, String> {
    let root = Expect::once(ROOT);
    let marker = Expect::once("<!--ei:prerender--> in the root");
    let markup = markup_counts_text(widget_html);
    let settings = RewriteStrSettings {
        element_content_handlers: vec![
            element!(ROOT, |el| {
                root.hit();
                set(el, MARKUP_ATTR, &markup)
            }),
            comments!(ROOT, |comment| {
                if format!("<!--{}-->", comment.text()) == PRERENDER_MARKER {
                    marker.hit();
                    comment.replace(widget_html, ContentType::Html);
                }
                Ok(())
            }),
        ],
        ..RewriteStrSettings::new()
    };
    rewrite("pre-rendering", page, settings, &[&root, &marker])
}

/// frame.html: the widget alone, for an iframe, pre-rendered with the embed's default
/// options (`widget_html`); with other options in its query string the wasm renders it
/// afresh. In a frame the widget is part of the page around it, inside that page's `<main>`
/// (a second main landmark would stand beside it): the root is a plain `<div>` there.
pub fn frame_page(page: &str, widget_html: &str) -> Result<String, String> {
    let page = prerender_page(page, widget_html)?;
    let root = Expect::once("main[data-ei-page]");
    let body = Expect::once("body.ei-page");
    let settings = RewriteStrSettings {
        element_content_handlers: vec![
            element!(root.selector, |el| {
                root.hit();
                el.set_tag_name("div")?;
                set(el, "data-frame", "")
            }),
            element!(body.selector, |el| {
                body.hit();
                let class = el.get_attribute("class").unwrap_or_default();
                set(el, "class", &format!("{class} ei-frame"))
            }),
        ],
        ..RewriteStrSettings::new()
    };
    rewrite("frame.html", &page, settings, &[&root, &body])
}

/// index.html as an app: the manifest, the icons and the title bar's colours (light and
/// dark) in its head, in place of its empty icon; with `offline`, the attribute that has
/// embed.js register the service worker (release builds only: a development server's pages
/// change all the time).
pub fn app_page(page: &str, offline: bool) -> Result<String, String> {
    let icon = Expect::once("link[rel=icon][href=\"data:,\"]");
    let root = Expect {
        count: usize::from(offline),
        ..Expect::once(ROOT)
    };
    let head = format!(
        "<link rel=\"icon\" href=\"{icon}\" type=\"image/png\">\n  \
         <link rel=\"apple-touch-icon\" href=\"{icon}\">\n  \
         <link rel=\"manifest\" href=\"{MANIFEST}\">\n  \
         <meta name=\"theme-color\" content=\"{THEME_LIGHT}\" media=\"(prefers-color-scheme: light)\">\n  \
         <meta name=\"theme-color\" content=\"{THEME_DARK}\" media=\"(prefers-color-scheme: dark)\">",
        icon = ICONS[0].0,
    );
    let mut handlers = vec![element!(icon.selector, |el| {
        icon.hit();
        el.replace(&head, ContentType::Html);
        Ok(())
    })];
    if offline {
        handlers.push(element!(ROOT, |el| {
            root.hit();
            set(el, OFFLINE_ATTR, "")
        }));
    }
    let settings = RewriteStrSettings {
        element_content_handlers: handlers,
        ..RewriteStrSettings::new()
    };
    rewrite("index.html as an app", page, settings, &[&icon, &root])
}
