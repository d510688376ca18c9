//! The store against the fake backend: every storage fault, two tabs over one storage, and
//! nothing lost to another tab's save.

use super::common::*;
use super::schema::v2;
use emotional_intimacy_widget::storage::schema::decode;
use emotional_intimacy_widget::storage::transfer::{preview, read_import, ImportMode};
use emotional_intimacy_widget::storage::{
    storage_key_for, KeyValue, MemoryStorage, Notice, Store, DEFAULT_KEY,
};
use emotional_intimacy_widget::tracker::{Action, DayEntry, PracticeId, Tracker};

#[test]
fn ticks_are_saved_and_read_back() {
    let today = day(TODAY);
    let mut store = Store::open(MemoryStorage::default(), DEFAULT_KEY);
    store.apply(tick(1, TODAY), today).unwrap();
    let saved = store.backend().clone();
    let reopened = Store::open(saved, DEFAULT_KEY);
    assert!(reopened.tracker().is_done(today, PracticeId(1)));
    assert!(reopened.notices().is_empty());
}

#[test]
fn two_tabs_never_lose_each_others_ticks() {
    // Two stores over one storage, as two tabs over one localStorage.
    let today = day(TODAY);
    let tab = Fake::new();
    let mut a = Store::open(tab.clone(), DEFAULT_KEY);
    let mut b = Store::open(tab.other(), DEFAULT_KEY);
    a.apply(tick(1, TODAY), today).unwrap();
    b.apply(tick(2, TODAY), today).unwrap(); // b had not seen a's tick
    a.apply(tick(3, TODAY), today).unwrap();
    let c = Store::open(tab.other(), DEFAULT_KEY);
    for p in 1..=3 {
        assert!(c.tracker().is_done(today, PracticeId(p)), "practice {p}");
    }
    b.reload(today);
    assert!(
        b.tracker().is_done(today, PracticeId(3)),
        "a storage event brings b up to date"
    );
}

#[test]
fn a_refused_write_keeps_the_change_and_retries() {
    let today = day(TODAY);
    let mut store = Store::open(
        {
            let full = Fake::new();
            full.full.set(true);
            full
        },
        DEFAULT_KEY,
    );
    store.apply(tick(1, TODAY), today).unwrap();
    assert!(store.tracker().is_done(today, PracticeId(1)));
    assert_eq!(store.notices(), [Notice::WriteFailed]);
    store.apply(tick(2, TODAY), today).unwrap();
    assert!(
        store.tracker().is_done(today, PracticeId(1)),
        "nothing lost while failing"
    );
    assert!(store.tracker().is_done(today, PracticeId(2)));
    assert_eq!(
        store.notices(),
        [Notice::WriteFailed],
        "still full, still said"
    );
    assert!(store.backend().data.borrow().is_empty());
}

#[test]
fn after_a_failed_write_the_next_successful_one_saves_everything() {
    let today = day(TODAY);
    let kv = Fake::new();
    kv.full.set(true);
    let full = kv.full.clone();
    let mut store = Store::open(kv, DEFAULT_KEY);
    store.apply(tick(1, TODAY), today).unwrap();
    assert_eq!(store.notices(), [Notice::WriteFailed]);
    full.set(false);
    store.apply(tick(2, TODAY), today).unwrap();
    assert!(store.notices().is_empty());
    let saved = saved(store.backend(), DEFAULT_KEY);
    assert!(saved.is_done(today, PracticeId(1)) && saved.is_done(today, PracticeId(2)));
}

#[test]
fn unreadable_data_is_backed_up_never_overwritten_and_offered_back() {
    let today = day(TODAY);
    let kv = Fake::new();
    kv.data.borrow_mut().insert(
        DEFAULT_KEY.into(),
        "{\"version\":2,\"practices\":[tru".into(),
    );
    let mut store = Store::open(kv, DEFAULT_KEY);
    match &store.notices()[0] {
        Notice::Unreadable {
            reason,
            backup_key: Some(k),
            raw,
            part: false,
        } => {
            assert!(reason.contains("not valid JSON"));
            assert_eq!(k, "emotional-intimacy-widget#unreadable-backup-1");
            assert_eq!(raw, "{\"version\":2,\"practices\":[tru");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(*store.tracker(), Tracker::default(), "starts fresh");
    store.apply(tick(1, TODAY), today).unwrap();
    let data = store.backend().data.borrow();
    assert_eq!(
        data["emotional-intimacy-widget#unreadable-backup-1"],
        "{\"version\":2,\"practices\":[tru"
    );
    drop(data);
    assert!(saved(store.backend(), DEFAULT_KEY).is_done(today, PracticeId(1)));
}

#[test]
fn unreadable_data_that_cannot_be_backed_up_is_left_alone() {
    let today = day(TODAY);
    let kv = Fake::new();
    kv.full.set(true);
    kv.data
        .borrow_mut()
        .insert(DEFAULT_KEY.into(), "garbage".into());
    let mut store = Store::open(kv, DEFAULT_KEY);
    assert!(matches!(
        &store.notices()[0],
        Notice::Unreadable {
            backup_key: None,
            ..
        }
    ));
    assert!(store.is_memory_only());
    store.apply(tick(1, TODAY), today).unwrap();
    assert!(store.tracker().is_done(today, PracticeId(1)));
    assert_eq!(store.backend().data.borrow()[DEFAULT_KEY], "garbage");
}

#[test]
fn a_second_different_corruption_gets_its_own_backup() {
    let kv = Fake::new();
    kv.data.borrow_mut().insert(
        "emotional-intimacy-widget#unreadable-backup-1".into(),
        "older junk".into(),
    );
    kv.data
        .borrow_mut()
        .insert(DEFAULT_KEY.into(), "new junk".into());
    let store = Store::open(kv, DEFAULT_KEY);
    assert_eq!(
        store.backend().data.borrow()["emotional-intimacy-widget#unreadable-backup-1"],
        "older junk"
    );
    assert_eq!(
        store.backend().data.borrow()["emotional-intimacy-widget#unreadable-backup-2"],
        "new junk"
    );
}

#[test]
fn newer_data_is_shown_but_never_written_over() {
    let today = day(TODAY);
    let newer = "{\"version\":4,\"practices\":[{\"id\":1,\"name\":\"From the future\"}],\"days\":{\"2026-11-25\":{\"done\":[1]}}}";
    let kv = Fake::new();
    kv.data
        .borrow_mut()
        .insert(DEFAULT_KEY.into(), newer.into());
    let mut store = Store::open(kv, DEFAULT_KEY);
    assert_eq!(store.notices(), [Notice::NewerVersion { version: 4 }]);
    assert!(store.tracker().is_done(day("2026-11-25"), PracticeId(1)));
    store.apply(tick(1, TODAY), today).unwrap();
    assert!(
        store.tracker().is_done(today, PracticeId(1)),
        "works in this page"
    );
    assert_eq!(
        store.backend().data.borrow()[DEFAULT_KEY],
        newer,
        "never written"
    );
}

#[test]
fn blocked_storage_works_in_memory() {
    let today = day(TODAY);
    let kv = Fake::new();
    kv.block_reads.set(true);
    let mut store = Store::open(kv, DEFAULT_KEY);
    assert_eq!(store.notices(), [Notice::Blocked]);
    store.apply(tick(4, TODAY), today).unwrap();
    assert!(store.tracker().is_done(today, PracticeId(4)));
    let blocked = Store::blocked(MemoryStorage::default(), DEFAULT_KEY);
    assert_eq!(blocked.notices(), [Notice::Blocked]);
}

#[test]
fn refused_changes_touch_nothing_not_even_the_copy_on_screen() {
    let today = day(TODAY);
    let mut store = Store::open(MemoryStorage::default(), DEFAULT_KEY);
    let shown = store.shared_tracker();
    let tomorrow = today.next().unwrap();
    assert!(store
        .apply(
            Action::SetDone {
                day: tomorrow,
                practice: PracticeId(1),
                done: true
            },
            today
        )
        .is_err());
    // An import with a day after tomorrow (a day's grace for time zones) is refused too.
    let mut incoming = Tracker::default();
    incoming.days.insert(
        tomorrow.next().unwrap(),
        DayEntry {
            done: [PracticeId(1)].into(),
            note: String::new(),
        },
    );
    assert!(!store.import(&incoming, ImportMode::Merge, today));
    assert!(store.backend().keys().unwrap().is_empty());
    // What is shown is the very same copy: nothing re-renders for a refusal.
    assert!(std::rc::Rc::ptr_eq(&shown, &store.shared_tracker()));
}

#[test]
fn delete_all_removes_data_and_backups() {
    let today = day(TODAY);
    let mut kv = MemoryStorage::default();
    kv.set(DEFAULT_KEY, "junk").unwrap();
    kv.set("unrelated", "keep me").unwrap();
    let mut store = Store::open(kv, DEFAULT_KEY);
    store.apply(tick(1, TODAY), today).unwrap();
    store.delete_all();
    assert_eq!(*store.tracker(), Tracker::default());
    assert!(store.notices().is_empty());
    assert_eq!(store.backend().keys().unwrap(), ["unrelated"]);
}

#[test]
fn separate_keys_keep_separate_data() {
    let today = day(TODAY);
    let mut a = Store::open(MemoryStorage::default(), "practice-a");
    a.apply(tick(1, TODAY), today).unwrap();
    let b = Store::open(a.backend().clone(), "practice-b");
    assert!(!b.tracker().is_done(today, PracticeId(1)));
}

#[test]
fn a_corrupt_value_written_mid_session_does_not_cost_this_pages_history() {
    let today = day(TODAY);
    let tab = Fake::new();
    let mut store = Store::open(tab.clone(), DEFAULT_KEY);
    store.apply(tick(1, "2026-11-20"), today).unwrap();
    // Something else on the page writes junk under our key.
    tab.data
        .borrow_mut()
        .insert(DEFAULT_KEY.into(), "junk".into());
    store.reload(today);
    assert!(
        store.tracker().is_done(day("2026-11-20"), PracticeId(1)),
        "kept"
    );
    assert!(matches!(store.notices(), [Notice::Unreadable { .. }]));
    assert!(
        saved(&tab, DEFAULT_KEY).is_done(day("2026-11-20"), PracticeId(1)),
        "written back"
    );
    // Set aside with the month it may have named, each as it was.
    let backup: serde_json::Value =
        serde_json::from_str(&tab.data.borrow()["emotional-intimacy-widget#unreadable-backup-1"])
            .unwrap();
    assert_eq!(backup[DEFAULT_KEY], "junk");
    assert_eq!(backup.as_object().unwrap().len(), 2);
}

#[test]
fn delete_all_on_blocked_storage_still_says_nothing_is_kept() {
    let mut store = Store::blocked(MemoryStorage::default(), DEFAULT_KEY);
    store.delete_all();
    assert_eq!(store.notices(), [Notice::Blocked]);
    assert!(store.is_memory_only());
}

#[test]
fn an_import_merges_into_the_freshest_stored_data() {
    let today = day(TODAY);
    let tab = Fake::new();
    let mut a = Store::open(tab.clone(), DEFAULT_KEY);
    let mut b = Store::open(tab.other(), DEFAULT_KEY);
    b.apply(tick(2, TODAY), today).unwrap(); // a has not seen this
    let file = Tracker::default()
        .apply(&tick(7, "2026-11-01"), today)
        .unwrap();
    assert!(a.import(&file, ImportMode::Merge, today));
    let c = Store::open(tab.other(), DEFAULT_KEY);
    assert!(c.tracker().is_done(today, PracticeId(2)), "b's tick kept");
    assert!(
        c.tracker().is_done(day("2026-11-01"), PracticeId(7)),
        "the file's tick added"
    );
}

#[test]
fn a_practice_added_while_saving_failed_keeps_its_ticks_when_another_tab_added_one_too() {
    let today = day(TODAY);
    let tab = Fake::new();
    let mut a = Store::open(tab.clone(), DEFAULT_KEY);
    let mut b = Store::open(tab.other(), DEFAULT_KEY);
    tab.full.set(true); // a cannot save
    a.apply(
        Action::AddPractice {
            name: "Cooked together".into(),
        },
        today,
    )
    .unwrap();
    a.apply(tick(8, TODAY), today).unwrap(); // id 8 in a's copy
    b.apply(
        Action::AddPractice {
            name: "Walked together".into(),
        },
        today,
    )
    .unwrap(); // id 8 in storage
    b.apply(tick(8, TODAY), today).unwrap();
    tab.full.set(false);
    a.apply(tick(1, TODAY), today).unwrap(); // a saves: replays onto b's data
    let c = Store::open(tab.other(), DEFAULT_KEY);
    let t = c.tracker();
    let id_of = |name: &str| t.practices.iter().find(|p| p.name == name).unwrap().id;
    assert!(t.is_done(today, id_of("Walked together")));
    assert!(t.is_done(today, id_of("Cooked together")));
    assert_ne!(id_of("Walked together"), id_of("Cooked together"));
    assert!(t.is_done(today, PracticeId(1)));
}

// Nothing the visitor was told is done is lost to another tab's save.

#[test]
fn an_import_that_could_not_be_saved_survives_another_tabs_save() {
    let today = day(TODAY);
    let tab = Fake::new();
    let mut a = Store::open(tab.clone(), DEFAULT_KEY);
    let mut b = Store::open(tab.other(), DEFAULT_KEY);
    tab.full.set(true); // a's writes fail (storage full)
    let file = Tracker::default()
        .apply(&tick(7, "2026-11-01"), today)
        .unwrap();
    assert!(a.import(&file, ImportMode::Merge, today), "told: Imported");
    assert_eq!(a.notices(), [Notice::WriteFailed]);
    b.apply(tick(2, TODAY), today).unwrap(); // another tab saves meanwhile
    tab.full.set(false);
    a.apply(tick(3, TODAY), today).unwrap(); // a saves at last
    let c = Store::open(tab.other(), DEFAULT_KEY);
    let t = c.tracker();
    assert!(
        t.is_done(day("2026-11-01"), PracticeId(7)),
        "the import kept"
    );
    assert!(t.is_done(today, PracticeId(2)), "b's tick kept");
    assert!(t.is_done(today, PracticeId(3)), "a's tick kept");
}

#[test]
fn a_rescue_of_this_pages_data_that_could_not_be_saved_survives_another_tabs_save() {
    let today = day(TODAY);
    let tab = Fake::new();
    let mut b = Store::open(tab.other(), DEFAULT_KEY);
    b.apply(tick(5, "2026-11-02"), today).unwrap();
    let mut a = Store::open(tab.clone(), DEFAULT_KEY);
    a.apply(tick(1, "2026-11-20"), today).unwrap();
    // Something writes junk under the key; a notices, sets it aside, but cannot write back.
    tab.data
        .borrow_mut()
        .insert(DEFAULT_KEY.into(), "junk".into());
    tab.refuse_main.set(true);
    a.reload(today);
    assert!(
        matches!(
            a.notices(),
            [
                Notice::Unreadable {
                    backup_key: Some(_),
                    ..
                },
                Notice::WriteFailed
            ]
        ),
        "{:?}",
        a.notices()
    );
    // b, which had not seen a's tick, finds the key emptied and then saves a tick of its own.
    b.reload(today);
    b.apply(tick(3, TODAY), today).unwrap();
    tab.refuse_main.set(false);
    a.apply(tick(2, TODAY), today).unwrap();
    let t = Store::open(tab.other(), DEFAULT_KEY).tracker().clone();
    assert!(
        t.is_done(day("2026-11-20"), PracticeId(1)),
        "a's history kept"
    );
    assert!(
        t.is_done(day("2026-11-02"), PracticeId(5)),
        "what a had read kept"
    );
    assert!(t.is_done(today, PracticeId(3)), "b's new tick kept");
    assert!(t.is_done(today, PracticeId(2)), "a's new tick kept");
}

#[test]
fn a_change_to_a_practice_that_could_not_be_re_added_never_lands_on_another() {
    let today = day(TODAY);
    let tab = Fake::new();
    let mut a = Store::open(tab.clone(), DEFAULT_KEY);
    let mut b = Store::open(tab.other(), DEFAULT_KEY);
    tab.full.set(true);
    a.apply(
        Action::AddPractice {
            name: "Cooked together".into(),
        },
        today,
    )
    .unwrap();
    a.apply(tick(8, TODAY), today).unwrap(); // id 8 in a's copy
                                             // Meanwhile b fills the tracker to the limit: a's practice cannot be added any more.
    for n in 0..93 {
        b.apply(
            Action::AddPractice {
                name: format!("Practice {n}"),
            },
            today,
        )
        .unwrap();
    }
    tab.full.set(false);
    a.apply(tick(1, TODAY), today).unwrap();
    let t = Store::open(tab.other(), DEFAULT_KEY).tracker().clone();
    assert_eq!(t.practices.len(), 100);
    assert!(
        !t.is_done(today, PracticeId(8)),
        "b's practice 8 was never ticked"
    );
    assert!(t.is_done(today, PracticeId(1)));
}

#[test]
fn an_imported_day_with_nothing_in_it_is_not_kept() {
    let file = r#"{"version":2,"practices":[{"id":1,"name":"A"}],"days":{"2026-11-01":{},"2026-11-02":{"done":[1]}}}"#;
    let imported = read_import(file).unwrap();
    assert_eq!(
        imported.days.keys().copied().collect::<Vec<_>>(),
        [day("2026-11-02")]
    );
    let mut store = Store::open(MemoryStorage::default(), DEFAULT_KEY);
    assert!(store.import(&imported, ImportMode::Replace, day(TODAY)));
    assert!(saved(store.backend(), DEFAULT_KEY)
        .entry(day("2026-11-01"))
        .is_none());
}

#[test]
fn delete_all_removes_only_this_widgets_keys_and_not_a_neighbours() {
    let today = day(TODAY);
    let x = storage_key_for("x").unwrap();
    let neighbour = storage_key_for("x.unreadable-backup").unwrap();
    let kv = Fake::new();
    kv.data.borrow_mut().insert(x.clone(), "junk".into());
    let mut neighbour_store = Store::open(kv, &neighbour);
    neighbour_store.apply(tick(1, TODAY), today).unwrap();
    let kv = neighbour_store.into_backend();
    let mut store = Store::open(kv, &x); // sets "junk" aside
    store.apply(tick(2, TODAY), today).unwrap();
    store.backend().removals.set(0);
    store.delete_all();
    let kv = store.backend();
    assert!(!kv.data.borrow().contains_key(&x));
    assert!(
        !kv.data.borrow().keys().any(|k| k.starts_with(&x)
            && k != &neighbour
            && !k.starts_with(&format!("{neighbour}#"))),
        "x's backups gone: {:?}",
        kv.data.borrow().keys()
    );
    assert!(
        saved(kv, &neighbour).is_done(today, PracticeId(1)),
        "the neighbour's ticks are still there"
    );
    // Its index, its companion, its backup and its one month: nothing else.
    assert!(kv.removals.get() <= 4, "{} removals", kv.removals.get());
}

#[test]
fn backups_written_by_earlier_releases_are_still_found_and_deleted() {
    let kv = Fake::new();
    // Earlier releases put backups at `<key>.unreadable-backup[-n]`.
    kv.data.borrow_mut().insert(
        format!("{DEFAULT_KEY}.unreadable-backup"),
        "old junk".into(),
    );
    kv.data.borrow_mut().insert(
        format!("{DEFAULT_KEY}.unreadable-backup-2"),
        "older junk".into(),
    );
    kv.data
        .borrow_mut()
        .insert(DEFAULT_KEY.into(), "new junk".into());
    let mut store = Store::open(kv, DEFAULT_KEY);
    assert!(matches!(
        &store.notices()[0],
        Notice::Unreadable {
            backup_key: Some(_),
            ..
        }
    ));
    assert_eq!(
        store.backend().data.borrow().len(),
        3,
        "the new junk set aside in a new-style backup"
    );
    store.delete_all();
    assert!(
        store.backend().data.borrow().is_empty(),
        "{:?}",
        store.backend().data.borrow().keys()
    );
}

#[test]
fn names_differing_only_in_case_and_spacing_are_one_practice_everywhere() {
    let today = day(TODAY);
    let variant = "  shared   A LAUGH ";
    // Adding, renaming.
    let t = Tracker::default();
    assert!(t
        .apply(
            &Action::AddPractice {
                name: variant.into()
            },
            today
        )
        .is_err());
    assert_eq!(t.practice_named(variant).map(|p| p.id), Some(PracticeId(5)));
    // Merging and previewing an import.
    let mut file = Tracker::default();
    file.practices[4].name = "SHARED A LAUGH".into();
    let file = file.apply(&tick(5, TODAY), today).unwrap();
    let merged = preview(&Tracker::default(), &file, ImportMode::Merge, today).unwrap();
    assert!(merged.practices_added.is_empty());
    assert_eq!(merged.result.practices.len(), 7);
    assert!(merged.result.is_done(today, PracticeId(5)));
    // Validating saved data.
    let twice = v2(
        r#"[{"id":1,"name":"Shared a laugh"},{"id":2,"name":"SHARED A LAUGH"}]"#,
        "{}",
    );
    assert!(decode(&twice)
        .unwrap_err()
        .to_string()
        .contains("both called"));
    // Replaying: a practice this tab added that another tab added too is the same one.
    let tab = Fake::new();
    let mut a = Store::open(tab.clone(), DEFAULT_KEY);
    let mut b = Store::open(tab.other(), DEFAULT_KEY);
    tab.full.set(true);
    a.apply(
        Action::AddPractice {
            name: "Walked together".into(),
        },
        today,
    )
    .unwrap();
    a.apply(tick(8, TODAY), today).unwrap();
    b.apply(
        Action::AddPractice {
            name: "walked  TOGETHER".into(),
        },
        today,
    )
    .unwrap();
    tab.full.set(false);
    a.apply(tick(1, TODAY), today).unwrap();
    let t = Store::open(tab.other(), DEFAULT_KEY).tracker().clone();
    assert_eq!(t.practices.len(), 8);
    assert!(t.is_done(today, PracticeId(8)));
}
