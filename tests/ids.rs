//! Practice ids can never collide: saved or imported data with ids anywhere in the u32 range
//! reads back whole, and adding, merging and importing practices never makes an id that is
//! already taken (which once sent a visitor's whole tracker to a backup key).
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;

use emotional_intimacy_widget::storage::months::read_stored;
use emotional_intimacy_widget::storage::schema::{decode, Decoded};
use emotional_intimacy_widget::storage::transfer::{read_import, ImportMode};
use emotional_intimacy_widget::storage::{KeyValue, MemoryStorage, Notice, Store, DEFAULT_KEY};
use emotional_intimacy_widget::tracker::merge::merge;
use emotional_intimacy_widget::tracker::model::{MAX_PRACTICES, MAX_PRACTICE_ID};
use emotional_intimacy_widget::tracker::{Action, Day, PracticeId, Tracker};
use proptest::prelude::*;

const TODAY: &str = "2026-11-26";

fn today() -> Day {
    Day::parse(TODAY).unwrap()
}

fn tick(id: PracticeId) -> Action {
    Action::SetDone {
        day: today(),
        practice: id,
        done: true,
    }
}

fn add(name: &str) -> Action {
    Action::AddPractice { name: name.into() }
}

/// The ids of a tracker's practices are all different, and all within the bound.
fn ids_are_unique_and_bounded(t: &Tracker) -> bool {
    let ids: BTreeSet<u32> = t.practices.iter().map(|p| p.id.0).collect();
    ids.len() == t.practices.len() && ids.iter().all(|id| (1..=MAX_PRACTICE_ID).contains(id))
}

/// A day as a person reads it: the names ticked, and the note.
type ReadDay = (Day, BTreeSet<String>, String);

/// The tracker as a person reads it: the practices' names in order, and every day.
fn by_name(t: &Tracker) -> (Vec<String>, Vec<ReadDay>) {
    let name = |id: &PracticeId| t.practice(*id).unwrap().name.clone();
    (
        t.practices.iter().map(|p| p.name.clone()).collect(),
        t.days
            .iter()
            .map(|(d, e)| (*d, e.done.iter().map(name).collect(), e.note.clone()))
            .collect(),
    )
}

/// The case reported from a browser: valid saved data with an id at the top of the range.
const HIGH_IDS: &str = r#"{"version":2,"practices":[{"id":4294967294,"name":"Listened without interrupting"},{"id":4294967295,"name":"Shared a laugh"}],"days":{"2026-11-25":{"done":[4294967295],"note":"A good walk."}}}"#;

#[test]
fn saved_ids_at_the_top_of_the_range_read_back_renumbered_with_every_tick() {
    let Ok(Decoded::Current(t)) = decode(HIGH_IDS) else {
        panic!("valid saved data must be read")
    };
    assert!(ids_are_unique_and_bounded(&t));
    let laugh = t.practice_named("Shared a laugh").unwrap().id;
    assert!(t.is_done(Day::parse("2026-11-25").unwrap(), laugh));
    assert_eq!(t.days.values().next().unwrap().note, "A good walk.");
}

#[test]
fn practices_added_after_ids_at_the_top_of_the_range_keep_their_own_ticks_after_a_reload() {
    let mut kv = MemoryStorage::default();
    kv.set(DEFAULT_KEY, HIGH_IDS).unwrap();
    let mut store = Store::open(kv, DEFAULT_KEY);
    store.apply(add("Cooked together"), today()).unwrap();
    store.apply(add("Walked together"), today()).unwrap();
    let cooked = store
        .tracker()
        .practice_named("Cooked together")
        .unwrap()
        .id;
    let walked = store
        .tracker()
        .practice_named("Walked together")
        .unwrap()
        .id;
    assert_ne!(cooked, walked);
    store.apply(tick(cooked), today()).unwrap();
    assert!(
        !store.tracker().is_done(today(), walked),
        "ticking one ticked both"
    );

    let reopened = Store::open(store.into_backend(), DEFAULT_KEY);
    assert_eq!(
        reopened.notices(),
        &[] as &[Notice],
        "the data must read back"
    );
    let t = reopened.tracker();
    assert_eq!(t.practices.len(), 4);
    assert!(t.is_done(today(), t.practice_named("Cooked together").unwrap().id));
    assert!(!t.is_done(today(), t.practice_named("Walked together").unwrap().id));
    assert!(t.is_done(
        Day::parse("2026-11-25").unwrap(),
        t.practice_named("Shared a laugh").unwrap().id
    ));
}

#[test]
fn an_id_of_zero_or_past_the_bound_is_renumbered_and_in_range_ids_are_kept() {
    let read = |practices: &str| {
        let text = format!(r#"{{"version":2,"practices":{practices},"days":{{}}}}"#);
        match decode(&text) {
            Ok(Decoded::Current(t)) => t.practices.iter().map(|p| p.id.0).collect::<Vec<_>>(),
            other => panic!("{practices}: {other:?}"),
        }
    };
    assert_eq!(read(r#"[{"id":5,"name":"A"},{"id":2,"name":"B"}]"#), [5, 2]);
    assert_eq!(read(r#"[{"id":5,"name":"A"},{"id":0,"name":"B"}]"#), [1, 2]);
    let past = MAX_PRACTICE_ID + 1;
    assert_eq!(
        read(&format!(
            r#"[{{"id":{past},"name":"A"}},{{"id":3,"name":"B"}}]"#
        )),
        [1, 2]
    );
    // Two practices with one id stay refused: which of them a tick meant is unknowable.
    let shared = r#"{"version":2,"practices":[{"id":4294967295,"name":"A"},{"id":4294967295,"name":"B"}],"days":{}}"#;
    assert!(decode(shared)
        .unwrap_err()
        .to_string()
        .contains("two practices share the id 4294967295"));
}

#[test]
fn a_new_id_at_the_bound_takes_the_smallest_free_one_and_never_wraps() {
    let mut t = Tracker::default();
    t.practices[6].id = PracticeId(MAX_PRACTICE_ID);
    t.practices[2].id = PracticeId(u32::MAX);
    assert_eq!(t.fresh_id(), Some(PracticeId(3)));
    let t = t.apply(&add("Cooked together"), today()).unwrap();
    assert_eq!(
        t.practice_named("Cooked together").unwrap().id,
        PracticeId(3)
    );
}

/// An import file's text: practices with ids from anywhere in the u32 range (the ends most
/// often) and names from a small set (so they meet the visitor's), ticks of some of them.
fn any_import() -> impl Strategy<Value = String> {
    let id = prop_oneof![
        0u32..12,
        (u32::MAX - 12)..=u32::MAX,
        (MAX_PRACTICE_ID - 3)..=(MAX_PRACTICE_ID + 3),
        any::<u32>(),
    ];
    let name = prop::sample::select(vec![
        "Shared a laugh",
        "Offered comfort",
        "Cooked together",
        "Walked together",
        "Said thank you",
        "Asked about their day",
    ]);
    (
        prop::collection::vec((id, name), 0..6),
        prop::collection::vec((0i32..20, any::<prop::sample::Index>()), 0..8),
    )
        .prop_map(|(practices, ticks)| {
            let mut seen_ids = BTreeSet::new();
            let mut seen_names = BTreeSet::new();
            let practices: Vec<(u32, &str)> = practices
                .into_iter()
                .filter(|(id, name)| seen_ids.insert(*id) && seen_names.insert(*name))
                .collect();
            let listed = practices
                .iter()
                .map(|(id, name)| format!(r#"{{"id":{id},"name":"{name}"}}"#))
                .collect::<Vec<_>>()
                .join(",");
            let mut days = std::collections::BTreeMap::<String, BTreeSet<u32>>::new();
            if !practices.is_empty() {
                for (back, which) in ticks {
                    let day = today().plus(-back).unwrap().to_string();
                    days.entry(day).or_default().insert(which.get(&practices).0);
                }
            }
            let days = days
                .iter()
                .map(|(day, done)| {
                    let done: Vec<String> = done.iter().map(u32::to_string).collect();
                    format!(r#""{day}":{{"done":[{}]}}"#, done.join(","))
                })
                .collect::<Vec<_>>()
                .join(",");
            format!(r#"{{"version":2,"practices":[{listed}],"days":{{{days}}}}}"#)
        })
}

#[derive(Debug, Clone)]
enum Step {
    Import(String, ImportMode),
    Add(String),
    TickNewest,
    /// Another copy (another browser's export) merged in, as the merge of an import does.
    MergeWith(String),
}

fn any_step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => (any_import(), prop_oneof![Just(ImportMode::Merge), Just(ImportMode::Replace)])
            .prop_map(|(text, mode)| Step::Import(text, mode)),
        3 => "[A-Z][a-z]{1,8}".prop_map(Step::Add),
        2 => Just(Step::TickNewest),
        1 => any_import().prop_map(Step::MergeWith),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Whatever a visitor imports, merges and adds, in any order: every id stays unique and
    /// within the bound, what is stored reads back as exactly what the page shows, and no
    /// tick lands on another practice.
    #[test]
    fn any_imports_merges_and_additions_keep_ids_unique_and_the_data_readable(
        steps in prop::collection::vec(any_step(), 1..25)
    ) {
        let mut store = Store::open(MemoryStorage::default(), DEFAULT_KEY);
        for step in steps {
            let before = store.tracker().clone();
            match step {
                Step::Import(text, mode) => {
                    if let Ok(incoming) = read_import(&text) {
                        prop_assert!(ids_are_unique_and_bounded(&incoming));
                        store.import(&incoming, mode, today());
                    }
                }
                Step::Add(name) => {
                    let _ = store.apply(add(&name), today());
                }
                Step::TickNewest => {
                    if let Some(newest) = store.tracker().practices.last().map(|p| p.id) {
                        store.apply(tick(newest), today()).unwrap();
                        let t = store.tracker();
                        // Only that practice was ticked today.
                        for p in &t.practices {
                            let was = before.practice_named(&p.name).is_some_and(|q| before.is_done(today(), q.id));
                            prop_assert_eq!(t.is_done(today(), p.id), p.id == newest || was);
                        }
                    }
                }
                Step::MergeWith(text) => {
                    if let Ok(other) = read_import(&text) {
                        let merged = merge(store.tracker(), &other);
                        prop_assert!(ids_are_unique_and_bounded(&merged));
                        if merged.practices.len() <= MAX_PRACTICES {
                            store.import(&other, ImportMode::Merge, today());
                        }
                    }
                }
            }
            let t = store.tracker();
            prop_assert!(ids_are_unique_and_bounded(t));
            prop_assert!(store.notices().is_empty(), "{:?}", store.notices());
            match read_stored(store.backend(), DEFAULT_KEY) {
                Ok(read_back) => prop_assert_eq!(by_name(&read_back.unwrap_or_default()), by_name(t)),
                other => prop_assert!(false, "stored data does not read back: {:?}", other),
            }
        }
    }
}
