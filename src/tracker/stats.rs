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

/// What a printed summary for a counsellor says about a period: what was done, on how many
/// days, and the notes. Nothing about what was not done beyond naming the practice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodSummary {
    /// Practices done on at least one day of the period, in the visitor's order (practices
    /// hidden since come after, their history being true), with on how many days.
    pub practised: Vec<(String, u32)>,
    /// The other practices on the list (not hidden), named without a count.
    pub also_on_the_list: Vec<String>,
    /// Days of the period with at least one signal.
    pub days_with_signals: u32,
    /// The period's notes, oldest first.
    pub notes: Vec<(Day, String)>,
}

/// The summary of the days `first..=last`.
pub fn period_summary(tracker: &Tracker, first: Day, last: Day) -> PeriodSummary {
    let days = || tracker.days.range(first..=last);
    let count = |id| days().filter(|(_, e)| e.done.contains(&id)).count() as u32;
    let (mut practised, mut hidden, mut also_on_the_list) = (Vec::new(), Vec::new(), Vec::new());
    for practice in &tracker.practices {
        match (count(practice.id), practice.archived) {
            (0, false) => also_on_the_list.push(practice.name.clone()),
            (0, true) => {}
            (n, false) => practised.push((practice.name.clone(), n)),
            (n, true) => hidden.push((practice.name.clone(), n)),
        }
    }
    practised.append(&mut hidden);
    PeriodSummary {
        practised,
        also_on_the_list,
        days_with_signals: days().filter(|(_, e)| !e.done.is_empty()).count() as u32,
        notes: days()
            .filter(|(_, e)| !e.note.is_empty())
            .map(|(day, e)| (*day, e.note.clone()))
            .collect(),
    }
}
