use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::{Request, SharedTracker};
use crate::storage::browser::download;
use crate::storage::transfer::{
    preview, read_import, to_csv, to_json, ImportError, ImportMode, MAX_IMPORT_BYTES,
};
use crate::tracker::{Day, Tracker};
use crate::ui::{strings, Heading};

#[derive(Properties, PartialEq)]
pub struct YourDataProps {
    pub tracker: SharedTracker,
    pub today: Day,
    /// True when nothing is being saved (blocked storage): exporting is the only way to keep it.
    pub memory_only: bool,
    pub on_request: Callback<Request>,
    pub level: u8,
}

#[derive(Clone, PartialEq)]
enum ImportState {
    Idle,
    Failed(String),
    Ready {
        incoming: Tracker,
        file_name: String,
    },
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// Where the data lives, export, import with a preview, and deleting everything.
#[function_component(YourData)]
pub fn your_data(props: &YourDataProps) -> Html {
    let import = use_state(|| ImportState::Idle);
    let mode = use_state(|| ImportMode::Merge);
    let confirm_delete = use_state(|| false);
    let status = use_state(|| None::<String>);
    let file_input = use_node_ref();

    let export = |csv: bool| {
        let tracker = props.tracker.clone();
        let today = props.today;
        Callback::from(move |_: MouseEvent| {
            let (name, mime, text) = if csv {
                (
                    format!("small-signals-{today}.csv"),
                    "text/csv",
                    to_csv(&tracker),
                )
            } else {
                (
                    format!("small-signals-{today}.json"),
                    "application/json",
                    to_json(&tracker),
                )
            };
            download(&name, mime, &text);
        })
    };

    let on_file = {
        let import = import.clone();
        let status = status.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            status.set(None);
            let size = file.size() as usize;
            if size > MAX_IMPORT_BYTES {
                import.set(ImportState::Failed(
                    ImportError::TooLarge { bytes: size }.to_string(),
                ));
                input.set_value("");
                return;
            }
            let import = import.clone();
            let file_name = file.name();
            yew::platform::spawn_local(async move {
                let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
                let state = match text.ok().and_then(|t| t.as_string()) {
                    None => ImportState::Failed(
                        "This file couldn't be read. Is it a text file exported from this tracker?"
                            .into(),
                    ),
                    Some(text) => match read_import(&text) {
                        Ok(incoming) => ImportState::Ready {
                            incoming,
                            file_name,
                        },
                        Err(e) => ImportState::Failed(e.to_string()),
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
            }
        }
    };

    let import_view = match &*import {
        ImportState::Idle => html! {},
        ImportState::Failed(message) => {
            html! { <p class="ei-message" role="alert">{ message.clone() }</p> }
        }
        ImportState::Ready {
            incoming,
            file_name,
        } => match preview(&props.tracker, incoming, *mode) {
            Err(e) => html! { <p class="ei-message" role="alert">{ e.to_string() }</p> },
            Ok(p) => {
                let mut lines = vec![format!("Adds {}.", plural(p.ticks_added, "tick", "ticks"))];
                if !p.practices_added.is_empty() {
                    lines.push(format!(
                        "Adds {}: {}.",
                        plural(p.practices_added.len(), "practice", "practices"),
                        p.practices_added.join(", ")
                    ));
                }
                if p.ticks_removed > 0 {
                    lines.push(format!(
                        "Removes {} that are here now.",
                        plural(p.ticks_removed, "tick", "ticks")
                    ));
                }
                if !p.practices_removed.is_empty() {
                    lines.push(format!(
                        "Removes {}: {}.",
                        plural(p.practices_removed.len(), "practice", "practices"),
                        p.practices_removed.join(", ")
                    ));
                }
                if p.notes_changed > 0 {
                    lines.push(format!(
                        "Changes the note on {}.",
                        plural(p.notes_changed, "day", "days")
                    ));
                }
                let nothing = p.changes_nothing();
                let set_mode = |m: ImportMode| {
                    let mode = mode.clone();
                    Callback::from(move |_: Event| mode.set(m))
                };
                let confirm = {
                    let on_request = props.on_request.clone();
                    let import = import.clone();
                    let status = status.clone();
                    let result = p.result.clone();
                    let reset_file = reset_file.clone();
                    Callback::from(move |_: MouseEvent| {
                        on_request.emit(Request::Replace(result.clone()));
                        import.set(ImportState::Idle);
                        status.set(Some("Imported.".into()));
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
                            { format!("Importing “{file_name}”: {} days with entries.", incoming.days.len()) }
                        </p>
                        <fieldset class="ei-choice">
                            <legend class="ei-visually-hidden">{ "How to import" }</legend>
                            <label><input type="radio" name="ei-import-mode" checked={*mode == ImportMode::Merge}
                                onchange={set_mode(ImportMode::Merge)} />{ strings::IMPORT_MERGE }</label>
                            <label><input type="radio" name="ei-import-mode" checked={*mode == ImportMode::Replace}
                                onchange={set_mode(ImportMode::Replace)} />{ strings::IMPORT_REPLACE }</label>
                        </fieldset>
                        <ul class="ei-import-preview__changes" aria-live="polite">
                            if nothing {
                                <li>{ "Nothing would change: everything in the file is already here." }</li>
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

    let delete_view = if *confirm_delete {
        let yes = {
            let on_request = props.on_request.clone();
            let confirm_delete = confirm_delete.clone();
            let status = status.clone();
            Callback::from(move |_: MouseEvent| {
                on_request.emit(Request::DeleteAll);
                confirm_delete.set(false);
                status.set(Some(strings::DELETED.into()));
            })
        };
        let no = {
            let confirm_delete = confirm_delete.clone();
            Callback::from(move |_: MouseEvent| confirm_delete.set(false))
        };
        html! {
            <div class="ei-confirm" role="alertdialog" aria-labelledby="ei-delete-question">
                <p id="ei-delete-question">{ strings::DELETE_CONFIRM_QUESTION }</p>
                <div class="ei-actions">
                    <button type="button" class="ei-button ei-button--danger" onclick={yes}>{ strings::DELETE_CONFIRM }</button>
                    <button type="button" class="ei-button ei-button--quiet" onclick={no}>{ strings::DELETE_KEEP }</button>
                </div>
            </div>
        }
    } else {
        let ask = {
            let confirm_delete = confirm_delete.clone();
            let status = status.clone();
            Callback::from(move |_: MouseEvent| {
                status.set(None);
                confirm_delete.set(true)
            })
        };
        html! { <button type="button" class="ei-button ei-button--quiet" onclick={ask}>{ strings::DELETE_ALL }</button> }
    };

    html! {
        <section class="ei-data" aria-labelledby="ei-data-heading">
            <Heading level={props.level} id="ei-data-heading" class="ei-data__heading">{ strings::YOUR_DATA }</Heading>
            <p class="ei-data__privacy">{ strings::PRIVACY_NOTE }</p>
            <div class="ei-actions">
                <button type="button" class="ei-button" onclick={export(false)}>{ strings::EXPORT_JSON }</button>
                <button type="button" class="ei-button" onclick={export(true)}>{ strings::EXPORT_CSV }</button>
            </div>
            <div class="ei-import">
                <label for="ei-import-file" class="ei-import__label">{ strings::IMPORT_LABEL }</label>
                <input id="ei-import-file" ref={file_input} class="ei-import__file" type="file"
                    accept=".json,application/json" onchange={on_file} />
                { import_view }
            </div>
            { delete_view }
            if let Some(message) = &*status {
                <p class="ei-data__status" role="status">{ message.clone() }</p>
            }
            if props.memory_only {
                <p class="ei-data__memory">{ "Nothing is being saved in this browser right now, so export before you leave if you want to keep today's ticks." }</p>
            }
        </section>
    }
}
