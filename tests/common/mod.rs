//! What the native tests share: dates, ticks, the one fake storage backend (every fault the
//! store must survive, two tabs over one storage), and the history the benchmarks and size
//! checks use (the same as tests/e2e/helpers.mjs's `fiveYearsOfHistory`).
#![allow(dead_code)] // each test crate uses a part

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use emotional_intimacy_widget::storage::{Fault, KeyValue, DEFAULT_KEY};
use emotional_intimacy_widget::tracker::{Action, Day, DayEntry, Practice, PracticeId, Tracker};

/// The tracker storage holds under `key`, read whole (the index and its months, or one
/// document of an earlier version); panics if nothing readable is there.
pub fn saved(kv: &dyn KeyValue, key: &str) -> Tracker {
    emotional_intimacy_widget::storage::months::read_stored(kv, key)
        .unwrap()
        .expect("something saved")
}

/// The date the tests take as today.
pub const TODAY: &str = "2026-11-26";

pub fn day(text: &str) -> Day {
    Day::parse(text).unwrap()
}

pub fn today() -> Day {
    day(TODAY)
}

/// Ticking practice `p` on the day `on`.
pub fn tick(p: u32, on: &str) -> Action {
    Action::SetDone {
        day: day(on),
        practice: PracticeId(p),
        done: true,
    }
}

/// Key-value storage that can fail as browsers do. Clones share everything (one tab);
/// [`Fake::other`] shares the data but not the faults (another tab over the same storage).
#[derive(Clone, Default)]
pub struct Fake {
    pub data: Rc<RefCell<HashMap<String, String>>>,
    /// Every write is refused (storage full, private mode).
    pub full: Rc<Cell<bool>>,
    /// Writes to the main key are refused while other keys (a backup) still take them.
    pub refuse_main: Rc<Cell<bool>>,
    /// When set, how many more writes succeed before storage is full.
    pub room: Rc<Cell<Option<usize>>>,
    /// When set, how many bytes storage holds at most (keys and values, as browsers count).
    pub quota: Rc<Cell<Option<usize>>>,
    /// The keys written, in order.
    pub written: Rc<RefCell<Vec<String>>>,
    /// Reading throws (storage blocked).
    pub block_reads: Rc<Cell<bool>>,
    /// How many keys were removed.
    pub removals: Rc<Cell<usize>>,
}

impl Fake {
    pub fn new() -> Fake {
        Fake::default()
    }

    /// A storage holding these keys and values.
    pub fn with(entries: &[(&str, &str)]) -> Fake {
        let fake = Fake::new();
        for (key, value) in entries {
            fake.data
                .borrow_mut()
                .insert((*key).into(), (*value).into());
        }
        fake
    }

    /// Another tab over the same storage, with faults of its own.
    pub fn other(&self) -> Fake {
        Fake {
            data: self.data.clone(),
            ..Fake::default()
        }
    }

    /// What is stored under `key`.
    pub fn stored(&self, key: &str) -> Option<String> {
        self.data.borrow().get(key).cloned()
    }
}

impl KeyValue for Fake {
    fn get(&self, key: &str) -> Result<Option<String>, Fault> {
        if self.block_reads.get() {
            return Err(Fault::Blocked);
        }
        Ok(self.data.borrow().get(key).cloned())
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), Fault> {
        let over_quota = self.quota.get().is_some_and(|quota| {
            let others: usize = (self.data.borrow().iter())
                .filter(|(k, _)| *k != key)
                .map(|(k, v)| k.len() + v.len())
                .sum();
            others + key.len() + value.len() > quota
        });
        if self.full.get()
            || (self.refuse_main.get() && key == DEFAULT_KEY)
            || self.room.get() == Some(0)
            || over_quota
        {
            return Err(Fault::WriteRefused);
        }
        if let Some(room) = self.room.get() {
            self.room.set(Some(room - 1));
        }
        self.written.borrow_mut().push(key.into());
        self.data.borrow_mut().insert(key.into(), value.into());
        Ok(())
    }
    fn remove(&mut self, key: &str) -> Result<(), Fault> {
        self.removals.set(self.removals.get() + 1);
        self.data.borrow_mut().remove(key);
        Ok(())
    }
    fn keys(&self) -> Result<Vec<String>, Fault> {
        Ok(self.data.borrow().keys().cloned().collect())
    }
}

/// Five years of history for ten practices up to the day before `today`: every day with six
/// or seven of them done, and a note every ninth day. (tests/e2e/helpers.mjs's
/// `fiveYearsOfHistory` makes the same, for the browser benchmarks.)
pub fn five_years(today: Day) -> Tracker {
    let practices = (1..=10)
        .map(|id| Practice {
            id: PracticeId(id),
            name: format!("Practice number {id}"),
            archived: false,
        })
        .collect();
    let days = (1..=5 * 365 + 1)
        .map(|back: i32| {
            let done = (1..=10u32)
                .filter(|p| (back as u32 * 7 + p * 3) % 5 < 3)
                .map(PracticeId)
                .collect();
            let note = if back % 9 == 0 {
                "A quiet evening; we talked about the week.".to_owned()
            } else {
                String::new()
            };
            (today.plus(-back).unwrap(), DayEntry { done, note })
        })
        .collect();
    Tracker { practices, days }
}
