//! The tracker's UI state (its reducer), natively: what changes what the visitor sees, and
//! that what does not change it renders nothing again (the same state is handed back).

use std::rc::Rc;

use emotional_intimacy_widget::tracker::{Action, Day, PracticeId, Tracker};
use emotional_intimacy_widget::ui::tracker::state::{Snapshot, TrackerUi, UiAction};
use emotional_intimacy_widget::ui::tracker::SharedTracker;
use yew::Reducible;

fn day(s: &str) -> Day {
    Day::parse(s).unwrap()
}

fn shown(tracker: &Rc<Tracker>, today: &str) -> Snapshot {
    Snapshot {
        tracker: SharedTracker(tracker.clone()),
        today: day(today),
        ..Snapshot::default()
    }
}

fn loaded(tracker: &Rc<Tracker>) -> Rc<TrackerUi> {
    Rc::new(TrackerUi::default()).reduce(UiAction::Show(shown(tracker, "2026-11-28")))
}

#[test]
fn the_skeleton_shows_until_the_store_is_first_shown() {
    let ui = Rc::new(TrackerUi::default());
    assert!(!ui.loaded);
    let tracker = Rc::new(Tracker::default());
    let ui = ui.reduce(UiAction::Show(shown(&tracker, "2026-11-28")));
    assert!(ui.loaded);
    assert_eq!(ui.day(), day("2026-11-28"));
}

#[test]
fn the_same_data_shown_again_is_the_same_state_and_renders_nothing() {
    let tracker = Rc::new(Tracker::default());
    let ui = loaded(&tracker);
    // Another key's storage event, a minute's check of the date: the store's data is the
    // same `Rc`.
    let again = ui
        .clone()
        .reduce(UiAction::Show(shown(&tracker, "2026-11-28")));
    assert!(Rc::ptr_eq(&ui, &again));
    let forgotten = ui.clone().reduce(UiAction::Forget);
    assert!(Rc::ptr_eq(&ui, &forgotten));
}

#[test]
fn changed_data_is_a_new_state_even_when_it_compares_equal() {
    let tracker = Rc::new(Tracker::default());
    let ui = loaded(&tracker);
    // A new tracker (another tab saved) is shown, without comparing years of history.
    let copy = Rc::new((*tracker).clone());
    let next = ui
        .clone()
        .reduce(UiAction::Show(shown(&copy, "2026-11-28")));
    assert!(!Rc::ptr_eq(&ui, &next));
    assert!(Rc::ptr_eq(&next.shown.tracker.0, &copy));
}

#[test]
fn choosing_today_or_later_follows_today_across_midnight() {
    let tracker = Rc::new(Tracker::default());
    let ui = loaded(&tracker).reduce(UiAction::Choose(day("2026-11-20")));
    assert_eq!(ui.day(), day("2026-11-20"));
    let ui = ui.reduce(UiAction::Choose(day("2026-11-28")));
    assert_eq!(ui.chosen, None);
    let ui = ui.reduce(UiAction::Choose(day("2026-12-03")));
    assert_eq!(ui.chosen, None);
    let ui = ui.reduce(UiAction::Show(shown(&tracker, "2026-11-29")));
    assert_eq!(ui.day(), day("2026-11-29"));
}

#[test]
fn an_answer_replaces_the_refusal_and_keeps_what_the_data_panel_said_unless_it_says_more() {
    let tracker = Rc::new(Tracker::default());
    let ui = loaded(&tracker).reduce(UiAction::Answer {
        shown: shown(&tracker, "2026-11-28"),
        refused: None,
        said: Some("Imported."),
    });
    assert_eq!(ui.said, Some("Imported."));
    let refused = Tracker::default()
        .check(
            &Action::SetDone {
                day: day("2026-11-29"),
                practice: PracticeId(1),
                done: true,
            },
            day("2026-11-28"),
        )
        .unwrap_err();
    let ui = ui.reduce(UiAction::Answer {
        shown: shown(&tracker, "2026-11-28"),
        refused: Some(format!("{refused:?}")),
        said: None,
    });
    assert!(ui.refused.is_some());
    assert_eq!(ui.said, Some("Imported."));
    let ui = ui.reduce(UiAction::Answer {
        shown: shown(&tracker, "2026-11-28"),
        refused: None,
        said: None,
    });
    assert_eq!(ui.refused, None);
    assert_eq!(ui.reduce(UiAction::Forget).said, None);
}
