//! The saved form of the tracker: versioned JSON, its migrations, and its validation.
//! Pure (no web API): what is read from storage or an import file comes here as text.
//!
//! Version history:
//! - 1: `{"version":1,"practices":["name",…],"log":{"YYYY-MM-DD":["name",…]}}`. Practices
//!   were plain names, ticks were names, there were no notes or archive.
//! - 2 (current): `{"version":2,"practices":[{"id":1,"name":"…","archived":true?}],
//!   "days":{"YYYY-MM-DD":{"done":[1,3],"note":"…"}}}`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::{self, Write as _};

use super::json::{self, Json};
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

/// Version 1 data as read, before [`migrate_v1`].
struct SavedV1 {
    practices: Vec<String>,
    log: BTreeMap<Day, Vec<String>>,
}

/// The tracker as saved text (current version). Never fails: the data is plain.
///
/// Byte for byte what serde_json wrote before it was dropped: keys in this order, `archived`
/// only when true, `done` and `note` only when not empty, days in date order.
pub fn encode(tracker: &Tracker) -> String {
    // Writing to a String cannot fail, so write!'s Ok is not checked.
    let mut out = format!("{{\"version\":{CURRENT_VERSION},\"practices\":[");
    for (i, practice) in tracker.practices.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(out, "{{\"id\":{},\"name\":", practice.id.0);
        json::write_string(&mut out, &practice.name);
        if practice.archived {
            out.push_str(",\"archived\":true");
        }
        out.push('}');
    }
    out.push_str("],\"days\":{");
    for (i, (day, entry)) in tracker.days.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(out, "\"{day}\":{{");
        if !entry.done.is_empty() {
            out.push_str("\"done\":[");
            for (j, id) in entry.done.iter().enumerate() {
                if j > 0 {
                    out.push(',');
                }
                let _ = write!(out, "{}", id.0);
            }
            out.push(']');
        }
        if !entry.note.is_empty() {
            if !entry.done.is_empty() {
                out.push(',');
            }
            out.push_str("\"note\":");
            json::write_string(&mut out, &entry.note);
        }
        out.push('}');
    }
    out.push_str("}}");
    out
}

/// Reads saved text of any known version, migrating old versions and checking every limit.
pub fn decode(text: &str) -> Result<Decoded, SchemaError> {
    let value = json::parse(text).map_err(|e| SchemaError::NotJson(e.to_string()))?;
    let Json::Object(members) = value else {
        return Err(not_ours("expected a JSON object"));
    };
    let version = match members.iter().find(|(key, _)| key == "version") {
        Some((_, Json::Number(n))) => n.parse::<u32>().ok(),
        _ => None,
    }
    .ok_or_else(|| not_ours("it has no \"version\" number"))?;
    match version {
        1 => Ok(Decoded::Current(validate(migrate_v1(read_v1(members)?)?)?)),
        2 => Ok(Decoded::Current(validate(read_current(members, true)?)?)),
        v if v > CURRENT_VERSION => Ok(Decoded::Newer {
            version: v,
            readable: read_current(members, false)
                .ok()
                .and_then(|t| validate(t).ok()),
        }),
        v => Err(not_ours(format!("unknown version {v}"))),
    }
}

/// Version 2 data; or, with `strict` false, what this version understands of a newer one,
/// which may have added fields at the top level.
fn read_current(members: Vec<(String, Json)>, strict: bool) -> Result<Tracker, SchemaError> {
    let [_version, practices, days] = fields(members, ["version", "practices", "days"], strict)?;
    let practices = list(required(practices, "practices")?, "\"practices\"")?
        .into_iter()
        .map(read_practice)
        .collect::<Result<_, _>>()?;
    let days = by_day(days, "\"days\"", read_day_entry)?;
    Ok(Tracker { practices, days })
}

/// Unknown fields inside a practice or a day are ignored, as they always were.
fn read_practice(value: Json) -> Result<Practice, SchemaError> {
    let members = object(value, "each of \"practices\"")?;
    let [id, name, archived] = fields(members, ["id", "name", "archived"], false)?;
    Ok(Practice {
        id: PracticeId(whole(&required(id, "id")?, "\"id\"")?),
        name: text(required(name, "name")?, "\"name\"")?,
        archived: archived.map_or(Ok(false), |a| flag(a, "\"archived\""))?,
    })
}

fn read_day_entry(value: Json) -> Result<DayEntry, SchemaError> {
    let [done, note] = fields(object(value, "each day")?, ["done", "note"], false)?;
    let done = match done {
        Some(done) => list(done, "\"done\"")?
            .iter()
            .map(|id| whole(id, "each of \"done\"").map(PracticeId))
            .collect::<Result<_, _>>()?,
        None => BTreeSet::new(),
    };
    let note = note.map_or(Ok(String::new()), |n| text(n, "\"note\""))?;
    Ok(DayEntry { done, note })
}

fn read_v1(members: Vec<(String, Json)>) -> Result<SavedV1, SchemaError> {
    let [_version, practices, log] = fields(members, ["version", "practices", "log"], true)?;
    let names = |value: Json, what: &str| -> Result<Vec<String>, SchemaError> {
        list(value, what)?
            .into_iter()
            .map(|name| text(name, "each name"))
            .collect()
    };
    Ok(SavedV1 {
        practices: names(required(practices, "practices")?, "\"practices\"")?,
        log: by_day(log, "\"log\"", |day| names(day, "each day in \"log\""))?,
    })
}

fn not_ours(why: impl Into<String>) -> SchemaError {
    SchemaError::NotOurs(why.into())
}

/// Text from the data, quoted for a message, and cut short: it may be anything, any length.
fn quoted(text: &str) -> String {
    let mut chars = text.chars();
    let start: String = chars.by_ref().take(40).collect();
    let more = if chars.next().is_some() { "…" } else { "" };
    format!("\"{start}{more}\"")
}

/// The members named in `names`, each at most once: which of two was meant is unknowable.
/// Other members are refused when `strict`, else ignored.
fn fields<const N: usize>(
    members: Vec<(String, Json)>,
    names: [&str; N],
    strict: bool,
) -> Result<[Option<Json>; N], SchemaError> {
    let mut found = std::array::from_fn(|_| None);
    for (key, value) in members {
        match names.iter().position(|name| *name == key) {
            Some(i) if found[i].is_some() => {
                return Err(not_ours(format!(
                    "the field {} appears twice",
                    quoted(&key)
                )))
            }
            Some(i) => found[i] = Some(value),
            None if strict => return Err(not_ours(format!("unknown field {}", quoted(&key)))),
            None => {}
        }
    }
    Ok(found)
}

fn required(value: Option<Json>, name: &str) -> Result<Json, SchemaError> {
    value.ok_or_else(|| not_ours(format!("the field \"{name}\" is missing")))
}

/// `what` (e.g. `"name"`, `each of "done"`) should be of the `kind` wanted.
fn wrong(what: &str, kind: &str) -> SchemaError {
    not_ours(format!("{what} should be {kind}"))
}

fn list(value: Json, what: &str) -> Result<Vec<Json>, SchemaError> {
    match value {
        Json::Array(items) => Ok(items),
        _ => Err(wrong(what, "a list")),
    }
}

fn object(value: Json, what: &str) -> Result<Vec<(String, Json)>, SchemaError> {
    match value {
        Json::Object(members) => Ok(members),
        _ => Err(wrong(what, "an object")),
    }
}

fn text(value: Json, what: &str) -> Result<String, SchemaError> {
    match value {
        Json::String(text) => Ok(text),
        _ => Err(wrong(what, "text")),
    }
}

fn flag(value: Json, what: &str) -> Result<bool, SchemaError> {
    match value {
        Json::Bool(flag) => Ok(flag),
        _ => Err(wrong(what, "true or false")),
    }
}

/// A whole number from 0 to u32::MAX. The number arrives as its source text, so this is an
/// integer parse: a sign, a fraction or an exponent (`1.0`, `1e3`) is refused.
fn whole(value: &Json, what: &str) -> Result<u32, SchemaError> {
    match value {
        Json::Number(n) => n.parse().ok(),
        _ => None,
    }
    .ok_or_else(|| wrong(what, "a whole number"))
}

/// An object keyed by date (absent: empty), each value read by `read`.
fn by_day<T>(
    value: Option<Json>,
    what: &str,
    read: impl Fn(Json) -> Result<T, SchemaError>,
) -> Result<BTreeMap<Day, T>, SchemaError> {
    let mut days = BTreeMap::new();
    let Some(value) = value else {
        return Ok(days);
    };
    for (key, entry) in object(value, what)? {
        let day = Day::parse(&key).map_err(|e| not_ours(format!("{} {e}", quoted(&key))))?;
        // Two keys for one day must be the same text: a date has only one way to be written.
        if days.insert(day, read(entry)?).is_some() {
            return Err(not_ours(format!("the date {} appears twice", quoted(&key))));
        }
    }
    Ok(days)
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
