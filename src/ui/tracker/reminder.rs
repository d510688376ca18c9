use yew::prelude::*;

use super::{use_tracker, Request};
use crate::ui::{strings, use_focus_after_render};

#[derive(Properties, PartialEq)]
pub struct ExportReminderProps {
    /// The reminder is due (`Companion::export_reminder_due`).
    pub due: bool,
}

/// A gentle, dismissible reminder to save a copy of the data, when the last one is more
/// than a month old and there are ticks since. Once answered it says what happened, where
/// the focus was, and stays quiet for a month.
#[function_component(ExportReminder)]
pub fn export_reminder(props: &ExportReminderProps) -> Html {
    crate::ui::renders::rendered("ExportReminder");
    let context = use_tracker();
    let answer = use_state(|| None::<&'static str>);
    let root = use_node_ref();
    let focus_next = use_focus_after_render(root.clone());
    let respond = |request: Request, said: &'static str| {
        let send = context.send.clone();
        let answer = answer.clone();
        let focus_next = focus_next.clone();
        Callback::from(move |_: MouseEvent| {
            send.emit(request.clone());
            answer.set(Some(said));
            focus_next.set(".ei-reminder__answer");
        })
    };
    html! {
        <div class="ei-reminder-area" ref={root}>
            if props.due {
                <div class="ei-reminder" role="group" aria-labelledby="ei-reminder-text">
                    <p id="ei-reminder-text">{ strings::EXPORT_REMINDER }</p>
                    <div class="ei-actions">
                        <button type="button" class="ei-button ei-button--primary"
                            onclick={respond(Request::Export { csv: false }, strings::EXPORT_REMINDER_SAVED)}>
                            { strings::EXPORT_REMINDER_SAVE }
                        </button>
                        <button type="button" class="ei-button ei-button--quiet"
                            onclick={respond(Request::PutOffReminder, strings::EXPORT_REMINDER_LATER)}>
                            { strings::NOT_NOW }
                        </button>
                    </div>
                </div>
            } else if let Some(said) = *answer {
                <p class="ei-reminder__answer" role="status" tabindex="-1">{ said }</p>
            }
        </div>
    }
}
