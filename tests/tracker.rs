//! The tracker's pure domain: days, the reducer, stats and merging, with property tests over
//! random histories.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};

use emotional_intimacy_widget::tracker::merge::{merge, merge_notes};
use emotional_intimacy_widget::tracker::model::{DEFAULT_PRACTICES, NOTE_MAX_CHARS};
use emotional_intimacy_widget::tracker::stats::{
    days_practised, heatmap, period_summary, signals_on,
};
use emotional_intimacy_widget::tracker::{Action, Day, PracticeId, Tracker, TrackerError};
use proptest::prelude::*;

fn day(text: &str) -> Day {
    Day::parse(text).unwrap()
}

// ---- Days ----------------------------------------------------------------------------

#[test]
fn days_parse_print_and_count() {
    assert_eq!(day("1970-01-01").number(), 0);
    assert_eq!(day("2026-11-26").to_string(), "2026-11-26");
    assert_eq!(day("2024-02-29").next().unwrap(), day("2024-03-01"));
    assert_eq!(day("2026-01-01").previous().unwrap(), day("2025-12-31"));
    assert_eq!(day("2026-11-26").weekday(), 3); // a Thursday
    assert_eq!(day("2026-03-30").weekday(), 0); // a Monday
    assert_eq!(day("2026-11-26").since(day("2026-11-19")), 7);
}

#[test]
fn odd_dates_are_refused_with_a_reason() {
    for bad in [
        "2026-2-3",
        "26-02-03",
        "2026/02/03",
        "2026-02-03T00:00",
        "",
        "２０２６-01-01",
    ] {
        assert_eq!(
            Day::parse(bad).unwrap_err().to_string(),
            "is not a date written as YYYY-MM-DD",
            "{bad}"
        );
    }
    for impossible in [
        "2026-02-29",
        "2026-13-01",
        "2026-00-10",
        "2026-04-31",
        "0999-01-01",
        "3000-01-01",
    ] {
        assert!(
            Day::parse(impossible)
                .unwrap_err()
                .to_string()
                .contains("not a real calendar date"),
            "{impossible}"
        );
    }
}

// Days are checked against jiff, an independent calendar (a dev-dependency, never shipped).
// Daylight saving is not a matter for Day (it has no hours); where it matters, in the
// browser's local date, the end-to-end tests cross real clock changes (tracker.spec.mjs).

fn jiff_date(d: Day) -> jiff::civil::Date {
    let (y, m, dd) = d.ymd();
    jiff::civil::date(y as i16, m as i8, dd as i8)
}

const JIFF_EPOCH: jiff::civil::Date = jiff::civil::date(1970, 1, 1);

#[test]
fn the_accepted_range_ends_where_jiff_says() {
    let first = Day::from_ymd(1900, 1, 1).unwrap();
    let last = Day::from_ymd(2999, 12, 31).unwrap();
    let span = |to: jiff::civil::Date| JIFF_EPOCH.until(to).unwrap().get_days();
    assert_eq!(first.number(), span(jiff::civil::date(1900, 1, 1)));
    assert_eq!(last.number(), span(jiff::civil::date(2999, 12, 31)));
    assert_eq!(first.previous(), None);
    assert_eq!(last.next(), None);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn every_day_is_the_date_jiff_counts(n in -25_567i32..376_200) {
        let d = Day::EPOCH.plus(n).unwrap();
        let reference = JIFF_EPOCH.checked_add(jiff::Span::new().days(i64::from(n))).unwrap();
        prop_assert_eq!(jiff_date(d), reference);
        // Monday = 0 … Sunday = 6, as jiff numbers them from Monday = 1.
        prop_assert_eq!(d.weekday() as i8, reference.weekday().to_monday_one_offset() - 1);
        prop_assert_eq!(d.to_string(), reference.to_string());
    }

    #[test]
    fn a_date_exists_exactly_when_jiff_says_it_does(y in 1899i32..3001, m in 0u32..14, dd in 0u32..33) {
        let ours = Day::from_ymd(y, m, dd);
        let theirs = jiff::civil::Date::new(y as i16, m as i8, dd as i8).ok();
        let in_range = (1900..=2999).contains(&y);
        prop_assert_eq!(ours.is_some(), theirs.is_some() && in_range);
        if let (Some(ours), Some(theirs)) = (ours, theirs) {
            prop_assert_eq!(jiff_date(ours), theirs);
            prop_assert_eq!(Day::parse(&theirs.to_string()), Ok(ours));
        }
    }

    #[test]
    fn days_between_are_jiffs_days_between(a in -25_567i32..376_200, b in -25_567i32..376_200) {
        let (da, db) = (Day::EPOCH.plus(a).unwrap(), Day::EPOCH.plus(b).unwrap());
        prop_assert_eq!(i64::from(db.since(da)), jiff_date(da).until(jiff_date(db)).unwrap().get_days() as i64);
    }
}

proptest! {
    #[test]
    fn every_day_round_trips_through_its_text(n in -25_567i32..376_000) {
        let d = Day::from_ymd(1970, 1, 1).unwrap().plus(n).unwrap();
        prop_assert_eq!(Day::parse(&d.to_string()).unwrap(), d);
        let (y, m, dd) = d.ymd();
        prop_assert_eq!(Day::from_ymd(y, m, dd), Some(d));
        prop_assert_eq!(d.next().map(|x| x.since(d)), Some(1));
    }
}

// ---- The reducer ---------------------------------------------------------------------

const TODAY: &str = "2026-11-26";

#[test]
fn starts_with_the_seven_default_practices_worded_exactly() {
    let tracker = Tracker::default();
    let names: Vec<&str> = tracker.practices.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, DEFAULT_PRACTICES);
    assert_eq!(
        DEFAULT_PRACTICES[6],
        "Stayed curious, not defensive, in a disagreement"
    );
    assert!(tracker.days.is_empty());
}

#[test]
fn ticking_today_yesterday_and_unticking() {
    let today = day(TODAY);
    let yesterday = today.previous().unwrap();
    let t = Tracker::default();
    let t = t
        .apply(
            &Action::SetDone {
                day: today,
                practice: PracticeId(1),
                done: true,
            },
            today,
        )
        .unwrap();
    let t = t
        .apply(
            &Action::SetDone {
                day: yesterday,
                practice: PracticeId(5),
                done: true,
            },
            today,
        )
        .unwrap();
    assert!(t.is_done(today, PracticeId(1)));
    assert!(t.is_done(yesterday, PracticeId(5)));
    let t = t
        .apply(
            &Action::SetDone {
                day: today,
                practice: PracticeId(1),
                done: false,
            },
            today,
        )
        .unwrap();
    assert!(!t.is_done(today, PracticeId(1)));
    assert!(t.entry(today).is_none(), "an emptied day is not kept");
}

#[test]
fn future_days_and_unknown_practices_are_refused() {
    let today = day(TODAY);
    let t = Tracker::default();
    let tomorrow = today.next().unwrap();
    assert_eq!(
        t.apply(
            &Action::SetDone {
                day: tomorrow,
                practice: PracticeId(1),
                done: true
            },
            today
        ),
        Err(TrackerError::FutureDay)
    );
    assert_eq!(
        t.apply(
            &Action::SetNote {
                day: tomorrow,
                note: "x".into()
            },
            today
        ),
        Err(TrackerError::FutureDay)
    );
    assert_eq!(
        t.apply(
            &Action::SetDone {
                day: today,
                practice: PracticeId(99),
                done: true
            },
            today
        ),
        Err(TrackerError::UnknownPractice)
    );
}

#[test]
fn practice_names_are_trimmed_bounded_and_unique_ignoring_case() {
    let today = day(TODAY);
    let t = Tracker::default();
    let added = t
        .apply(
            &Action::AddPractice {
                name: "  Asked   how their day went ".into(),
            },
            today,
        )
        .unwrap();
    assert_eq!(
        added.practices.last().unwrap().name,
        "Asked how their day went"
    );
    assert_eq!(added.practices.last().unwrap().id, PracticeId(8));
    assert_eq!(
        t.apply(&Action::AddPractice { name: "   ".into() }, today),
        Err(TrackerError::EmptyName)
    );
    assert_eq!(
        t.apply(
            &Action::AddPractice {
                name: "x".repeat(81)
            },
            today
        ),
        Err(TrackerError::NameTooLong)
    );
    assert!(
        t.apply(
            &Action::AddPractice {
                name: "é".repeat(80)
            },
            today
        )
        .is_ok(),
        "80 characters, not bytes"
    );
    assert_eq!(
        t.apply(
            &Action::AddPractice {
                name: "shared A LAUGH".into()
            },
            today
        ),
        Err(TrackerError::DuplicateName("Shared a laugh".into()))
    );
    // Renaming to its own name in another case is fine; to another's name is not.
    assert!(t
        .apply(
            &Action::RenamePractice {
                id: PracticeId(5),
                name: "Shared A Laugh".into()
            },
            today
        )
        .is_ok());
    assert!(t
        .apply(
            &Action::RenamePractice {
                id: PracticeId(5),
                name: "offered comfort".into()
            },
            today
        )
        .is_err());
}

#[test]
fn archiving_hides_a_practice_but_keeps_its_history() {
    let today = day(TODAY);
    let t = Tracker::default()
        .apply(
            &Action::SetDone {
                day: today,
                practice: PracticeId(2),
                done: true,
            },
            today,
        )
        .unwrap()
        .apply(&archive(2, true), today)
        .unwrap();
    assert_eq!(t.active_practices().count(), 6);
    assert_eq!(t.archived_practices().next().unwrap().id, PracticeId(2));
    assert!(t.is_done(today, PracticeId(2)));
    let restored = t.apply(&archive(2, false), today).unwrap();
    assert_eq!(restored.active_practices().count(), 7);
}

#[test]
fn reordering_moves_among_active_practices_and_stops_at_the_ends() {
    let today = day(TODAY);
    let ids = |t: &Tracker| t.active_practices().map(|p| p.id.0).collect::<Vec<_>>();
    let t = Tracker::default().apply(&archive(2, true), today).unwrap();
    let down = t
        .apply(
            &Action::MovePractice {
                id: PracticeId(1),
                by: 1,
            },
            today,
        )
        .unwrap();
    assert_eq!(ids(&down), [3, 1, 4, 5, 6, 7]);
    let up = down
        .apply(
            &Action::MovePractice {
                id: PracticeId(1),
                by: -1,
            },
            today,
        )
        .unwrap();
    assert_eq!(ids(&up), [1, 3, 4, 5, 6, 7]);
    assert_eq!(
        up.apply(
            &Action::MovePractice {
                id: PracticeId(1),
                by: -1
            },
            today
        )
        .unwrap(),
        up
    );
    assert_eq!(
        up.apply(
            &Action::MovePractice {
                id: PracticeId(7),
                by: 1
            },
            today
        )
        .unwrap(),
        up
    );
}

#[test]
fn notes_are_trimmed_and_bounded() {
    let today = day(TODAY);
    let t = Tracker::default();
    let noted = t
        .apply(
            &Action::SetNote {
                day: today,
                note: "  They laughed at my joke. ".into(),
            },
            today,
        )
        .unwrap();
    assert_eq!(noted.entry(today).unwrap().note, "They laughed at my joke.");
    assert_eq!(
        t.apply(
            &Action::SetNote {
                day: today,
                note: "a".repeat(NOTE_MAX_CHARS + 1)
            },
            today
        ),
        Err(TrackerError::NoteTooLong)
    );
    let cleared = noted
        .apply(
            &Action::SetNote {
                day: today,
                note: " ".into(),
            },
            today,
        )
        .unwrap();
    assert!(cleared.entry(today).is_none());
}

// ---- Random histories ------------------------------------------------------------------

/// Up to ~2 years before TODAY.
fn any_day() -> impl Strategy<Value = Day> {
    (0i32..730).prop_map(|back| day(TODAY).plus(-back).unwrap())
}

fn any_action() -> impl Strategy<Value = Action> {
    prop_oneof![
        4 => (any_day(), 1u32..=9, any::<bool>()).prop_map(|(day, p, done)| Action::SetDone { day, practice: PracticeId(p), done }),
        1 => (any_day(), "[a-z ]{0,12}").prop_map(|(day, note)| Action::SetNote { day, note }),
        1 => "[A-Za-z]{1,6}".prop_map(|name| Action::AddPractice { name }),
        1 => (1u32..=9, "[A-Za-z]{1,6}").prop_map(|(id, name)| Action::RenamePractice { id: PracticeId(id), name }),
        1 => (1u32..=9, any::<bool>()).prop_map(|(id, archived)| Action::SetArchived { id: PracticeId(id), archived }),
        1 => (1u32..=9, prop_oneof![Just(-1i8), Just(1i8)]).prop_map(|(id, by)| Action::MovePractice { id: PracticeId(id), by }),
    ]
}

fn archive(id: u32, archived: bool) -> Action {
    Action::SetArchived {
        id: PracticeId(id),
        archived,
    }
}

fn history(actions: &[Action]) -> Tracker {
    let today = day(TODAY);
    actions
        .iter()
        .fold(Tracker::default(), |t, a| t.apply(a, today).unwrap_or(t))
}

/// A tracker as a person reads it: practices by name, and per day the names done and note.
type Canonical = (
    BTreeMap<String, bool>,
    BTreeMap<Day, (BTreeSet<String>, String)>,
);

fn canonical(t: &Tracker) -> Canonical {
    let name = |id: &PracticeId| t.practice(*id).unwrap().name.to_lowercase();
    (
        t.practices
            .iter()
            .map(|p| (p.name.to_lowercase(), p.archived))
            .collect(),
        t.days
            .iter()
            .map(|(d, e)| (*d, (e.done.iter().map(name).collect(), e.note.clone())))
            .collect(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn the_reducer_never_loses_a_tick(actions in prop::collection::vec(any_action(), 0..60), tick_day in any_day(), p in 1u32..=7) {
        let today = day(TODAY);
        let ticked = history(&actions)
            .apply(&Action::SetDone { day: tick_day, practice: PracticeId(p), done: true }, today)
            .unwrap();
        // Whatever else happens afterwards, short of unticking that very box, the tick stays.
        let mut t = ticked;
        for action in &actions {
            if matches!(action, Action::SetDone { day, practice, done: false } if *day == tick_day && practice.0 == p) {
                continue;
            }
            t = t.apply(action, today).unwrap_or(t);
            prop_assert!(t.is_done(tick_day, PracticeId(p)));
        }
    }

    #[test]
    fn every_practice_keeps_a_unique_name_and_id(actions in prop::collection::vec(any_action(), 0..80)) {
        let t = history(&actions);
        let names: BTreeSet<String> = t.practices.iter().map(|p| p.name.to_lowercase()).collect();
        let ids: BTreeSet<u32> = t.practices.iter().map(|p| p.id.0).collect();
        prop_assert_eq!(names.len(), t.practices.len());
        prop_assert_eq!(ids.len(), t.practices.len());
        prop_assert!(t.days.keys().all(|d| *d <= day(TODAY)));
    }

    #[test]
    fn merge_is_commutative_and_idempotent(a in prop::collection::vec(any_action(), 0..40), b in prop::collection::vec(any_action(), 0..40)) {
        let (a, b) = (history(&a), history(&b));
        prop_assert_eq!(canonical(&merge(&a, &b)), canonical(&merge(&b, &a)));
        prop_assert_eq!(merge(&a, &a), a.clone());
        let ab = merge(&a, &b);
        prop_assert_eq!(canonical(&merge(&ab, &b)), canonical(&ab));
    }

    #[test]
    fn merge_keeps_every_tick_and_note_of_both_sides(a in prop::collection::vec(any_action(), 0..40), b in prop::collection::vec(any_action(), 0..40)) {
        let (a, b) = (history(&a), history(&b));
        let merged = canonical(&merge(&a, &b));
        for side in [canonical(&a), canonical(&b)] {
            for (d, (done, note)) in &side.1 {
                let (m_done, m_note) = &merged.1[d];
                prop_assert!(done.is_subset(m_done));
                prop_assert!(m_note.contains(note.as_str()));
            }
        }
    }

    #[test]
    fn stats_match_a_count_by_hand(actions in prop::collection::vec(any_action(), 0..80)) {
        let t = history(&actions);
        let today = day(TODAY);
        let by_hand = (0..7).filter(|back| signals_on(&t, today.plus(-back).unwrap()) > 0).count() as u32;
        prop_assert_eq!(days_practised(&t, today, 7), by_hand);
        let grid = heatmap(&t, today, 12);
        prop_assert_eq!(grid.len(), 12);
        let cells: Vec<_> = grid.iter().flatten().flatten().collect();
        // Every day of the last 12 weeks up to today, once, in order, with its count.
        prop_assert_eq!(cells.last().unwrap().day, today);
        prop_assert!(cells.windows(2).all(|w| w[1].day.since(w[0].day) == 1));
        prop_assert_eq!(cells.first().unwrap().day.weekday(), 0);
        for cell in cells {
            prop_assert_eq!(cell.signals, signals_on(&t, cell.day));
        }
    }
}

#[test]
fn notes_merge_without_losing_either_side() {
    assert_eq!(merge_notes("", "b"), "b");
    assert_eq!(merge_notes("a", "a"), "a");
    assert_eq!(merge_notes("long note", "note"), "long note");
    assert_eq!(merge_notes("b", "a"), "a\n\nb");
    assert_eq!(merge_notes("a", "b"), merge_notes("b", "a"));
}

#[test]
fn seven_day_count_spans_the_end_of_a_month() {
    let today = day("2026-04-01");
    let mut t = Tracker::default();
    for back in 0..7 {
        let d = today.plus(-back).unwrap();
        t = t
            .apply(
                &Action::SetDone {
                    day: d,
                    practice: PracticeId(1),
                    done: true,
                },
                today,
            )
            .unwrap();
    }
    assert_eq!(days_practised(&t, today, 7), 7);
    assert_eq!(days_practised(&t, today.next().unwrap(), 7), 6);
}

// ---- A summary for a counsellor --------------------------------------------------------

#[test]
fn a_periods_summary_counts_days_done_and_names_the_rest_without_a_count() {
    let mut t = Tracker::default();
    let today = day("2026-11-26");
    let set = |t: &mut Tracker, d: &str, p: u32| {
        t.apply_in_place(
            &Action::SetDone {
                day: day(d),
                practice: PracticeId(p),
                done: true,
            },
            today,
        )
        .unwrap();
    };
    // Inside the four weeks 30 Oct – 26 Nov: practice 1 on three days, 5 on one day.
    for d in ["2026-10-30", "2026-11-10", "2026-11-26"] {
        set(&mut t, d, 1);
    }
    set(&mut t, "2026-11-10", 5);
    // The day before the period: not counted.
    set(&mut t, "2026-10-29", 2);
    // A note in the period, one outside; a practice done in the period and hidden since.
    t.apply_in_place(
        &Action::SetNote {
            day: day("2026-11-10"),
            note: "Talked at dinner".into(),
        },
        today,
    )
    .unwrap();
    t.apply_in_place(
        &Action::SetNote {
            day: day("2026-10-01"),
            note: "Old".into(),
        },
        today,
    )
    .unwrap();
    set(&mut t, "2026-11-20", 7);
    t.apply_in_place(
        &Action::SetArchived {
            id: PracticeId(7),
            archived: true,
        },
        today,
    )
    .unwrap();

    let s = period_summary(&t, day("2026-10-30"), today);
    assert_eq!(
        s.practised,
        [
            (DEFAULT_PRACTICES[0].to_owned(), 3),
            (DEFAULT_PRACTICES[4].to_owned(), 1),
            // Hidden since, still true for the period: after the listed ones.
            (DEFAULT_PRACTICES[6].to_owned(), 1),
        ]
    );
    // Named, without a count: nothing here says "0".
    assert_eq!(
        s.also_on_the_list,
        [1, 2, 3, 5].map(|i| DEFAULT_PRACTICES[i].to_owned())
    );
    assert_eq!(s.days_with_signals, 4);
    assert_eq!(
        s.notes,
        [(day("2026-11-10"), "Talked at dinner".to_owned())]
    );

    let quiet = period_summary(&Tracker::default(), day("2026-10-30"), today);
    assert!(quiet.practised.is_empty() && quiet.notes.is_empty());
    assert_eq!(quiet.also_on_the_list.len(), 7);
}
