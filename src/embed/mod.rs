//! Embedding in host pages: the options a host sets, and mounting a widget into an element
//! that `embed.js` prepared (a shadow root holding the stylesheet and a container).

pub mod options;

pub use options::{OpenMode, Options, Parts};

use crate::ui::{App, AppProps};

/// Where a widget is shown. It decides what the visitor is told about where their data is
/// kept (and who else could read it), so it is never guessed from the page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Shape {
    /// The widget's own standalone page (index.html).
    #[default]
    Page,
    /// frame.html, usually in an iframe on another site's page.
    Frame,
    /// In a host site's page (embed.js, a shadow root): the site's storage and scripts.
    InPage,
}

/// The App's properties for these options, in this shape.
pub fn app_props(options: &Options, shape: Shape) -> AppProps {
    AppProps {
        heading_level: options.heading_level,
        storage_key: options.storage_key.clone().into(),
        parts: options.parts,
        open: options.open,
        sync_url: options.sync_url,
        notes: options.notes,
        shape,
        practices: crate::ui::tracker::Starting::with(&options.practices),
    }
}

/// Parses options through `get` (see [`options::parse`]) and warns in the console about
/// anything it could not use.
pub fn parse_and_warn(get: impl Fn(&str) -> Option<String>) -> Options {
    let (options, warnings) = options::parse(get);
    for warning in warnings {
        web_sys::console::warn_1(&warning.into());
    }
    options
}

/// Reads the options object embed.js passes (`{ "storage-key": "…", … }`: embed.js turns
/// the camelCase names of `EmotionalIntimacy.mount` into these).
pub fn options_from_js(value: &wasm_bindgen::JsValue) -> Options {
    parse_and_warn(|name| {
        js_sys::Reflect::get(value, &name.into())
            .ok()
            .filter(|v| !v.is_undefined() && !v.is_null())
            .map(|v| {
                use wasm_bindgen::JsCast;
                v.as_string().unwrap_or_else(|| {
                    String::from(v.unchecked_ref::<js_sys::Object>().to_string())
                })
            })
    })
}

/// Shows a widget with these options in `root`: takes over the markup already there when it
/// was pre-rendered for these props (`prerendered`, with the default markup options), and
/// otherwise draws it afresh ([`take_over`]). Used by frame.html and the in-page embed.
pub fn show(
    root: web_sys::Element,
    options: &Options,
    prerendered: bool,
    shape: Shape,
) -> yew::AppHandle<App> {
    take_over(
        root,
        app_props(options, shape),
        prerendered && options.markup_is_default(),
    )
}

/// Mounts `App` into `root`. Pre-rendered HTML there (`prerendered`) is hydrated only while
/// it is intact ([`web::markup_intact`]: a page optimiser may have stripped the comments
/// hydration needs); otherwise the widget is drawn afresh in its place, keeping open what
/// the visitor had opened meanwhile. The guide on screen is never replaced by nothing.
pub fn take_over(
    root: web_sys::Element,
    props: AppProps,
    prerendered: bool,
) -> yew::AppHandle<App> {
    let hydrate = prerendered && root.child_element_count() > 0 && crate::web::markup_intact(&root);
    let renderer = yew::Renderer::<App>::with_root_and_props(root.clone(), props);
    if hydrate {
        return renderer.hydrate();
    }
    let opened = crate::web::open_details_ids(&root);
    root.set_inner_html("");
    let handle = renderer.render();
    // Yew renders from a microtask queued before this one: the details exist by then.
    wasm_bindgen_futures::spawn_local(async move { crate::web::reopen(&root, &opened) });
    handle
}
