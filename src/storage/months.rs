//! The stored form since version 3: the tracker kept in months, so that a tick writes its own
//! month and a small index, never the years before it.
//!
//! - Under the widget's key, the index:
//!   `{"version":3,"practices":[…],"months":["2026-10.9f2c…","2026-11.04ab…"]}`, each month
//!   with the hash of its text.
//! - Under `<key>#days-2026-11.04ab…`, that month's days:
//!   `{"2026-11-01":{"done":[1,3],"note":"…"},…}`, in the same form as a document's `days`.
//!
//! A month's key names its content, so a key is never written with other content: a save
//! writes the months that changed under new keys, then the index (the moment the save
//! happens: until then no reader sees any of it), then removes the keys the index no longer
//! names. Whatever fails halfway, storage holds one whole earlier save; and an index as a tab
//! last read it means exactly the data it read (no counter that could repeat), unless two
//! tabs save in the very same moment and cross (one's index naming a month the other just
//! replaced: the tab still showing it writes it back when it hears the save). Export files
//! stay one document (`schema`, version 2); version 2 in storage is read as before and moved
//! into months by the first save.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::keys::fnv1a;
use super::kv::KeyValue;
use super::schema::{
    by_day, cut, decode, not_ours, read_object, validate, Decoded, SavedRef, SavedV2, SchemaError,
};
use crate::tracker::days::MonthDays;
use crate::tracker::model::{DayEntry, Practice};
use crate::tracker::{Day, Days, Month, Tracker};

/// The version of the index (and of data kept in months).
pub const INDEX_VERSION: u32 = 3;

/// What every month's key begins with: `<key>#days-`.
pub(super) fn month_prefix(key: &str) -> String {
    format!("{key}#days-")
}

/// Where a month is kept: `<key>#days-` and its entry in the index (`YYYY-MM.<hash>`).
pub fn month_key(key: &str, entry: &str) -> String {
    let mut month_key = month_prefix(key);
    month_key.push_str(entry);
    month_key
}

/// A month's entry in the index, naming its text: `YYYY-MM.` and 16 hex digits of the text's
/// 64-bit FNV-1a hash (a name, not a check: nothing here is a secret).
pub fn month_entry(month: Month, text: &str) -> String {
    format!("{month}.{:016x}", fnv1a(text))
}

/// The index, as read: the practices, and each month with its entry (its key's end).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Index {
    pub practices: Vec<Practice>,
    pub months: Vec<(Month, String)>,
}

/// One month's days, as saved.
#[derive(Deserialize)]
#[serde(transparent)]
struct SavedMonth(#[serde(deserialize_with = "by_day")] BTreeMap<Day, DayEntry>);

/// The index as saved text: the practices, and the entry of each month that holds days.
pub fn encode_index(practices: &[Practice], months: &[String]) -> String {
    let index = SavedRef {
        version: INDEX_VERSION,
        practices,
        days: None,
        months: Some(months),
    };
    // Derived impls and text keys only: serde_json cannot fail here (see `schema::encode`).
    serde_json::to_string(&index).unwrap_or_default()
}

/// A month's days as saved text.
pub fn encode_month(days: &MonthDays) -> String {
    serde_json::to_string(days).unwrap_or_default()
}

/// The index in what was read (the header said version 3): its months in order, each named
/// once as `YYYY-MM.<16 hex digits>`, and no days of its own. Anything else was not written by
/// the widget.
pub(super) fn read_index(saved: SavedV2) -> Result<Index, SchemaError> {
    if !saved.days.is_empty() {
        return Err(not_ours(
            "at days: an index (version 3) keeps its days in months",
        ));
    }
    let mut months: Vec<(Month, String)> = Vec::with_capacity(saved.months.len());
    for entry in saved.months {
        let month = entry
            .split_once('.')
            .filter(|(m, hash)| {
                m.len() == 7
                    && hash.len() == 16
                    && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
            })
            .and_then(|(m, _)| Day::parse(&format!("{m}-01")).ok())
            .map(Month::of)
            .ok_or_else(|| {
                not_ours(format!(
                    "at months: \"{}\" is not a month and its hash (YYYY-MM.<hash>)",
                    cut(&entry, 40)
                ))
            })?;
        if months.last().is_some_and(|(last, _)| *last >= month) {
            return Err(not_ours("at months: not in order, or a month named twice"));
        }
        months.push((month, entry));
    }
    Ok(Index {
        practices: saved.practices,
        months,
    })
}

/// Reads one month's saved days: an object keyed by date, every date in `month`, every tick
/// naming one of `practices`. Days with nothing in them are dropped (they are never kept).
/// The limits that concern the whole tracker are checked on it once assembled
/// (`schema::validate`).
pub fn decode_month(
    text: &str,
    month: Month,
    practices: &[Practice],
) -> Result<MonthDays, SchemaError> {
    let SavedMonth(mut days) = read_object(text)?;
    if let Some(day) = days.keys().find(|d| Month::of(**d) != month) {
        return Err(SchemaError::Invalid(format!("{day} is not in {month}")));
    }
    // (Empty days removed one by one: BTreeMap::retain would add its own code to the wasm.)
    let mut empty = Vec::new();
    for (day, entry) in &days {
        if let Some(id) = entry
            .done
            .iter()
            .find(|id| !practices.iter().any(|p| p.id == **id))
        {
            return Err(SchemaError::Invalid(format!(
                "{day} ticks a practice (id {}) that does not exist",
                id.0
            )));
        }
        if entry.is_empty() {
            empty.push(*day);
        }
    }
    for day in empty {
        days.remove(&day);
    }
    Ok(days)
}

/// What storage holds under `key`, read whole without changing anything: None when nothing
/// is there, Err when any of it cannot be read. (The store reads with every fault handled;
/// this is for checking what it saved.)
pub fn read_stored(kv: &dyn KeyValue, key: &str) -> Result<Option<Tracker>, String> {
    let Some(text) = kv.get(key).map_err(|e| format!("{e:?}"))? else {
        return Ok(None);
    };
    match decode(&text).map_err(|e| e.to_string())? {
        Decoded::Current(tracker) => Ok(Some(tracker)),
        Decoded::Newer { version, .. } => Err(format!("version {version} is newer")),
        Decoded::Index(index) => {
            let mut days = Days::new();
            for (month, entry) in index.months {
                let text = kv
                    .get(&month_key(key, &entry))
                    .map_err(|e| format!("{e:?}"))?
                    .ok_or_else(|| format!("{entry} is missing"))?;
                let piece =
                    decode_month(&text, month, &index.practices).map_err(|e| e.to_string())?;
                days.put_month(month, std::rc::Rc::new(piece));
            }
            validate(Tracker {
                practices: index.practices,
                days,
            })
            .map(Some)
            .map_err(|e| e.to_string())
        }
    }
}
