use wasm_bindgen::JsCast;
use web_sys::KeyboardEvent;
use yew::prelude::*;

use super::{use_tracker, Request};
use crate::ui::{strings, use_focus_after_render};

const DELETE_BUTTON: &str = "[data-focus=\"delete\"]";

/// "Delete all my data", confirmed in a modal dialog: focus is held inside (on "Keep my
/// data" first) until it is answered, and goes back to the button that asked. A hook of
/// the data panel's (its own state, the panel's render).
#[hook]
pub fn use_delete_all() -> Html {
    let context = use_tracker();
    let asking = use_state(|| false);
    let dialog = use_node_ref();
    // The confirmation opens as a modal dialog once it is on the page.
    {
        let dialog = dialog.clone();
        use_effect_with(*asking, move |open| {
            if let (true, Some(dialog)) = (*open, dialog.cast::<web_sys::HtmlDialogElement>()) {
                let _ = dialog.show_modal();
            }
        });
    }
    let root = use_node_ref();
    let focus_next = use_focus_after_render(root.clone());

    let ask = {
        let asking = asking.clone();
        let send = context.send.clone();
        Callback::from(move |_: MouseEvent| {
            send.emit(Request::Forget);
            asking.set(true);
        })
    };
    let yes = {
        let focus_next = focus_next.clone();
        let send = context.send.clone();
        let asking = asking.clone();
        Callback::from(move |_: MouseEvent| {
            focus_next.set(DELETE_BUTTON);
            send.emit(Request::DeleteAll);
            asking.set(false);
        })
    };
    let keep = {
        let asking = asking.clone();
        move || {
            focus_next.set(DELETE_BUTTON);
            asking.set(false);
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
    html! {
        <div class="ei-delete" ref={root}>
            <button type="button" class="ei-button ei-button--quiet" data-focus="delete" onclick={ask}>{ strings::DELETE_ALL }</button>
            if *asking {
                <dialog ref={dialog} class="ei-confirm" aria-labelledby="ei-delete-question"
                    oncancel={on_cancel} onkeydown={Callback::from(hold_focus)}>
                    <p id="ei-delete-question">{ strings::DELETE_CONFIRM_QUESTION }</p>
                    <div class="ei-actions">
                        <button type="button" class="ei-button ei-button--danger" data-focus="delete-yes" onclick={yes}>{ strings::DELETE_CONFIRM }</button>
                        <button type="button" class="ei-button ei-button--quiet" data-focus="keep" autofocus=true onclick={no}>{ strings::DELETE_KEEP }</button>
                    </div>
                </dialog>
            }
        </div>
    }
}

/// Tab goes from one answer to the other and never out of the dialog (a browser would let
/// it leave for its own toolbar, and the page behind is inert).
fn hold_focus(e: KeyboardEvent) {
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
}
