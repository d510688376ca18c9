use crate::ui::{App, AppProps};

/// Renders the widget to HTML natively, blocking until done. `hydratable` adds the markers the
/// wasm needs to hydrate this markup instead of rendering it again.
pub fn render_app(heading_level: u8, storage_key: &str, hydratable: bool) -> String {
    // Props are built on the renderer's thread: AttrValue is not Send.
    let storage_key = storage_key.to_owned();
    let renderer = yew::ServerRenderer::<App>::with_props(move || AppProps {
        heading_level,
        storage_key: storage_key.into(),
    })
    .hydratable(hydratable);
    futures::executor::block_on(renderer.render())
}

/// Where in a page the pre-rendered widget goes: inside the root element.
pub const PRERENDER_MARKER: &str = "<!--ei:prerender-->";

/// Puts `widget_html` in place of the marker. The marker must appear exactly once, so a page
/// without it (or a page already pre-rendered) is reported instead of silently shipped.
pub fn prerender_page(page: &str, widget_html: &str) -> Result<String, String> {
    match page.matches(PRERENDER_MARKER).count() {
        1 => Ok(page.replacen(PRERENDER_MARKER, widget_html, 1)),
        0 => Err(format!("no {PRERENDER_MARKER} marker to replace")),
        n => Err(format!("{n} {PRERENDER_MARKER} markers; expected one")),
    }
}
