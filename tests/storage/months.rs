//! The tracker kept in months: a tick writes its month and the index and nothing else; data
//! saved by earlier releases moves into months without a day lost, even when storage fills up
//! halfway; a month that cannot be read is set aside on its own; two tabs saving different
//! months keep both.

use super::common::*;
use super::schema::v2;
use emotional_intimacy_widget::storage::months::{decode_month, month_key, read_stored};
use emotional_intimacy_widget::storage::schema::{decode, encode, Decoded};
use emotional_intimacy_widget::storage::{KeyValue, Notice, Store, DEFAULT_KEY};
use emotional_intimacy_widget::tracker::{Action, Month, PracticeId, Tracker};
use proptest::prelude::*;

fn month(text: &str) -> Month {
    Month::of(day(&format!("{text}-01")))
}

fn month_of(text: &str) -> String {
    month_key(DEFAULT_KEY, Month::of(day(text)))
}

/// Storage holding five years of history as an earlier release saved it (one document).
fn five_years_saved_whole() -> (Fake, Tracker) {
    let history = five_years(today());
    let kv = Fake::with(&[(DEFAULT_KEY, &encode(&history))]);
    (kv, history)
}

fn index_of(kv: &Fake) -> String {
    kv.stored(DEFAULT_KEY).unwrap()
}

#[test]
fn data_saved_whole_by_earlier_releases_moves_into_months_on_the_first_save() {
    let (kv, history) = five_years_saved_whole();
    let mut store = Store::open(kv.clone(), DEFAULT_KEY);
    assert_eq!(*store.tracker(), history, "read as it was");
    store.apply(tick(1, TODAY), today()).unwrap();
    assert!(index_of(&kv).starts_with("{\"version\":3,"));
    let mut expected = history.clone();
    expected.apply_in_place(&tick(1, TODAY), today()).unwrap();
    assert_eq!(saved(&kv, DEFAULT_KEY), expected, "not a day lost");
    let months = history.days.months().len();
    assert_eq!(
        kv.written.borrow().len(),
        months + 1,
        "each month, then the index"
    );
    assert_eq!(kv.written.borrow().last().unwrap(), DEFAULT_KEY);
    let reopened = Store::open(kv.other(), DEFAULT_KEY);
    assert_eq!(*reopened.tracker(), expected);
    assert!(reopened.notices().is_empty());
}

#[test]
fn a_tick_writes_its_month_and_the_index_and_nothing_else() {
    let (kv, _) = five_years_saved_whole();
    let mut store = Store::open(kv.clone(), DEFAULT_KEY);
    store.apply(tick(1, TODAY), today()).unwrap();
    kv.written.borrow_mut().clear();
    store.apply(tick(2, TODAY), today()).unwrap();
    assert_eq!(*kv.written.borrow(), [month_of(TODAY), DEFAULT_KEY.into()]);
    // A day years back: its own month.
    kv.written.borrow_mut().clear();
    let back = Action::SetNote {
        day: day("2023-03-14"),
        note: "Remembered this later.".into(),
    };
    store.apply(back, today()).unwrap();
    assert_eq!(
        *kv.written.borrow(),
        [month_of("2023-03-14"), DEFAULT_KEY.into()]
    );
    // A practice renamed: the index only.
    kv.written.borrow_mut().clear();
    let rename = Action::RenamePractice {
        id: PracticeId(3),
        name: "Asked how their day really went".into(),
    };
    store.apply(rename, today()).unwrap();
    assert_eq!(*kv.written.borrow(), [DEFAULT_KEY.to_owned()]);
    assert_eq!(saved(&kv, DEFAULT_KEY), *store.tracker());
}

#[test]
fn the_index_changes_with_every_save_so_other_tabs_know() {
    let kv = Fake::new();
    let mut store = Store::open(kv.clone(), DEFAULT_KEY);
    store.apply(tick(1, TODAY), today()).unwrap();
    let first = index_of(&kv);
    store.apply(tick(2, TODAY), today()).unwrap();
    assert_ne!(index_of(&kv), first, "same months, another save");
    assert!(index_of(&kv).ends_with("\"saves\":2}"), "{}", index_of(&kv));
}

#[test]
fn storage_filling_up_while_moving_into_months_leaves_the_earlier_document_as_it_was() {
    let (kv, history) = five_years_saved_whole();
    let before = index_of(&kv);
    kv.room.set(Some(5));
    let mut store = Store::open(kv.clone(), DEFAULT_KEY);
    store.apply(tick(1, TODAY), today()).unwrap();
    assert_eq!(store.notices(), [Notice::WriteFailed]);
    assert_eq!(index_of(&kv), before, "the whole document is untouched");
    let reopened = Store::open(kv.other(), DEFAULT_KEY);
    assert_eq!(
        *reopened.tracker(),
        history,
        "another tab still reads everything"
    );
    kv.room.set(None);
    store.apply(tick(2, TODAY), today()).unwrap();
    assert!(store.notices().is_empty());
    let saved = saved(&kv, DEFAULT_KEY);
    assert!(saved.is_done(today(), PracticeId(1)) && saved.is_done(today(), PracticeId(2)));
    assert_eq!(saved.days.len(), history.days.len() + 1);
}

#[test]
fn a_month_that_cannot_be_read_is_set_aside_and_the_rest_carries_on() {
    let (kv, history) = five_years_saved_whole();
    Store::open(kv.clone(), DEFAULT_KEY)
        .apply(tick(1, TODAY), today())
        .unwrap();
    let broken = month_of("2024-02-10");
    kv.data
        .borrow_mut()
        .insert(broken.clone(), "{\"2024-02-10\":{\"done\":[1]".into());
    let mut store = Store::open(kv.clone(), DEFAULT_KEY);
    match store.notices() {
        [Notice::Unreadable {
            reason,
            backup_key: Some(backup),
            raw,
            part: true,
        }] => {
            assert!(
                reason.starts_with("the days of 2024-02: it is not valid JSON"),
                "{reason}"
            );
            assert_eq!(kv.stored(backup).as_ref(), Some(raw));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(kv.stored(&broken), None, "removed once copied aside");
    let february = month("2024-02");
    let rest = history
        .days
        .iter()
        .filter(|(d, _)| Month::of(**d) != february)
        .count();
    assert_eq!(
        store.tracker().days.len(),
        rest + 1,
        "every other day is here"
    );
    store.apply(tick(2, TODAY), today()).unwrap();
    assert!(!index_of(&kv).contains("2024-02"), "no longer named");
    let reopened = Store::open(kv.other(), DEFAULT_KEY);
    assert!(reopened.notices().is_empty(), "said once, then dealt with");
}

#[test]
fn a_month_the_index_names_but_storage_lacks_is_said_and_the_rest_carries_on() {
    let (kv, _) = five_years_saved_whole();
    Store::open(kv.clone(), DEFAULT_KEY)
        .apply(tick(1, TODAY), today())
        .unwrap();
    kv.data.borrow_mut().remove(&month_of("2025-07-01"));
    let mut store = Store::open(kv.clone(), DEFAULT_KEY);
    assert!(matches!(
        store.notices(),
        [Notice::Unreadable { reason, backup_key: None, raw, part: true }]
            if reason == "the days of 2025-07 are missing" && raw.is_empty()
    ));
    assert!(!store.is_memory_only(), "the rest is still saved");
    store.apply(tick(2, TODAY), today()).unwrap();
    assert!(saved(&kv, DEFAULT_KEY).is_done(today(), PracticeId(2)));
}

#[test]
fn an_index_whose_days_break_a_limit_is_set_aside_whole_and_its_months_left_alone() {
    let index = r#"{"version":3,"practices":[{"id":1,"name":"A"},{"id":2,"name":"a"}],"months":["2026-11"],"saves":3}"#;
    let month_text = r#"{"2026-11-02":{"done":[1]}}"#;
    let kv = Fake::with(&[(DEFAULT_KEY, index), (&month_of("2026-11-02"), month_text)]);
    let store = Store::open(kv.clone(), DEFAULT_KEY);
    assert!(matches!(
        store.notices(),
        [Notice::Unreadable { reason, backup_key: Some(_), raw, part: false }]
            if reason.contains("both called") && raw == index
    ));
    assert_eq!(
        kv.stored(&month_of("2026-11-02")).as_deref(),
        Some(month_text)
    );
}

#[test]
fn a_month_emptied_is_removed_after_the_index_stops_naming_it() {
    let kv = Fake::new();
    let mut store = Store::open(kv.clone(), DEFAULT_KEY);
    store.apply(tick(1, "2026-10-05"), today()).unwrap();
    store.apply(tick(1, TODAY), today()).unwrap();
    assert!(kv.stored(&month_of("2026-10-05")).is_some());
    let removals = kv.removals.get();
    let untick = Action::SetDone {
        day: day("2026-10-05"),
        practice: PracticeId(1),
        done: false,
    };
    store.apply(untick, today()).unwrap();
    assert_eq!(kv.stored(&month_of("2026-10-05")), None);
    assert_eq!(kv.removals.get(), removals + 1);
    assert!(index_of(&kv).contains("\"months\":[\"2026-11\"]"));
}

#[test]
fn two_tabs_saving_different_months_keep_both() {
    let kv = Fake::new();
    let mut a = Store::open(kv.clone(), DEFAULT_KEY);
    let mut b = Store::open(kv.other(), DEFAULT_KEY);
    a.apply(tick(1, TODAY), today()).unwrap();
    b.apply(tick(2, "2026-10-12"), today()).unwrap(); // b had not seen a's tick
    a.apply(tick(3, "2026-10-12"), today()).unwrap(); // nor a b's, in b's month
    let c = Store::open(kv.other(), DEFAULT_KEY);
    assert!(c.tracker().is_done(today(), PracticeId(1)));
    assert!(c.tracker().is_done(day("2026-10-12"), PracticeId(2)));
    assert!(c.tracker().is_done(day("2026-10-12"), PracticeId(3)));
    b.reload(today());
    assert_eq!(*b.tracker(), *c.tracker());
}

#[test]
fn newer_data_kept_in_months_is_never_written_over() {
    let index = r#"{"version":4,"practices":[{"id":1,"name":"A"}],"months":["2026-11"],"saves":9}"#;
    let kv = Fake::with(&[(DEFAULT_KEY, index), (&month_of(TODAY), "{}")]);
    let mut store = Store::open(kv.clone(), DEFAULT_KEY);
    assert_eq!(store.notices(), [Notice::NewerVersion { version: 4 }]);
    store.apply(tick(1, TODAY), today()).unwrap();
    assert_eq!(index_of(&kv), index);
    assert_eq!(kv.stored(&month_of(TODAY)).as_deref(), Some("{}"));
}

#[test]
fn a_month_is_read_strictly_and_an_index_names_each_month_once() {
    let practices = decode(&v2(r#"[{"id":1,"name":"A"}]"#, "{}")).unwrap();
    let Decoded::Current(t) = practices else {
        panic!()
    };
    let nov = month("2026-11");
    let read = |text| decode_month(text, nov, &t.practices).map_err(|e| e.to_string());
    assert!(
        read(r#"{"2026-11-02":{"done":[1]},"2026-11-03":{}}"#)
            .unwrap()
            .len()
            == 1
    );
    assert_eq!(
        read(r#"{"2026-10-31":{"done":[1]}}"#).unwrap_err(),
        "2026-10-31 is not in 2026-11"
    );
    assert!(read(r#"{"2026-11-02":{"done":[7]}}"#)
        .unwrap_err()
        .contains("(id 7) that does not exist"));
    assert!(read(r#"{"2026-11-02":{},"2026-11-02":{}}"#)
        .unwrap_err()
        .contains("appears twice"));
    assert!(read("[]").unwrap_err().contains("expected a JSON object"));
    let twice = r#"{"version":3,"practices":[],"months":["2026-11","2026-11"],"saves":1}"#;
    assert!(decode(twice)
        .unwrap_err()
        .to_string()
        .contains("a month named twice"));
    let not_a_month = r#"{"version":3,"practices":[],"months":["2026-13"],"saves":1}"#;
    assert!(decode(not_a_month)
        .unwrap_err()
        .to_string()
        .contains("at months: \"2026-13\" is not a month"));
}

/// A step of the property below: a change on one of three years' days, or storage filling
/// up or making room.
#[derive(Debug, Clone)]
enum Step {
    Tick {
        back: i32,
        practice: u32,
        done: bool,
    },
    Note {
        back: i32,
        words: bool,
    },
    Full(bool),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        6 => (0..1100i32, 1..=7u32, any::<bool>()).prop_map(|(back, practice, done)| Step::Tick { back, practice, done }),
        2 => (0..1100i32, any::<bool>()).prop_map(|(back, words)| Step::Note { back, words }),
        1 => any::<bool>().prop_map(Step::Full),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever the changes and wherever storage filled up, once a save succeeds storage
    /// holds exactly what the page shows, and a fresh tab reads it back without a notice.
    #[test]
    fn after_any_changes_and_faults_storage_holds_what_the_page_shows(steps in prop::collection::vec(step(), 1..40)) {
        let kv = Fake::new();
        let mut store = Store::open(kv.clone(), DEFAULT_KEY);
        for step in steps {
            let action = match step {
                Step::Full(full) => { kv.full.set(full); continue; }
                Step::Tick { back, practice, done } => Action::SetDone {
                    day: today().plus(-back).unwrap(),
                    practice: PracticeId(practice),
                    done,
                },
                Step::Note { back, words } => Action::SetNote {
                    day: today().plus(-back).unwrap(),
                    note: if words { "A walk together.".into() } else { String::new() },
                },
            };
            store.apply(action, today()).unwrap();
        }
        kv.full.set(false);
        store.apply(tick(1, TODAY), today()).unwrap();
        prop_assert!(store.notices().is_empty(), "{:?}", store.notices());
        prop_assert_eq!(&read_stored(&kv, DEFAULT_KEY).unwrap().unwrap(), store.tracker());
        let months: Vec<_> = store.tracker().days.months().iter().map(|(m, _)| month_key(DEFAULT_KEY, *m)).collect();
        let mut stored_months: Vec<_> = kv.keys().unwrap().into_iter().filter(|k| k.contains("#days-")).collect();
        stored_months.sort();
        prop_assert_eq!(stored_months, months, "no month left behind");
        let fresh = Store::open(kv.other(), DEFAULT_KEY);
        prop_assert!(fresh.notices().is_empty());
        prop_assert_eq!(fresh.tracker(), store.tracker());
    }
}
