//! Embedding in host pages: the options a host sets, and mounting a widget into an element
//! that `embed.js` prepared (a shadow root holding the stylesheet and a container).

pub mod options;

pub use options::{OpenMode, Options, Parts, Theme};

use crate::ui::{App, AppProps};

/// The App's properties for these options.
pub fn app_props(options: &Options, sync_url: bool) -> AppProps {
    AppProps {
        heading_level: options.heading_level,
        storage_key: options.storage_key.clone().into(),
        parts: options.parts,
        open: options.open,
        theme: options.theme,
        sync_url,
    }
}

/// Reads an options object (`{ "storage-key": "…", … }`, as embed.js passes it; camelCase
/// names are accepted too) and warns in the console about anything it could not use.
pub fn options_from_js(value: &wasm_bindgen::JsValue) -> Options {
    let get = |name: &str| -> Option<String> {
        let camel: String = name
            .split('-')
            .enumerate()
            .map(|(i, w)| {
                if i == 0 {
                    w.to_owned()
                } else {
                    w[..1].to_uppercase() + &w[1..]
                }
            })
            .collect();
        [name, camel.as_str()].iter().find_map(|key| {
            js_sys::Reflect::get(value, &(*key).into())
                .ok()
                .filter(|v| !v.is_undefined() && !v.is_null())
                .map(|v| {
                    use wasm_bindgen::JsCast;
                    v.as_string().unwrap_or_else(|| {
                        String::from(v.unchecked_ref::<js_sys::Object>().to_string())
                    })
                })
        })
    };
    let (options, warnings) = options::parse(get);
    for warning in warnings {
        web_sys::console::warn_1(&warning.into());
    }
    options
}

/// Renders a widget into `container` with the options given, or hydrates the pre-rendered
/// widget already in it (a pasted snippet made by this build, with default options).
pub fn mount(
    container: web_sys::Element,
    options: &wasm_bindgen::JsValue,
    hydrate: bool,
) -> yew::AppHandle<App> {
    let options = options_from_js(options);
    let hydrate = hydrate && options == Options::default() && container.child_element_count() > 0;
    if !hydrate {
        container.set_inner_html("");
    }
    let renderer = yew::Renderer::<App>::with_root_and_props(container, app_props(&options, false));
    if hydrate {
        renderer.hydrate()
    } else {
        renderer.render()
    }
}
