//! Pre-renders the widget into a built HTML page: `prerender PAGE.html`.
//!
//! Trunk runs this after each build (see Trunk.toml) on the staged `index.html`. It replaces
//! the marker comment inside the root element with the widget's HTML, rendered natively by
//! Yew's `ServerRenderer` from the same components the wasm runs, so the guide is readable
//! before the wasm arrives and without JavaScript; the wasm then hydrates it.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use emotional_intimacy_widget::render::{prerender_page, render_app};
    use emotional_intimacy_widget::storage::DEFAULT_KEY;

    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: prerender PAGE.html");
        std::process::exit(2);
    };
    let page = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        eprintln!("prerender: cannot read {path}: {e}");
        std::process::exit(1);
    });
    let html = render_app(1, DEFAULT_KEY, true);
    match prerender_page(&page, &html) {
        Ok(done) => {
            if let Err(e) = std::fs::write(&path, done) {
                eprintln!("prerender: cannot write {path}: {e}");
                std::process::exit(1);
            }
        }
        Err(message) => {
            eprintln!("prerender: {path}: {message}");
            std::process::exit(1);
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}
