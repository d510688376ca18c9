use gloo_events::EventListener;
use yew::prelude::*;

use super::guide::{ExpandAll, Faq, GuideHeader, OpenAction, OpenState, QuickTake, Sections};
use super::tracker::{PracticeTracker, Starting};
use crate::content::GUIDE;
use crate::embed::{OpenMode, Parts, Shape};
use crate::web;

#[derive(Properties, PartialEq, Clone)]
pub struct AppProps {
    /// Level of the widget's title heading (1 on the standalone page); the widget's other
    /// headings follow below it.
    #[prop_or(1)]
    pub heading_level: u8,
    /// The localStorage key the tracker keeps its data under.
    #[prop_or(AttrValue::Static(crate::storage::DEFAULT_KEY))]
    pub storage_key: AttrValue,
    /// Which parts to show (all, unless a host chose fewer).
    #[prop_or_default]
    pub parts: Parts,
    /// What is open at first.
    #[prop_or_default]
    pub open: OpenMode,
    /// Whether opening a section writes its link into the address bar. True on the widget's
    /// own pages; false when embedded, where the URL belongs to the host page.
    #[prop_or(true)]
    pub sync_url: bool,
    /// Whether the tracker has a note field (a host may turn notes off).
    #[prop_or(true)]
    pub notes: bool,
    /// Where the widget is shown: what the visitor is told about where the data is kept.
    #[prop_or_default]
    pub shape: Shape,
    /// The practices a visitor with nothing saved starts with (a site's suggestions).
    #[prop_or_default]
    pub practices: Starting,
}

impl Default for AppProps {
    fn default() -> Self {
        Self {
            heading_level: 1,
            storage_key: AttrValue::Static(crate::storage::DEFAULT_KEY),
            parts: Parts::default(),
            open: OpenMode::None,
            sync_url: true,
            notes: true,
            shape: Shape::Page,
            practices: Starting::default(),
        }
    }
}

/// Takes over what the visitor opened before the wasm arrived (the page is pre-rendered, so
/// sections can be opened natively while it loads).
fn adopt_open_items(state: &UseReducerHandle<OpenState>, root: &NodeRef) {
    let Some(root) = root.cast::<web_sys::Element>() else {
        return;
    };
    for id in web::open_details_ids(&root) {
        if let Some(item) = GUIDE.item(&id) {
            state.dispatch(OpenAction::Set {
                slug: item.slug,
                open: true,
            });
        }
    }
}

/// Opens the item named by the URL fragment, if the fragment is one of ours, and shows it.
fn open_from_fragment(state: &UseReducerHandle<OpenState>, root: &NodeRef) {
    if let Some(item) = web::current_fragment().and_then(|f| GUIDE.item(&f)) {
        state.dispatch(OpenAction::Set {
            slug: item.slug,
            open: true,
        });
        if let Some(root) = root.cast::<web_sys::Element>() {
            web::scroll_to(&root, item.slug);
        }
    }
}

/// The whole widget: the guide (title, quick take, sections, questions), then the practice
/// tracker, each part shown as the host chose.
#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    crate::ui::renders::rendered("App");
    let open_mode = props.open;
    let state = use_reducer(move || OpenState::initial(open_mode));
    // Rendered `false` on the server and in the first (hydrating) render; true once the wasm
    // runs, which is when controls that need it can work.
    let ready = use_state(|| false);
    let root = use_node_ref();

    {
        let state = state.clone();
        let ready = ready.clone();
        let root = root.clone();
        use_effect_with((), move |_| {
            ready.set(true);
            adopt_open_items(&state, &root);
            open_from_fragment(&state, &root);
            let window = web_sys::window();
            let listeners: Vec<EventListener> = window
                .map(|window| {
                    let on_hash = state.clone();
                    let hash_root = root.clone();
                    let on_before_print = state.clone();
                    let on_after_print = state.clone();
                    vec![
                        EventListener::new(&window, "hashchange", move |_| {
                            open_from_fragment(&on_hash, &hash_root)
                        }),
                        EventListener::new(&window, "beforeprint", move |_| {
                            on_before_print.dispatch(OpenAction::BeginPrint)
                        }),
                        EventListener::new(&window, "afterprint", move |_| {
                            on_after_print.dispatch(OpenAction::EndPrint)
                        }),
                    ]
                })
                .unwrap_or_default();
            move || drop(listeners)
        });
    }

    let on_toggle = {
        let state = state.clone();
        let sync_url = props.sync_url;
        Callback::from(move |(slug, open): (&'static str, bool)| {
            state.dispatch(OpenAction::Set { slug, open });
            if !sync_url {
                return;
            }
            if open {
                web::replace_fragment(Some(slug));
            } else if web::current_fragment().as_deref() == Some(slug) {
                web::replace_fragment(None);
            }
        })
    };
    let all_open = state.all_open();
    let on_expand_all = {
        let state = state.clone();
        Callback::from(move |()| {
            state.dispatch(if all_open {
                OpenAction::CollapseAll
            } else {
                OpenAction::ExpandAll
            })
        })
    };

    // Questions sit two levels below the title, so the title goes no lower than h4.
    let level = props.heading_level.clamp(1, 4);
    let sub = level + 1;
    let parts = props.parts;
    html! {
        <article class="ei-widget" ref={root}>
            <GuideHeader guide={&GUIDE} {level} />
            if parts.quick_take {
                <QuickTake guide={&GUIDE} level={sub} />
            }
            if parts.sections || parts.faq {
                <ExpandAll {all_open} ready={*ready} on_click={on_expand_all} />
            }
            if parts.sections {
                <Sections guide={&GUIDE} state={(*state).clone()} level={sub} on_toggle={on_toggle.clone()} />
            }
            if parts.faq {
                <Faq guide={&GUIDE} state={(*state).clone()} level={sub} {on_toggle} />
            }
            if parts.tracker {
                <PracticeTracker storage_key={props.storage_key.clone()} level={sub}
                    notes={props.notes} shape={props.shape} practices={props.practices.clone()} />
            }
        </article>
    }
}
