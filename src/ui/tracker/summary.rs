use yew::prelude::*;

use super::{use_tracker, Request, SharedTracker};
use crate::tracker::stats::{heatmap, period_summary};
use crate::ui::{strings, use_focus_after_render, Heading};

/// The periods a summary can cover, in weeks; the middle one is chosen at first.
pub const PERIODS: [u32; 3] = [2, 4, 12];

#[derive(Properties, PartialEq)]
pub struct CounsellorSummaryProps {
    pub tracker: SharedTracker,
}

/// "Print a summary for your counsellor": a period (2, 4 or 12 weeks), notes in or out, then
/// the summary itself, shown on the page as a preview and alone when printed (the print
/// stylesheet hides the guide and the rest of the tracker while it is there), so "Save as
/// PDF" gives the same. What was done and on how many days, a calendar of the period, the
/// notes with their dates; none of the guide's text; nothing about what was not done.
#[function_component(CounsellorSummary)]
pub fn counsellor_summary(props: &CounsellorSummaryProps) -> Html {
    crate::ui::renders::rendered("CounsellorSummary");
    let context = use_tracker();
    let weeks = use_state(|| PERIODS[1]);
    // Private: left out unless the visitor chooses to include them.
    let notes = use_state(|| false);
    let open = use_state(|| false);
    let print_next = use_mut_ref(|| false);
    let root = use_node_ref();
    let focus_next = use_focus_after_render(root.clone());
    // Print once the summary is on the page (the click asked for it).
    {
        let print_next = print_next.clone();
        use_effect(move || {
            if std::mem::take(&mut *print_next.borrow_mut()) {
                crate::web::print();
            }
        });
    }

    let first = context
        .today
        .plus(1 - 7 * *weeks as i32)
        .unwrap_or(context.today);
    // While open, the page holding an in-page widget prints the summary and nothing of its
    // own (embed.js's business: the widget only says so).
    {
        let root = root.clone();
        use_effect_with(*open, move |open| {
            let element = root.cast::<web_sys::Element>();
            if let (true, Some(element)) = (*open, &element) {
                crate::web::tell_host(element, "emotional-intimacy:summary-open");
            }
            let open = *open;
            move || {
                if let (true, Some(element)) = (open, element) {
                    crate::web::tell_host(&element, "emotional-intimacy:summary-closed");
                }
            }
        });
    }
    // Printed (or saved as a PDF) under the summary's own title, not the guide's.
    use_effect_with(
        (*open, strings::summary_title(first, context.today)),
        |(open, title)| {
            let listeners = open.then(|| crate::web::title_when_printing(title.clone()));
            move || drop(listeners)
        },
    );

    let choose = |w: u32| {
        let weeks = weeks.clone();
        Callback::from(move |_: Event| weeks.set(w))
    };
    let toggle_notes = {
        let notes = notes.clone();
        Callback::from(move |_: Event| notes.set(!*notes))
    };
    let print = {
        let open = open.clone();
        let focus_next = focus_next.clone();
        let send = context.send.clone();
        Callback::from(move |_: MouseEvent| {
            // What storage holds now (another tab's latest ticks), then print it.
            send.emit(Request::Refresh);
            *print_next.borrow_mut() = true;
            if !*open {
                focus_next.set("#ei-report");
            }
            open.set(true);
        })
    };
    let close = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| {
            focus_next.set("[data-focus=\"print-summary\"]");
            open.set(false);
        })
    };

    let summary = open.then(|| {
        let today = context.today;
        let s = period_summary(&props.tracker, first, today);
        // The calendar: the weeks (Monday first) that hold the period; other days blank.
        let grid = heatmap(&props.tracker, today, *weeks + 1);
        let rows = grid
            .iter()
            .filter(|week| week.iter().flatten().any(|c| c.day >= first))
            .map(|week| {
                // Each week named by its Monday, as in the history calendar ("30 Oct").
                let monday = week[0].map(|c| c.day).unwrap_or(first);
                html! {
                    <tr>
                        <th scope="row">{ strings::week_label(monday) }</th>
                        { for week.iter().map(|cell| match cell {
                            Some(c) if c.day >= first => {
                                let n = c.signals;
                                html! {
                                    <td class={classes!((n > 0).then_some("ei-report__done"))}>
                                        <span class="ei-report__date">{ c.day.ymd().2 }</span>
                                        if n > 0 {
                                            <span class="ei-report__count">
                                                { n }<span class="ei-report__unit">{ strings::signals_word(n) }</span>
                                            </span>
                                        }
                                    </td>
                                }
                            }
                            _ => html! { <td></td> },
                        }) }
                    </tr>
                }
            });
        let sub = context.level + 1;
        html! {
            // Named by its title and period: not the same name as the tracker around it.
            <section class="ei-report" id="ei-report" tabindex="-1" aria-labelledby="ei-report-title ei-report-period">
                <Heading level={sub} id="ei-report-title" class="ei-report__title">
                    { strings::TRACKER_HEADING }
                </Heading>
                <p id="ei-report-period" class="ei-report__period">{ strings::summary_period(*weeks, first, today) }</p>
                <Heading level={sub + 1} class="ei-report__heading">{ strings::SUMMARY_PRACTISED }</Heading>
                if s.practised.is_empty() {
                    <p>{ strings::SUMMARY_QUIET }</p>
                } else {
                    <p>{ strings::summary_days(s.days_with_signals) }</p>
                    <ul class="ei-report__practices">
                        { for s.practised.iter().map(|(name, days)| html! {
                            <li><span class="ei-report__practice">{ name.clone() }</span>{ strings::on_days(*days) }</li>
                        }) }
                    </ul>
                }
                if !s.also_on_the_list.is_empty() {
                    <p>{ strings::also_on_the_list(&s.also_on_the_list) }</p>
                }
                <Heading level={sub + 1} class="ei-report__heading">{ strings::SUMMARY_CALENDAR }</Heading>
                <table class="ei-report__calendar">
                    <caption class="ei-visually-hidden">{ strings::summary_calendar_caption(first, today) }</caption>
                    <thead><tr>
                        <td></td>
                        { for strings::WEEKDAYS.iter().map(|d| html! { <th scope="col" abbr={*d}>{ strings::abbreviation(d) }</th> }) }
                    </tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
                if *notes && context.notes {
                    <Heading level={sub + 1} class="ei-report__heading">{ strings::SUMMARY_NOTES }</Heading>
                    if s.notes.is_empty() {
                        <p>{ strings::SUMMARY_NO_NOTES }</p>
                    } else {
                        <dl class="ei-report__notes">
                            { for s.notes.iter().map(|(day, note)| html! {
                                <><dt>{ strings::long_date(*day) }</dt><dd>{ note.clone() }</dd></>
                            }) }
                        </dl>
                    }
                }
                <p class="ei-report__footer">{ strings::summary_footer(today) }</p>
            </section>
        }
    });

    html! {
        <section class="ei-counsellor" aria-labelledby="ei-counsellor-heading" ref={root}>
            <Heading level={context.level} id="ei-counsellor-heading" class="ei-counsellor__heading">
                { strings::SUMMARY_HEADING }
            </Heading>
            <p>{ strings::SUMMARY_INTRO }</p>
            <fieldset class="ei-choice">
                <legend>{ strings::SUMMARY_PERIOD }</legend>
                { for PERIODS.iter().map(|w| html! {
                    <label><input type="radio" name="ei-report-weeks" checked={*weeks == *w}
                        onchange={choose(*w)} />{ strings::weeks(*w) }</label>
                }) }
            </fieldset>
            if context.notes {
                <label class="ei-counsellor__notes">
                    <input type="checkbox" checked={*notes} onchange={toggle_notes} />
                    { strings::SUMMARY_INCLUDE_NOTES }
                </label>
            }
            <div class="ei-actions">
                <button type="button" class="ei-button ei-button--primary" data-focus="print-summary"
                    onclick={print}>{ strings::PRINT_SUMMARY }</button>
                if *open {
                    <button type="button" class="ei-button ei-button--quiet" onclick={close}>
                        { strings::CLOSE_SUMMARY }
                    </button>
                }
            </div>
            { for summary }
        </section>
    }
}
