//! The wasm entry point: finds the page's root element and hydrates the pre-rendered widget
//! in it (or renders it, if the page came without pre-rendered markup).

#[cfg(target_arch = "wasm32")]
fn main() {
    use emotional_intimacy_widget::{ui::App, ROOT_ID};

    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();

    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(ROOT_ID))
    else {
        web_sys::console::error_1(
            &format!("emotional-intimacy widget: no element with id \"{ROOT_ID}\" to mount into")
                .into(),
        );
        return;
    };
    let renderer = yew::Renderer::<App>::with_root(root.clone());
    if root.child_element_count() > 0 {
        renderer.hydrate();
    } else {
        renderer.render();
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("This is the widget's WebAssembly entry point: build it with `cargo xtask dist`.");
    std::process::exit(2);
}
