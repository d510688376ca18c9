use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::{use_tracker, Request, SharedTracker};
use crate::tracker::model::NOTE_MAX_CHARS;
use crate::tracker::stats::signals_on;
use crate::tracker::{Action, Day};
use crate::ui::{strings, use_focus_after_render, Heading};

const PREVIOUS_DAY_BUTTON: &str = "[data-focus=\"previous-day\"]";

#[derive(Properties, PartialEq)]
pub struct DayViewProps {
    pub tracker: SharedTracker,
    pub day: Day,
    /// Why the last change was refused, if it was.
    pub refused: Option<String>,
}

/// One day: a checkbox per active practice, a warm summary, a note, and steps to other days.
#[function_component(DayView)]
pub fn day_view(props: &DayViewProps) -> Html {
    crate::ui::renders::rendered("DayView");
    let context = use_tracker();
    let (day, today, send) = (props.day, context.today, context.send.clone());
    let entry = props.tracker.entry(day);
    let note = entry.map(|e| e.note.clone()).unwrap_or_default();
    // The note as typed (so the counter follows the keyboard). It is saved a moment after
    // typing pauses, when the field is left, when the page is hidden (a phone switching
    // apps), and before the view moves to another day, so a note is never lost.
    let draft = use_state(|| None::<String>);
    let unsaved = use_mut_ref(|| None::<(Day, String)>);
    let timer = use_mut_ref(|| None::<gloo_timers::callback::Timeout>);
    let flush = {
        let unsaved = unsaved.clone();
        let timer = timer.clone();
        let send = send.clone();
        move || {
            timer.borrow_mut().take();
            if let Some((day, note)) = unsaved.borrow_mut().take() {
                send.emit(Request::Change(Action::SetNote { day, note }));
            }
        }
    };
    // The note changed from elsewhere (another tab or widget saved, or everything was
    // deleted) while nothing typed here is waiting to be saved: show what is stored now, so
    // the next keystroke never writes an older text over it. (A draft that differs from what
    // is stored only by spaces at its ends is this page's own, saved trimmed: kept.)
    {
        let draft = draft.clone();
        let unsaved = unsaved.clone();
        use_effect_with(note.clone(), move |note| {
            let stale = draft
                .as_deref()
                .is_some_and(|typed| typed.trim() != note.trim());
            if stale && unsaved.borrow().is_none() {
                draft.set(None);
            }
        });
    }
    {
        let draft = draft.clone();
        let flush = flush.clone();
        use_effect_with(day, move |_| {
            draft.set(None);
            move || flush()
        });
    }
    {
        let flush = flush.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window()
                .and_then(|w| w.document())
                .map(|document| {
                    gloo_events::EventListener::new(&document, "visibilitychange", move |_| flush())
                });
            move || drop(listener)
        });
    }
    let shown_note = (*draft).clone().unwrap_or_else(|| note.clone());

    // "Next day" and "Back to today" vanish on reaching today: focus then goes to
    // "Previous day", which is always there.
    let root = use_node_ref();
    let focus_previous = use_focus_after_render(root.clone());
    let step = |by: i32| {
        let send = send.clone();
        let target = day.plus(by);
        let focus_previous = focus_previous.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(d) = target {
                if d >= today {
                    focus_previous.set(PREVIOUS_DAY_BUTTON);
                }
                send.emit(Request::Choose(d))
            }
        })
    };
    let to_today = {
        let send = send.clone();
        let focus_previous = focus_previous.clone();
        Callback::from(move |_: MouseEvent| {
            focus_previous.set(PREVIOUS_DAY_BUTTON);
            send.emit(Request::Choose(today))
        })
    };
    let on_note_input = {
        let draft = draft.clone();
        let unsaved = unsaved.clone();
        let timer = timer.clone();
        let flush = flush.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            draft.set(Some(area.value()));
            *unsaved.borrow_mut() = Some((day, area.value()));
            let flush = flush.clone();
            *timer.borrow_mut() = Some(gloo_timers::callback::Timeout::new(800, flush));
        })
    };
    let on_note_change = {
        let flush = flush.clone();
        Callback::from(move |_: Event| flush())
    };

    let signals = signals_on(&props.tracker, day);
    let title = strings::day_title(day, today);
    let note_chars = shown_note.chars().count();
    html! {
        <div class="ei-day" ref={root}>
            <div class="ei-day__nav">
                <button type="button" class="ei-button ei-button--quiet" onclick={step(-1)}
                    data-focus="previous-day"
                    disabled={day.previous().is_none()}>
                    <span aria-hidden="true">{ "‹ " }</span>{ strings::PREVIOUS_DAY }
                </button>
                <Heading level={context.level} class="ei-day__title">
                    { title.clone() }
                    if context.pending {
                        // Holds the date's line until the visitor's date is known.
                        <span class="ei-day__date">{ "\u{a0}" }</span>
                    } else if day == today || today.since(day) == 1 {
                        <span class="ei-day__date">{ strings::long_date(day) }</span>
                    }
                </Heading>
                if day < today {
                    <button type="button" class="ei-button ei-button--quiet" onclick={step(1)}>
                        { strings::NEXT_DAY }<span aria-hidden="true">{ " ›" }</span>
                    </button>
                }
            </div>
            <fieldset class="ei-day__practices">
                <legend class="ei-visually-hidden">{ if context.pending { strings::TRACKER_HEADING.to_owned() } else { strings::practices_legend(day) } }</legend>
                <ul class="ei-checklist">
                    { for props.tracker.active_practices().map(|p| {
                        let id = p.id;
                        let checked = props.tracker.is_done(day, id);
                        let onchange = {
                            let send = send.clone();
                            Callback::from(move |e: Event| {
                                let input: HtmlInputElement = e.target_unchecked_into();
                                send.emit(Request::Change(Action::SetDone {
                                    day,
                                    practice: id,
                                    done: input.checked(),
                                }));
                            })
                        };
                        let input_id = format!("ei-practice-{}", id.0);
                        html! {
                            <li key={id.0} class="ei-checklist__item">
                                <input type="checkbox" id={input_id.clone()} class="ei-checkbox"
                                    {checked} {onchange} />
                                <label for={input_id}>{ p.name.clone() }</label>
                            </li>
                        }
                    }) }
                </ul>
            </fieldset>
            <p class="ei-day__summary" role="status">{ strings::day_summary(signals, day, today) }</p>
            if let Some(message) = &props.refused {
                <p class="ei-message" role="alert">{ message.clone() }</p>
            }
            if context.notes {
                <div class="ei-note">
                    <label for="ei-note" class="ei-note__label">{ strings::NOTE_LABEL }</label>
                    <textarea id="ei-note" class="ei-note__field" rows="3"
                        maxlength={NOTE_MAX_CHARS.to_string()} aria-describedby="ei-note-count"
                        value={shown_note} oninput={on_note_input} onchange={on_note_change} />
                    <p id="ei-note-count" class="ei-note__count">{ strings::note_count(note_chars, NOTE_MAX_CHARS) }</p>
                </div>
            }
            if day != today {
                <button type="button" class="ei-button" onclick={to_today}>{ strings::BACK_TO_TODAY }</button>
            }
        </div>
    }
}
