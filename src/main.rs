//! The wasm entry point. On the widget's own pages it finds `#emotional-intimacy` and
//! hydrates the pre-rendered widget in it (or renders it: frame.html, whose options come
//! from the query string). On host pages there is no such element: `embed.js` calls the
//! exported `mount` for each host element instead.

#[cfg(target_arch = "wasm32")]
mod wasm {
    use emotional_intimacy_widget::embed::{self, options};
    use emotional_intimacy_widget::ui::{App, AppProps};
    use emotional_intimacy_widget::{PAGE_ATTR, ROOT_ID};
    use wasm_bindgen::prelude::*;

    /// A mounted widget; embed.js destroys it when its host element leaves the page.
    #[wasm_bindgen]
    pub struct Widget(Option<yew::AppHandle<App>>);

    #[wasm_bindgen]
    impl Widget {
        /// Unmounts the widget: its listeners and timers go with it.
        pub fn destroy(&mut self) {
            if let Some(handle) = self.0.take() {
                handle.destroy();
            }
        }
    }

    /// Renders a widget into `container` (inside a host element's shadow root), with
    /// `options` as `{ "storage-key": "…", "sections": "…", … }`.
    /// `hydrate`: the container holds this build's pre-rendered widget (a pasted snippet).
    #[wasm_bindgen]
    pub fn mount(container: web_sys::Element, options: JsValue, hydrate: bool) -> Widget {
        Widget(Some(embed::show(
            container,
            &embed::options_from_js(&options),
            hydrate,
            embed::Shape::InPage,
        )))
    }

    /// The iframe's options, from its query string (`?theme=dark&open=all`).
    fn frame_options() -> options::Options {
        let search = web_sys::window()
            .and_then(|w| w.location().search().ok())
            .unwrap_or_default();
        let params = web_sys::UrlSearchParams::new_with_str(&search).ok();
        embed::parse_and_warn(|name| params.as_ref()?.get(name))
    }

    pub fn start() {
        #[cfg(debug_assertions)]
        console_error_panic_hook::set_once();

        // Host pages have no root of ours: embed.js mounts their widgets.
        let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(ROOT_ID))
            .filter(|root| root.has_attribute(PAGE_ATTR))
        else {
            return;
        };
        if root.has_attribute("data-frame") {
            // Pre-rendered with the default options: hydrated, or rendered afresh for others.
            embed::show(root, &frame_options(), true, embed::Shape::Frame);
        } else {
            embed::take_over(root, AppProps::default(), true);
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {
    wasm::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("This is the widget's WebAssembly entry point: build it with `cargo xtask dist`.");
    std::process::exit(2);
}
