use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::{
    CounsellorSummary, DayView, ExportReminder, History, Keeping, ManagePractices, Place,
    SharedPractices, SharedTracker, StorageNotices, YourData,
};
use crate::embed::Shape;
use crate::storage::browser::BrowserStorage;
use crate::storage::companion::companion_key;
use crate::storage::transfer::ImportMode;
use crate::storage::transfer::{to_csv, to_json};
use crate::storage::{KeyValue, MemoryStorage, Notice, Store};
use crate::tracker::{Action, Day, Tracker};
use crate::ui::{strings, Heading};
use crate::web::{self, app_state, download, local_today, persist, persisted};

type SharedStore = Rc<RefCell<Option<Store<Box<dyn KeyValue>>>>>;

/// The view of the store now. The practices are shared with `last` when they did not change
/// (a tick), so what shows only them is not rendered again.
fn view_of(
    store: &Store<Box<dyn KeyValue>>,
    today: Day,
    last: &RefCell<Option<SharedPractices>>,
) -> TrackerView {
    let tracker = store.tracker();
    let mut last = last.borrow_mut();
    let practices = match &*last {
        Some(same) if *same.0 == tracker.practices => same.clone(),
        _ => SharedPractices(Rc::new(tracker.practices.clone())),
    };
    *last = Some(practices.clone());
    TrackerView {
        practices,
        tracker: SharedTracker(Rc::new(tracker.clone())),
        notices: store.notices().to_vec(),
        memory_only: store.is_memory_only(),
        reminder: store.companion().export_reminder_due(tracker, today),
        today,
    }
}

/// What the tracker's components render: a snapshot of the store, plus today's date.
#[derive(Debug, Clone, PartialEq)]
pub struct TrackerView {
    pub tracker: SharedTracker,
    pub practices: SharedPractices,
    pub notices: Vec<Notice>,
    pub memory_only: bool,
    /// The reminder to save a copy is due.
    pub reminder: bool,
    pub today: Day,
}

/// Sent by the tracker's components to the panel.
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    Change(Action),
    /// Import a file's data (merged into, or replacing, the freshest stored data); `done`
    /// hears whether it worked.
    Import {
        incoming: Rc<Tracker>,
        mode: ImportMode,
        done: Callback<bool>,
    },
    DeleteAll,
    /// Download a copy (JSON, or CSV for spreadsheets); remembered as the last export.
    Export {
        csv: bool,
    },
    /// "Not now" to the reminder to save a copy.
    PutOffReminder,
    /// Read storage again now (before printing: what another tab saved is included).
    Refresh,
}

#[derive(Properties, PartialEq)]
pub struct PracticeTrackerProps {
    /// The localStorage key (a namespace: two widgets with different keys keep apart).
    pub storage_key: AttrValue,
    /// Level of the tracker's heading.
    pub level: u8,
    /// Whether each day has a note field (a host may turn notes off).
    #[prop_or(true)]
    pub notes: bool,
    /// Where the widget is shown: what the visitor is told about where the data is kept.
    #[prop_or_default]
    pub shape: Shape,
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

/// The daily practice tracker. The server (and the first, hydrating render) shows an inert
/// skeleton; the store is opened in an effect, since storage and the clock are web APIs.
#[function_component(PracticeTracker)]
pub fn practice_tracker(props: &PracticeTrackerProps) -> Html {
    let store_handle: SharedStore = use_mut_ref(|| None);
    let last_practices = use_mut_ref(|| None::<SharedPractices>);
    let view = use_state(|| None::<TrackerView>);
    // The day being looked at; None follows today (also across midnight).
    let chosen = use_state(|| None::<Day>);
    let message = use_state(|| None::<String>);
    let keeping = use_state(Keeping::default);
    // True while this widget tells the page's others that it saved (it need not hear itself).
    let announcing = use_mut_ref(|| false);

    {
        let store_handle = store_handle.clone();
        let last_practices = last_practices.clone();
        let view = view.clone();
        let key = props.storage_key.clone();
        let keeping = keeping.clone();
        let shape = props.shape;
        let announcing = announcing.clone();
        use_effect_with(key, move |key| {
            let today = local_today();
            // Whether the browser keeps the data: only read here; asked for after a tick.
            let (installed, installable) = app_state();
            let place = place_of(shape);
            yew::platform::spawn_local(async move {
                keeping.set(Keeping {
                    persisted: persisted().await,
                    installed,
                    installable,
                    place,
                });
            });
            let opened: Store<Box<dyn KeyValue>> = match BrowserStorage::open() {
                Some(storage) => Store::open(Box::new(storage), key),
                None => Store::blocked(Box::new(MemoryStorage::default()), key),
            };
            let mut opened = opened;
            if let Some(settled) = opened.companion().settled(today) {
                opened.update_companion(|c| *c = settled);
            }
            *store_handle.borrow_mut() = Some(opened);
            let publish = {
                let store_handle = store_handle.clone();
                let view = view.clone();
                move |today: Day| {
                    if let Some(s) = store_handle.borrow().as_ref() {
                        view.set(Some(view_of(s, today, &last_practices)));
                    }
                }
            };
            publish(today);

            let current_today = Rc::new(std::cell::Cell::new(today));
            // Another tab saved, or another widget of this page under the same key: take its
            // data (our unsaved changes are replayed on it).
            let on_storage = {
                let store_handle = store_handle.clone();
                let publish = publish.clone();
                let key = key.to_string();
                let companion = companion_key(&key);
                let current_today = current_today.clone();
                let announcing = announcing.clone();
                move |event: &Event| {
                    if let Some(event) = event.dyn_ref::<web_sys::StorageEvent>() {
                        // `key` is null when another tab cleared all of storage.
                        if event.key().is_some_and(|k| k != key && k != companion) {
                            return;
                        }
                    } else if let Some(event) = event.dyn_ref::<web_sys::CustomEvent>() {
                        // This widget's own announcement, or another key's: nothing to read.
                        if *announcing.borrow()
                            || event.detail().as_string().as_deref() != Some(&key)
                        {
                            return;
                        }
                    }
                    if let Some(s) = store_handle.borrow_mut().as_mut() {
                        s.reload(current_today.get());
                    }
                    publish(current_today.get());
                }
            };
            // The page may stay open past midnight: look at the date when it is shown
            // again and every minute.
            let check_day = {
                let publish = publish.clone();
                let current_today = current_today.clone();
                move || {
                    let now = local_today();
                    if now != current_today.get() {
                        current_today.set(now);
                        publish(now);
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
        });
    }

    let heading = html! {
        <Heading level={props.level} id="ei-tracker-heading" class="ei-tracker__heading">
            { strings::TRACKER_HEADING }
        </Heading>
    };
    // Until storage and the clock are read (and on the server, and with JavaScript off), the
    // tracker shows its own skeleton: the same parts at about their final size, inert, with
    // a line saying what is happening. Loading then fills it in without moving the page.
    let pending = view.is_none();
    let current = (*view).clone().unwrap_or_else(|| {
        let tracker = Tracker::default();
        TrackerView {
            practices: SharedPractices(Rc::new(tracker.practices.clone())),
            tracker: SharedTracker(Rc::new(tracker)),
            notices: Vec::new(),
            memory_only: false,
            reminder: false,
            today: Day::EPOCH,
        }
    });

    let today = current.today;
    let day = chosen.map(|d| d.min(today)).unwrap_or(today);

    let on_request = {
        let store_handle = store_handle.clone();
        let last_practices = last_practices.clone();
        let view = view.clone();
        let message = message.clone();
        let keeping = keeping.clone();
        let key = props.storage_key.clone();
        let announcing = announcing.clone();
        Callback::from(move |request: Request| {
            let mut guard = store_handle.borrow_mut();
            let Some(store) = guard.as_mut() else { return };
            let mut ask_to_keep = false;
            let saves = !matches!(request, Request::Refresh);
            let result = match request {
                Request::Change(action) => {
                    let ticked = matches!(action, Action::SetDone { done: true, .. });
                    let result = store.apply(action, today).map(|_| ());
                    // After a tick (never on load), on the widget's own page (a host's
                    // visitors are not asked in the host's name), ask the browser to keep
                    // the data, unless it already does or was asked lately.
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
                    let name = strings::export_file_name(today, csv);
                    if download(&name, mime, &text) {
                        store.update_companion(|c| c.last_export = Some(today));
                    }
                    Ok(())
                }
                Request::PutOffReminder => {
                    store.update_companion(|c| c.reminder_put_off = Some(today));
                    Ok(())
                }
                Request::Import {
                    incoming,
                    mode,
                    done,
                } => {
                    done.emit(store.import(&incoming, mode, today));
                    Ok(())
                }
                Request::DeleteAll => {
                    store.delete_all();
                    Ok(())
                }
                Request::Refresh => {
                    store.reload(today);
                    Ok(())
                }
            };
            message.set(result.err().map(|e| strings::tracker_error(&e)));
            view.set(Some(view_of(store, today, &last_practices)));
            drop(guard);
            // Other widgets of this page under the same key read it again (a storage event
            // reaches only other tabs); this one does not need to hear itself.
            if saves {
                *announcing.borrow_mut() = true;
                web::announce_saved(&key);
                *announcing.borrow_mut() = false;
            }
            if ask_to_keep {
                let keeping = keeping.clone();
                yew::platform::spawn_local(async move {
                    keeping.set(Keeping {
                        persisted: persist().await,
                        ..(*keeping).clone()
                    });
                });
            }
        })
    };
    let on_choose = {
        let chosen = chosen.clone();
        Callback::from(move |d: Day| chosen.set(if d >= today { None } else { Some(d) }))
    };

    html! {
        <section class="ei-tracker" aria-labelledby="ei-tracker-heading">
            { heading }
            <p class="ei-tracker__intro">{ strings::TRACKER_INTRO }</p>
            if pending {
                <p class="ei-tracker__loading">{ strings::TRACKER_NEEDS_JS }</p>
            } else {
                <StorageNotices notices={current.notices.clone()} />
                <ExportReminder due={current.reminder} on_request={on_request.clone()} />
            }
            <div class="ei-tracker__body" inert={pending}>
                <DayView tracker={current.tracker.clone()} {day} {today} {pending}
                    on_request={on_request.clone()} on_choose={on_choose.clone()}
                    message={(*message).clone()} level={props.level + 1} notes={props.notes} />
                <History tracker={current.tracker.clone()} {day} {today} {pending}
                    on_choose={on_choose} level={props.level + 1} />
                <CounsellorSummary tracker={current.tracker.clone()} {today} level={props.level + 1}
                    notes={props.notes} on_request={on_request.clone()} />
                <ManagePractices practices={current.practices.clone()} {today}
                    on_request={on_request.clone()} level={props.level + 1} />
                <YourData tracker={current.tracker} {today} memory_only={current.memory_only}
                    keeping={(*keeping).clone()} {on_request} level={props.level + 1}
                    notes={props.notes} blocked={current.notices.contains(&Notice::Blocked)} />
            </div>
        </section>
    }
}
