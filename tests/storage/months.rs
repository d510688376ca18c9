//! The tracker kept in months: a tick writes its month and the index and nothing else; data
//! saved by earlier releases moves into months without a day lost, or stays whole when
//! storage is too full to move it; a save that fails halfway leaves the save before whole
//! and nothing behind; a month that cannot be read is set aside on its own, an index that
//! cannot be used is set aside with its months; deleted data leaves no month behind.

use super::common::*;
use super::schema::v2;
use emotional_intimacy_widget::storage::months::{decode_month, read_stored};
use emotional_intimacy_widget::storage::schema::{decode, encode, Decoded};
use emotional_intimacy_widget::storage::transfer::ImportMode;
use emotional_intimacy_widget::storage::{KeyValue, Notice, Store, DEFAULT_KEY};
use emotional_intimacy_widget::tracker::{Action, DayEntry, Month, Practice, PracticeId, Tracker};

fn month(text: &str) -> Month {
    Month::of(day(&format!("{text}-01")))
}

/// The key the index names for the month of the day `on` (`<key>#days-YYYY-MM.<hash>`).
fn month_key_of(kv: &Fake, on: &str) -> Option<String> {
    let index: serde_json::Value = serde_json::from_str(&kv.stored(DEFAULT_KEY)?).ok()?;
    let entry = index["months"]
        .as_array()?
        .iter()
        .filter_map(|m| m.as_str())
        .find(|m| m.starts_with(&on[..7]))?
        .to_owned();
    Some(format!("{DEFAULT_KEY}#days-{entry}"))
}

/// Every month's key kept under the default key, in order.
fn month_keys(kv: &Fake) -> Vec<String> {
    let mut keys: Vec<String> = (kv.keys().unwrap().into_iter())
        .filter(|k| k.starts_with(&format!("{DEFAULT_KEY}#days-")))
        .collect();
    keys.sort();
    keys
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
    assert_eq!(month_keys(&kv).len(), months);
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
fn a_tick_writes_its_month_and_the_index_and_removes_the_months_old_key() {
    let (kv, _) = five_years_saved_whole();
    let mut store = Store::open(kv.clone(), DEFAULT_KEY);
    store.apply(tick(1, TODAY), today()).unwrap();
    let november = month_key_of(&kv, TODAY).unwrap();
    let count = month_keys(&kv).len();
    kv.written.borrow_mut().clear();
    store.apply(tick(2, TODAY), today()).unwrap();
    let written = kv.written.borrow().clone();
    assert_eq!(
        written,
        [month_key_of(&kv, TODAY).unwrap(), DEFAULT_KEY.into()]
    );
    assert_ne!(written[0], november, "a new key for the month's new text");
    assert_eq!(kv.stored(&november), None, "the old one removed");
    assert_eq!(month_keys(&kv).len(), count);
    // A day years back: its own month.
    kv.written.borrow_mut().clear();
    let back = Action::SetNote {
        day: day("2023-03-14"),
        note: "Remembered this later.".into(),
    };
    store.apply(back, today()).unwrap();
    assert_eq!(
        *kv.written.borrow(),
        [month_key_of(&kv, "2023-03-14").unwrap(), DEFAULT_KEY.into()]
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
fn an_index_as_a_tab_last_read_it_means_exactly_the_data_it_read() {
    // A tab that finds the index as it left it skips reading the months: that must never
    // hide another tab's save, even one made after everything was deleted.
    let kv = Fake::new();
    let mut a = Store::open(kv.clone(), DEFAULT_KEY);
    a.apply(tick(1, "2026-11-20"), today()).unwrap();
    let mut b = Store::open(kv.other(), DEFAULT_KEY);
    a.delete_all();
    a.apply(tick(2, "2026-11-25"), today()).unwrap(); // a is told it is saved
    b.apply(tick(3, "2026-11-24"), today()).unwrap(); // b heard no storage event
    let saved = saved(&kv, DEFAULT_KEY);
    assert!(
        saved.is_done(day("2026-11-25"), PracticeId(2)),
        "a's tick kept"
    );
    assert!(
        saved.is_done(day("2026-11-24"), PracticeId(3)),
        "b's tick kept"
    );
    assert!(
        !saved.is_done(day("2026-11-20"), PracticeId(1)),
        "nothing deleted comes back"
    );
}

#[test]
fn a_save_that_fails_halfway_leaves_the_save_before_whole_and_nothing_behind() {
    // A practice added while storage was full, then ticked with room for one write.
    let kv = Fake::new();
    let mut a = Store::open(kv.clone(), DEFAULT_KEY);
    a.apply(tick(1, "2026-11-02"), today()).unwrap();
    let before = (index_of(&kv), month_keys(&kv));
    kv.room.set(Some(0));
    let walk = Action::AddPractice {
        name: "Walked together".into(),
    };
    a.apply(walk, today()).unwrap();
    kv.room.set(Some(1));
    a.apply(tick(8, "2026-11-03"), today()).unwrap();
    assert_eq!(a.notices(), [Notice::WriteFailed]);
    assert_eq!(
        (index_of(&kv), month_keys(&kv)),
        before,
        "the save before, whole"
    );
    let other = Store::open(kv.other(), DEFAULT_KEY);
    assert!(other.notices().is_empty());
    assert!(other.tracker().is_done(day("2026-11-02"), PracticeId(1)));
    // Room again: the next change saves everything.
    kv.room.set(None);
    a.apply(tick(2, "2026-11-03"), today()).unwrap();
    assert!(a.notices().is_empty());
    assert_eq!(saved(&kv, DEFAULT_KEY), *a.tracker());
    assert!(saved(&kv, DEFAULT_KEY).is_done(day("2026-11-03"), PracticeId(8)));
    assert_eq!(month_keys(&kv).len(), 1);
}

#[test]
fn an_import_replacing_everything_that_fails_halfway_never_lands_on_the_old_practices() {
    let kv = Fake::new();
    let mut a = Store::open(kv.clone(), DEFAULT_KEY);
    a.apply(tick(1, "2026-10-02"), today()).unwrap();
    a.apply(tick(1, "2026-11-02"), today()).unwrap();
    let entry = |on: &str| {
        (
            day(on),
            DayEntry {
                done: [PracticeId(1)].into(),
                note: String::new(),
            },
        )
    };
    let incoming = Tracker {
        practices: vec![Practice {
            id: PracticeId(1),
            name: "Something else entirely".into(),
            archived: false,
        }],
        days: [entry("2026-10-05"), entry("2026-11-05")].into(),
    };
    kv.room.set(Some(1));
    assert!(a.import(&incoming, ImportMode::Replace, today()));
    let other = Store::open(kv.other(), DEFAULT_KEY);
    assert!(other.notices().is_empty());
    assert!(
        other.tracker().is_done(day("2026-10-02"), PracticeId(1)),
        "the save before"
    );
    assert!(!other.tracker().is_done(day("2026-10-05"), PracticeId(1)));
}

#[test]
fn storage_too_full_to_move_into_months_keeps_the_document_whole_as_before() {
    let (kv, history) = five_years_saved_whole();
    // Room for the document once and a half: moving it into months needs twice.
    let document = index_of(&kv).len();
    kv.quota.set(Some(DEFAULT_KEY.len() + document * 3 / 2));
    let mut store = Store::open(kv.clone(), DEFAULT_KEY);
    for _ in 0..2 {
        store.apply(tick(1, TODAY), today()).unwrap();
        let untick = Action::SetDone {
            day: today(),
            practice: PracticeId(1),
            done: false,
        };
        store.apply(untick, today()).unwrap();
    }
    store.apply(tick(2, TODAY), today()).unwrap();
    assert!(store.notices().is_empty(), "{:?}", store.notices());
    assert!(
        index_of(&kv).starts_with("{\"version\":2,"),
        "written whole, as before"
    );
    assert_eq!(
        month_keys(&kv),
        Vec::<String>::new(),
        "nothing left of the move"
    );
    let saved = saved(&kv, DEFAULT_KEY);
    assert!(saved.is_done(today(), PracticeId(2)));
    assert_eq!(saved.days.len(), history.days.len() + 1);
    // With room again, the next page moves it; the page still open writes months from then
    // on, never a whole document over the index.
    kv.quota.set(None);
    let mut next = Store::open(kv.other(), DEFAULT_KEY);
    next.apply(tick(3, TODAY), today()).unwrap();
    assert!(index_of(&kv).starts_with("{\"version\":3,"));
    store.apply(tick(4, TODAY), today()).unwrap();
    assert!(index_of(&kv).starts_with("{\"version\":3,"));
    let saved = super::common::saved(&kv, DEFAULT_KEY);
    assert!(saved.is_done(today(), PracticeId(3)) && saved.is_done(today(), PracticeId(4)));
}

#[test]
fn a_month_that_cannot_be_read_is_set_aside_and_the_rest_carries_on() {
    let (kv, history) = five_years_saved_whole();
    (Store::open(kv.clone(), DEFAULT_KEY))
        .apply(tick(1, TODAY), today())
        .unwrap();
    let broken = month_key_of(&kv, "2024-02-10").unwrap();
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
fn a_month_that_turns_unreadable_mid_session_keeps_what_this_page_showed_of_it() {
    let kv = Fake::new();
    let mut a = Store::open(kv.clone(), DEFAULT_KEY);
    a.apply(tick(1, "2026-10-02"), today()).unwrap();
    let mut b = Store::open(kv.other(), DEFAULT_KEY);
    b.apply(tick(2, TODAY), today()).unwrap(); // a has to read again
    let october = month_key_of(&kv, "2026-10-02").unwrap();
    kv.data.borrow_mut().insert(october, "{broken".into());
    a.apply(tick(3, TODAY), today()).unwrap();
    assert!(matches!(
        a.notices(),
        [Notice::Unreadable { part: true, .. }]
    ));
    let saved = saved(&kv, DEFAULT_KEY);
    assert!(
        saved.is_done(day("2026-10-02"), PracticeId(1)),
        "written back from this page"
    );
    assert!(saved.is_done(today(), PracticeId(2)) && saved.is_done(today(), PracticeId(3)));
}

#[test]
fn a_month_lost_mid_session_is_written_back_alone_never_undoing_another_tabs_other_months() {
    let kv = Fake::new();
    let mut a = Store::open(kv.clone(), DEFAULT_KEY);
    a.apply(tick(1, "2026-10-05"), today()).unwrap();
    a.apply(tick(1, TODAY), today()).unwrap();
    let mut b = Store::open(kv.other(), DEFAULT_KEY);
    let untick = Action::SetDone {
        day: day("2026-10-05"),
        practice: PracticeId(1),
        done: false,
    };
    b.apply(untick, today()).unwrap();
    let rename = Action::RenamePractice {
        id: PracticeId(2),
        name: "Asked how their day really went".into(),
    };
    b.apply(rename, today()).unwrap();
    // November, which b did not change, turns unreadable; a hears b's save.
    let november = month_key_of(&kv, TODAY).unwrap();
    kv.data.borrow_mut().insert(november, "{broken".into());
    a.reload(today());
    let saved = saved(&kv, DEFAULT_KEY);
    assert!(
        saved.is_done(today(), PracticeId(1)),
        "November written back from a"
    );
    assert!(
        !saved.is_done(day("2026-10-05"), PracticeId(1)),
        "b's untick stands"
    );
    assert_eq!(
        saved.practices.len(),
        7,
        "b's rename stands, no old name added back"
    );
    assert_eq!(saved.practices[1].name, "Asked how their day really went");
}

#[test]
fn months_the_index_names_but_storage_lacks_are_said_once_and_the_rest_carries_on() {
    let (kv, _) = five_years_saved_whole();
    (Store::open(kv.clone(), DEFAULT_KEY))
        .apply(tick(1, TODAY), today())
        .unwrap();
    for on in ["2025-07-01", "2025-08-01"] {
        let key = month_key_of(&kv, on).unwrap();
        kv.data.borrow_mut().remove(&key);
    }
    let mut store = Store::open(kv.clone(), DEFAULT_KEY);
    assert!(matches!(
        store.notices(),
        [Notice::Unreadable { reason, backup_key: None, raw, part: true }]
            if reason == "the days of 2025-07 and 1 other months are missing" && raw.is_empty()
    ));
    assert!(!store.is_memory_only(), "the rest is still saved");
    store.apply(tick(2, TODAY), today()).unwrap();
    assert!(saved(&kv, DEFAULT_KEY).is_done(today(), PracticeId(2)));
    // An index naming every month there is: one notice, not thousands.
    let every: Vec<String> = (1900..3000)
        .flat_map(|y| (1..=12).map(move |m| format!("\"{y:04}-{m:02}.0123456789abcdef\"")))
        .collect();
    let index = format!(
        r#"{{"version":3,"practices":[],"months":[{}]}}"#,
        every.join(",")
    );
    let hostile = Store::open(Fake::with(&[(DEFAULT_KEY, &index)]), DEFAULT_KEY);
    assert_eq!(hostile.notices().len(), 1);
}

#[test]
fn an_index_whose_days_break_a_limit_is_set_aside_with_its_months() {
    let index = r#"{"version":3,"practices":[{"id":1,"name":"A"},{"id":2,"name":"a"}],"months":["2026-11.0123456789abcdef"]}"#;
    let month_text = r#"{"2026-11-02":{"done":[1],"note":"Words only for us."}}"#;
    let month_key = format!("{DEFAULT_KEY}#days-2026-11.0123456789abcdef");
    let kv = Fake::with(&[(DEFAULT_KEY, index), (&month_key, month_text)]);
    let mut store = Store::open(kv.clone(), DEFAULT_KEY);
    let backup = match store.notices() {
        [Notice::Unreadable {
            reason,
            backup_key: Some(backup),
            raw,
            part: false,
        }] if reason.contains("both called") => {
            // The download holds the index and its month, each as it was.
            let both: serde_json::Value = serde_json::from_str(raw).unwrap();
            assert_eq!(both[DEFAULT_KEY], index);
            assert_eq!(both[&month_key], month_text);
            backup.clone()
        }
        other => panic!("{other:?}"),
    };
    assert_eq!(kv.stored(&month_key), None, "copied aside, then removed");
    store.apply(tick(1, TODAY), today()).unwrap();
    assert!(
        kv.stored(&backup).unwrap().contains("Words only for us."),
        "never written over"
    );
}

#[test]
fn an_unreadable_index_is_set_aside_with_every_month_kept_under_the_key() {
    let month_key = format!("{DEFAULT_KEY}#days-2026-11.0123456789abcdef");
    let month_text = r#"{"2026-11-02":{"note":"Words only for us."}}"#;
    let kv = Fake::with(&[
        (DEFAULT_KEY, "{\"version\":3,\"practices\":[tru"),
        (&month_key, month_text),
    ]);
    let mut store = Store::open(kv.clone(), DEFAULT_KEY);
    assert!(matches!(
        store.notices(),
        [Notice::Unreadable { raw, backup_key: Some(_), part: false, .. }] if raw.contains("Words only for us.")
    ));
    store.apply(tick(1, TODAY), today()).unwrap();
    assert_eq!(month_keys(&kv).len(), 1, "only the month just saved");
}

#[test]
fn a_month_emptied_is_removed_after_the_index_stops_naming_it() {
    let kv = Fake::new();
    let mut store = Store::open(kv.clone(), DEFAULT_KEY);
    store.apply(tick(1, "2026-10-05"), today()).unwrap();
    store.apply(tick(1, TODAY), today()).unwrap();
    let october = month_key_of(&kv, "2026-10-05").unwrap();
    let untick = Action::SetDone {
        day: day("2026-10-05"),
        practice: PracticeId(1),
        done: false,
    };
    store.apply(untick, today()).unwrap();
    assert_eq!(kv.stored(&october), None);
    assert!(!index_of(&kv).contains("2026-10"));
    assert_eq!(month_keys(&kv).len(), 1);
}

#[test]
fn months_left_by_data_deleted_elsewhere_are_removed_by_the_next_save() {
    // An earlier release's "Delete all" removes the key but knows nothing of months.
    let kv = Fake::new();
    let mut a = Store::open(kv.clone(), DEFAULT_KEY);
    a.apply(tick(1, "2026-09-02"), today()).unwrap();
    a.apply(tick(1, TODAY), today()).unwrap();
    kv.data.borrow_mut().remove(DEFAULT_KEY);
    let mut next = Store::open(kv.other(), DEFAULT_KEY);
    next.apply(tick(2, TODAY), today()).unwrap();
    assert_eq!(month_keys(&kv), [month_key_of(&kv, TODAY).unwrap()]);
    assert!(!saved(&kv, DEFAULT_KEY).is_done(day("2026-09-02"), PracticeId(1)));
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
    assert_eq!(month_keys(&kv).len(), 2, "no month's old key left");
}

#[test]
fn newer_data_kept_in_months_is_never_written_over() {
    let index =
        r#"{"version":4,"practices":[{"id":1,"name":"A"}],"months":["2026-11.0123456789abcdef"]}"#;
    let month_key = format!("{DEFAULT_KEY}#days-2026-11.0123456789abcdef");
    let kv = Fake::with(&[(DEFAULT_KEY, index), (&month_key, "{}")]);
    let mut store = Store::open(kv.clone(), DEFAULT_KEY);
    assert_eq!(store.notices(), [Notice::NewerVersion { version: 4 }]);
    store.apply(tick(1, TODAY), today()).unwrap();
    assert_eq!(index_of(&kv), index);
    assert_eq!(kv.stored(&month_key).as_deref(), Some("{}"));
}

#[test]
fn a_month_is_read_strictly_and_an_index_names_each_month_once() {
    let Ok(Decoded::Current(t)) = decode(&v2(r#"[{"id":1,"name":"A"}]"#, "{}")) else {
        panic!()
    };
    let nov = month("2026-11");
    let read = |text| decode_month(text, nov, &t.practices).map_err(|e| e.to_string());
    assert_eq!(
        read(r#"{"2026-11-02":{"done":[1]},"2026-11-03":{}}"#)
            .unwrap()
            .len(),
        1
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
    let refused = |index: &str| decode(index).unwrap_err().to_string();
    let h = "0123456789abcdef";
    let twice = format!(r#"{{"version":3,"practices":[],"months":["2026-11.{h}","2026-11.{h}"]}}"#);
    assert!(refused(&twice).contains("a month named twice"));
    let backwards =
        format!(r#"{{"version":3,"practices":[],"months":["2026-11.{h}","2026-10.{h}"]}}"#);
    assert!(refused(&backwards).contains("not in order"));
    for entry in [
        "2026-13.{h}",
        "2026-11",
        "2026-11.0123",
        "2026-11.0123456789ABCDEF",
        "../x.{h}",
    ] {
        let index = format!(
            r#"{{"version":3,"practices":[],"months":["{}"]}}"#,
            entry.replace("{h}", h)
        );
        assert!(
            refused(&index).contains("is not a month and its hash"),
            "{entry}"
        );
    }
    // Each version has only its own fields.
    let with_days = r#"{"version":3,"practices":[],"months":[],"days":{"2026-11-02":{"done":[]}}}"#;
    assert!(refused(with_days).contains("keeps its days in months"));
    let document_with_months =
        format!(r#"{{"version":2,"practices":[],"days":{{}},"months":["2026-11.{h}"]}}"#);
    assert!(refused(&document_with_months).contains("belong in an index"));
    // What a tab writes, another reads.
    assert!(read_stored(&Fake::new(), DEFAULT_KEY).unwrap().is_none());
}

#[test]
fn a_months_entry_names_its_text_as_the_browser_tests_name_it() {
    use emotional_intimacy_widget::storage::months::month_entry;
    // The same 64-bit FNV-1a as tests/e2e/helpers.mjs's, which seeds storage for the benches.
    let text = r#"{"2026-10-01":{"done":[1]}}"#;
    assert_eq!(
        month_entry(month("2026-10"), text),
        "2026-10.61b5054c8c7c1e4e"
    );
    assert_ne!(
        month_entry(month("2026-10"), text),
        month_entry(month("2026-10"), "{}")
    );
}
