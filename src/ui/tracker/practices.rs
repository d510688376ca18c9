use web_sys::{HtmlInputElement, KeyboardEvent};
use yew::prelude::*;

use super::{use_tracker, PracticesOf, Request};
use crate::tracker::model::{clean_name, NAME_MAX_CHARS};
use crate::tracker::{Action, PracticeId};
use crate::ui::{strings, use_focus_after_render, Heading};

#[derive(Properties, PartialEq)]
pub struct ManagePracticesProps {
    /// The practices alone: a tick does not render this again.
    pub practices: PracticesOf,
}

/// Add, rename, hide (archive), restore and reorder practices, all with buttons.
#[function_component(ManagePractices)]
pub fn manage_practices(props: &ManagePracticesProps) -> Html {
    crate::ui::renders::rendered("ManagePractices");
    let context = use_tracker();
    let renaming = use_state(|| None::<PracticeId>);
    // Why the last change was refused: shown under the field it is about (the new name, or
    // the name being changed), which is marked invalid and described by it.
    let error = use_state(|| None::<String>);
    // What the last change did, said once to screen readers (a polite status).
    let said = use_state(|| None::<String>);
    let new_name = use_node_ref();
    let rename_field = use_node_ref();
    // Where keyboard focus goes after the next render, when the focused control moves or
    // disappears (a row hidden, moved to an end, a rename form opened or closed).
    let root = use_node_ref();
    let focus_next = use_focus_after_render(root.clone());
    let focus = |selector: String| {
        let focus_next = focus_next.clone();
        move || focus_next.set(selector.clone())
    };

    // Checks a change against the current practices first (nothing copied), so a refusal
    // is explained here.
    let submit = {
        let send = context.send.clone();
        let current = props.practices.0.clone();
        let today = context.today;
        let error = error.clone();
        let said = said.clone();
        move |action: Action| -> bool {
            match current.check(&action, today) {
                Ok(()) => {
                    error.set(None);
                    said.set(strings::practice_change(&action, &current));
                    send.emit(Request::Change(action));
                    true
                }
                Err(e) => {
                    said.set(None);
                    error.set(Some(strings::tracker_error(&e)));
                    false
                }
            }
        }
    };

    let on_add = {
        let submit = submit.clone();
        let new_name = new_name.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(input) = new_name.cast::<HtmlInputElement>() else {
                return;
            };
            if submit(Action::AddPractice {
                name: input.value(),
            }) {
                input.set_value("");
            }
        })
    };
    let on_rename = {
        let submit = submit.clone();
        let renaming = renaming.clone();
        let rename_field = rename_field.clone();
        let focus_next = focus_next.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (Some(id), Some(input)) = (*renaming, rename_field.cast::<HtmlInputElement>())
            else {
                return;
            };
            // Set first: the change re-renders at once. (If refused, the form stays open, the
            // target does not exist, and focus stays in the field.)
            focus_next.set(format!("[data-focus=\"rename-{}\"]", id.0));
            if submit(Action::RenamePractice {
                id,
                name: clean_name(&input.value()),
            }) {
                renaming.set(None);
            }
        })
    };

    // An error belongs to the rename field while one is open, else to the new name's.
    let add_error = error.is_some() && renaming.is_none();
    let active: Vec<_> = props.practices.iter().filter(|p| !p.archived).collect();
    let archived: Vec<_> = props.practices.iter().filter(|p| p.archived).collect();
    let last = active.len().saturating_sub(1);
    html! {
        <details class="ei-manage" ref={root}>
            <summary class="ei-manage__summary">
                <Heading level={context.level} class="ei-manage__heading">{ strings::MANAGE_PRACTICES }</Heading>
            </summary>
            <div class="ei-manage__body">
                <p class="ei-visually-hidden" role="status">{ (*said).clone().unwrap_or_default() }</p>
                <ul class="ei-manage__list">
                    { for active.iter().enumerate().map(|(i, p)| {
                        let id = p.id;
                        let act = |action: Action, then: String| {
                            let submit = submit.clone();
                            let focus = focus(then);
                            // The target is set first: a change re-renders at once.
                            Callback::from(move |_: MouseEvent| {
                                focus();
                                submit(action.clone());
                            })
                        };
                        if *renaming == Some(id) {
                            let cancel = {
                                let renaming = renaming.clone();
                                let error = error.clone();
                                let focus = focus(format!("[data-focus=\"rename-{}\"]", id.0));
                                move || {
                                    focus();
                                    error.set(None);
                                    renaming.set(None);
                                }
                            };
                            let on_cancel = {
                                let cancel = cancel.clone();
                                Callback::from(move |_: MouseEvent| cancel())
                            };
                            // Escape leaves the name as it was, as Cancel does.
                            let on_key = Callback::from(move |e: KeyboardEvent| {
                                if e.key() == "Escape" {
                                    e.prevent_default();
                                    cancel();
                                }
                            });
                            let invalid = error.is_some();
                            return html! {
                                <li key={id.0} class="ei-manage__item">
                                    <form class="ei-inline-form" onsubmit={on_rename.clone()} onkeydown={on_key}>
                                        <label class="ei-visually-hidden" for="ei-rename">{ format!("{}: {}", strings::RENAME, p.name) }</label>
                                        <input id="ei-rename" ref={rename_field.clone()} class="ei-input" type="text"
                                            value={p.name.clone()} maxlength={NAME_MAX_CHARS.to_string()} required=true
                                            aria-invalid={invalid.then_some("true")}
                                            aria-describedby={invalid.then_some("ei-rename-error")} />
                                        <button type="submit" class="ei-button">{ strings::SAVE }</button>
                                        <button type="button" class="ei-button ei-button--quiet" onclick={on_cancel}>{ strings::CANCEL }</button>
                                    </form>
                                    if let Some(message) = &*error {
                                        <p id="ei-rename-error" class="ei-message ei-field-error" role="alert">{ message.clone() }</p>
                                    }
                                </li>
                            };
                        }
                        let start_rename = {
                            let renaming = renaming.clone();
                            let error = error.clone();
                            let focus = focus("#ei-rename".to_owned());
                            Callback::from(move |_: MouseEvent| {
                                focus();
                                error.set(None);
                                renaming.set(Some(id));
                            })
                        };
                        html! {
                            <li key={id.0} class="ei-manage__item">
                                <span class="ei-manage__name">{ p.name.clone() }</span>
                                <span class="ei-manage__actions">
                                    <button type="button" class="ei-icon-button" disabled={i == 0}
                                        data-focus={format!("up-{}", id.0)}
                                        aria-label={strings::move_label(strings::MOVE_UP, &p.name)}
                                        onclick={act(Action::MovePractice { id, by: -1 },
                                            if i <= 1 { format!("[data-focus=\"down-{}\"]", id.0) } else { format!("[data-focus=\"up-{}\"]", id.0) })}>{ "↑" }</button>
                                    <button type="button" class="ei-icon-button" disabled={i == last}
                                        data-focus={format!("down-{}", id.0)}
                                        aria-label={strings::move_label(strings::MOVE_DOWN, &p.name)}
                                        onclick={act(Action::MovePractice { id, by: 1 },
                                            if i + 1 >= last { format!("[data-focus=\"up-{}\"]", id.0) } else { format!("[data-focus=\"down-{}\"]", id.0) })}>{ "↓" }</button>
                                    <button type="button" class="ei-button ei-button--quiet"
                                        data-focus={format!("rename-{}", id.0)}
                                        aria-label={strings::move_label(strings::RENAME, &p.name)}
                                        onclick={start_rename}>{ strings::RENAME }</button>
                                    <button type="button" class="ei-button ei-button--quiet"
                                        aria-label={strings::move_label(strings::HIDE, &p.name)}
                                        onclick={act(Action::SetArchived { id, archived: true }, format!("[data-focus=\"restore-{}\"]", id.0))}>{ strings::HIDE }</button>
                                </span>
                            </li>
                        }
                    }) }
                </ul>
                <form class="ei-inline-form ei-manage__add" onsubmit={on_add}>
                    <label for="ei-new-practice" class="ei-manage__add-label">{ strings::ADD_PRACTICE_LABEL }</label>
                    <input id="ei-new-practice" ref={new_name} class="ei-input" type="text"
                        maxlength={NAME_MAX_CHARS.to_string()} autocomplete="off"
                        aria-invalid={add_error.then_some("true")}
                        aria-describedby={add_error.then_some("ei-new-practice-error")} />
                    <button type="submit" class="ei-button">{ strings::ADD }</button>
                </form>
                if add_error {
                    if let Some(message) = &*error {
                        <p id="ei-new-practice-error" class="ei-message ei-field-error" role="alert">{ message.clone() }</p>
                    }
                }
                if !archived.is_empty() {
                    <p class="ei-manage__hidden-title">{ strings::HIDDEN_PRACTICES }</p>
                    <ul class="ei-manage__list">
                        { for archived.iter().map(|p| {
                            let submit = submit.clone();
                            let id = p.id;
                            let focus = focus(format!("[data-focus=\"rename-{}\"]", id.0));
                            let restore = Callback::from(move |_: MouseEvent| {
                                focus();
                                submit(Action::SetArchived { id, archived: false });
                            });
                            html! {
                                <li key={id.0} class="ei-manage__item ei-manage__item--hidden">
                                    <span class="ei-manage__name">{ p.name.clone() }</span>
                                    <button type="button" class="ei-button ei-button--quiet"
                                        data-focus={format!("restore-{}", id.0)}
                                        aria-label={strings::move_label(strings::RESTORE, &p.name)}
                                        onclick={restore}>{ strings::RESTORE }</button>
                                </li>
                            }
                        }) }
                    </ul>
                }
            </div>
        </details>
    }
}
