//! The one place tracker data is read and written (with `saving`, its read and write paths).
//! It never panics and never destroys data it cannot read; every fault becomes a [`Notice`]
//! the widget shows in plain words.
//!
//! The logic runs against the [`KeyValue`] seam (`kv`) so it is tested natively with
//! simulated faults; `browser::BrowserStorage` is the real localStorage behind it. Keys and
//! their grammar are `keys`; unsaved changes and their replay are `replay`.

use std::rc::Rc;

use super::companion::{companion_key, Companion};
use super::keys::{backup_prefix, is_legacy_backup};
use super::kv::KeyValue;
use super::months::month_prefix;
use super::replay::{
    apply_change, by_name, names_of, remapped, replay, with_import, Change, Pending, Remap,
};
use super::schema::decode;
use super::transfer::ImportMode;
use crate::tracker::days::MonthDays;
use crate::tracker::{Action, Day, Days, Month, PracticeId, Tracker, TrackerError};

/// Something the visitor should know about their data. Shown until it no longer applies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// The browser does not let the widget keep data: it works, but forgets on leaving.
    Blocked,
    /// The last save failed (usually: storage full). Retried with the next change.
    WriteFailed,
    /// Stored data could not be read. It was copied to `backup_key` (if that worked) and
    /// can be downloaded as `raw`. `part` is false when the tracker started fresh, true when
    /// only some of its days (a month) were set aside and it carries on with the rest.
    Unreadable {
        reason: String,
        backup_key: Option<String>,
        raw: String,
        part: bool,
    },
    /// Data from a newer version of the widget: shown if readable, never written over.
    NewerVersion { version: u32 },
}

/// What storage holds, as this page last read or wrote it.
#[derive(Debug, Clone, Default)]
pub(super) enum Saved {
    /// No index: nothing, or one whole document of an earlier version.
    #[default]
    Whole,
    /// The index last read or written: its months, each with the piece read or written and
    /// its entry (the end of its key, naming its text).
    Months(Vec<(Month, Rc<MonthDays>, String)>),
}

/// Whether the store saves what this page shows, and if not, why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum State {
    /// Reading storage for the first time: nothing shown yet is the visitor's.
    Opening,
    /// Saving: what this page shows is the visitor's, and is kept if storage turns unreadable.
    Saving,
    /// Kept on this page only: saving would overwrite what must not be (data of a newer
    /// version, or unreadable data whose backup could not be written).
    ReadOnly,
    /// localStorage cannot be used at all: nothing will ever be saved from this page.
    Blocked,
}

impl State {
    /// Changes are kept on this page only.
    pub(super) fn memory_only(self) -> bool {
        matches!(self, State::ReadOnly | State::Blocked)
    }
}

/// The tracker's storage: the data as last known, the changes not yet saved, and what the
/// visitor should be told.
pub struct Store<K: KeyValue> {
    pub(super) kv: K,
    pub(super) key: String,
    /// Shared with whoever shows it ([`Store::shared_tracker`]): a change copies it only
    /// while it is shown (copy on write), and what did not change is never copied.
    pub(super) tracker: Rc<Tracker>,
    /// Changes made since the last successful save, replayed onto fresher stored data.
    pub(super) pending: Vec<Pending>,
    /// Whether this page saves, and if not, why.
    pub(super) state: State,
    /// The stored text under the key (the index) as we last read or wrote it. The index
    /// names each month by its text, so while storage still holds exactly this it holds
    /// exactly what we read or wrote: `tracker` minus `pending`. A change then costs one small
    /// read, no parsing, and the writes of its month and the index.
    pub(super) last_raw: Option<String>,
    /// What storage holds as of `last_raw`: which months, each as the piece last read or
    /// written (a month of `tracker` still the same piece is not written again).
    pub(super) saved: Saved,
    /// Moving a whole document of an earlier version into months did not fit in storage:
    /// this page saves one whole document, as earlier releases did (the next page tries again).
    pub(super) keep_whole: bool,
    pub(super) notices: Rc<Vec<Notice>>,
    /// What is remembered about keeping the data safe (`<key>#companion`).
    pub(super) companion: Companion,
    /// What a visitor starts with when nothing is saved: the site's suggested practices, or
    /// the defaults.
    pub(super) start: Rc<Tracker>,
    /// What this page shows began as `start`, not as data read from storage, and none of it
    /// is saved yet. Practice ids are only the same practice within one copy's history, so
    /// if storage turns out to hold other data (another tab, another page's suggestions),
    /// this page's unsaved changes are pointed at its practices by name, never by id.
    pub(super) by_name: bool,
    /// The data the pending changes are numbered against: as storage last held it (read or
    /// written; shared, not copied, on a save or a read with nothing pending), or `start`.
    /// Where its ids point in data of another history is found by its practices' names.
    pub(super) numbered: Rc<Tracker>,
}

impl<K: KeyValue> Store<K> {
    /// Opens the store under `key`, reading what is there. Never fails: faults become notices.
    /// With nothing saved, the visitor starts with the seven default practices.
    pub fn open(kv: K, key: &str) -> Store<K> {
        Store::open_starting(kv, key, Rc::default())
    }

    /// [`Store::open`], for a visitor who starts with `start` when nothing is saved (the
    /// practices the site suggests). Saved data is read as it is: `start` never changes it.
    pub fn open_starting(kv: K, key: &str, start: Rc<Tracker>) -> Store<K> {
        let mut store = Store::new(kv, key, start, State::Opening);
        // Nothing is pending yet, so the date does not matter.
        store.reload(Day::EPOCH);
        if store.state == State::Opening {
            store.state = State::Saving;
        }
        store
    }

    /// An in-memory store with the Blocked notice: for when localStorage cannot be touched.
    pub fn blocked(kv: K, key: &str) -> Store<K> {
        Store::blocked_starting(kv, key, Rc::default())
    }

    /// [`Store::blocked`], starting with `start`.
    pub fn blocked_starting(kv: K, key: &str, start: Rc<Tracker>) -> Store<K> {
        let mut store = Store::new(kv, key, start, State::Blocked);
        store.notices = Rc::new(vec![Notice::Blocked]);
        store
    }

    fn new(kv: K, key: &str, start: Rc<Tracker>, state: State) -> Store<K> {
        Store {
            kv,
            key: key.to_owned(),
            tracker: Rc::clone(&start),
            pending: Vec::new(),
            state,
            last_raw: None,
            saved: Saved::Whole,
            keep_whole: false,
            notices: Rc::default(),
            companion: Companion::default(),
            numbered: Rc::clone(&start),
            start,
            by_name: true,
        }
    }

    /// What is remembered about keeping the data safe.
    pub fn companion(&self) -> &Companion {
        &self.companion
    }

    /// Changes and saves what is remembered about keeping the data safe. A failed save
    /// keeps the change for this page (at worst a reminder comes again next time).
    pub fn update_companion(&mut self, change: impl FnOnce(&mut Companion)) {
        change(&mut self.companion);
        let _ = self
            .kv
            .set(&companion_key(&self.key), &self.companion.to_text());
    }

    pub fn tracker(&self) -> &Tracker {
        &self.tracker
    }

    /// The tracker, shared (not copied): the same `Rc` until something changes it.
    pub fn shared_tracker(&self) -> Rc<Tracker> {
        Rc::clone(&self.tracker)
    }

    pub fn notices(&self) -> &[Notice] {
        &self.notices
    }

    /// The notices, shared: the same `Rc` until one comes or goes.
    pub fn shared_notices(&self) -> Rc<Vec<Notice>> {
        Rc::clone(&self.notices)
    }

    /// True when changes are kept in this page only.
    pub fn is_memory_only(&self) -> bool {
        self.state.memory_only()
    }

    pub(super) fn notice(&mut self, notice: Notice) {
        if !self.notices.contains(&notice) {
            Rc::make_mut(&mut self.notices).push(notice);
        }
    }

    /// Applies a change: read the freshest stored data, replay unsaved changes and this one
    /// on it, and write the result. If the write fails, the change is kept in memory and
    /// retried with the next one. Refused changes (a future day, a duplicate name) leave
    /// everything as it was and return why.
    pub fn apply(&mut self, action: Action, today: Day) -> Result<&Tracker, TrackerError> {
        self.sync(Some(Change::Edit(action)), today)?;
        Ok(&self.tracker)
    }

    /// Re-reads storage (another tab saved) and replays unsaved changes on top of it.
    pub fn reload(&mut self, today: Day) {
        match self.kv.get(&companion_key(&self.key)) {
            Ok(Some(text)) => self.companion = Companion::read(&text),
            // Deleted (another tab's delete-all): nothing is remembered any more.
            Ok(None) => self.companion = Companion::default(),
            Err(_) => {}
        }
        let _ = self.sync(None, today);
    }

    /// Imports `incoming`: merged into the freshest stored data, or replacing it, and kept
    /// like any other change until it is saved. Returns false (and changes nothing) if the
    /// result would not be valid data.
    pub fn import(&mut self, incoming: &Tracker, mode: ImportMode, today: Day) -> bool {
        let change = Change::Import {
            incoming: Rc::new(incoming.clone()),
            mode,
        };
        let imported = self.sync(Some(change), today).is_ok();
        if imported {
            // The file imported is a copy kept elsewhere: no reminder to save one for a month
            // (a first visit that restores a copy is not nagged).
            self.update_companion(|c| c.last_export = Some(today));
        }
        imported
    }

    fn sync(&mut self, change: Option<Change>, today: Day) -> Result<(), TrackerError> {
        // Where this page's practice ids point in the data read, if they moved.
        let mut remap: Remap = Vec::new();
        if !self.state.memory_only() {
            match self.kv.get(&self.key) {
                Err(_) => {
                    self.state = State::Blocked;
                    self.notice(Notice::Blocked);
                }
                Ok(raw) if raw == self.last_raw => {}
                Ok(None) => {
                    // Deleted (in another tab, by the visitor): start again, as a visitor
                    // with nothing saved does. This page's unsaved changes follow their
                    // practices there by name.
                    self.last_raw = None;
                    self.saved = Saved::Whole;
                    let mut base = (*self.start).clone();
                    let names = by_name(&self.numbered, &base);
                    self.numbered = Rc::clone(&self.start);
                    remap = replay(&mut base, &mut self.pending, today, names);
                    self.tracker = Rc::new(base);
                    self.by_name = true;
                }
                Ok(Some(raw)) => {
                    // Mid-session, what this page shows is the visitor's (not on the first
                    // read, when nothing shown is yet).
                    let mid_session = self.state == State::Saving;
                    match self.decode_stored(raw.clone()) {
                        // Another tab saved (or this is the first read): start from its data.
                        // If months of it could not be read (set aside or missing), what this
                        // page showed of those months is kept (of those alone: the other
                        // months are as the other tab saved them).
                        Some((mut base, saved, lost)) => {
                            self.last_raw = Some(raw);
                            self.saved = saved;
                            if mid_session && !lost.is_empty() {
                                self.keep_page_months(&lost, &base);
                            }
                            // Changes made on the starting practices follow them by name.
                            let names = if self.by_name {
                                by_name(&self.numbered, &base)
                            } else {
                                Vec::new()
                            };
                            // (A copy only when changes are replayed onto it: rarely.)
                            let replaying = !self.pending.is_empty();
                            if replaying {
                                self.numbered = Rc::new(base.clone());
                            }
                            remap = replay(&mut base, &mut self.pending, today, names);
                            self.tracker = Rc::new(base);
                            if !replaying {
                                self.numbered = Rc::clone(&self.tracker);
                            }
                            self.by_name = false;
                        }
                        // Unreadable (now set aside) or unusable: what this page shows is kept
                        // as below.
                        None => {
                            self.last_raw = None;
                            self.saved = Saved::Whole;
                            if mid_session && self.state == State::Saving {
                                self.keep_page_copy();
                            }
                        }
                    }
                }
            }
        }
        if let Some(mut change) = change {
            // The change names practices as this page showed them.
            if let Change::Edit(action) = &mut change {
                *action = remapped(action, &remap).ok_or(TrackerError::UnknownPractice)?;
            }
            let before: Vec<PracticeId> = self.tracker.practices.iter().map(|p| p.id).collect();
            match &change {
                Change::Edit(action) => {
                    // Refused before anything is copied.
                    self.tracker.check(action, today)?;
                    apply_change(Rc::make_mut(&mut self.tracker), &change, today)?;
                }
                // Worked out beside the shown copy, which a refused import leaves as it was
                // (the same Rc: nothing re-renders).
                Change::Import { incoming, mode } => {
                    self.tracker = Rc::new(with_import(&self.tracker, incoming, *mode, today)?);
                }
            }
            let introduced = self
                .tracker
                .practices
                .iter()
                .filter(|p| !before.contains(&p.id))
                .map(|p| (p.id, p.name.clone()))
                .collect();
            self.pending.push(Pending { change, introduced });
        }
        if self.state.memory_only() {
            // Kept in this page only: nothing to replay later.
            self.pending.clear();
        } else if !self.pending.is_empty() {
            self.write();
        }
        Ok(())
    }

    /// Keeps what this page shows as one change (holding the pending ones too), kept until
    /// written and merged into whatever storage holds by then: storage turned (partly)
    /// unreadable mid-session, and what this page shows is the visitor's.
    fn keep_page_copy(&mut self) {
        self.pending = vec![merged_back(Rc::clone(&self.tracker))];
    }

    /// Keeps what this page shows of `months` (lost from storage: set aside or missing) as a
    /// change before the pending ones, merged into what storage holds (`base`) until it is
    /// written. A practice storage already has (the same id: saved ids always mean the same
    /// practice) goes under storage's name, so another tab's rename stands; one this page
    /// added and has not saved keeps its own.
    fn keep_page_months(&mut self, months: &[Month], base: &Tracker) {
        let mut days = Days::new();
        for (month, piece) in self.tracker.days.months() {
            if months.contains(month) {
                days.put_month(*month, Rc::clone(piece));
            }
        }
        if days.is_empty() {
            return;
        }
        let unsaved: Vec<PracticeId> = (self.pending.iter())
            .flat_map(|p| p.introduced.iter().map(|(id, _)| *id))
            .collect();
        let practices = (self.tracker.practices.iter())
            .map(|p| {
                let mut p = p.clone();
                // (Not while this page's ids are of another history: its own names then
                // find their practices.)
                let same = !self.by_name && !unsaved.contains(&p.id);
                if let Some(stored) = base.practice(p.id).filter(|_| same) {
                    p.name.clone_from(&stored.name);
                }
                p
            })
            .collect();
        let kept = Rc::new(Tracker { practices, days });
        self.pending.insert(0, merged_back(kept));
    }

    /// Deletes all tracker data under this key, its companion record (last export…) and its
    /// unreadable backups (today's and earlier releases'), and starts over. Touches no other
    /// key.
    pub fn delete_all(&mut self) {
        let _ = self.kv.remove(&self.key);
        let _ = self.kv.remove(&companion_key(&self.key));
        self.companion = Companion::default();
        let prefix = backup_prefix(&self.key);
        let months = month_prefix(&self.key);
        for key in self.kv.keys().unwrap_or_default() {
            let ours = key.starts_with(&prefix)
                || key.starts_with(&months)
                || (is_legacy_backup(&key, &self.key)
                    && self
                        .kv
                        .get(&key)
                        .ok()
                        .flatten()
                        .is_some_and(|text| decode(&text).is_err()));
            if ours {
                let _ = self.kv.remove(&key);
            }
        }
        self.pending.clear();
        self.last_raw = None;
        self.saved = Saved::Whole;
        self.tracker = Rc::clone(&self.start);
        self.by_name = true;
        self.numbered = Rc::clone(&self.start);
        if self.state != State::Blocked && self.kv.get(&self.key) == Ok(None) {
            // Whatever we could not write over is gone now, by the visitor's choice.
            self.state = State::Saving;
            self.notices = Rc::default();
        } else if self.notices.iter().any(|n| *n != Notice::Blocked) {
            Rc::make_mut(&mut self.notices).retain(|n| *n == Notice::Blocked);
        }
    }

    /// The store's key-value backend (tests inspect it).
    pub fn backend(&self) -> &K {
        &self.kv
    }

    /// The backend, giving up the store (tests reopen it under another key).
    pub fn into_backend(self) -> K {
        self.kv
    }
}

/// What this page kept of data storage lost, as a pending change: merged into whatever
/// storage holds until it is written.
fn merged_back(kept: Rc<Tracker>) -> Pending {
    Pending {
        introduced: names_of(&kept),
        change: Change::Import {
            incoming: kept,
            mode: ImportMode::Merge,
        },
    }
}
