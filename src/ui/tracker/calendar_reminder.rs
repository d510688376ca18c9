use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::use_tracker;
use crate::calendar::{DailyReminder, TimeOfDay};
use crate::ui::{strings, Heading};
use crate::web;

#[derive(Properties, PartialEq)]
pub struct CalendarReminderProps {
    /// The tracker's storage key: with the page's address, what makes the reminder's
    /// identity (made again on the same page, it is the same reminder).
    pub storage_key: AttrValue,
    /// frame.html in a frame: the reminder opens the page around it.
    pub framed: bool,
}

/// "Remind me each day": a file for the visitor's own calendar, with a daily event at the
/// time they pick that links back here. No server, nothing sent, no practice or note in it.
#[function_component(CalendarReminder)]
pub fn calendar_reminder(props: &CalendarReminderProps) -> Html {
    crate::ui::renders::rendered("CalendarReminder");
    let context = use_tracker();
    let said = use_state(|| None::<&'static str>);
    let invalid = use_state(|| false);
    let field = use_node_ref();
    // Whether the browser can hand a file to another app (phones): asked once loaded (the
    // server and the hydrating render offer the download alone).
    let sharing = use_state(|| false);
    {
        let sharing = sharing.clone();
        use_effect_with(context.pending, move |pending| {
            if !*pending {
                sharing.set(web::can_share_files());
            }
        });
    }

    // The file for the time in the field, or None (and why, said) if it holds none.
    let file = {
        let key = props.storage_key.clone();
        let framed = props.framed;
        let today = context.today;
        let field = field.clone();
        let (said, invalid) = (said.clone(), invalid.clone());
        move || -> Option<String> {
            let value = field.cast::<HtmlInputElement>()?.value();
            let Some(at) = TimeOfDay::parse(&value) else {
                invalid.set(true);
                said.set(Some(strings::REMINDER_NO_TIME));
                return None;
            };
            invalid.set(false);
            let page = web::page_address(framed);
            let uid = format!(
                "{:016x}.daily@emotional-intimacy-widget",
                crate::storage::fnv1a(&format!("{page}\n{key}"))
            );
            Some(
                DailyReminder {
                    first: today,
                    at,
                    made: &web::utc_stamp(),
                    page: &page,
                    uid: &uid,
                    summary: strings::REMINDER_EVENT,
                    description: strings::REMINDER_EVENT_TEXT,
                }
                .to_ics(),
            )
        }
    };
    let on_add = {
        let (file, said) = (file.clone(), said.clone());
        Callback::from(move |_| {
            if let Some(text) = file() {
                let done = web::download(strings::REMINDER_FILE, "text/calendar", &text);
                said.set(Some(if done {
                    strings::REMINDER_DOWNLOADED
                } else {
                    strings::REMINDER_FAILED
                }));
            }
        })
    };
    let on_share = {
        let said = said.clone();
        Callback::from(move |_| {
            let Some(text) = file() else { return };
            // Asked for in the click itself (browsers share only from a visitor's gesture).
            let sharing = web::share_file(strings::REMINDER_FILE, "text/calendar", &text);
            let said = said.clone();
            yew::platform::spawn_local(async move {
                let shared = match sharing {
                    Some(sharing) => sharing.await,
                    None => false,
                };
                if !shared {
                    said.set(Some(strings::REMINDER_NOT_SHARED));
                }
            });
        })
    };

    html! {
        <details class="ei-remind">
            <summary class="ei-remind__summary">
                <Heading level={context.level} class="ei-remind__heading">{ strings::REMINDER_HEADING }</Heading>
            </summary>
            <div class="ei-remind__body">
                <p>{ strings::REMINDER_INTRO }</p>
                <div class="ei-remind__row">
                    <label for="ei-remind-time">{ strings::REMINDER_TIME }</label>
                    // Its value is the visitor's once typed in (read when a button is pressed).
                    <input type="time" id="ei-remind-time" class="ei-input ei-remind__time" ref={field}
                        value={TimeOfDay::DEFAULT.to_string()} aria-invalid={invalid.to_string()}
                        aria-describedby="ei-remind-said" />
                    <button type="button" class="ei-button" onclick={on_add}>
                        { strings::REMINDER_ADD }
                    </button>
                    if *sharing {
                        <button type="button" class="ei-button ei-button--quiet" onclick={on_share}>
                            { strings::REMINDER_SHARE }
                        </button>
                    }
                </div>
                <p id="ei-remind-said" class="ei-remind__said" role="status">{ said.unwrap_or_default() }</p>
            </div>
        </details>
    }
}
