//! The one place tracker data is read and written. It never panics and never destroys data
//! it cannot read; every fault becomes a [`Notice`] the widget shows in plain words.
//!
//! The logic runs against the [`KeyValue`] trait so it is tested natively with simulated
//! faults; `browser::BrowserStorage` is the real localStorage behind it in the browser.

use std::collections::HashMap;
use std::rc::Rc;

use super::companion::{companion_key, Companion};
use super::schema::{decode, encode, Decoded};
use super::transfer::{imported, ImportMode};
use crate::tracker::{Action, Day, PracticeId, Tracker, TrackerError};

/// A change this page made that storage does not hold yet. Until a write succeeds, each is
/// replayed, in order, onto whatever storage holds by then (another tab may have saved), so
/// nothing the visitor was told is done can be lost to another tab's save.
#[derive(Debug, Clone, PartialEq)]
enum Change {
    /// One of the visitor's edits.
    Edit(Action),
    /// An import file, merged in or replacing everything. Also what this page showed when
    /// the stored data turned unreadable mid-session (set aside): merged back in.
    Import {
        incoming: Rc<Tracker>,
        mode: ImportMode,
    },
}

/// A pending change, with the practices it brought in as this page's copy numbered them
/// (ids are only unique within one copy: after a replay they may differ).
#[derive(Debug, Clone)]
struct Pending {
    change: Change,
    introduced: Vec<(PracticeId, String)>,
}

/// Applies a change to a tracker; Err leaves it as it was.
fn apply_change(tracker: &mut Tracker, change: &Change, today: Day) -> Result<(), TrackerError> {
    match change {
        Change::Edit(action) => tracker.apply_in_place(action, today),
        Change::Import { incoming, mode } => {
            *tracker = imported(tracker, incoming, *mode, today)
                .map_err(|_| TrackerError::ImportDoesNotFit)?;
            Ok(())
        }
    }
}

/// An action with its practice ids passed through `remap`; None when it names a practice
/// that could not be brought over (it must not land on whichever practice has its old id).
fn remapped(action: &Action, remap: &[(PracticeId, Option<PracticeId>)]) -> Option<Action> {
    let map = |id: PracticeId| {
        remap
            .iter()
            .rev()
            .find(|(old, _)| *old == id)
            .map_or(Some(id), |(_, new)| *new)
    };
    // Exhaustive on purpose: a new action that names a practice must say how it is remapped.
    Some(match action {
        Action::SetDone {
            day,
            practice,
            done,
        } => Action::SetDone {
            day: *day,
            practice: map(*practice)?,
            done: *done,
        },
        Action::RenamePractice { id, name } => Action::RenamePractice {
            id: map(*id)?,
            name: name.clone(),
        },
        Action::SetArchived { id, archived } => Action::SetArchived {
            id: map(*id)?,
            archived: *archived,
        },
        Action::MovePractice { id, by } => Action::MovePractice {
            id: map(*id)?,
            by: *by,
        },
        Action::SetNote { .. } | Action::AddPractice { .. } => action.clone(),
    })
}

/// Replays unsaved changes onto fresher data. A practice this page brought in (added, or
/// from an import or a kept copy) may have another id there, because another tab added one
/// meanwhile, or already exist by name; later changes are pointed at the right practice, and
/// the pending list is rewritten in the new ids. A change that no longer applies (a name
/// another tab took) is skipped and dropped.
fn replay(base: &mut Tracker, pending: &mut Vec<Pending>, today: Day) {
    // (id in this page's copy, id now; None: not brought over), latest last. A few entries:
    // a list is smaller in the wasm than another map type.
    let mut remap: Vec<(PracticeId, Option<PracticeId>)> = Vec::new();
    pending.retain_mut(|entry| {
        if let Change::Edit(action) = &mut entry.change {
            match remapped(action, &remap) {
                Some(mapped) => *action = mapped,
                None => return false,
            }
        }
        let applied = apply_change(base, &entry.change, today).is_ok();
        for (id, name) in &mut entry.introduced {
            let now = base.practice_named(name).map(|p| p.id);
            if now != Some(*id) {
                remap.push((*id, now));
            }
            if let Some(now) = now {
                *id = now;
            }
        }
        applied
    });
}

/// The storage key the standalone page uses; the embed can set its own.
pub const DEFAULT_KEY: &str = "emotional-intimacy-widget";

/// A widget's key name (`data-storage-key`): 1 to 64 letters, digits, or `. _ - :`. Backup
/// keys use `#`, which no key may contain, so a backup can never be another widget's data.
pub fn is_key_name(name: &str) -> bool {
    (1..=64).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
}

/// The localStorage key for a widget keyed `name`: namespaced as
/// `emotional-intimacy-widget:<name>`, so a host page's own keys can never be read, backed
/// up, overwritten or deleted. None when `name` breaks the grammar ([`is_key_name`]).
pub fn storage_key_for(name: &str) -> Option<String> {
    if name == DEFAULT_KEY {
        Some(DEFAULT_KEY.to_owned())
    } else {
        is_key_name(name).then(|| format!("{DEFAULT_KEY}:{name}"))
    }
}

/// Where unreadable data under `key` is set aside: `<key>#unreadable-backup-<n>`.
fn backup_prefix(key: &str) -> String {
    format!("{key}#unreadable-backup-")
}

/// True for the names earlier releases gave backups of `key`: `<key>.unreadable-backup` and
/// `<key>.unreadable-backup-<n>`. Such a name can also be another widget's own key, so one
/// is only ever deleted when it holds no readable tracker data.
fn is_legacy_backup(candidate: &str, key: &str) -> bool {
    candidate
        .strip_prefix(key)
        .and_then(|rest| rest.strip_prefix(".unreadable-backup"))
        .is_some_and(|n| {
            n.is_empty()
                || n.strip_prefix('-')
                    .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        })
}

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
    /// Every key held (to find backups without guessing their names).
    fn keys(&self) -> Result<Vec<String>, Fault>;
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
    fn keys(&self) -> Result<Vec<String>, Fault> {
        (**self).keys()
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
    fn keys(&self) -> Result<Vec<String>, Fault> {
        Ok(self.0.keys().cloned().collect())
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

/// The backup key for unreadable data: the first free `<key>#unreadable-backup-<n>`, or the
/// one already holding exactly this text.
fn backup_key_for(kv: &dyn KeyValue, key: &str, raw: &str) -> Result<String, Fault> {
    let prefix = backup_prefix(key);
    for n in 1..100 {
        let candidate = format!("{prefix}{n}");
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
    /// Changes made since the last successful save, replayed onto fresher stored data.
    pending: Vec<Pending>,
    /// localStorage cannot be used at all: nothing will ever be saved from this page.
    blocked: bool,
    /// This page has shown stored data (or saved its own): from then on, what it shows is
    /// the visitor's and is kept if storage turns unreadable.
    loaded: bool,
    /// The stored text as we last read or wrote it. While storage still holds exactly this,
    /// no other tab has saved, and `tracker` minus `pending` is what is stored: a change then
    /// costs one read, no parsing, and one write.
    last_raw: Option<String>,
    /// True when saving would overwrite something we must not (newer version, or unreadable
    /// data whose backup could not be written).
    read_only: bool,
    notices: Vec<Notice>,
    /// What is remembered about keeping the data safe (`<key>#companion`).
    companion: Companion,
}

impl<K: KeyValue> Store<K> {
    /// Opens the store under `key`, reading what is there. Never fails: faults become notices.
    pub fn open(kv: K, key: &str) -> Store<K> {
        let mut store = Store {
            kv,
            key: key.to_owned(),
            tracker: Tracker::default(),
            pending: Vec::new(),
            blocked: false,
            loaded: false,
            last_raw: None,
            read_only: false,
            notices: Vec::new(),
            companion: Companion::default(),
        };
        // Nothing is pending yet, so the date does not matter.
        store.reload(Day::EPOCH);
        store.loaded = true;
        store
    }

    /// An in-memory store with the Blocked notice: for when localStorage cannot be touched.
    pub fn blocked(kv: K, key: &str) -> Store<K> {
        Store {
            kv,
            key: key.to_owned(),
            tracker: Tracker::default(),
            pending: Vec::new(),
            blocked: true,
            loaded: true,
            last_raw: None,
            read_only: true,
            notices: vec![Notice::Blocked],
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
                    // Unreadable (now set aside) or unusable. Mid-session, what this page
                    // shows is the visitor's: it becomes one change (holding the pending
                    // ones too), kept until written and merged into whatever storage holds
                    // by then.
                    None => {
                        self.last_raw = None;
                        if self.loaded && !self.read_only {
                            let kept = Rc::new(self.tracker.clone());
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
            apply_change(&mut self.tracker, &change, today)?;
            let introduced = self
                .tracker
                .practices
                .iter()
                .filter(|p| !before.contains(&p.id))
                .map(|p| (p.id, p.name.clone()))
                .collect();
            self.pending.push(Pending { change, introduced });
        }
        if self.read_only {
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
                self.notices.retain(|n| *n != Notice::WriteFailed);
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

    /// The backend, giving up the store (tests reopen it under another key).
    pub fn into_backend(self) -> K {
        self.kv
    }
}

/// Every practice of a tracker, as (id, name).
fn names_of(tracker: &Tracker) -> Vec<(PracticeId, String)> {
    tracker
        .practices
        .iter()
        .map(|p| (p.id, p.name.clone()))
        .collect()
}
