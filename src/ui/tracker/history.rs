use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, KeyboardEvent};
use yew::prelude::*;

use super::{use_tracker, Request, SharedTracker};

use super::heat_cell::HeatCell;
use crate::tracker::stats::{days_practised, heatmap};
use crate::tracker::Day;
use crate::ui::{strings, Heading};

/// Weeks shown in the history calendar.
pub const WEEKS: u32 = 12;

#[derive(Properties, PartialEq)]
pub struct HistoryProps {
    pub tracker: SharedTracker,
    /// The day open above (highlighted here).
    pub day: Day,
}

/// A calendar heatmap of 12 weeks: a row per week, Monday first. Each day is a button
/// described for screen readers ("Tuesday 24 November 2026: 2 signals"); one is in the tab
/// order and the arrow keys move between days (a roving tab stop). It opens on the weeks up
/// to today and pages back through the whole history, 12 weeks at a time: with the Earlier
/// and Later buttons, or by moving past the first or last week with the keyboard.
#[function_component(History)]
pub fn history(props: &HistoryProps) -> Html {
    crate::ui::renders::rendered("History");
    let context = use_tracker();
    let (today, chosen, pending) = (context.today, props.day, context.pending);
    // The last day shown: None is today. Earlier pages end on a Sunday, 12 weeks apart.
    let page_end = use_state(|| None::<Day>);
    let end = page_end.filter(|d| *d < today).unwrap_or(today);
    let grid = heatmap(&props.tracker, end, WEEKS);
    let first = grid[0][0].map(|c| c.day).unwrap_or(end);
    let earliest = props.tracker.days.keys().next().copied();
    let earlier = first
        .previous()
        .filter(|_| earliest.is_some_and(|e| e < first));
    // The page after this one, if this is not the last (a page ending before this week).
    let later = (end < today).then(|| end.plus(7 * WEEKS as i32).filter(|d| *d < today));
    // The day with the tab stop: the one last moved to with the keyboard, else the chosen day.
    let focus_day = use_state(|| None::<Day>);
    // A page has been turned: from then on the weeks shown are announced (not on load).
    let turned = use_state(|| false);
    let table = use_node_ref();
    let stop = focus_day
        .filter(|d| *d >= first && *d <= end)
        .unwrap_or(chosen)
        .clamp(first, end);

    // After an arrow key, move focus to the new tab stop.
    {
        let table = table.clone();
        use_effect_with(*focus_day, move |focus| {
            if let (Some(day), Some(table)) = (focus, table.cast::<HtmlElement>()) {
                if let Ok(Some(button)) = table.query_selector(&format!("[data-day=\"{day}\"]")) {
                    if let Ok(button) = button.dyn_into::<HtmlElement>() {
                        let _ = button.focus();
                    }
                }
            }
        });
    }

    let onkeydown = {
        let focus_day = focus_day.clone();
        let page_end = page_end.clone();
        let turned = turned.clone();
        Callback::from(move |e: KeyboardEvent| {
            let by = match e.key().as_str() {
                "ArrowLeft" => -1,
                "ArrowRight" => 1,
                "ArrowUp" => -7,
                "ArrowDown" => 7,
                "Home" => -(stop.weekday() as i32),
                "End" => 6 - stop.weekday() as i32,
                "PageUp" => -28,
                "PageDown" => 28,
                _ => return,
            };
            e.prevent_default();
            let Some(next) = stop.plus(by) else { return };
            // Past either end of the page: turn the page, if there is one that way.
            if next < first && earlier.is_some() {
                page_end.set(earlier);
                turned.set(true);
            } else if next > end {
                if let Some(later) = later {
                    page_end.set(later);
                    turned.set(true);
                }
            }
            let turned = (next < first && earlier.is_some()) || (next > end && later.is_some());
            focus_day.set(Some(if turned {
                next.min(today)
            } else {
                next.clamp(first, end)
            }));
        })
    };
    // One callback for every day and every render (the cells compare their props).
    let choose = {
        let send = context.send.clone();
        let focus_day = focus_day.setter();
        use_callback((), move |day: Day, _| {
            focus_day.set(Some(day));
            send.emit(Request::Choose(day));
        })
    };
    let paged = end < today;
    let heading = if paged {
        strings::HISTORY_EARLIER_HEADING
    } else {
        strings::HISTORY_HEADING
    };
    let turn = |to: Option<Option<Day>>| {
        to.map(|to| {
            let page_end = page_end.clone();
            let focus_day = focus_day.clone();
            let turned = turned.clone();
            Callback::from(move |_: MouseEvent| {
                focus_day.set(None);
                page_end.set(to);
                turned.set(true);
            })
        })
    };
    let pager = html! {
        <div class="ei-history__pages">
            <button type="button" class="ei-button ei-button--quiet"
                aria-disabled={earlier.is_none().then_some("true")}
                onclick={turn(earlier.map(Some))}>{ strings::EARLIER_WEEKS }</button>
            <button type="button" class="ei-button ei-button--quiet"
                aria-disabled={later.is_none().then_some("true")}
                onclick={turn(later)}>{ strings::LATER_WEEKS }</button>
            // (Kept in place on today's weeks, so the focus stays where it was pressed.)
            <button type="button" class="ei-button ei-button--quiet"
                aria-disabled={(!paged).then_some("true")}
                onclick={turn(paged.then_some(None))}>{ strings::BACK_TO_TODAY }</button>
        </div>
    };

    let week_count = days_practised(&props.tracker, today, 7);
    let weekday_names = [
        ("M", "Monday"),
        ("T", "Tuesday"),
        ("W", "Wednesday"),
        ("T", "Thursday"),
        ("F", "Friday"),
        ("S", "Saturday"),
        ("S", "Sunday"),
    ];
    html! {
        <section class="ei-history" aria-labelledby="ei-history-heading">
            <Heading level={context.level} id="ei-history-heading" class="ei-history__heading">
                { heading }
            </Heading>
            // (About the last 7 days: said on the page that shows them.)
            if !paged {
                <p class="ei-history__summary">{ strings::week_summary(week_count) }</p>
            }
            <p id="ei-history-hint" class="ei-history__hint">{ strings::HISTORY_HINT }</p>
            if earlier.is_some() || paged {
                { pager }
            }
            <p class="ei-history__range">
                if !pending {
                    { strings::showing(first, end) }
                }
            </p>
            <p class="ei-visually-hidden" aria-live="polite">
                if *turned {
                    { strings::showing(first, end) }
                }
            </p>
            <table class="ei-heatmap" ref={table} aria-describedby="ei-history-hint" {onkeydown}>
                <caption class="ei-visually-hidden">
                    { heading }
                    if !pending {
                        { ": " }{ strings::showing(first, end) }
                    }
                </caption>
                <thead>
                    <tr>
                        <td></td>
                        { for weekday_names.iter().map(|(short, long)| html! {
                            <th scope="col" class="ei-heatmap__weekday" abbr={*long}>
                                <span aria-hidden="true">{ *short }</span>
                                <span class="ei-visually-hidden">{ *long }</span>
                            </th>
                        }) }
                    </tr>
                </thead>
                <tbody>
                    if pending {
                        // Until the visitor's date and data are known (on the server, while
                        // hydrating, with JavaScript off): each week a row of the same height
                        // and nothing in it, not 84 empty days, so the first paint has far
                        // less to lay out and nothing moves when the days come.
                        { for (0..WEEKS).map(|_| html! {
                            <tr><th></th><td class="ei-heatmap__skeleton" colspan="7"></td></tr>
                        }) }
                    } else {
                        { for grid.iter().map(|week| {
                            let monday = week[0].map(|c| c.day).unwrap_or(first);
                            html! {
                                <tr>
                                    <th scope="row" class="ei-heatmap__week">
                                        { strings::week_label(monday) }
                                    </th>
                                    { for week.iter().map(|cell| match cell {
                                        None => html! { <td class="ei-heatmap__empty"></td> },
                                        Some(cell) => html! {
                                            <HeatCell day={cell.day} signals={cell.signals}
                                                chosen={cell.day == chosen} stop={cell.day == stop}
                                                today={cell.day == today}
                                                choose={choose.clone()} />
                                        },
                                    }) }
                                </tr>
                            }
                        }) }
                    }
                </tbody>
            </table>
            <p class="ei-heatmap__legend">
                <span class="ei-visually-hidden">{ strings::KEY }</span>
                <span aria-hidden="true">{ strings::LESS }</span>
                { for (0..=4u8).map(|l| html! {
                    <span class={classes!("ei-heat", "ei-heat--legend", format!("ei-heat--{l}"))}>
                        if l > 0 {
                            <span class="ei-heat__bar" aria-hidden="true"></span>
                        }
                        <span class="ei-visually-hidden">{ strings::level_words(l) }</span>
                    </span>
                }) }
                <span aria-hidden="true">{ strings::MORE }</span>
            </p>
        </section>
    }
}
