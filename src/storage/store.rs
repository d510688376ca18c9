//! The one place tracker data is read and written. It never panics and never destroys data
//! it cannot read; every fault becomes a [`Notice`] the widget shows in plain words.
//!
//! The logic runs against the [`KeyValue`] trait so it is tested natively with simulated
//! faults; `browser::BrowserStorage` is the real localStorage behind it in the browser.

use std::collections::HashMap;

use std::collections::BTreeMap;

use super::schema::{decode, encode, Decoded};
use super::transfer::{preview, ImportMode};
use crate::tracker::model::clean_name;
use crate::tracker::{Action, Day, PracticeId, Tracker, TrackerError};

/// An action with its practice ids passed through `remap`.
fn remapped(action: &Action, remap: &BTreeMap<PracticeId, PracticeId>) -> Action {
    let map = |id: &PracticeId| *remap.get(id).unwrap_or(id);
    match action {
        Action::SetDone {
            day,
            practice,
            done,
        } => Action::SetDone {
            day: *day,
            practice: map(practice),
            done: *done,
        },
        Action::RenamePractice { id, name } => Action::RenamePractice {
            id: map(id),
            name: name.clone(),
        },
        Action::SetArchived { id, archived } => Action::SetArchived {
            id: map(id),
            archived: *archived,
        },
        Action::MovePractice { id, by } => Action::MovePractice {
            id: map(id),
            by: *by,
        },
        other => other.clone(),
    }
}

/// Replays unsaved changes onto fresher data. A practice this page added may get another id
/// there (another tab added one meanwhile), or already exist by name; later changes are
/// pointed at the right practice, and the pending list is rewritten in the new ids.
fn replay(base: &mut Tracker, pending: &mut [(Action, Option<PracticeId>)], today: Day) {
    let mut remap: BTreeMap<PracticeId, PracticeId> = BTreeMap::new();
    for (action, added) in pending.iter_mut() {
        *action = remapped(action, &remap);
        let result = base.apply_in_place(action, today);
        if let Action::AddPractice { name } = action {
            let key = clean_name(name).to_lowercase();
            let now = match result {
                Ok(()) => base.practices.last().map(|p| p.id),
                Err(_) => base
                    .practices
                    .iter()
                    .find(|p| p.name.to_lowercase() == key)
                    .map(|p| p.id),
            };
            if let (Some(old), Some(new)) = (*added, now) {
                if old != new {
                    remap.insert(old, new);
                }
            }
            *added = now;
        }
    }
}

/// The storage key the standalone page uses; the embed can set its own.
pub const DEFAULT_KEY: &str = "emotional-intimacy-widget";

/// What a key-value store can fail with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// Storage cannot be used at all (blocked by settings, sandboxed frame).
    Blocked,
    /// A write was refused (storage full, or private mode).
    WriteRefused,
}

/// A string key-value store: localStorage, or memory.
pub trait KeyValue {
    fn get(&self, key: &str) -> Result<Option<String>, Fault>;
    fn set(&mut self, key: &str, value: &str) -> Result<(), Fault>;
    fn remove(&mut self, key: &str) -> Result<(), Fault>;
}

impl<T: KeyValue + ?Sized> KeyValue for Box<T> {
    fn get(&self, key: &str) -> Result<Option<String>, Fault> {
        (**self).get(key)
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), Fault> {
        (**self).set(key, value)
    }
    fn remove(&mut self, key: &str) -> Result<(), Fault> {
        (**self).remove(key)
    }
}

/// Storage that lives only as long as the page: the fallback when localStorage is blocked.
#[derive(Debug, Default, Clone)]
pub struct MemoryStorage(pub HashMap<String, String>);

impl KeyValue for MemoryStorage {
    fn get(&self, key: &str) -> Result<Option<String>, Fault> {
        Ok(self.0.get(key).cloned())
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), Fault> {
        self.0.insert(key.to_owned(), value.to_owned());
        Ok(())
    }
    fn remove(&mut self, key: &str) -> Result<(), Fault> {
        self.0.remove(key);
        Ok(())
    }
}

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

/// The backup key for unreadable data: `<key>.unreadable-backup`, or with a number when
/// an earlier, different backup is already there.
fn backup_key_for(kv: &dyn KeyValue, key: &str, raw: &str) -> Result<String, Fault> {
    for n in 1..100 {
        let candidate = if n == 1 {
            format!("{key}.unreadable-backup")
        } else {
            format!("{key}.unreadable-backup-{n}")
        };
        match kv.get(&candidate)? {
            None => return Ok(candidate),
            Some(existing) if existing == raw => return Ok(candidate),
            Some(_) => continue,
        }
    }
    Err(Fault::WriteRefused)
}

/// The tracker's storage: the data as last known, the changes not yet saved, and what the
/// visitor should be told.
pub struct Store<K: KeyValue> {
    kv: K,
    key: String,
    tracker: Tracker,
    /// Changes made since the last successful save, replayed onto fresher stored data, each
    /// with the id it gave a practice it added (ids are only unique within one copy).
    pending: Vec<(Action, Option<PracticeId>)>,
    /// Storage holds something other than what this page shows and must be written even
    /// with nothing pending (unreadable data was set aside mid-session; a write failed).
    dirty: bool,
    /// localStorage cannot be used at all: nothing will ever be saved from this page.
    blocked: bool,
    /// The stored text as we last read or wrote it. While storage still holds exactly this,
    /// no other tab has saved, and `tracker` minus `pending` is what is stored: a change then
    /// costs one read, no parsing, and one write.
    last_raw: Option<String>,
    /// True when saving would overwrite something we must not (newer version, or unreadable
    /// data whose backup could not be written).
    read_only: bool,
    notices: Vec<Notice>,
}

impl<K: KeyValue> Store<K> {
    /// Opens the store under `key`, reading what is there. Never fails: faults become notices.
    pub fn open(kv: K, key: &str) -> Store<K> {
        let mut store = Store {
            kv,
            key: key.to_owned(),
            tracker: Tracker::default(),
            pending: Vec::new(),
            dirty: false,
            blocked: false,
            last_raw: None,
            read_only: false,
            notices: Vec::new(),
        };
        // Nothing is pending yet, so the date does not matter.
        store.reload(Day::EPOCH);
        store
    }

    /// An in-memory store with the Blocked notice: for when localStorage cannot be touched.
    pub fn blocked(kv: K, key: &str) -> Store<K> {
        Store {
            kv,
            key: key.to_owned(),
            tracker: Tracker::default(),
            pending: Vec::new(),
            dirty: false,
            blocked: true,
            last_raw: None,
            read_only: true,
            notices: vec![Notice::Blocked],
        }
    }

    pub fn tracker(&self) -> &Tracker {
        &self.tracker
    }

    pub fn notices(&self) -> &[Notice] {
        &self.notices
    }

    /// True when changes are kept in this page only.
    pub fn is_memory_only(&self) -> bool {
        self.read_only
    }

    fn notice(&mut self, notice: Notice) {
        if !self.notices.contains(&notice) {
            self.notices.push(notice);
        }
    }

    /// Decodes a stored value, dealing with every fault. Returns None when there is nothing
    /// usable (unreadable, or from a newer version with nothing readable), after noting why.
    fn decode_stored(&mut self, raw: String) -> Option<Tracker> {
        match decode(&raw) {
            Ok(Decoded::Current(tracker)) => Some(tracker),
            Ok(Decoded::Newer { version, readable }) => {
                self.read_only = true;
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
                        self.read_only = true;
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
        self.sync(Some(action), today)?;
        Ok(&self.tracker)
    }

    /// Re-reads storage (another tab saved) and replays unsaved changes on top of it.
    pub fn reload(&mut self, today: Day) {
        let _ = self.sync(None, today);
    }

    fn sync(&mut self, action: Option<Action>, today: Day) -> Result<(), TrackerError> {
        if !self.read_only {
            match self.kv.get(&self.key) {
                Err(_) => {
                    self.read_only = true;
                    self.blocked = true;
                    self.notice(Notice::Blocked);
                }
                Ok(raw) if raw == self.last_raw => {}
                Ok(None) => {
                    // Deleted (in another tab, by the visitor): start again from defaults.
                    self.last_raw = None;
                    let mut base = Tracker::default();
                    replay(&mut base, &mut self.pending, today);
                    self.tracker = base;
                }
                Ok(Some(raw)) => match self.decode_stored(raw.clone()) {
                    // Another tab saved (or this is the first read): start from its data.
                    Some(mut base) => {
                        self.last_raw = Some(raw);
                        replay(&mut base, &mut self.pending, today);
                        self.tracker = base;
                    }
                    // Unreadable (now set aside) or unusable: keep what this page has, and
                    // put it back in storage if storage may be written.
                    None => {
                        self.last_raw = None;
                        self.dirty = true;
                    }
                },
            }
        }
        if let Some(action) = action {
            self.tracker.apply_in_place(&action, today)?;
            let added = match action {
                Action::AddPractice { .. } => self.tracker.practices.last().map(|p| p.id),
                _ => None,
            };
            self.pending.push((action, added));
        }
        if self.read_only {
            // Kept in this page only: nothing to replay later.
            self.pending.clear();
            self.dirty = false;
        } else if !self.pending.is_empty() || self.dirty {
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
                self.dirty = false;
                self.last_raw = Some(text);
                self.notices.retain(|n| *n != Notice::WriteFailed);
            }
            Err(_) => self.notice(Notice::WriteFailed),
        }
    }

    /// Imports `incoming`: merged into the freshest stored data, or replacing it. Returns
    /// false (and changes nothing) if the merged result would not be valid data.
    pub fn import(&mut self, incoming: &Tracker, mode: ImportMode, today: Day) -> bool {
        self.reload(today);
        let Ok(preview) = preview(&self.tracker, incoming, mode, today) else {
            return false;
        };
        self.pending.clear();
        self.tracker = preview.result;
        self.dirty = true;
        if !self.read_only {
            self.write();
        }
        true
    }

    /// Deletes all tracker data under this key (and its unreadable backups) and starts over.
    pub fn delete_all(&mut self) {
        let _ = self.kv.remove(&self.key);
        let _ = self.kv.remove(&format!("{}.unreadable-backup", self.key));
        for n in 2..100 {
            let _ = self
                .kv
                .remove(&format!("{}.unreadable-backup-{n}", self.key));
        }
        self.pending.clear();
        self.dirty = false;
        self.last_raw = None;
        self.tracker = Tracker::default();
        if !self.blocked && self.kv.get(&self.key) == Ok(None) {
            // Whatever we could not write over is gone now, by the visitor's choice.
            self.read_only = false;
            self.notices.clear();
        } else {
            self.notices.retain(|n| *n == Notice::Blocked);
        }
    }

    /// The store's key-value backend (tests inspect it).
    pub fn backend(&self) -> &K {
        &self.kv
    }
}
