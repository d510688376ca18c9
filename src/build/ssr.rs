//! The widget rendered natively by Yew's `ServerRenderer`, from the same components the
//! wasm runs: pre-rendered into the pages (the guide reads before the wasm arrives, and
//! without JavaScript) and checked as HTML by `cargo test`. Also how much markup that HTML
//! holds, which the wasm checks before taking it over.

use yew::prelude::*;

use super::escape_html;
use crate::content::GUIDE;
use crate::ui::{App, AppProps};

/// Renders the widget natively, blocking until done. `hydratable` adds the markers the wasm
/// needs to hydrate this markup instead of rendering it again. Props are made on the
/// renderer's thread (AttrValue is not Send).
fn render(props: impl FnOnce() -> AppProps + Send + 'static, hydratable: bool) -> String {
    let renderer = yew::ServerRenderer::<App>::with_props(props).hydratable(hydratable);
    without_component_names(&futures::executor::block_on(renderer.render()))
}

/// Drops the component type names that a debug build of Yew writes into its hydration
/// markers (`<!--<[crate::ui::app::App]>-->` becomes `<!--<[]>-->`). Hydration matches only
/// the `<[`, `</[` and `]>` marks, so the names are bytes every visitor downloads for nothing.
pub fn without_component_names(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("<!--<") {
        let (before, marker) = rest.split_at(at);
        out.push_str(before);
        let open = if marker.starts_with("<!--</[") {
            "<!--</["
        } else if marker.starts_with("<!--<[") {
            "<!--<["
        } else {
            out.push_str("<!--<");
            rest = &marker["<!--<".len()..];
            continue;
        };
        match marker.find("]>-->") {
            Some(end) => {
                out.push_str(open);
                out.push_str("]>-->");
                rest = &marker[end + "]>-->".len()..];
            }
            None => {
                out.push_str(marker);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The widget as on its own page, with this title level and storage key.
pub fn render_app(heading_level: u8, storage_key: &str, hydratable: bool) -> String {
    let storage_key = storage_key.to_owned();
    render(
        move || AppProps {
            heading_level,
            storage_key: storage_key.into(),
            ..AppProps::default()
        },
        hydratable,
    )
}

/// The widget as embedded with default options (frame.html, the pasted snippet).
pub fn render_embedded(hydratable: bool) -> String {
    render(
        || {
            crate::embed::app_props(
                &crate::embed::Options::default(),
                crate::embed::Shape::InPage,
            )
        },
        hydratable,
    )
}

/// The attribute on a pre-rendered widget's root that says what its HTML holds: the wasm
/// takes the HTML over (hydrates it) only when the page still holds that, and draws the
/// widget afresh in its place otherwise. Site optimisers (Autoptimize, LiteSpeed Cache,
/// SiteGround Optimizer, "minify HTML" options) strip HTML comments, and Yew's hydration
/// needs the comments it wrote: taking over such HTML would stop the wasm.
pub const MARKUP_ATTR: &str = "data-ei-markup";

/// `<comments>.<elements>` of `html` ([`markup_counts`]): the value of [`MARKUP_ATTR`].
pub fn markup_counts_text(html: &str) -> String {
    let (comments, elements) = markup_counts(html);
    format!("{comments}.{elements}")
}

/// How many comments and elements `html` holds, counted as a browser parses it
/// (`web::markup_intact` counts the same in the page): the tree hydration walks. (Attributes
/// are not counted: hydration sets each one anew, so one an optimiser dropped or an
/// extension added does no harm.) Yew escapes `<` in text and quotes attribute values, so an
/// element starts at each `<` followed by a letter, outside a quoted value.
pub fn markup_counts(html: &str) -> (usize, usize) {
    let (mut comments, mut elements) = (0, 0);
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at..];
        if let Some(after) = rest.strip_prefix("<!--") {
            comments += 1;
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
            continue;
        }
        if !rest[1..].starts_with(|c: char| c.is_ascii_alphabetic()) {
            rest = &rest[1..];
            continue;
        }
        elements += 1;
        // Past the tag's end, skipping `>` inside quoted values.
        let mut quote = None;
        let mut end = rest.len();
        for (i, c) in rest.char_indices().skip(1) {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '>') => {
                    end = i + 1;
                    break;
                }
                (None, _) => {}
            }
        }
        rest = &rest[end..];
    }
    (comments, elements)
}

/// The guide as plain HTML: no script, no widget, a few lines of CSS. The benchmark's floor
/// (`cargo xtask bench` compares the widget's page with it), made from the same content.
pub fn plain_page() -> String {
    #[function_component(PlainGuide)]
    fn plain_guide() -> Html {
        html! {
            <main>
                <h1>{ GUIDE.title }</h1>
                <p>{ GUIDE.summary }</p>
                <p>{ GUIDE.tags_line }</p>
                <h2>{ GUIDE.quick_take_heading }</h2>
                <ul>{ for GUIDE.quick_take.iter().map(|point| html! { <li>{ *point }</li> }) }</ul>
                { for GUIDE.sections.iter().map(|s| html! { <><h2>{ s.heading }</h2><p>{ s.body }</p></> }) }
                <h2>{ GUIDE.faq_heading }</h2>
                { for GUIDE.faq.iter().map(|q| html! { <><h3>{ q.heading }</h3><p>{ q.body }</p></> }) }
            </main>
        }
    }
    let renderer = yew::ServerRenderer::<PlainGuide>::new().hydratable(false);
    let body = futures::executor::block_on(renderer.render());
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title>\n<meta name=\"description\" content=\"{summary}\">\
         <link rel=\"icon\" href=\"data:,\">\n<style>body{{font-family:system-ui,sans-serif;\
         max-width:44em;margin:0 auto;padding:1em;line-height:1.6}}</style></head>\n\
         <body>{body}</body></html>\n",
        title = escape_html(GUIDE.title),
        summary = escape_html(GUIDE.summary),
    )
}
