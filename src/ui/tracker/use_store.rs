//! `use_store`: the hook that owns the tracker's [`Store`] (the pure, natively tested
//! service) in the browser. It opens it in an effect (storage and the clock are web APIs),
//! answers every [`Request`] through one stable callback, hears other tabs and widgets save
//! and the date change, and shows the result through the UI state's reducer.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::state::{Keeping, Place, Snapshot, TrackerUi, UiAction};
use super::{Request, SharedTracker};
use crate::embed::Shape;
use crate::storage::browser::BrowserStorage;
use crate::storage::companion::companion_key;
use crate::storage::transfer::{to_csv, to_json};
use crate::storage::{KeyValue, MemoryStorage, Store};
use crate::tracker::{Action, Day, Tracker};
use crate::ui::strings;
use crate::web::{self, app_state, download, local_today, persist, persisted};

type BrowserStore = Store<Box<dyn KeyValue>>;

/// What the hook keeps outside rendering: the store and what answering a request needs.
struct Service {
    store: Option<BrowserStore>,
    key: AttrValue,
    /// The visitor's date as last looked at.
    today: Day,
    keeping: Keeping,
    /// True while this widget tells the page's others that it saved (it need not hear itself).
    announcing: bool,
}

impl Default for Service {
    fn default() -> Self {
        Service {
            store: None,
            key: AttrValue::default(),
            today: Day::EPOCH,
            keeping: Keeping::default(),
            announcing: false,
        }
    }
}

type Shared = Rc<RefCell<Service>>;

/// The store as shown: its data and notices shared, not copied.
fn snapshot(store: &BrowserStore, today: Day) -> Snapshot {
    Snapshot {
        reminder: store
            .companion()
            .export_reminder_due(store.tracker(), today),
        tracker: SharedTracker(store.shared_tracker()),
        notices: store.shared_notices(),
        memory_only: store.is_memory_only(),
        today,
    }
}

/// Shows what the store holds now (after another tab saved, or a new day).
fn show(service: &Shared, ui: &UseReducerDispatcher<TrackerUi>) {
    let shown = {
        let service = service.borrow();
        service.store.as_ref().map(|s| snapshot(s, service.today))
    };
    if let Some(shown) = shown {
        ui.dispatch(UiAction::Show(shown));
    }
}

/// The UI state and the one callback every part of the tracker sends its requests to.
#[hook]
pub fn use_store(
    key: AttrValue,
    shape: Shape,
    start: Rc<Tracker>,
) -> (UseReducerHandle<TrackerUi>, Callback<Request>) {
    let ui = {
        let start = Rc::clone(&start);
        use_reducer(move || TrackerUi::starting(start))
    };
    let service: Shared = use_mut_ref(Service::default);
    let send = {
        let service = service.clone();
        let ui = ui.dispatcher();
        use_callback((), move |request, _| answer(&service, &ui, request))
    };
    {
        let service = service.clone();
        let ui = ui.dispatcher();
        use_effect_with(key, move |key| open(&service, &ui, key, shape, start));
    }
    (ui, send)
}

/// Where the data is kept, for the widget in `shape` on this page (read in the browser).
fn place_of(shape: Shape) -> Place {
    let host = web::host();
    match (shape, web::framed_by_same_origin()) {
        (Shape::InPage, _) | (Shape::Frame, Some(true)) => Place::HostPage(host),
        (Shape::Frame, Some(false)) => Place::OwnFrame(host),
        (Shape::Page, _) | (Shape::Frame, None) => Place::OwnPage(host),
    }
}

/// Opens the store under `key` and listens for what changes it from outside; returns what
/// stops listening.
fn open(
    service: &Shared,
    ui: &UseReducerDispatcher<TrackerUi>,
    key: &AttrValue,
    shape: Shape,
    start: Rc<Tracker>,
) -> impl FnOnce() {
    let today = local_today();
    let mut store: BrowserStore = match BrowserStorage::open() {
        Some(storage) => Store::open_starting(Box::new(storage), key, start),
        None => Store::blocked_starting(Box::new(MemoryStorage::default()), key, start),
    };
    if let Some(settled) = store.companion().settled(today) {
        store.update_companion(|c| *c = settled);
    }
    {
        let mut s = service.borrow_mut();
        s.store = Some(store);
        s.key = key.clone();
        s.today = today;
    }
    show(service, ui);
    // Whether the browser keeps the data: only read here; asked for after a tick.
    let (installed, installable) = app_state();
    let place = place_of(shape);
    {
        let service = service.clone();
        let ui = ui.clone();
        yew::platform::spawn_local(async move {
            let keeping = Keeping {
                persisted: persisted().await,
                installed,
                installable,
                place,
            };
            service.borrow_mut().keeping = keeping.clone();
            ui.dispatch(UiAction::Keeping(keeping));
        });
    }

    // Another tab saved, or another widget of this page under the same key: take its data
    // (our unsaved changes are replayed on it).
    let on_storage = {
        let service = service.clone();
        let ui = ui.clone();
        let key = key.to_string();
        let companion = companion_key(&key);
        move |event: &Event| {
            if let Some(event) = event.dyn_ref::<web_sys::StorageEvent>() {
                // `key` is null when another tab cleared all of storage.
                if event.key().is_some_and(|k| k != key && k != companion) {
                    return;
                }
            } else if let Some(event) = event.dyn_ref::<web_sys::CustomEvent>() {
                // This widget's own announcement, or another key's: nothing to read.
                if service.borrow().announcing
                    || event.detail().as_string().as_deref() != Some(&key)
                {
                    return;
                }
            }
            {
                let mut s = service.borrow_mut();
                let today = s.today;
                if let Some(store) = s.store.as_mut() {
                    store.reload(today);
                }
            }
            show(&service, &ui);
        }
    };
    // The page may stay open past midnight: look at the date when it is shown again and
    // every minute.
    let check_day = {
        let service = service.clone();
        let ui = ui.clone();
        move || {
            let now = local_today();
            if now != service.borrow().today {
                service.borrow_mut().today = now;
                show(&service, &ui);
            }
        }
    };
    let window = web_sys::window();
    let document = window.as_ref().and_then(|w| w.document());
    let mut listeners = Vec::new();
    if let Some(window) = &window {
        let on_saved = on_storage.clone();
        listeners.push(EventListener::new(window, "storage", on_storage));
        listeners.push(EventListener::new(window, web::SAVED_EVENT, on_saved));
    }
    if let Some(document) = &document {
        let check_day = check_day.clone();
        listeners.push(EventListener::new(
            document,
            "visibilitychange",
            move |_| check_day(),
        ));
    }
    let interval = gloo_timers::callback::Interval::new(60_000, check_day);
    move || {
        drop(listeners);
        drop(interval);
    }
}

/// Answers one request: the UI's own at once; the store's by changing or reading it, then
/// showing the result, telling the page's other widgets, and (after a first tick) asking
/// the browser to keep the data.
fn answer(service: &Shared, ui: &UseReducerDispatcher<TrackerUi>, request: Request) {
    let request = match request {
        Request::Choose(day) => return ui.dispatch(UiAction::Choose(day)),
        Request::Forget => return ui.dispatch(UiAction::Forget),
        request => request,
    };
    let saves = !matches!(request, Request::Refresh);
    let mut ask_to_keep = false;
    let mut said = None;
    let (shown, refused, key) = {
        let mut guard = service.borrow_mut();
        let Service {
            store,
            key,
            today,
            keeping,
            ..
        } = &mut *guard;
        let (Some(store), today) = (store.as_mut(), *today) else {
            return;
        };
        let result = match request {
            Request::Change(action) => {
                let ticked = matches!(action, Action::SetDone { done: true, .. });
                let result = store.apply(action, today).map(|_| ());
                // After a tick (never on load), on the widget's own page (a host's visitors
                // are not asked in the host's name), ask the browser to keep the data,
                // unless it already does or was asked lately.
                if result.is_ok()
                    && ticked
                    && keeping.installable
                    && !store.is_memory_only()
                    && keeping.persisted != Some(true)
                    && store.companion().may_ask_to_persist(today)
                {
                    store.update_companion(|c| c.persist_asked = Some(today));
                    ask_to_keep = true;
                }
                result
            }
            Request::Export { csv } => {
                // What storage holds now: another tab's or widget's latest save included.
                store.reload(today);
                let tracker = store.tracker();
                let (mime, text) = if csv {
                    ("text/csv", to_csv(tracker))
                } else {
                    ("application/json", to_json(tracker))
                };
                if download(&strings::export_file_name(today, csv), mime, &text) {
                    store.update_companion(|c| c.last_export = Some(today));
                }
                Ok(())
            }
            Request::PutOffReminder => {
                store.update_companion(|c| c.reminder_put_off = Some(today));
                Ok(())
            }
            Request::Import { incoming, mode } => {
                said = Some(if store.import(&incoming, mode, today) {
                    strings::IMPORTED
                } else {
                    strings::IMPORT_FAILED
                });
                Ok(())
            }
            Request::DeleteAll => {
                store.delete_all();
                said = Some(strings::DELETED);
                Ok(())
            }
            Request::Refresh | Request::Choose(_) | Request::Forget => {
                store.reload(today);
                Ok(())
            }
        };
        let refused = result.err().map(|e| strings::tracker_error(&e));
        (snapshot(store, today), refused, key.clone())
    };
    ui.dispatch(UiAction::Answer {
        shown,
        refused,
        said,
    });
    // Other widgets of this page under the same key read it again (a storage event reaches
    // only other tabs); this one does not need to hear itself.
    if saves {
        service.borrow_mut().announcing = true;
        web::announce_saved(&key);
        service.borrow_mut().announcing = false;
    }
    if ask_to_keep {
        let service = service.clone();
        let ui = ui.clone();
        yew::platform::spawn_local(async move {
            let persisted = persist().await;
            let keeping = {
                let mut s = service.borrow_mut();
                s.keeping.persisted = persisted;
                s.keeping.clone()
            };
            ui.dispatch(UiAction::Keeping(keeping));
        });
    }
}
