//! The page around the widget: where the widget is (the site's host, the frames around it),
//! the events it tells that page and hears from it, and printing.

use super::window;

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

/// Whether this page is in a frame, and if so whether any page around it, at any depth, is
/// of the same origin (whose scripts can then reach this page and its storage). None when
/// not in a frame.
pub fn framed_by_same_origin() -> Option<bool> {
    let window = window()?;
    let mut frame: wasm_bindgen::JsValue = window.clone().into();
    let mut framed = false;
    // Up through every page around this one, to the top. (A page of another origin in
    // between does not keep one of this origin above it out.)
    for _ in 0..32 {
        let parent = js_sys::Reflect::get(&frame, &"parent".into()).ok()?;
        if parent.is_undefined() || parent.is_null() || js_sys::Object::is(&parent, &frame) {
            break;
        }
        framed = true;
        // Reading `document` throws for a window of another origin.
        if js_sys::Reflect::get(&parent, &"document".into()).is_ok_and(|d| !d.is_undefined()) {
            return Some(true);
        }
        frame = parent;
    }
    framed.then_some(false)
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
