//! How the store reads what storage holds and writes what the page shows: one whole document
//! of an earlier version, or the index and its months (`months` has their form). Every fault
//! is handled here as `store` describes: what cannot be read is copied aside before anything
//! may write over it, and a save either happens whole or not at all.

use std::rc::Rc;

use super::keys::backup_key_for;
use super::kv::KeyValue;
use super::months::{
    decode_month, encode_index, encode_month, month_entry, month_key, month_prefix, Index,
};
use super::schema::{decode, encode, validate, Decoded};
use super::store::{Notice, Saved, State, Store};
use crate::tracker::{Days, Month, Tracker};

impl<K: KeyValue> Store<K> {
    /// Decodes a stored value (and the months an index names), dealing with every fault.
    /// Returns the data, what storage holds, and the months of it that were set aside or
    /// missing; None when there is nothing usable (unreadable, or from a newer version with
    /// nothing readable), after noting why.
    pub(super) fn decode_stored(&mut self, raw: String) -> Option<(Tracker, Saved, Vec<Month>)> {
        match decode(&raw) {
            Ok(Decoded::Current(tracker)) => Some((tracker, Saved::Whole, Vec::new())),
            Ok(Decoded::Index(index)) => self.read_months(index, raw),
            Ok(Decoded::Newer { version, readable }) => {
                self.state = State::ReadOnly;
                self.notice(Notice::NewerVersion { version });
                readable.map(|tracker| (tracker, Saved::Whole, Vec::new()))
            }
            Err(error) => {
                // Its months (if it had any) cannot be known from it: every month kept under
                // this key goes aside with it.
                let months = (self.month_keys().into_iter())
                    .filter_map(|k| self.kv.get(&k).ok().flatten().map(|text| (k, text)))
                    .collect();
                self.set_aside_with(raw, months, error.to_string());
                None
            }
        }
    }

    /// The tracker an index names: each month read from its key. A month that cannot be read
    /// is set aside on its own and one that is missing is said (the rest carries on); if the
    /// whole breaks a limit, the index and its months are set aside together.
    fn read_months(&mut self, index: Index, raw: String) -> Option<(Tracker, Saved, Vec<Month>)> {
        let mut days = Days::new();
        let mut months = Vec::with_capacity(index.months.len());
        let mut texts = Vec::with_capacity(index.months.len());
        let mut missing = Vec::new();
        let mut lost = Vec::new();
        for (month, entry) in index.months {
            let key = month_key(&self.key, &entry);
            let text = match self.kv.get(&key) {
                Ok(Some(text)) => text,
                Ok(None) => {
                    missing.push(month);
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
                    months.push((month, piece, entry));
                    texts.push((key, text));
                }
                Err(error) => {
                    lost.push(month);
                    let reason = format!("the days of {month}: {error}");
                    self.set_aside(&[key], text, reason, true);
                }
            }
        }
        if let Some(first) = missing.first() {
            // One notice, however many (a hostile index may name thousands).
            let reason = match missing.len() {
                1 => format!("the days of {first} are missing"),
                n => format!("the days of {first} and {} other months are missing", n - 1),
            };
            self.notice(Notice::Unreadable {
                reason,
                backup_key: None,
                raw: String::new(),
                part: true,
            });
            lost.extend(missing);
        }
        let tracker = Tracker {
            practices: index.practices,
            days,
        };
        match validate(tracker) {
            Ok(tracker) => Some((tracker, Saved::Months(months), lost)),
            Err(error) => {
                self.set_aside_with(raw, texts, error.to_string());
                None
            }
        }
    }

    /// The key of every month kept under this key, named by an index or not.
    fn month_keys(&self) -> Vec<String> {
        let prefix = month_prefix(&self.key);
        let keys = self.kv.keys().unwrap_or_default();
        keys.into_iter()
            .filter(|k| k.starts_with(&prefix))
            .collect()
    }

    /// Sets aside the text under the key with the months beside it: one backup holding them
    /// all (`{"<key>":"…","<month's key>":"…"}`), or the text alone when there are none.
    fn set_aside_with(&mut self, raw: String, months: Vec<(String, String)>, reason: String) {
        let mut keys = vec![self.key.clone()];
        let raw = if months.is_empty() {
            raw
        } else {
            let quote = |text: &str| serde_json::to_string(text).unwrap_or_default();
            let mut parts = vec![format!("{}:{}", quote(&self.key), quote(&raw))];
            for (key, text) in months {
                parts.push(format!("{}:{}", quote(&key), quote(&text)));
                keys.push(key);
            }
            format!("{{{}}}", parts.join(","))
        };
        self.set_aside(&keys, raw, reason, false);
    }

    /// Copies unreadable text aside before anything may write over it, then removes `keys`
    /// (where it was); if it cannot be copied, nothing is saved from this page. `part`: only
    /// some of the days (a month) went aside, and the rest carries on.
    fn set_aside(&mut self, keys: &[String], raw: String, reason: String, part: bool) {
        let backup = backup_key_for(&self.kv, &self.key, &raw)
            .and_then(|k| self.kv.set(&k, &raw).map(|()| k));
        let backup_key = match backup {
            Ok(k) => {
                // Now safe to start that part fresh.
                for key in keys {
                    let _ = self.kv.remove(key);
                }
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

    /// Writes what this page shows: the months that changed under new keys, then the index
    /// (the save happens here, whole), then removes the months' keys it no longer names. If
    /// anything fails, what was written is removed again, storage holds the save before, and
    /// the pending changes are kept for the next try. Moving a whole document of an earlier
    /// version into months that does not fit writes it whole instead, as before.
    pub(super) fn write(&mut self) {
        let from_whole = matches!(self.saved, Saved::Whole);
        // (Only while storage still holds the whole document: once another tab has moved it
        // into months, this one writes months too.)
        if self.keep_whole && from_whole {
            return self.write_whole();
        }
        // Taken, not copied (a tick must not copy every month's entry); put back on failure.
        let before = match std::mem::take(&mut self.saved) {
            Saved::Months(months) => months,
            Saved::Whole => {
                // No index names any month: what is kept under this key's months is left from
                // data deleted since (by this release or an earlier one) or a move that did
                // not fit, and goes before this save.
                for key in self.month_keys() {
                    let _ = self.kv.remove(&key);
                }
                Vec::new()
            }
        };
        let mut next = Vec::with_capacity(self.tracker.days.months().len());
        let mut written = Vec::new();
        let mut saved = true;
        for (month, piece) in self.tracker.days.months() {
            let unchanged = before
                .binary_search_by_key(month, |(m, ..)| *m)
                .ok()
                .map(|at| &before[at])
                .filter(|(_, b, _)| Rc::ptr_eq(b, piece) || b == piece);
            let entry = match unchanged {
                Some((_, _, entry)) => entry.clone(),
                None => {
                    let text = encode_month(piece);
                    let entry = month_entry(*month, &text);
                    let key = month_key(&self.key, &entry);
                    if self.kv.set(&key, &text).is_err() {
                        saved = false;
                        break;
                    }
                    written.push(key);
                    entry
                }
            };
            next.push((*month, Rc::clone(piece), entry));
        }
        let entries: Vec<String> = next.iter().map(|(_, _, entry)| entry.clone()).collect();
        let index = encode_index(&self.tracker.practices, &entries);
        if !(saved && self.kv.set(&self.key, &index).is_ok()) {
            // Never named by an index: no reader has seen them.
            for key in &written {
                let _ = self.kv.remove(key);
            }
            if from_whole {
                if self.last_raw.is_some() {
                    self.keep_whole = true;
                    return self.write_whole();
                }
            } else {
                self.saved = Saved::Months(before);
            }
            self.notice(Notice::WriteFailed);
            return;
        }
        for (month, _, entry) in &before {
            let named = next
                .binary_search_by_key(month, |(m, ..)| *m)
                .is_ok_and(|at| next[at].2 == *entry);
            if !named {
                let _ = self.kv.remove(&month_key(&self.key, entry));
            }
        }
        self.saved = Saved::Months(next);
        self.saved_now(index);
    }

    /// Writes what this page shows as one whole document, as earlier releases did.
    fn write_whole(&mut self) {
        let text = encode(&self.tracker);
        if self.kv.set(&self.key, &text).is_ok() {
            self.saved = Saved::Whole;
            self.saved_now(text);
        } else {
            self.notice(Notice::WriteFailed);
        }
    }

    /// A save went through: nothing is pending, and storage holds `text` under the key.
    fn saved_now(&mut self, text: String) {
        self.pending.clear();
        self.last_raw = Some(text);
        self.by_name = false;
        self.numbered = Rc::clone(&self.tracker);
        if self.notices.contains(&Notice::WriteFailed) {
            Rc::make_mut(&mut self.notices).retain(|n| *n != Notice::WriteFailed);
        }
    }
}
