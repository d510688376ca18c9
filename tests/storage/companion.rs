//! What is kept beside the data: the reminder to save a copy, asking the browser to keep
//! the storage, and its record deleted with the data.

use super::common::*;
use emotional_intimacy_widget::storage::companion::{companion_key, Companion};
use emotional_intimacy_widget::storage::transfer::ImportMode;
use emotional_intimacy_widget::storage::{
    storage_key_for, KeyValue, MemoryStorage, Store, DEFAULT_KEY,
};
use emotional_intimacy_widget::tracker::{PracticeId, Tracker};

fn ticked_on(days: &[&str]) -> Tracker {
    let mut t = Tracker::default();
    for d in days {
        t.apply_in_place(&tick(1, d), day(TODAY)).unwrap();
    }
    t
}

#[test]
fn the_export_reminder_comes_a_month_after_an_export_with_ticks_since() {
    let today = day(TODAY);
    let exported = |d: &str| Companion {
        last_export: Some(day(d)),
        ..Companion::default()
    };
    // Exported 31 days ago, ticked since: due.
    let t = ticked_on(&["2026-10-20", "2026-11-25"]);
    assert!(exported("2026-10-26").export_reminder_due(&t, today));
    // Exported 30 days ago: not yet.
    assert!(!exported("2026-10-27").export_reminder_due(&t, today));
    // Nothing ticked since the export: nothing new to keep.
    let before = ticked_on(&["2026-09-01"]);
    assert!(!exported("2026-10-01").export_reminder_due(&before, today));
    // An export dated after today (a clock set back) is recent.
    assert!(!exported("2027-01-01").export_reminder_due(&t, today));
}

#[test]
fn the_export_reminder_never_comes_on_a_first_visit_and_waits_a_month_after_not_now() {
    let today = day(TODAY);
    let never = Companion::default();
    // A first visit: nothing ticked, or the first tick today.
    assert!(!never.export_reminder_due(&Tracker::default(), today));
    assert!(!never.export_reminder_due(&ticked_on(&[TODAY]), today));
    // Never exported, ticking for more than a month: due.
    let long = ticked_on(&["2026-10-01", "2026-11-20"]);
    assert!(never.export_reminder_due(&long, today));
    // "Not now" today, or 30 days ago: quiet; 31 days ago: due again.
    let put_off = |d: &str| Companion {
        reminder_put_off: Some(day(d)),
        ..Companion::default()
    };
    assert!(!put_off(TODAY).export_reminder_due(&long, today));
    assert!(!put_off("2026-10-27").export_reminder_due(&long, today));
    assert!(put_off("2026-10-26").export_reminder_due(&long, today));
}

#[test]
fn the_browser_is_asked_to_keep_the_data_at_most_once_a_month() {
    let today = day(TODAY);
    assert!(Companion::default().may_ask_to_persist(today));
    let asked = |d: &str| Companion {
        persist_asked: Some(day(d)),
        ..Companion::default()
    };
    assert!(!asked(TODAY).may_ask_to_persist(today));
    assert!(!asked("2026-10-27").may_ask_to_persist(today));
    assert!(asked("2026-10-26").may_ask_to_persist(today));
}

#[test]
fn dates_after_today_from_a_clock_set_wrong_are_settled_to_today() {
    let today = day(TODAY);
    let wrong = Companion {
        last_export: Some(day("2030-01-01")),
        reminder_put_off: Some(day("2026-11-01")),
        persist_asked: Some(day("2027-06-01")),
    };
    let settled = wrong.settled(today).unwrap();
    assert_eq!(settled.last_export, Some(today));
    assert_eq!(settled.reminder_put_off, Some(day("2026-11-01")));
    assert_eq!(settled.persist_asked, Some(today));
    // From there, a month later as for any export: not 2030.
    let later = day("2026-12-27");
    let mut ticked = Tracker::default();
    ticked
        .apply_in_place(&tick(1, "2026-12-20"), later)
        .unwrap();
    assert!(settled.export_reminder_due(&ticked, later));
    assert!(!wrong.export_reminder_due(&ticked, later));
    assert_eq!(settled.settled(today), None);
}

#[test]
fn the_companion_record_is_kept_beside_the_data_and_deleted_with_it() {
    let key = storage_key_for("clinic").unwrap();
    let mut store = Store::open(MemoryStorage::default(), &key);
    store.apply(tick(1, TODAY), day(TODAY)).unwrap();
    store.update_companion(|c| c.last_export = Some(day(TODAY)));
    let kv = store.into_backend();
    assert_eq!(
        kv.get(&companion_key(&key)).unwrap().as_deref(),
        Some("{\"lastExport\":\"2026-11-26\"}")
    );
    // The tracker's own record is untouched by it (older releases read that one strictly).
    assert!(!kv.get(&key).unwrap().unwrap().contains("lastExport"));
    // Read again on opening.
    let store = Store::open(kv, &key);
    assert_eq!(store.companion().last_export, Some(day(TODAY)));
    // A neighbour's companion record is not ours to delete.
    let mut kv = store.into_backend();
    kv.set(&companion_key(DEFAULT_KEY), "{}").unwrap();
    let mut store = Store::open(kv, &key);
    store.delete_all();
    assert_eq!(store.companion(), &Companion::default());
    let kv = store.into_backend();
    assert_eq!(kv.get(&companion_key(&key)).unwrap(), None);
    assert_eq!(
        kv.get(&companion_key(DEFAULT_KEY)).unwrap().as_deref(),
        Some("{}")
    );
}

#[test]
fn an_import_counts_as_a_copy_kept_and_another_tabs_delete_all_is_seen() {
    let key = DEFAULT_KEY;
    let mut store = Store::open(MemoryStorage::default(), key);
    // A first visit restoring a copy with months of ticks: no reminder to save one.
    let old = ticked_on(&["2026-06-01", "2026-11-20"]);
    assert!(store.import(&old, ImportMode::Merge, day(TODAY)));
    assert_eq!(store.companion().last_export, Some(day(TODAY)));
    assert!(!store
        .companion()
        .export_reminder_due(store.tracker(), day(TODAY)));
    // Another tab deleted everything: on reload, nothing is remembered here either.
    let mut kv = store.into_backend();
    kv.remove(&companion_key(key)).unwrap();
    let mut store = Store::open(kv.clone(), key);
    store.update_companion(|c| c.persist_asked = Some(day(TODAY)));
    let mut other = Store::open(store.backend().clone(), key);
    other.delete_all();
    let mut store = Store::open(other.into_backend(), key);
    store.reload(day(TODAY));
    assert_eq!(store.companion(), &Companion::default());
}

#[test]
fn an_unreadable_companion_record_remembers_nothing_and_touches_no_data() {
    let key = DEFAULT_KEY;
    for junk in [
        "",
        "null",
        "[1]",
        "{\"lastExport\":\"2026-02-30\"}",
        "{\"lastExport\":5}",
        "\u{0}",
    ] {
        let mut kv = MemoryStorage::default();
        kv.set(&companion_key(key), junk).unwrap();
        let mut store = Store::open(kv, key);
        assert_eq!(store.companion(), &Companion::default(), "{junk:?}");
        assert!(store.notices().is_empty(), "{junk:?}");
        store.apply(tick(1, TODAY), day(TODAY)).unwrap();
        assert!(store.tracker().is_done(day(TODAY), PracticeId(1)));
    }
    // Fields a later release adds are ignored.
    assert_eq!(
        Companion::read("{\"lastExport\":\"2026-11-01\",\"later\":true}").last_export,
        Some(day("2026-11-01"))
    );
}
