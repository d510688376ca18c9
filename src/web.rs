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
/// content) to the top of the view, instantly (no motion to reduce), below whatever the page
/// pins to the top of the view ([`clear_pinned_headers`]).
pub fn scroll_to(root: &web_sys::Element, id: &str) {
    let Ok(Some(element)) = root.query_selector(&format!("[id=\"{id}\"]")) else {
        return;
    };
    let options = ScrollIntoViewOptions::new();
    options.set_behavior(ScrollBehavior::Instant);
    options.set_block(ScrollLogicalPosition::Start);
    element.scroll_into_view_with_scroll_into_view_options(&options);
    clear_pinned_headers(&element);
}

/// A computed style's value, or "" where there is none.
fn computed(window: &web_sys::Window, element: &web_sys::Element, property: &str) -> String {
    window
        .get_computed_style(element)
        .ok()
        .flatten()
        .and_then(|style| style.get_property_value(property).ok())
        .unwrap_or_default()
}

/// Whether a computed length is set to more than nothing: computed styles give a length
/// as "<n>px", "0px" for none, and "auto" where it is left to the browser. (Read without
/// parsing a number: float parsing alone would add over 10 KB to the wasm.)
fn is_set(length: &str) -> bool {
    length.ends_with("px") && !matches!(length, "0px" | "-0px")
}

/// After a deep link has scrolled `target` to the top of the view: unless the page made
/// room itself (`scroll-padding-top`) or the site set `--ei-scroll-margin`, finds what is
/// pinned to the top of the view (a sticky or fixed header, an admin bar, one below the
/// other) and scrolls `target` to just below it. Themes' sticky headers are 100 to 200 px,
/// and no site owner can be expected to know the number.
fn clear_pinned_headers(target: &web_sys::Element) {
    let Some(window) = window() else { return };
    let Some(document) = window.document() else {
        return;
    };
    let Some(html) = document.document_element() else {
        return;
    };
    if is_set(&computed(&window, &html, "scroll-padding-top"))
        || is_set(&computed(&window, target, "scroll-margin-top"))
    {
        return;
    }
    let width = window
        .inner_width()
        .ok()
        .and_then(|w| w.as_f64())
        .unwrap_or(0.0);
    let height = window
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    let pinned = |element: &web_sys::Element| {
        matches!(
            computed(&window, element, "position").as_str(),
            "fixed" | "sticky"
        )
    };
    // Bars may stack (an admin bar, then the site's header): look below each one found.
    let mut bottom = 0.0_f64;
    for _ in 0..4 {
        let mut lowest = bottom;
        for x in [0.1, 0.5, 0.9].map(|share| share * width) {
            for found in document.elements_from_point(x as f32, (bottom + 1.0) as f32) {
                let mut node = found.dyn_into::<web_sys::Element>().ok();
                while let Some(element) = node {
                    if pinned(&element) {
                        let rect = element.get_bounding_client_rect();
                        if rect.top() <= bottom + 1.0 && rect.bottom() > bottom {
                            lowest = lowest.max(rect.bottom());
                        }
                        break;
                    }
                    node = element.parent_element();
                }
            }
        }
        if lowest <= bottom {
            break;
        }
        bottom = lowest;
    }
    // Nothing pinned, or something covering half the view (a menu opened, not a header).
    if bottom <= 0.0 || bottom > height / 2.0 {
        return;
    }
    let gap = 8.0;
    let top = target.get_bounding_client_rect().top();
    if top < bottom + gap {
        window.scroll_by_with_x_and_y(0.0, top - bottom - gap);
    }
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

/// Opens the `<details>` with these ids inside `root` again (after the widget was drawn
/// afresh): each reports its `toggle`, so the widget's state follows.
pub fn reopen(root: &web_sys::Element, ids: &[String]) {
    for id in ids {
        if let Ok(Some(details)) = root.query_selector(&format!("details[id=\"{id}\"]")) {
            if let Ok(details) = details.dyn_into::<web_sys::HtmlDetailsElement>() {
                details.set_open(true);
            }
        }
    }
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

/// Whether the pre-rendered widget in `root` is still the HTML the build wrote: as many
/// comments and elements as its `data-ei-markup` says (`render::markup_counts` counts them
/// at build time). A page optimiser that strips comments, or an editor or extension that
/// rewrote the markup, makes it another tree: the wasm then draws the widget afresh instead
/// of taking it over, since hydrating a changed tree stops the wasm.
pub fn markup_intact(root: &web_sys::Element) -> bool {
    let Some(expected) = root.get_attribute("data-ei-markup") else {
        return false;
    };
    let Some(document) = root.owner_document() else {
        return false;
    };
    // NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_COMMENT
    let Ok(walker) = document.create_tree_walker_with_what_to_show(root, 0x1 | 0x80) else {
        return false;
    };
    let (mut comments, mut elements) = (0u32, 0u32);
    while let Ok(Some(node)) = walker.next_node() {
        if node.node_type() == web_sys::Node::ELEMENT_NODE {
            elements += 1;
        } else {
            comments += 1;
        }
    }
    expected == format!("{comments}.{elements}")
}
