//! The browser calls the widget makes outside rendering. Each returns quietly when the API is
//! missing (natively, or in a locked-down frame): none of them is worth a panic.

use wasm_bindgen::JsCast;
use web_sys::{ScrollBehavior, ScrollIntoViewOptions, ScrollLogicalPosition};

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// The URL fragment without its `#`, if there is one.
pub fn current_fragment() -> Option<String> {
    let hash = window()?.location().hash().ok()?;
    let fragment = hash.strip_prefix('#').unwrap_or(&hash);
    (!fragment.is_empty()).then(|| fragment.to_owned())
}

/// Replaces the URL fragment without scrolling or adding a history entry; `None` removes it.
pub fn replace_fragment(fragment: Option<&str>) {
    let Some(window) = window() else { return };
    let location = window.location();
    let url = match fragment {
        Some(fragment) => format!("#{fragment}"),
        None => {
            let path = location.pathname().unwrap_or_default();
            let search = location.search().unwrap_or_default();
            format!("{path}{search}")
        }
    };
    if let Ok(history) = window.history() {
        // Keep the page's own history state: a host single-page app may rely on it.
        let state = history.state().unwrap_or(wasm_bindgen::JsValue::NULL);
        let _ = history.replace_state_with_url(&state, "", Some(&url));
    }
}

/// Scrolls the element with this id inside `root` (a document part or a shadow root's
/// content) to the top of the view, instantly (no motion to reduce).
pub fn scroll_to(root: &web_sys::Element, id: &str) {
    let Ok(Some(element)) = root.query_selector(&format!("[id=\"{id}\"]")) else {
        return;
    };
    let options = ScrollIntoViewOptions::new();
    options.set_behavior(ScrollBehavior::Instant);
    options.set_block(ScrollLogicalPosition::Start);
    element.scroll_into_view_with_scroll_into_view_options(&options);
}

/// The ids of the `<details>` inside `root` that are open right now. Used once, when the
/// wasm takes over pre-rendered markup that the visitor may already have opened.
pub fn open_details_ids(root: &web_sys::Element) -> Vec<String> {
    let Ok(list) = root.query_selector_all("details[open]") else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|node| node.dyn_into::<web_sys::Element>().ok())
        .map(|el| el.id())
        .collect()
}

/// Moves keyboard focus to the first element matching `selector` inside `root`, if any.
/// Used when the control that had focus goes away (a row hidden, a dialog closed).
pub fn focus_within(root: &web_sys::Element, selector: &str) {
    if let Ok(Some(element)) = root.query_selector(selector) {
        if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
            let _ = element.focus();
        }
    }
}

/// Opens the browser's print dialog (where "Save as PDF" also is).
pub fn print() {
    if let Some(window) = window() {
        let _ = window.print();
    }
}

/// While the returned listeners live, printing (and "Save as PDF", which names its file after
/// it) gives the document `title`; the page's own title is put back after.
pub fn title_when_printing(title: String) -> Option<[gloo_events::EventListener; 2]> {
    let window = window()?;
    let saved = std::rc::Rc::new(std::cell::RefCell::new(None::<String>));
    let before = {
        let saved = saved.clone();
        gloo_events::EventListener::new(&window, "beforeprint", move |_| {
            if let Some(document) = web_sys::window().and_then(|w| w.document()) {
                saved.replace(Some(document.title()));
                document.set_title(&title);
            }
        })
    };
    let after = gloo_events::EventListener::new(&window, "afterprint", move |_| {
        if let (Some(document), Some(title)) = (
            web_sys::window().and_then(|w| w.document()),
            saved.borrow_mut().take(),
        ) {
            document.set_title(&title);
        }
    });
    Some([before, after])
}

/// The address's host (`practice.example`, with a port if it has one), as the visitor sees
/// it; empty where there is none.
pub fn host() -> String {
    window()
        .and_then(|w| w.location().host().ok())
        .unwrap_or_default()
}

/// Whether this page is in a frame, and if so whether the page around it is of the same
/// origin (whose scripts can then reach this page's storage). None when not in a frame.
pub fn framed_by_same_origin() -> Option<bool> {
    let window = window()?;
    let parent = window.parent().ok().flatten()?;
    if js_sys::Object::is(&parent, &window) {
        return None;
    }
    // `frameElement` is the iframe element for a page framed by its own origin, and null
    // (no exception) when the page around is of another origin.
    Some(window.frame_element().ok().flatten().is_some())
}

/// Dispatches a plain event named `name` from `from`, bubbling out of any shadow root, so
/// the page holding the widget (embed.js) hears it.
pub fn tell_host(from: &web_sys::Element, name: &str) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    if let Ok(event) = web_sys::Event::new_with_event_init_dict(name, &init) {
        let _ = from.dispatch_event(&event);
    }
}

/// The event that tells the other widgets of this page that one saved under a storage key
/// (storage events reach other tabs only). Its detail is the key.
pub const SAVED_EVENT: &str = "emotional-intimacy:saved";

/// Tells the page's other widgets that data under `key` was saved.
pub fn announce_saved(key: &str) {
    let Some(window) = window() else { return };
    let init = web_sys::CustomEventInit::new();
    init.set_detail(&wasm_bindgen::JsValue::from_str(key));
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(SAVED_EVENT, &init) {
        let _ = window.dispatch_event(&event);
    }
}
