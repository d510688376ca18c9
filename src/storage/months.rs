//! The stored form since version 3: the tracker kept in months, so that a tick writes its own
//! month and a small index, never the years before it.
//!
//! - Under the widget's key, the index:
//!   `{"version":3,"practices":[…],"months":["2026-10","2026-11"],"saves":12}`. `saves`
//!   counts the saves: the index changes with every one, so a tab that finds it as it last
//!   left it knows that no other tab has saved since.
//! - Under `<key>#days-2026-11`, that month's days:
//!   `{"2026-11-01":{"done":[1,3],"note":"…"},…}`, in the same form as a document's `days`.
//!
//! A save writes the months that changed, then the index, then removes months left empty:
//! the index only ever names months already written. Export files stay one document
//! (`schema`, version 2); version 2 in storage is read as before and moved into months by the
//! first save.

use std::collections::BTreeMap;

use serde::de::IgnoredAny;
use serde::Deserialize;

use super::kv::KeyValue;
use super::schema::{
    by_day, cut, decode, not_ours, read, validate, Decoded, SavedRef, SavedV2, SchemaError,
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

/// Where a month's days are kept: `<key>#days-YYYY-MM`.
pub fn month_key(key: &str, month: Month) -> String {
    format!("{}{month}", month_prefix(key))
}

/// The index, as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Index {
    pub practices: Vec<Practice>,
    pub months: Vec<Month>,
    pub saves: u32,
}

/// One month's days, as saved.
#[derive(Deserialize)]
#[serde(transparent)]
struct SavedMonth(#[serde(deserialize_with = "by_day")] BTreeMap<Day, DayEntry>);

/// The index as saved text: the practices, the months that hold days, and the save count.
pub fn encode_index(
    practices: &[Practice],
    months: impl Iterator<Item = Month>,
    saves: u32,
) -> String {
    let index = SavedRef {
        version: INDEX_VERSION,
        practices,
        days: None,
        months: Some(months.collect()),
        saves: Some(saves),
    };
    // Derived impls and text keys only: serde_json cannot fail here (see `schema::encode`).
    serde_json::to_string(&index).unwrap_or_default()
}

/// A month's days as saved text.
pub fn encode_month(days: &MonthDays) -> String {
    serde_json::to_string(days).unwrap_or_default()
}

/// The index in what was read (the header said version 3): its months in order, each named
/// once, and no days of its own. Anything else was not written by the widget.
pub(super) fn read_index(saved: SavedV2) -> Result<Index, SchemaError> {
    if saved.saves == 0 {
        return Err(not_ours("an index (version 3) counts its \"saves\""));
    }
    let months = saved
        .months
        .iter()
        .map(|text| {
            let month = (text.len() == 7)
                .then(|| Day::parse(&format!("{text}-01")).ok())
                .flatten();
            month.map(Month::of).ok_or_else(|| {
                not_ours(format!(
                    "at months: \"{}\" is not a month (YYYY-MM)",
                    cut(text, 40)
                ))
            })
        })
        .collect::<Result<Vec<Month>, SchemaError>>()?;
    if !saved.days.is_empty() {
        return Err(not_ours(
            "at days: an index (version 3) keeps its days in months",
        ));
    }
    if months.windows(2).any(|pair| pair[0] >= pair[1]) {
        return Err(not_ours("at months: not in order, or a month named twice"));
    }
    Ok(Index {
        practices: saved.practices,
        months,
        saves: saved.saves,
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
    let is_object = text
        .trim_start_matches([' ', '\t', '\n', '\r'])
        .starts_with('{');
    if !is_object {
        read::<IgnoredAny>(text)?;
        return Err(not_ours("expected a JSON object"));
    }
    let SavedMonth(mut days) = read(text)?;
    if let Some(day) = days.keys().find(|d| Month::of(**d) != month) {
        return Err(SchemaError::Invalid(format!("{day} is not in {month}")));
    }
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
    }
    days.retain(|_, entry| !entry.is_empty());
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
            for month in index.months {
                let text = kv
                    .get(&month_key(key, month))
                    .map_err(|e| format!("{e:?}"))?
                    .ok_or_else(|| format!("{month} is missing"))?;
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
