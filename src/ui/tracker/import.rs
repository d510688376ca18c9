use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::{use_tracker, Request, SharedTracker};
use crate::storage::transfer::{preview, read_import, ImportError, ImportMode, MAX_IMPORT_BYTES};
use crate::tracker::Tracker;
use crate::ui::strings;

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

/// What a chosen file holds, ready to import, or why it cannot be. With notes off, the
/// file's notes are left out (the site's own scripts could read them here; they stay in the
/// visitor's file).
fn read_file(text: Option<String>, file_name: String, notes: bool) -> ImportState {
    let Some(text) = text else {
        return ImportState::Failed(strings::IMPORT_UNREADABLE_FILE.into());
    };
    match read_import(&text) {
        Ok(mut incoming) => {
            let notes_left_out = !notes && incoming.days.values().any(|e| !e.note.is_empty());
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
    }
}

/// Import from a file saved earlier: the file field, then a preview of what would change
/// (merged in, or replacing everything), to confirm or cancel. A hook of the data panel's
/// (its own state, the panel's render): `tracker` is the data here, which the preview
/// compares the file with.
#[hook]
pub fn use_import_file(tracker: &SharedTracker) -> Html {
    let context = use_tracker();
    let import = use_state(|| ImportState::Idle);
    let mode = use_state(|| ImportMode::Merge);
    let file_input = use_node_ref();

    let on_file = {
        let import = import.clone();
        let send = context.send.clone();
        let notes = context.notes;
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            send.emit(Request::Forget);
            let size = file.size() as usize;
            if size > MAX_IMPORT_BYTES {
                import.set(ImportState::Failed(strings::import_error(
                    &ImportError::TooLarge { bytes: size },
                )));
                input.set_value("");
                return;
            }
            let import = import.clone();
            yew::platform::spawn_local(async move {
                let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
                import.set(read_file(
                    text.ok().and_then(|t| t.as_string()),
                    file.name(),
                    notes,
                ));
            });
        })
    };

    let reset_file = {
        let file_input = file_input.clone();
        let import = import.clone();
        move || {
            import.set(ImportState::Idle);
            if let Some(input) = file_input.cast::<HtmlInputElement>() {
                input.set_value("");
                let _ = input.focus();
            }
        }
    };

    // What the import would change: worked out again only when the data here, the file or
    // the mode changes, not on every render.
    let previewed = use_memo(
        (tracker.clone(), (*import).clone(), *mode, context.today),
        |(tracker, import, mode, today)| match import {
            ImportState::Ready { incoming, .. } => Some(preview(tracker, incoming, *mode, *today)),
            _ => None,
        },
    );
    // An import refused is about the file field: marked invalid, described by why.
    let failed = match (&*import, previewed.as_ref()) {
        (ImportState::Failed(message), _) => Some(message.clone()),
        (_, Some(Err(e))) => Some(strings::import_error(e)),
        _ => None,
    };
    let preview_view = match (&*import, previewed.as_ref()) {
        (
            ImportState::Ready {
                incoming,
                file_name,
                notes_left_out,
            },
            Some(Ok(p)),
        ) => {
            let set_mode = |m: ImportMode| {
                let mode = mode.clone();
                Callback::from(move |_: Event| mode.set(m))
            };
            let confirm = {
                let send = context.send.clone();
                let incoming: Rc<Tracker> = incoming.0.clone();
                let mode = *mode;
                let reset_file = reset_file.clone();
                Callback::from(move |_: MouseEvent| {
                    send.emit(Request::Import {
                        incoming: incoming.clone(),
                        mode,
                    });
                    reset_file();
                })
            };
            let cancel = {
                let reset_file = reset_file.clone();
                Callback::from(move |_: MouseEvent| reset_file())
            };
            let nothing = p.changes_nothing();
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
                            { for strings::import_changes(p).into_iter().map(|l| html! { <li>{ l }</li> }) }
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
        _ => html! {},
    };
    html! {
        <div class="ei-import">
            <label for="ei-import-file" class="ei-import__label">{ strings::IMPORT_LABEL }</label>
            <input id="ei-import-file" ref={file_input} class="ei-import__file" type="file"
                accept=".json,application/json" onchange={on_file}
                aria-invalid={failed.is_some().then_some("true")}
                aria-describedby={failed.is_some().then_some("ei-import-error")} />
            if let Some(message) = failed {
                <p id="ei-import-error" class="ei-message ei-field-error" role="alert">{ message }</p>
            }
            { preview_view }
        </div>
    }
}
