//! The one place tracker data is read and written. It never panics and never destroys data
//! it cannot read; every fault becomes a [`Notice`] the widget shows in plain words.
//!
//! The logic runs against the [`KeyValue`] seam (`kv`) so it is tested natively with
//! simulated faults; `browser::BrowserStorage` is the real localStorage behind it. Keys and
//! their grammar are `keys`; unsaved changes and their replay are `replay`.

use std::rc::Rc;

use super::companion::{companion_key, Companion};
use super::keys::{backup_key_for, backup_prefix, is_legacy_backup};
use super::kv::KeyValue;
use super::replay::{apply_change, names_of, replay, with_import, Change, Pending};
use super::schema::{decode, encode, Decoded};
use super::transfer::ImportMode;
use crate::tracker::{Action, Day, PracticeId, Tracker, TrackerError};

/// Something the visitor should know about their data. Shown until it no longer applies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// The browser does not let the widget keep data: it works, but forgets on leaving.
    Blocked,
    /// The last save failed (usually: storage full). Retried with the next change.
    WriteFailed,
    /// Stored data could not be read. It was copied to `backup_key` (if that worked) and
    /// can be downloaded as `raw`; the tracker started fresh.
    Unreadable {
        reason: String,
        backup_key: Option<String>,
        raw: String,
    },
    /// Data from a newer version of the widget: shown if readable, never written over.
    NewerVersion { version: u32 },
}

/// Whether the store saves what this page shows, and if not, why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
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
    fn memory_only(self) -> bool {
        matches!(self, State::ReadOnly | State::Blocked)
    }
}

/// The tracker's storage: the data as last known, the changes not yet saved, and what the
/// visitor should be told.
pub struct Store<K: KeyValue> {
    kv: K,
    key: String,
    /// Shared with whoever shows it ([`Store::shared_tracker`]): a change copies it only
    /// while it is shown (copy on write), and what did not change is never copied.
    tracker: Rc<Tracker>,
    /// Changes made since the last successful save, replayed onto fresher stored data.
    pending: Vec<Pending>,
    /// Whether this page saves, and if not, why.
    state: State,
    /// The stored text as we last read or wrote it. While storage still holds exactly this,
    /// no other tab has saved, and `tracker` minus `pending` is what is stored: a change then
    /// costs one read, no parsing, and one write.
    last_raw: Option<String>,
    notices: Rc<Vec<Notice>>,
    /// What is remembered about keeping the data safe (`<key>#companion`).
    companion: Companion,
}

impl<K: KeyValue> Store<K> {
    /// Opens the store under `key`, reading what is there. Never fails: faults become notices.
    pub fn open(kv: K, key: &str) -> Store<K> {
        let mut store = Store {
            kv,
            key: key.to_owned(),
            tracker: Rc::default(),
            pending: Vec::new(),
            state: State::Opening,
            last_raw: None,
            notices: Rc::default(),
            companion: Companion::default(),
        };
        // Nothing is pending yet, so the date does not matter.
        store.reload(Day::EPOCH);
        if store.state == State::Opening {
            store.state = State::Saving;
        }
        store
    }

    /// An in-memory store with the Blocked notice: for when localStorage cannot be touched.
    pub fn blocked(kv: K, key: &str) -> Store<K> {
        Store {
            kv,
            key: key.to_owned(),
            tracker: Rc::default(),
            pending: Vec::new(),
            state: State::Blocked,
            last_raw: None,
            notices: Rc::new(vec![Notice::Blocked]),
            companion: Companion::default(),
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

    fn notice(&mut self, notice: Notice) {
        if !self.notices.contains(&notice) {
            Rc::make_mut(&mut self.notices).push(notice);
        }
    }

    /// Decodes a stored value, dealing with every fault. Returns None when there is nothing
    /// usable (unreadable, or from a newer version with nothing readable), after noting why.
    fn decode_stored(&mut self, raw: String) -> Option<Tracker> {
        match decode(&raw) {
            Ok(Decoded::Current(tracker)) => Some(tracker),
            Ok(Decoded::Newer { version, readable }) => {
                self.state = State::ReadOnly;
                self.notice(Notice::NewerVersion { version });
                readable
            }
            Err(error) => {
                // Copy the unreadable text aside before anything may write over it.
                let backup = backup_key_for(&self.kv, &self.key, &raw)
                    .and_then(|k| self.kv.set(&k, &raw).map(|()| k));
                let backup_key = match backup {
                    Ok(k) => {
                        // Now safe to start fresh in the main key.
                        let _ = self.kv.remove(&self.key);
                        Some(k)
                    }
                    Err(_) => {
                        self.state = State::ReadOnly;
                        None
                    }
                };
                self.notice(Notice::Unreadable {
                    reason: error.to_string(),
                    backup_key,
                    raw,
                });
                None
            }
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
        if !self.state.memory_only() {
            match self.kv.get(&self.key) {
                Err(_) => {
                    self.state = State::Blocked;
                    self.notice(Notice::Blocked);
                }
                Ok(raw) if raw == self.last_raw => {}
                Ok(None) => {
                    // Deleted (in another tab, by the visitor): start again from defaults.
                    self.last_raw = None;
                    let mut base = Tracker::default();
                    replay(&mut base, &mut self.pending, today);
                    self.tracker = Rc::new(base);
                }
                Ok(Some(raw)) => match self.decode_stored(raw.clone()) {
                    // Another tab saved (or this is the first read): start from its data.
                    Some(mut base) => {
                        self.last_raw = Some(raw);
                        replay(&mut base, &mut self.pending, today);
                        self.tracker = Rc::new(base);
                    }
                    // Unreadable (now set aside) or unusable. Mid-session, what this page
                    // shows is the visitor's: it becomes one change (holding the pending
                    // ones too), kept until written and merged into whatever storage holds
                    // by then.
                    None => {
                        self.last_raw = None;
                        if self.state == State::Saving {
                            let kept = Rc::clone(&self.tracker);
                            self.pending = vec![Pending {
                                introduced: names_of(&kept),
                                change: Change::Import {
                                    incoming: kept,
                                    mode: ImportMode::Merge,
                                },
                            }];
                        }
                    }
                },
            }
        }
        if let Some(change) = change {
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

    /// Writes what this page shows. On failure, keeps the pending changes for the next try.
    fn write(&mut self) {
        let text = encode(&self.tracker);
        match self.kv.set(&self.key, &text) {
            Ok(()) => {
                self.pending.clear();
                self.last_raw = Some(text);
                if self.notices.contains(&Notice::WriteFailed) {
                    Rc::make_mut(&mut self.notices).retain(|n| *n != Notice::WriteFailed);
                }
            }
            Err(_) => self.notice(Notice::WriteFailed),
        }
    }

    /// Deletes all tracker data under this key, its companion record (last export…) and its
    /// unreadable backups (today's and earlier releases'), and starts over. Touches no other
    /// key.
    pub fn delete_all(&mut self) {
        let _ = self.kv.remove(&self.key);
        let _ = self.kv.remove(&companion_key(&self.key));
        self.companion = Companion::default();
        let prefix = backup_prefix(&self.key);
        for key in self.kv.keys().unwrap_or_default() {
            let ours = key.starts_with(&prefix)
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
        self.tracker = Rc::default();
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
