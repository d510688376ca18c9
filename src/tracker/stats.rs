//! What the tracker shows about the past: counts of what was done, never of what was not.

use super::day::Day;
use super::model::Tracker;

/// Signals ticked on `day` (including practices archived since: the history stays true).
pub fn signals_on(tracker: &Tracker, day: Day) -> usize {
    tracker.entry(day).map_or(0, |e| e.done.len())
}

/// On how many of the `n` days ending with `today` at least one signal was ticked.
pub fn days_practised(tracker: &Tracker, today: Day, n: u32) -> u32 {
    let Some(first) = today.plus(1 - n as i32).filter(|_| n > 0) else {
        return 0;
    };
    tracker
        .days
        .range(first..=today)
        .filter(|(_, e)| !e.done.is_empty())
        .count() as u32
}

/// One square of the history calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    pub day: Day,
    pub signals: usize,
}

/// The history calendar: `weeks` columns of seven days, Monday first, the last column being
/// the week that holds `today`. Days after today are `None` (nothing to show yet).
pub fn heatmap(tracker: &Tracker, today: Day, weeks: u32) -> Vec<[Option<Cell>; 7]> {
    let monday = today.plus(-(today.weekday() as i32)).unwrap_or(today);
    let start = monday.plus(-7 * (weeks as i32 - 1)).unwrap_or(monday);
    (0..weeks as i32)
        .map(|w| {
            let mut column = [None; 7];
            for (d, cell) in column.iter_mut().enumerate() {
                if let Some(day) = start.plus(w * 7 + d as i32).filter(|&day| day <= today) {
                    *cell = Some(Cell {
                        day,
                        signals: signals_on(tracker, day),
                    });
                }
            }
            column
        })
        .collect()
}

/// How strong a day's square is drawn: 0 (nothing ticked) to 4.
pub fn intensity(signals: usize) -> u8 {
    match signals {
        0 => 0,
        1 => 1,
        2 => 2,
        3 | 4 => 3,
        _ => 4,
    }
}
