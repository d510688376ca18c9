//! Any changes by two tabs, with storage filling up at any write: once each tab saves again,
//! storage holds what the last one shows, a fresh tab reads it without a notice, and no month
//! is kept that the index does not name.

use super::common::*;
use emotional_intimacy_widget::storage::months::read_stored;
use emotional_intimacy_widget::storage::{KeyValue, Store, DEFAULT_KEY};
use emotional_intimacy_widget::tracker::{Action, PracticeId};
use proptest::prelude::*;

/// A step: a change by one of the two tabs on one of three years' days, a tab reading again
/// (a storage event), or storage making room for only so many more writes (or any).
#[derive(Debug, Clone)]
enum Step {
    Tick {
        tab: bool,
        back: i32,
        practice: u32,
        done: bool,
    },
    Note {
        tab: bool,
        back: i32,
        words: bool,
    },
    Add {
        tab: bool,
    },
    Reload {
        tab: bool,
    },
    Room(Option<usize>),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        6 => (any::<bool>(), 0..1100i32, 1..=9u32, any::<bool>())
            .prop_map(|(tab, back, practice, done)| Step::Tick { tab, back, practice, done }),
        2 => (any::<bool>(), 0..1100i32, any::<bool>()).prop_map(|(tab, back, words)| Step::Note { tab, back, words }),
        1 => any::<bool>().prop_map(|tab| Step::Add { tab }),
        1 => any::<bool>().prop_map(|tab| Step::Reload { tab }),
        2 => prop::option::of(0..4usize).prop_map(Step::Room),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn after_any_changes_by_two_tabs_and_any_faults_storage_holds_one_whole_save(
        steps in prop::collection::vec(step(), 1..50)
    ) {
        let kv = Fake::new();
        let mut tabs = [Store::open(kv.clone(), DEFAULT_KEY), Store::open(kv.clone(), DEFAULT_KEY)];
        let mut added = 0;
        for step in steps {
            let (tab, action) = match step {
                Step::Room(room) => { kv.room.set(room); continue; }
                Step::Reload { tab } => { tabs[tab as usize].reload(today()); continue; }
                Step::Tick { tab, back, practice, done } => (tab, Action::SetDone {
                    day: today().plus(-back).unwrap(),
                    practice: PracticeId(practice),
                    done,
                }),
                Step::Note { tab, back, words } => (tab, Action::SetNote {
                    day: today().plus(-back).unwrap(),
                    note: if words { "A walk together.".into() } else { String::new() },
                }),
                Step::Add { tab } => { added += 1; (tab, Action::AddPractice { name: format!("Practice {added}") }) }
            };
            // Refused changes (a practice that is not there) change nothing.
            let _ = tabs[tab as usize].apply(action, today());
        }
        kv.room.set(None);
        for tab in &mut tabs {
            tab.apply(tick(1, TODAY), today()).unwrap();
            prop_assert!(tab.notices().is_empty(), "{:?}", tab.notices());
        }
        prop_assert_eq!(&read_stored(&kv, DEFAULT_KEY).unwrap().unwrap(), tabs[1].tracker());
        let fresh = Store::open(kv.clone(), DEFAULT_KEY);
        prop_assert!(fresh.notices().is_empty(), "{:?}", fresh.notices());
        prop_assert_eq!(fresh.tracker(), tabs[1].tracker());
        let index: serde_json::Value = serde_json::from_str(&kv.stored(DEFAULT_KEY).unwrap()).unwrap();
        let mut named: Vec<String> = index["months"].as_array().unwrap().iter()
            .map(|m| format!("{DEFAULT_KEY}#days-{}", m.as_str().unwrap()))
            .collect();
        named.sort();
        let mut kept: Vec<String> = kv.keys().unwrap().into_iter().filter(|k| k.contains("#days-")).collect();
        kept.sort();
        prop_assert_eq!(kept, named, "no month kept that the index does not name");
    }
}
