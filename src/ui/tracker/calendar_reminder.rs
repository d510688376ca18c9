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
}

/// "Remind me each day": a file for the visitor's own calendar, with a daily event at the
/// time they pick that opens this page. No server, nothing sent, nothing private in it.
#[function_component(CalendarReminder)]
pub fn calendar_reminder(props: &CalendarReminderProps) -> Html {
    crate::ui::renders::rendered("CalendarReminder");
    let context = use_tracker();
    let time = use_state(|| TimeOfDay::DEFAULT);
    let said = use_state(|| None::<&'static str>);
    // Whether the browser can hand a file to another app (phones): asked once loaded (the
    // server and the hydrating render show the download alone).
    let sharing = !context.pending && web::can_share_files();

    let file = {
        let key = props.storage_key.clone();
        let today = context.today;
        let time = *time;
        move || {
            let page = web::page_address();
            let uid = format!(
                "{:016x}.daily@emotional-intimacy-widget",
                crate::storage::fnv1a(&format!("{page}\n{key}"))
            );
            DailyReminder {
                first: today,
                at: time,
                made: &web::utc_stamp(),
                page: &page,
                uid: &uid,
                summary: strings::REMINDER_EVENT,
                description: strings::REMINDER_EVENT_TEXT,
            }
            .to_ics()
        }
    };
    let on_time = {
        let time = time.clone();
        let said = said.clone();
        Callback::from(move |event: InputEvent| {
            let field: HtmlInputElement = event.target_unchecked_into();
            if let Some(chosen) = TimeOfDay::parse(&field.value()) {
                time.set(chosen);
            }
            said.set(None);
        })
    };
    let on_add = {
        let file = file.clone();
        let said = said.clone();
        Callback::from(move |_| {
            let done = web::download(strings::REMINDER_FILE, "text/calendar", &file());
            said.set(Some(if done {
                strings::REMINDER_DOWNLOADED
            } else {
                strings::REMINDER_FAILED
            }));
        })
    };
    let on_share = {
        let said = said.clone();
        Callback::from(move |_| {
            let said = said.clone();
            let text = file();
            yew::platform::spawn_local(async move {
                if !web::share_file(strings::REMINDER_FILE, "text/calendar", &text).await {
                    said.set(Some(strings::REMINDER_NOT_SHARED));
                }
            });
        })
    };

    html! {
        <details class="ei-manage ei-remind">
            <summary class="ei-manage__summary">
                <Heading level={context.level} class="ei-manage__heading">{ strings::REMINDER_HEADING }</Heading>
            </summary>
            <div class="ei-manage__body">
                <p>{ strings::REMINDER_INTRO }</p>
                <div class="ei-remind__row">
                    <label for="ei-remind-time">{ strings::REMINDER_TIME }</label>
                    <input type="time" id="ei-remind-time" class="ei-input ei-remind__time" required=true
                        value={time.to_string()} oninput={on_time} />
                    <button type="button" class="ei-button" onclick={on_add}>
                        { strings::REMINDER_ADD }
                    </button>
                    if sharing {
                        <button type="button" class="ei-button ei-button--quiet" onclick={on_share}>
                            { strings::REMINDER_SHARE }
                        </button>
                    }
                </div>
                <p class="ei-remind__said" role="status">{ said.unwrap_or_default() }</p>
            </div>
        </details>
    }
}
