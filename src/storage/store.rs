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
use super::months::{decode_month, encode_index, encode_month, month_key, month_prefix, Index};
use super::replay::{apply_change, names_of, replay, with_import, Change, Pending};
use super::schema::{decode, validate, Decoded};
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
enum Saved {
    /// Nothing, or one whole document of an earlier version: the next save writes every
    /// month.
    #[default]
    Whole,
    /// The index, saved `saves` times, and these months.
    Months {
        saves: u32,
        months: Vec<(Month, Rc<MonthDays>)>,
    },
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
    /// The stored text under the key (the index) as we last read or wrote it. While storage
    /// still holds exactly this, no other tab has saved, and `tracker` minus `pending` is
    /// what is stored: a change then costs one small read, no parsing, and the writes of its
    /// month and the index.
    last_raw: Option<String>,
    /// What storage holds as of `last_raw`: which months, each as the piece last read or
    /// written (a month of `tracker` still the same piece is not written again).
    saved: Saved,
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
            saved: Saved::Whole,
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
            saved: Saved::Whole,
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

    /// Decodes a stored value (and the months an index names), dealing with every fault.
    /// Returns None when there is nothing usable (unreadable, or from a newer version with
    /// nothing readable), after noting why.
    fn decode_stored(&mut self, raw: String) -> Option<(Tracker, Saved)> {
        match decode(&raw) {
            Ok(Decoded::Current(tracker)) => Some((tracker, Saved::Whole)),
            Ok(Decoded::Index(index)) => self.read_months(index, raw),
            Ok(Decoded::Newer { version, readable }) => {
                self.state = State::ReadOnly;
                self.notice(Notice::NewerVersion { version });
                readable.map(|tracker| (tracker, Saved::Whole))
            }
            Err(error) => {
                let key = self.key.clone();
                self.set_aside(&key, raw, error.to_string(), false);
                None
            }
        }
    }

    /// The tracker an index names: each month read from its key. A month that cannot be read
    /// is set aside on its own (the rest carries on); if the whole breaks a limit, the index
    /// is set aside (the months stay where they are).
    fn read_months(&mut self, index: Index, raw: String) -> Option<(Tracker, Saved)> {
        let mut days = Days::new();
        let mut months = Vec::new();
        for month in index.months {
            let key = month_key(&self.key, month);
            let text = match self.kv.get(&key) {
                Ok(Some(text)) => text,
                Ok(None) => {
                    let reason = format!("the days of {month} are missing");
                    self.notice(Notice::Unreadable {
                        reason,
                        backup_key: None,
                        raw: String::new(),
                        part: true,
                    });
                    continue;
                }
                Err(_) => {
                    self.state = State::Blocked;
                    self.notice(Notice::Blocked);
                    return None;
                }
            };
            match decode_month(&text, month, &index.practices) {
                Ok(piece) => {
                    let piece = Rc::new(piece);
                    days.put_month(month, Rc::clone(&piece));
                    months.push((month, piece));
                }
                Err(error) => {
                    let reason = format!("the days of {month}: {error}");
                    self.set_aside(&key, text, reason, true);
                }
            }
        }
        let tracker = Tracker {
            practices: index.practices,
            days,
        };
        match validate(tracker) {
            Ok(tracker) => Some((
                tracker,
                Saved::Months {
                    saves: index.saves,
                    months,
                },
            )),
            Err(error) => {
                let key = self.key.clone();
                self.set_aside(&key, raw, error.to_string(), false);
                None
            }
        }
    }

    /// Copies unreadable text (found under `key`) aside before anything may write over it,
    /// then removes it from `key`; if it cannot be copied, nothing is saved from this page.
    fn set_aside(&mut self, key: &str, raw: String, reason: String, part: bool) {
        let backup = backup_key_for(&self.kv, &self.key, &raw)
            .and_then(|k| self.kv.set(&k, &raw).map(|()| k));
        let backup_key = match backup {
            Ok(k) => {
                // Now safe to start that part fresh.
                let _ = self.kv.remove(key);
                Some(k)
            }
            Err(_) => {
                self.state = State::ReadOnly;
                None
            }
        };
        self.notice(Notice::Unreadable {
            reason,
            backup_key,
            raw,
            part,
        });
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
                    self.saved = Saved::Whole;
                    let mut base = Tracker::default();
                    replay(&mut base, &mut self.pending, today);
                    self.tracker = Rc::new(base);
                }
                Ok(Some(raw)) => match self.decode_stored(raw.clone()) {
                    // Another tab saved (or this is the first read): start from its data.
                    Some((mut base, saved)) => {
                        self.last_raw = Some(raw);
                        self.saved = saved;
                        replay(&mut base, &mut self.pending, today);
                        self.tracker = Rc::new(base);
                    }
                    // Unreadable (now set aside) or unusable. Mid-session, what this page
                    // shows is the visitor's: it becomes one change (holding the pending
                    // ones too), kept until written and merged into whatever storage holds
                    // by then.
                    None => {
                        self.last_raw = None;
                        self.saved = Saved::Whole;
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

    /// Writes what this page shows: the months that changed since storage last held them
    /// (every month, the first time), then the index, then removes the months emptied since.
    /// On failure, keeps the pending changes for the next try.
    fn write(&mut self) {
        let (saves, before) = match &self.saved {
            Saved::Months { saves, months } => (saves.wrapping_add(1).max(1), Some(months)),
            Saved::Whole => (1, None),
        };
        let mut written = true;
        for (month, piece) in self.tracker.days.months() {
            let same = before
                .and_then(|b| {
                    let at = b.binary_search_by_key(month, |(m, _)| *m).ok()?;
                    Some(&b[at].1)
                })
                .is_some_and(|b| Rc::ptr_eq(b, piece) || b == piece);
            if !same {
                let key = month_key(&self.key, *month);
                written = self.kv.set(&key, &encode_month(piece)).is_ok();
                if !written {
                    break;
                }
            }
        }
        let index = encode_index(
            &self.tracker.practices,
            self.tracker.days.months().iter().map(|(m, _)| *m),
            saves,
        );
        if !(written && self.kv.set(&self.key, &index).is_ok()) {
            self.notice(Notice::WriteFailed);
            return;
        }
        if let Some(before) = before {
            for (month, _) in before {
                if !self.tracker.days.has_month(*month) {
                    let _ = self.kv.remove(&month_key(&self.key, *month));
                }
            }
        }
        self.saved = Saved::Months {
            saves,
            months: self.tracker.days.months().to_vec(),
        };
        self.pending.clear();
        self.last_raw = Some(index);
        if self.notices.contains(&Notice::WriteFailed) {
            Rc::make_mut(&mut self.notices).retain(|n| *n != Notice::WriteFailed);
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
