//! Browser tests (wasm-bindgen-test in headless Chromium): the widget mounted into a real
//! document, clicked, and read back from the DOM.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use emotional_intimacy_widget::ui::{renders, App, AppProps};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlDetailsElement, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

fn mount() -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root(root.clone()).render();
    root
}

/// Lets Yew finish rendering, the browser fire its queued `toggle` events, and Yew render
/// what those changed.
async fn settle() {
    yew::scheduler::flush().await;
    yew::platform::time::sleep(Duration::ZERO).await;
    yew::scheduler::flush().await;
}

fn all_details(root: &Element) -> Vec<HtmlDetailsElement> {
    let list = root.query_selector_all("details.ei-disclosure").unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().dyn_into().unwrap())
        .collect()
}

fn button(root: &Element) -> HtmlElement {
    root.query_selector(".ei-toolbar button")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap()
}

#[wasm_bindgen_test]
async fn mounts_the_guide_with_every_item_closed() {
    let root = mount();
    settle().await;
    let title = root.query_selector("h1").unwrap().unwrap();
    assert_eq!(
        title.text_content().unwrap(),
        emotional_intimacy_widget::content::GUIDE.title
    );
    let details = all_details(&root);
    assert_eq!(details.len(), 10);
    assert!(details.iter().all(|d| !d.open()));
    // Once mounted, the Expand all button is offered.
    let toolbar = root.query_selector(".ei-toolbar").unwrap().unwrap();
    assert!(!toolbar.class_name().contains("ei-toolbar--pending"));
    root.remove();
}

#[wasm_bindgen_test]
async fn clicking_a_summary_toggles_its_section_and_the_widget_follows() {
    let root = mount();
    settle().await;
    let details = all_details(&root);
    let summary: HtmlElement = details[1]
        .query_selector("summary")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    summary.click();
    settle().await;
    assert!(details[1].open());
    assert!(!details[0].open());

    // The widget's own state followed the click: open everything else, then close all.
    button(&root).click();
    settle().await;
    assert!(all_details(&root).iter().all(|d| d.open()));
    assert_eq!(button(&root).text_content().unwrap(), "Collapse all");
    button(&root).click();
    settle().await;
    assert!(all_details(&root).iter().all(|d| !d.open()));
    assert_eq!(button(&root).text_content().unwrap(), "Expand all");
    root.remove();
}

#[wasm_bindgen_test]
async fn hydrates_server_markup_and_adopts_sections_opened_before_the_wasm_ran() {
    let html = yew::LocalServerRenderer::<App>::new().render().await;
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    root.set_inner_html(&html);
    document.body().unwrap().append_child(&root).unwrap();
    let before: Vec<HtmlDetailsElement> = all_details(&root);
    // The visitor opens every section while the wasm is still loading.
    for d in &before {
        d.set_open(true);
    }

    yew::Renderer::<App>::with_root(root.clone()).hydrate();
    settle().await;

    // Hydration kept the same elements (no re-render) and the widget knows they are open.
    let after = all_details(&root);
    assert_eq!(after.len(), 10);
    assert!(before.iter().zip(&after).all(|(a, b)| a == b));
    assert!(after.iter().all(|d| d.open()));
    assert_eq!(button(&root).text_content().unwrap(), "Collapse all");
    button(&root).click();
    settle().await;
    assert!(all_details(&root).iter().all(|d| !d.open()));
    root.remove();
}

/// Renders settle to nothing: every render a change set off (and what its effects set off)
/// has happened. Returns what rendered, by component.
async fn renders_until_quiet() -> Vec<(&'static str, u32)> {
    let mut all: Vec<(&'static str, u32)> = Vec::new();
    for _ in 0..50 {
        settle().await;
        let round = renders::take();
        if round.is_empty() {
            all.sort();
            return all;
        }
        for (component, n) in round {
            match all.iter_mut().find(|(c, _)| *c == component) {
                Some((_, total)) => *total += n,
                None => all.push((component, n)),
            }
        }
    }
    panic!("the widget kept rendering: {all:?}");
}

#[wasm_bindgen_test]
async fn a_tick_renders_once_each_part_that_shows_the_days_and_nothing_else() {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let key = "ei-renders-per-tick";
    let props = AppProps {
        storage_key: key.into(),
        ..AppProps::default()
    };
    let app = yew::Renderer::<App>::with_root_and_props(root.clone(), props).render();
    renders_until_quiet().await;
    assert!(root
        .query_selector(".ei-tracker__body:not([inert]) .ei-day")
        .unwrap()
        .is_some());
    let checkbox = |id: u32| -> HtmlElement {
        root.query_selector(&format!("#ei-practice-{id}"))
            .unwrap()
            .unwrap()
            .dyn_into()
            .unwrap()
    };
    // Ticked, then unticked: each renders, once, the tracker and the parts that show days
    // (the day, the calendar and of its days only the one ticked, the summary, the data
    // panel); not the guide, the practices' list, the reminder, the notices or the delete
    // button.
    for _ in 0..2 {
        checkbox(2).click();
        let rendered = renders_until_quiet().await;
        web_sys::console::log_1(&format!("renders per tick: {rendered:?}").into());
        assert_eq!(
            rendered,
            [
                ("CounsellorSummary", 1),
                ("DayView", 1),
                ("HeatCell", 1),
                ("History", 1),
                ("PracticeTracker", 1),
                ("YourData", 1),
            ]
        );
    }
    app.destroy();
    root.remove();
    web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .remove_item(key)
        .unwrap();
}

// ---- Storage against the browser's real localStorage --------------------------------

mod storage {
    use emotional_intimacy_widget::storage::browser::BrowserStorage;
    use emotional_intimacy_widget::storage::{storage_key_for, KeyValue, Notice, Store};
    use emotional_intimacy_widget::tracker::{Action, Day, PracticeId};
    use wasm_bindgen::JsValue;
    use wasm_bindgen_test::*;

    fn local() -> web_sys::Storage {
        web_sys::window().unwrap().local_storage().unwrap().unwrap()
    }

    fn today() -> Day {
        Day::parse("2026-11-26").unwrap()
    }

    fn tick(p: u32) -> Action {
        Action::SetDone {
            day: today(),
            practice: PracticeId(p),
            done: true,
        }
    }

    /// Runs JavaScript in the test page (to simulate what browsers do to storage).
    fn js(code: &str) -> JsValue {
        js_sys::Function::new_no_args(code)
            .call0(&JsValue::NULL)
            .unwrap()
    }

    fn open(key: &str) -> Store<Box<dyn KeyValue>> {
        let storage = BrowserStorage::open().expect("localStorage is available");
        Store::open(Box::new(storage), key)
    }

    #[wasm_bindgen_test]
    fn saves_to_and_reads_from_real_local_storage() {
        let key = "ei-test-roundtrip";
        local().remove_item(key).unwrap();
        let mut store = open(key);
        store.apply(tick(3), today()).unwrap();
        // Kept in months: the index names November (and its text's hash), whose key holds
        // the tick.
        let index = local().get_item(key).unwrap().unwrap();
        let entry = index.split("\"months\":[\"").nth(1).unwrap();
        let entry = entry.split('"').next().unwrap().to_owned();
        assert!(entry.starts_with("2026-11."), "{index}");
        let month_key = format!("{key}#days-{entry}");
        let month = local().get_item(&month_key).unwrap().unwrap();
        assert_eq!(month, "{\"2026-11-26\":{\"done\":[3]}}");
        assert!(open(key).tracker().is_done(today(), PracticeId(3)));
        open(key).delete_all();
        assert_eq!(local().get_item(&month_key).unwrap(), None);
    }

    #[wasm_bindgen_test]
    fn a_quota_error_keeps_the_change_and_says_so() {
        let key = "ei-test-quota";
        local().remove_item(key).unwrap();
        let mut store = open(key);
        js("window.__setItem = Storage.prototype.setItem; \
            Storage.prototype.setItem = function () { \
              throw new DOMException('full', 'QuotaExceededError'); };");
        store.apply(tick(1), today()).unwrap();
        js("Storage.prototype.setItem = window.__setItem;");
        assert_eq!(store.notices(), [Notice::WriteFailed]);
        assert!(store.tracker().is_done(today(), PracticeId(1)));
        assert_eq!(local().get_item(key).unwrap(), None);
        // The next change saves both.
        store.apply(tick(2), today()).unwrap();
        assert!(store.notices().is_empty());
        let reopened = open(key);
        assert!(reopened.tracker().is_done(today(), PracticeId(1)));
        assert!(reopened.tracker().is_done(today(), PracticeId(2)));
        local().remove_item(key).unwrap();
    }

    #[wasm_bindgen_test]
    fn corrupt_data_is_copied_aside_in_local_storage() {
        let key = "ei-test-corrupt";
        local().set_item(key, "{\"version\":2,").unwrap();
        let store = open(key);
        assert!(matches!(store.notices(), [Notice::Unreadable { .. }]));
        let backup = format!("{key}#unreadable-backup-1");
        assert_eq!(
            local().get_item(&backup).unwrap().as_deref(),
            Some("{\"version\":2,")
        );
        local().remove_item(&backup).unwrap();
        local().remove_item(key).unwrap();
    }

    #[wasm_bindgen_test]
    fn delete_all_spares_a_neighbour_whose_key_looks_like_a_backup() {
        // Two widgets on one page, keyed `x` and `x.unreadable-backup` (a name earlier
        // releases also used for x's backups).
        let x = storage_key_for("x").unwrap();
        let neighbour = storage_key_for("x.unreadable-backup").unwrap();
        let legacy_backup = format!("{x}.unreadable-backup-2");
        local().set_item(&legacy_backup, "old junk").unwrap();
        local().set_item(&x, "junk").unwrap();
        let mut other = open(&neighbour);
        other.apply(tick(4), today()).unwrap();
        let mut store = open(&x);
        store.apply(tick(1), today()).unwrap();
        store.delete_all();
        assert_eq!(local().get_item(&x).unwrap(), None);
        assert_eq!(
            local()
                .get_item(&format!("{x}#unreadable-backup-1"))
                .unwrap(),
            None
        );
        assert_eq!(local().get_item(&legacy_backup).unwrap(), None);
        assert!(
            open(&neighbour).tracker().is_done(today(), PracticeId(4)),
            "the neighbour's ticks are kept"
        );
        local().remove_item(&neighbour).unwrap();
    }

    #[wasm_bindgen_test]
    fn a_throwing_local_storage_getter_is_detected_without_a_panic() {
        // What blocked storage looks like: touching window.localStorage throws.
        js(
            "window.__lsDescriptor = Object.getOwnPropertyDescriptor(window, 'localStorage'); \
            Object.defineProperty(window, 'localStorage', { configurable: true, \
              get() { throw new DOMException('denied', 'SecurityError'); } });",
        );
        let opened = BrowserStorage::open();
        js("Object.defineProperty(window, 'localStorage', window.__lsDescriptor);");
        assert!(opened.is_none());
        assert!(
            BrowserStorage::open().is_some(),
            "restored for the other tests"
        );
    }
}
