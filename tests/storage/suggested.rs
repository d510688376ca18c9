//! The practices a site suggests (`data-practices`): what a visitor with nothing saved
//! starts with. Saved data is never changed by them, and a change made on them never lands
//! on another practice that happens to have the same id.

use std::rc::Rc;

use super::common::*;
use super::schema::v2;
use emotional_intimacy_widget::storage::transfer::ImportMode;
use emotional_intimacy_widget::storage::{KeyValue, MemoryStorage, Store, DEFAULT_KEY};
use emotional_intimacy_widget::tracker::model::DEFAULT_PRACTICES;
use emotional_intimacy_widget::tracker::{Action, PracticeId, Tracker, TrackerError};

const SUGGESTED: [&str; 2] = [
    "Asked how their day really went",
    "Put our phones away at dinner",
];

fn suggested() -> Rc<Tracker> {
    Rc::new(Tracker::starting_with(&SUGGESTED))
}

fn names(tracker: &Tracker) -> Vec<String> {
    tracker.practices.iter().map(|p| p.name.clone()).collect()
}

#[test]
fn a_visitor_with_nothing_saved_starts_with_the_suggested_practices_and_keeps_them_once_ticked() {
    let today = today();
    let mut store = Store::open_starting(MemoryStorage::default(), DEFAULT_KEY, suggested());
    assert_eq!(names(store.tracker()), SUGGESTED);
    assert!(store.notices().is_empty());
    assert_eq!(
        store.backend().get(DEFAULT_KEY),
        Ok(None),
        "nothing is written before the visitor changes something"
    );
    store.apply(tick(2, TODAY), today).unwrap();
    let kept = saved(store.backend(), DEFAULT_KEY);
    assert_eq!(names(&kept), SUGGESTED);
    assert!(kept.is_done(today, PracticeId(2)));
    // Opened again by a page with other suggestions (or none): the visitor's own stay.
    let again = Store::open(store.into_backend(), DEFAULT_KEY);
    assert_eq!(names(again.tracker()), SUGGESTED);
    assert!(again.tracker().is_done(today, PracticeId(2)));
}

#[test]
fn a_visitor_who_already_has_data_keeps_it_untouched_in_every_saved_format() {
    let today = today();
    // Saved by this release (months), and by an earlier one (one version-2 document).
    let months = Fake::new();
    Store::open(months.clone(), DEFAULT_KEY)
        .apply(tick(4, TODAY), today)
        .unwrap();
    let whole = Fake::with(&[(
        DEFAULT_KEY,
        &v2(
            r#"[{"id":1,"name":"Walked together"}]"#,
            r#"{"2026-11-25":{"done":[1]}}"#,
        ),
    )]);
    for (what, kv, expected) in [
        (
            "months",
            months,
            DEFAULT_PRACTICES.map(str::to_owned).to_vec(),
        ),
        ("version 2", whole, vec!["Walked together".to_owned()]),
    ] {
        let before = kv.data.borrow().clone();
        let page = kv.other();
        let store = Store::open_starting(page.clone(), DEFAULT_KEY, suggested());
        assert_eq!(names(store.tracker()), expected, "{what}");
        assert!(store.notices().is_empty(), "{what}");
        assert!(page.written.borrow().is_empty(), "{what}: nothing written");
        assert_eq!(*kv.data.borrow(), before, "{what}");
    }
}

#[test]
fn deleting_everything_starts_over_with_the_suggested_practices_in_each_tab() {
    let today = today();
    let tab = Fake::new();
    let mut here = Store::open_starting(tab.clone(), DEFAULT_KEY, suggested());
    let mut there = Store::open_starting(tab.other(), DEFAULT_KEY, suggested());
    here.apply(
        Action::AddPractice {
            name: "Cooked together".into(),
        },
        today,
    )
    .unwrap();
    there.reload(today);
    assert_eq!(names(there.tracker()).len(), 3);
    here.delete_all();
    assert_eq!(names(here.tracker()), SUGGESTED);
    there.reload(today);
    assert_eq!(
        names(there.tracker()),
        SUGGESTED,
        "the other tab hears of it"
    );
}

#[test]
fn a_tick_on_a_suggested_practice_never_lands_on_another_tabs_practice_with_the_same_id() {
    // One tab shows the suggestions (nothing saved yet); another, on a page without them,
    // saves the defaults first. Practice 1 is "Asked how…" in one and "Listened…" in the
    // other.
    let today = today();
    let tab = Fake::new();
    let mut suggesting = Store::open_starting(tab.clone(), DEFAULT_KEY, suggested());
    let mut plain = Store::open(tab.other(), DEFAULT_KEY);
    plain.apply(tick(3, TODAY), today).unwrap();
    assert_eq!(
        suggesting.apply(tick(1, TODAY), today).err(),
        Some(TrackerError::UnknownPractice),
        "the practice ticked is not in the data saved meanwhile"
    );
    let kept = saved(&tab, DEFAULT_KEY);
    assert!(
        !kept.is_done(today, PracticeId(1)),
        "not on \"{}\"",
        DEFAULT_PRACTICES[0]
    );
    assert!(kept.is_done(today, PracticeId(3)));
    // The tab now shows the saved data, and its next tick is the visitor's as shown.
    assert_eq!(names(suggesting.tracker())[0], DEFAULT_PRACTICES[0]);
    suggesting.apply(tick(1, TODAY), today).unwrap();
    assert!(saved(&tab, DEFAULT_KEY).is_done(today, PracticeId(1)));
}

#[test]
fn unsaved_changes_on_suggested_practices_follow_them_by_name_into_data_saved_meanwhile() {
    // Storage refuses this tab's writes, so its changes wait; meanwhile another page with
    // the same suggestions plus one added saves first, in another order.
    let today = today();
    let tab = Fake::new();
    tab.full.set(true);
    let mut waiting = Store::open_starting(tab.clone(), DEFAULT_KEY, suggested());
    waiting.apply(tick(2, TODAY), today).unwrap(); // "Put our phones away…"
    tab.full.set(false);
    let mut other = Store::open_starting(
        tab.other(),
        DEFAULT_KEY,
        Rc::new(Tracker::starting_with(&[
            "Hugged",
            SUGGESTED[0],
            SUGGESTED[1],
        ])),
    );
    other.apply(tick(1, "2026-11-25"), today).unwrap();
    // The waiting tab's next change replays its tick onto that data, by name.
    waiting
        .apply(tick(2, "2026-11-24"), today)
        .unwrap_or_else(|e| panic!("{e:?}"));
    let kept = saved(&tab, DEFAULT_KEY);
    let phones = kept.practice_named(SUGGESTED[1]).unwrap().id;
    assert_eq!(phones, PracticeId(3), "the other page's numbering");
    assert!(
        kept.is_done(today, phones),
        "the tick stayed on its practice"
    );
    assert!(!kept.is_done(today, PracticeId(1)) && !kept.is_done(today, PracticeId(2)));
    assert!(
        kept.is_done(day("2026-11-25"), PracticeId(1)),
        "the other page's tick stands"
    );
}

#[test]
fn after_another_tabs_delete_all_a_waiting_rename_and_tick_follow_the_names_storage_held() {
    let today = today();
    let tab = Fake::new();
    let mut waiting = Store::open(tab.clone(), DEFAULT_KEY);
    waiting.apply(tick(3, TODAY), today).unwrap();
    tab.full.set(true);
    let rename = Action::RenamePractice {
        id: PracticeId(1),
        name: "Listened well".into(),
    };
    waiting.apply(rename, today).unwrap();
    waiting.apply(tick(1, TODAY), today).unwrap();
    Store::open(tab.other(), DEFAULT_KEY).delete_all();
    tab.full.set(false);
    waiting.apply(tick(2, TODAY), today).unwrap();
    let kept = saved(&tab, DEFAULT_KEY);
    let well = kept
        .practice_named("Listened well")
        .expect("the rename stands");
    assert!(kept.is_done(today, well.id), "and its tick");
    assert!(kept.is_done(today, PracticeId(2)));
}

#[test]
fn a_waiting_replace_import_and_its_tick_land_on_the_files_practices_whatever_was_saved_meanwhile()
{
    let today = today();
    let tab = Fake::new();
    tab.full.set(true);
    let mut waiting = Store::open_starting(tab.clone(), DEFAULT_KEY, suggested());
    let file = Tracker::starting_with(&["Cooked together", "Walked together"]);
    assert!(waiting.import(&file, ImportMode::Replace, today));
    waiting.apply(tick(1, TODAY), today).unwrap(); // "Cooked together"
                                                   // Another page, suggesting the same two the other way round, saves first.
    let reversed = Rc::new(Tracker::starting_with(&[SUGGESTED[1], SUGGESTED[0]]));
    Store::open_starting(tab.other(), DEFAULT_KEY, reversed)
        .apply(tick(1, "2026-11-25"), today)
        .unwrap();
    tab.full.set(false);
    waiting.reload(today);
    waiting.apply(tick(2, "2026-11-24"), today).unwrap();
    let kept = saved(&tab, DEFAULT_KEY);
    assert_eq!(names(&kept), ["Cooked together", "Walked together"]);
    let cooked = kept.practice_named("Cooked together").unwrap().id;
    let walked = kept.practice_named("Walked together").unwrap().id;
    assert!(
        kept.is_done(today, cooked),
        "the tick is on the practice ticked"
    );
    assert!(!kept.is_done(today, walked));
}

#[test]
fn a_lost_month_of_a_page_on_suggested_practices_goes_back_under_its_own_names() {
    let today = today();
    let tab = Fake::new();
    tab.full.set(true);
    let mut waiting = Store::open_starting(tab.clone(), DEFAULT_KEY, suggested());
    waiting.apply(tick(1, TODAY), today).unwrap(); // "Asked how…", not saved
    Store::open(tab.other(), DEFAULT_KEY)
        .apply(tick(5, TODAY), today)
        .unwrap();
    // This month's key goes missing (a cleaner, a quota eviction).
    let months: Vec<String> = (tab.data.borrow().keys())
        .filter(|k| k.contains("#days-"))
        .cloned()
        .collect();
    for key in months {
        tab.data.borrow_mut().remove(&key);
    }
    tab.full.set(false);
    waiting.reload(today);
    waiting.apply(tick(2, "2026-11-24"), today).unwrap();
    let kept = saved(&tab, DEFAULT_KEY);
    let asked = kept
        .practice_named(SUGGESTED[0])
        .expect("kept under its own name");
    assert!(kept.is_done(today, asked.id));
    assert!(
        !kept.is_done(today, PracticeId(1)),
        "not on \"{}\"",
        DEFAULT_PRACTICES[0]
    );
}
