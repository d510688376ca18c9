use yew::prelude::*;

use crate::tracker::stats::intensity;
use crate::tracker::Day;
use crate::ui::strings;

#[derive(Properties, PartialEq)]
pub struct HeatCellProps {
    pub day: Day,
    /// Signals ticked on the day.
    pub signals: usize,
    /// The day open above.
    pub chosen: bool,
    /// The calendar's one tab stop.
    pub stop: bool,
    pub today: bool,
    /// Opens the day. The same callback for every cell and every render.
    pub choose: Callback<Day>,
}

/// One day of the history calendar: a button described for screen readers ("Tuesday 24
/// November 2026: 2 signals"), with how many signals shown by a bar, not by colour alone. Its
/// own component with plain props, so a tick re-renders the one day it changed, not the 84.
#[function_component(HeatCell)]
pub fn heat_cell(props: &HeatCellProps) -> Html {
    crate::ui::renders::rendered("HeatCell");
    let day = props.day;
    let onclick = {
        let choose = props.choose.clone();
        Callback::from(move |_: MouseEvent| choose.emit(day))
    };
    let level = intensity(props.signals);
    html! {
        <td>
            <button type="button"
                class={classes!("ei-heat", format!("ei-heat--{level}"), props.chosen.then_some("ei-heat--chosen"))}
                data-day={day.to_string()}
                tabindex={if props.stop { "0" } else { "-1" }}
                aria-label={strings::heat_label(day, props.signals)}
                aria-pressed={if props.chosen { "true" } else { "false" }}
                aria-current={props.today.then_some("date")}
                {onclick}>
                <span class="ei-heat__date" aria-hidden="true">{ day.ymd().2 }</span>
                // How many signals, not by colour alone: a bar that grows with them (no bar:
                // none).
                if level > 0 {
                    <span class="ei-heat__bar" aria-hidden="true"></span>
                }
            </button>
        </td>
    }
}
