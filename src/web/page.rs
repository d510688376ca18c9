//! The widget's own part of the page: the address's fragment, scrolling to a section below
//! whatever the page pins to the top, `<details>` opened, focus moved, and the check of
//! pre-rendered markup before the wasm takes it over.

use wasm_bindgen::JsCast;
use web_sys::{ScrollBehavior, ScrollIntoViewOptions, ScrollLogicalPosition};

use super::window;

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

/// Whether the pre-rendered widget in `root` is still the HTML the build wrote: as many
/// comments and elements as its `data-ei-markup` says (`build::markup_counts` counts them
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
