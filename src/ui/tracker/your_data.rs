use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, KeyboardEvent};
use yew::prelude::*;

use super::{Request, SharedTracker};
use crate::storage::transfer::{preview, read_import, ImportError, ImportMode, MAX_IMPORT_BYTES};
use crate::tracker::Day;
use crate::ui::{strings, use_focus_after_render, Heading};

/// Whether the browser keeps the data, and how the visitor could help it to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keeping {
    /// The browser's promise (`navigator.storage.persisted()`); None: it cannot say (yet).
    pub persisted: Option<bool>,
    /// Running as an installed app.
    pub installed: bool,
    /// The page can be installed (the standalone page, which has a manifest).
    pub installable: bool,
    /// Where the data is kept, and who else could read it.
    pub place: Place,
}

/// Where the tracker's data is kept, as the visitor is told it. Each holds the site's host
/// (`practice.example`): localStorage belongs to it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Place {
    /// Not known yet (on the server, and before the tracker has loaded).
    #[default]
    Unknown,
    /// The widget's own page (standalone, or frame.html opened by itself): that site's
    /// storage, on a page that runs no script but the widget's.
    OwnPage(String),
    /// frame.html framed by a page of another site: that page's scripts cannot reach it.
    OwnFrame(String),
    /// A page of the host site (the in-page embed, or frame.html framed by its own site):
    /// the site's storage, which the site's own scripts can read.
    HostPage(String),
}

#[derive(Properties, PartialEq)]
pub struct YourDataProps {
    pub tracker: SharedTracker,
    pub today: Day,
    /// True when nothing is being saved (blocked storage): exporting is the only way to keep it.
    pub memory_only: bool,
    pub keeping: Keeping,
    pub on_request: Callback<Request>,
    pub level: u8,
    /// Whether the tracker takes notes (a host may turn them off).
    #[prop_or(true)]
    pub notes: bool,
    /// The browser keeps nothing (storage blocked): the tracker lives on this page only.
    #[prop_or_default]
    pub blocked: bool,
}

#[derive(Clone, PartialEq)]
enum ImportState {
    Idle,
    Failed(String),
    Ready {
        incoming: SharedTracker,
        file_name: String,
        /// The file had notes, left out because the site has turned notes off.
        notes_left_out: bool,
    },
}

/// Where the data lives, export, import with a preview, and deleting everything.
#[function_component(YourData)]
pub fn your_data(props: &YourDataProps) -> Html {
    let import = use_state(|| ImportState::Idle);
    let mode = use_state(|| ImportMode::Merge);
    let confirm_delete = use_state(|| false);
    let dialog = use_node_ref();
    // The confirmation opens as a modal dialog once it is on the page.
    {
        let dialog = dialog.clone();
        use_effect_with(*confirm_delete, move |open| {
            if let (true, Some(dialog)) = (*open, dialog.cast::<web_sys::HtmlDialogElement>()) {
                let _ = dialog.show_modal();
            }
        });
    }
    let status = use_state(|| None::<String>);
    let file_input = use_node_ref();
    // Where focus goes after the next render, when the focused button goes away.
    let root = use_node_ref();
    let focus_next = use_focus_after_render(root.clone());

    let export = |csv: bool| {
        let on_request = props.on_request.clone();
        Callback::from(move |_: MouseEvent| on_request.emit(Request::Export { csv }))
    };

    let on_file = {
        let import = import.clone();
        let status = status.clone();
        let notes = props.notes;
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            status.set(None);
            let size = file.size() as usize;
            if size > MAX_IMPORT_BYTES {
                import.set(ImportState::Failed(strings::import_error(
                    &ImportError::TooLarge { bytes: size },
                )));
                input.set_value("");
                return;
            }
            let import = import.clone();
            let file_name = file.name();
            yew::platform::spawn_local(async move {
                let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
                let state = match text.ok().and_then(|t| t.as_string()) {
                    None => ImportState::Failed(strings::IMPORT_UNREADABLE_FILE.into()),
                    Some(text) => match read_import(&text) {
                        Ok(mut incoming) => {
                            // Notes off: the site's own scripts could read them here. They
                            // stay in the visitor's file.
                            let notes_left_out =
                                !notes && incoming.days.values().any(|e| !e.note.is_empty());
                            if notes_left_out {
                                for entry in incoming.days.values_mut() {
                                    entry.note.clear();
                                }
                                incoming.days.retain(|_, entry| !entry.is_empty());
                            }
                            ImportState::Ready {
                                incoming: SharedTracker(Rc::new(incoming)),
                                file_name,
                                notes_left_out,
                            }
                        }
                        Err(e) => {
                            // The reason in detail is for whoever fixes the file: the console.
                            if let Some(detail) = e.detail() {
                                web_sys::console::warn_1(
                                    &format!("emotional-intimacy widget: import: {detail}").into(),
                                );
                            }
                            ImportState::Failed(strings::import_error(&e))
                        }
                    },
                };
                import.set(state);
            });
        })
    };

    let reset_file = {
        let file_input = file_input.clone();
        move || {
            if let Some(input) = file_input.cast::<HtmlInputElement>() {
                input.set_value("");
                let _ = input.focus();
            }
        }
    };

    // What the import would change: worked out again only when the data here, the file or
    // the mode changes, not on every render.
    let previewed = use_memo(
        (props.tracker.clone(), (*import).clone(), *mode, props.today),
        |(tracker, import, mode, today)| match import {
            ImportState::Ready { incoming, .. } => Some(preview(tracker, incoming, *mode, *today)),
            _ => None,
        },
    );
    // An import refused is about the file field: marked invalid, described by why.
    let import_failed =
        matches!(*import, ImportState::Failed(_)) || matches!(previewed.as_ref(), Some(Err(_)));
    let import_view = match &*import {
        ImportState::Idle => html! {},
        ImportState::Failed(message) => {
            html! { <p id="ei-import-error" class="ei-message ei-field-error" role="alert">{ message.clone() }</p> }
        }
        ImportState::Ready {
            incoming,
            file_name,
            notes_left_out,
        } => match previewed.as_ref() {
            // (Not reached: a file ready to import always has its preview.)
            None => html! {},
            Some(Err(e)) => html! {
                <p id="ei-import-error" class="ei-message ei-field-error" role="alert">{ strings::import_error(e) }</p>
            },
            Some(Ok(p)) => {
                let lines = strings::import_changes(p);
                let nothing = p.changes_nothing();
                let set_mode = |m: ImportMode| {
                    let mode = mode.clone();
                    Callback::from(move |_: Event| mode.set(m))
                };
                let confirm = {
                    let on_request = props.on_request.clone();
                    let import = import.clone();
                    let status = status.clone();
                    let incoming = incoming.0.clone();
                    let mode = *mode;
                    let reset_file = reset_file.clone();
                    Callback::from(move |_: MouseEvent| {
                        let done = {
                            let status = status.clone();
                            Callback::from(move |ok: bool| {
                                status.set(Some(
                                    if ok {
                                        strings::IMPORTED
                                    } else {
                                        strings::IMPORT_FAILED
                                    }
                                    .into(),
                                ))
                            })
                        };
                        on_request.emit(Request::Import {
                            incoming: incoming.clone(),
                            mode,
                            done,
                        });
                        import.set(ImportState::Idle);
                        reset_file();
                    })
                };
                let cancel = {
                    let import = import.clone();
                    let reset_file = reset_file.clone();
                    Callback::from(move |_: MouseEvent| {
                        import.set(ImportState::Idle);
                        reset_file();
                    })
                };
                html! {
                    <div class="ei-import-preview" role="group" aria-labelledby="ei-import-title">
                        <p id="ei-import-title" class="ei-import-preview__title">
                            { strings::import_title(file_name, incoming.days.len()) }
                        </p>
                        <fieldset class="ei-choice">
                            <legend class="ei-visually-hidden">{ strings::IMPORT_HOW }</legend>
                            <label><input type="radio" name="ei-import-mode" checked={*mode == ImportMode::Merge}
                                onchange={set_mode(ImportMode::Merge)} />{ strings::IMPORT_MERGE }</label>
                            <label><input type="radio" name="ei-import-mode" checked={*mode == ImportMode::Replace}
                                onchange={set_mode(ImportMode::Replace)} />{ strings::IMPORT_REPLACE }</label>
                        </fieldset>
                        // Said once: the file, and what to do next.
                        <p class="ei-visually-hidden" role="status">{ strings::import_ready(file_name) }</p>
                        if *notes_left_out {
                            <p class="ei-import-preview__notes-off">{ strings::IMPORT_NOTES_LEFT_OUT }</p>
                        }
                        <ul class="ei-import-preview__changes">
                            if nothing {
                                <li>{ strings::IMPORT_NOTHING }</li>
                            } else {
                                { for lines.into_iter().map(|l| html! { <li>{ l }</li> }) }
                            }
                        </ul>
                        <div class="ei-actions">
                            <button type="button" class="ei-button ei-button--primary" onclick={confirm} disabled={nothing}>
                                { strings::IMPORT_CONFIRM }
                            </button>
                            <button type="button" class="ei-button ei-button--quiet" onclick={cancel}>{ strings::CANCEL }</button>
                        </div>
                    </div>
                }
            }
        },
    };

    let delete_view = {
        let yes = {
            let focus_next = focus_next.clone();
            let on_request = props.on_request.clone();
            let confirm_delete = confirm_delete.clone();
            let status = status.clone();
            Callback::from(move |_: MouseEvent| {
                focus_next.set("[data-focus=\"delete\"]");
                on_request.emit(Request::DeleteAll);
                confirm_delete.set(false);
                status.set(Some(strings::DELETED.into()));
            })
        };
        let keep = {
            let confirm_delete = confirm_delete.clone();
            let focus_next = focus_next.clone();
            move || {
                focus_next.set("[data-focus=\"delete\"]");
                confirm_delete.set(false);
            }
        };
        let no = {
            let keep = keep.clone();
            Callback::from(move |_: MouseEvent| keep())
        };
        // Escape (the dialog's cancel) keeps the data, as "Keep my data" does.
        let on_cancel = Callback::from(move |e: Event| {
            e.prevent_default();
            keep();
        });
        // Tab goes from one answer to the other and never out of the dialog (a browser
        // would let it leave for its own toolbar, and the page behind is inert).
        let hold_focus = Callback::from(|e: KeyboardEvent| {
            if e.key() != "Tab" {
                return;
            }
            let Some(dialog) = e
                .current_target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            else {
                return;
            };
            let on_keep = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|t| t.get_attribute("data-focus").as_deref() == Some("keep"));
            e.prevent_default();
            let other = if on_keep {
                "[data-focus=\"delete-yes\"]"
            } else {
                "[data-focus=\"keep\"]"
            };
            crate::web::focus_within(&dialog, other);
        });
        let ask = {
            let confirm_delete = confirm_delete.clone();
            let status = status.clone();
            Callback::from(move |_: MouseEvent| {
                status.set(None);
                confirm_delete.set(true);
            })
        };
        html! {
            <>
                <button type="button" class="ei-button ei-button--quiet" data-focus="delete" onclick={ask}>{ strings::DELETE_ALL }</button>
                if *confirm_delete {
                    // A modal dialog: focus is held inside (on "Keep my data" first) until
                    // it is answered, and goes back to the button that asked.
                    <dialog ref={dialog.clone()} class="ei-confirm" aria-labelledby="ei-delete-question"
                        oncancel={on_cancel} onkeydown={hold_focus}>
                        <p id="ei-delete-question">{ strings::DELETE_CONFIRM_QUESTION }</p>
                        <div class="ei-actions">
                            <button type="button" class="ei-button ei-button--danger" data-focus="delete-yes" onclick={yes}>{ strings::DELETE_CONFIRM }</button>
                            <button type="button" class="ei-button ei-button--quiet" data-focus="keep" autofocus=true onclick={no}>{ strings::DELETE_KEEP }</button>
                        </div>
                    </dialog>
                }
            </>
        }
    };

    html! {
        <section class="ei-data" aria-labelledby="ei-data-heading" ref={root}>
            <Heading level={props.level} id="ei-data-heading" class="ei-data__heading">{ strings::YOUR_DATA }</Heading>
            <p class="ei-data__privacy">
                if props.blocked {
                    { strings::NOT_KEPT }
                } else {
                    { strings::where_kept(&props.keeping.place, props.notes) }
                }
            </p>
            if !props.notes && props.tracker.days.values().any(|e| !e.note.is_empty()) {
                <p class="ei-data__notes-off">{ strings::NOTES_OFF_KEPT }</p>
            }
            if !props.memory_only {
                <p class="ei-data__kept">{ kept_line(&props.keeping) }</p>
            }
            <div class="ei-actions">
                <button type="button" class="ei-button" onclick={export(false)}>{ strings::EXPORT_JSON }</button>
                <button type="button" class="ei-button" onclick={export(true)}>{ strings::EXPORT_CSV }</button>
            </div>
            <div class="ei-import">
                <label for="ei-import-file" class="ei-import__label">{ strings::IMPORT_LABEL }</label>
                <input id="ei-import-file" ref={file_input} class="ei-import__file" type="file"
                    accept=".json,application/json" onchange={on_file}
                    aria-invalid={import_failed.then_some("true")}
                    aria-describedby={import_failed.then_some("ei-import-error")} />
                { import_view }
            </div>
            { delete_view }
            if let Some(message) = &*status {
                <p class="ei-data__status" role="status">{ message.clone() }</p>
            }
            if props.memory_only {
                <p class="ei-data__memory">{ strings::MEMORY_ONLY }</p>
            }
        </section>
    }
}

/// Whether the browser has promised to keep the data, and, where it may not, what helps.
fn kept_line(keeping: &Keeping) -> String {
    if keeping.persisted == Some(true) {
        strings::KEPT_PROMISED.to_owned()
    } else if keeping.installed {
        strings::KEPT_INSTALLED.to_owned()
    } else {
        let help = if keeping.installable {
            strings::KEEP_BY_INSTALLING
        } else {
            strings::KEEP_BY_EXPORTING
        };
        format!("{} {help}", strings::KEPT_NOT_PROMISED)
    }
}
