//! The saved form of the tracker: versioned JSON, its migrations, and its validation.
//! Pure (no web API): what is read from storage or an import file comes here as text.
//!
//! Version history:
//! - 1: `{"version":1,"practices":["name",…],"log":{"YYYY-MM-DD":["name",…]}}`. Practices
//!   were plain names, ticks were names, there were no notes or archive.
//! - 2 (current): `{"version":2,"practices":[{"id":1,"name":"…","archived":true?}],
//!   "days":{"YYYY-MM-DD":{"done":[1,3],"note":"…"}}}`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::tracker::model::{
    clean_name, DayEntry, Practice, PracticeId, Tracker, MAX_PRACTICES, NAME_MAX_CHARS,
    NOTE_MAX_CHARS,
};
use crate::tracker::Day;

/// The schema version this build reads and writes.
pub const CURRENT_VERSION: u32 = 2;
/// The most days a saved tracker may hold: far more than a lifetime of daily use.
pub const MAX_DAYS: usize = 40_000;
/// The longest note saved data may hold. Typing is limited to NOTE_MAX_CHARS; merging an
/// import joins two notes, so stored notes may be longer, within reason.
pub const NOTE_STORED_MAX_CHARS: usize = 10 * NOTE_MAX_CHARS;

/// Why saved data could not be used, in words a visitor can read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemaError {
    NotJson(String),
    NotOurs(String),
    Invalid(String),
}

impl fmt::Display for SchemaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SchemaError::NotJson(why) => write!(f, "it is not valid JSON ({why})"),
            SchemaError::NotOurs(why) => write!(f, "it is not tracker data ({why})"),
            SchemaError::Invalid(why) => write!(f, "{why}"),
        }
    }
}

/// What reading saved text gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decoded {
    /// Current (or migrated) data, checked.
    Current(Tracker),
    /// Written by a newer version of the widget. `readable` holds what this version could
    /// understand of it, if anything; it must not be written back.
    Newer {
        version: u32,
        readable: Option<Tracker>,
    },
}

#[derive(Deserialize)]
struct VersionOnly {
    version: u32,
}

#[derive(Serialize)]
struct SavedRef<'a> {
    version: u32,
    practices: &'a [Practice],
    days: &'a BTreeMap<Day, DayEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SavedV2 {
    #[allow(dead_code)]
    version: u32,
    practices: Vec<Practice>,
    #[serde(default)]
    days: BTreeMap<Day, DayEntry>,
}

/// A newer version may add fields; read what we know and ignore the rest.
#[derive(Deserialize)]
struct SavedLenient {
    practices: Vec<Practice>,
    #[serde(default)]
    days: BTreeMap<Day, DayEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SavedV1 {
    #[allow(dead_code)]
    version: u32,
    practices: Vec<String>,
    #[serde(default)]
    log: BTreeMap<Day, Vec<String>>,
}

/// The tracker as saved text (current version). Never fails: the data is plain.
pub fn encode(tracker: &Tracker) -> String {
    serde_json::to_string(&SavedRef {
        version: CURRENT_VERSION,
        practices: &tracker.practices,
        days: &tracker.days,
    })
    .unwrap_or_default()
}

fn json_error(e: serde_json::Error) -> SchemaError {
    SchemaError::NotJson(format!("line {}, column {}", e.line(), e.column()))
}

/// Reads saved text of any known version, migrating old versions and checking every limit.
pub fn decode(text: &str) -> Result<Decoded, SchemaError> {
    // Parsed straight into typed structs (no serde_json::Value tree): smaller wasm, faster.
    serde_json::from_str::<serde::de::IgnoredAny>(text).map_err(json_error)?;
    if !text.trim_start().starts_with('{') {
        return Err(SchemaError::NotOurs("expected a JSON object".into()));
    }
    let version = serde_json::from_str::<VersionOnly>(text)
        .map_err(|_| SchemaError::NotOurs("it has no \"version\" number".into()))?
        .version;
    let not_ours = |e: serde_json::Error| SchemaError::NotOurs(e.to_string());
    match version {
        1 => {
            let v1: SavedV1 = serde_json::from_str(text).map_err(not_ours)?;
            Ok(Decoded::Current(validate(migrate_v1(v1)?)?))
        }
        2 => {
            let v2: SavedV2 = serde_json::from_str(text).map_err(not_ours)?;
            Ok(Decoded::Current(validate(Tracker {
                practices: v2.practices,
                days: v2.days,
            })?))
        }
        v if v > CURRENT_VERSION => {
            let readable = serde_json::from_str::<SavedLenient>(text)
                .ok()
                .and_then(|s| {
                    validate(Tracker {
                        practices: s.practices,
                        days: s.days,
                    })
                    .ok()
                });
            Ok(Decoded::Newer {
                version: v,
                readable,
            })
        }
        v => Err(SchemaError::NotOurs(format!("unknown version {v}"))),
    }
}

fn migrate_v1(v1: SavedV1) -> Result<Tracker, SchemaError> {
    let mut practices: Vec<Practice> = Vec::new();
    let mut by_name: BTreeMap<String, PracticeId> = BTreeMap::new();
    let mut id_for = |name: &str, archived: bool, practices: &mut Vec<Practice>| {
        let name = clean_name(name);
        let key = name.to_lowercase();
        if let Some(id) = by_name.get(&key) {
            return *id;
        }
        let id = PracticeId(practices.len() as u32 + 1);
        practices.push(Practice { id, name, archived });
        by_name.insert(key, id);
        id
    };
    for name in &v1.practices {
        id_for(name, false, &mut practices);
    }
    let mut days = BTreeMap::new();
    for (day, names) in v1.log {
        // A name ticked in the past but no longer listed becomes an archived practice.
        let done: BTreeSet<PracticeId> = names
            .iter()
            .map(|n| id_for(n, true, &mut practices))
            .collect();
        days.insert(
            day,
            DayEntry {
                done,
                note: String::new(),
            },
        );
    }
    Ok(Tracker { practices, days })
}

/// Checks every limit a tracker must keep, so hostile or hand-edited data is refused whole
/// rather than half-used.
pub fn validate(tracker: Tracker) -> Result<Tracker, SchemaError> {
    let invalid = |s: String| Err(SchemaError::Invalid(s));
    if tracker.practices.len() > MAX_PRACTICES {
        return invalid(format!(
            "it has {} practices; at most {MAX_PRACTICES} are allowed",
            tracker.practices.len()
        ));
    }
    if tracker.days.len() > MAX_DAYS {
        return invalid(format!(
            "it has {} days; at most {MAX_DAYS} are allowed",
            tracker.days.len()
        ));
    }
    let mut ids = BTreeSet::new();
    let mut names = BTreeSet::new();
    for p in &tracker.practices {
        let count = p.name.chars().count();
        if p.name != clean_name(&p.name) || count == 0 || count > NAME_MAX_CHARS {
            return invalid(format!(
                "the practice name \"{}\" is empty, too long (over {NAME_MAX_CHARS} characters) or has stray spaces",
                p.name.chars().take(40).collect::<String>()
            ));
        }
        if !ids.insert(p.id) {
            return invalid(format!("two practices share the id {}", p.id.0));
        }
        if !names.insert(p.name.to_lowercase()) {
            return invalid(format!("two practices are both called \"{}\"", p.name));
        }
    }
    for (day, entry) in &tracker.days {
        if let Some(unknown) = entry.done.iter().find(|id| !ids.contains(id)) {
            return invalid(format!(
                "{day} ticks a practice (id {}) that does not exist",
                unknown.0
            ));
        }
        if entry.note.chars().count() > NOTE_STORED_MAX_CHARS {
            return invalid(format!(
                "the note for {day} is over {NOTE_STORED_MAX_CHARS} characters"
            ));
        }
    }
    Ok(tracker)
}
