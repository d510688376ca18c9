//! The saved form of the tracker: versioned JSON, its migrations, and its validation.
//! Pure (no web API): what is read from storage or an import file comes here as text.
//!
//! Every shape is a serde derive, read and written by serde_json: the structs below for the
//! whole document, and the attributes on `Practice`, `DayEntry`, `PracticeId` and `Day`
//! (in `tracker/`) for the parts.
//!
//! Version history:
//! - 1: `{"version":1,"practices":["name",…],"log":{"YYYY-MM-DD":["name",…]}}`. Practices
//!   were plain names, ticks were names, there were no notes or archive.
//! - 2 (current for one whole document: export files; in storage until a save moves it
//!   into months): `{"version":2,"practices":[{"id":1,"name":"…","archived":true?}],
//!   "days":{"YYYY-MM-DD":{"done":[1,3],"note":"…"}}}`.
//! - 3: storage only, kept in months: an index under the widget's key and each month's
//!   days under a key of its own ([`super::months`]).
//!
//! Reading is strict where a mistake would lose data: unknown top-level fields of a known
//! version, a field or a date given twice, and wrong types are refused, each error naming
//! where it is (`practices[2].id: …`, with the line and column). Fields inside a practice or
//! a day that this version does not know are ignored, as they always were.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::de::{self, IgnoredAny};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::migrate::migrate_v1;
use super::months::{read_index, Index, INDEX_VERSION};
use crate::tracker::model::{
    clean_name, name_key, DayEntry, Practice, PracticeId, Tracker, MAX_PRACTICES, MAX_PRACTICE_ID,
    NAME_MAX_CHARS, NOTE_MAX_CHARS,
};
use crate::tracker::{Day, Days};

/// The version of one whole document (an export file) this build reads and writes; storage
/// is kept in months ([`INDEX_VERSION`]).
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
    /// The index of data kept in months ([`super::months`]): the months are read from their
    /// own keys.
    Index(Index),
}

/// The first look at any saved text: which version it is. Other fields are skipped.
#[derive(Deserialize)]
#[serde(expecting = "a JSON object with a \"version\" number")]
struct Header {
    version: Option<u32>,
}

/// The current forms, as written: one document (`days`), or the index of data kept in
/// months (`months`, [`super::months`]). One shape for both: the wasm carries one
/// writer.
#[derive(Serialize)]
pub(super) struct SavedRef<'a> {
    pub(super) version: u32,
    pub(super) practices: &'a [Practice],
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) days: Option<&'a Days>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) months: Option<&'a [String]>,
}

/// The current forms, as read (one reader for both, as for writing): nothing unknown at the
/// top level. `decode` checks that each version has only its own fields.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SavedV2 {
    #[serde(rename = "version")]
    _version: IgnoredAny,
    pub(super) practices: Vec<Practice>,
    #[serde(default)]
    #[serde(deserialize_with = "by_day")]
    pub(super) days: BTreeMap<Day, DayEntry>,
    /// `YYYY-MM.<hash>` each, read as text (the wasm already carries a reader of text lists).
    #[serde(default)]
    pub(super) months: Vec<String>,
}

/// What this version understands of a newer one, which may have added fields anywhere.
#[derive(Deserialize)]
struct SavedNewer {
    practices: Vec<Practice>,
    #[serde(default)]
    #[serde(deserialize_with = "by_day")]
    days: BTreeMap<Day, DayEntry>,
}

/// A day is saved as its `YYYY-MM-DD` text, a key of the `days` object.
impl Serialize for Day {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// The days are saved as one object keyed by date, in date order.
impl Serialize for Days {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Day, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Day::parse(&text).map_err(|e| de::Error::custom(format_args!("\"{}\" {e}", cut(&text, 40))))
    }
}

/// An object keyed by date, refusing a date given twice: which of the two was meant is
/// unknowable, and keeping either would silently drop the other. (serde's own map reading
/// keeps the last; serde_with's `MapPreventDuplicates` does this too, but its message does not
/// say which date, and it brings 26 crates into Cargo.lock.)
pub(super) fn by_day<'de, D, T>(deserializer: D) -> Result<BTreeMap<Day, T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct ByDay<T>(std::marker::PhantomData<T>);

    impl<'de, T: Deserialize<'de>> de::Visitor<'de> for ByDay<T> {
        type Value = BTreeMap<Day, T>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an object keyed by date")
        }

        fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut days = BTreeMap::new();
            while let Some((day, value)) = map.next_entry::<Day, T>()? {
                if days.insert(day, value).is_some() {
                    return Err(de::Error::custom(format_args!(
                        "the date {day} appears twice"
                    )));
                }
            }
            Ok(days)
        }
    }

    deserializer.deserialize_map(ByDay(std::marker::PhantomData))
}

/// The tracker as saved text (current version): keys in this order, `archived` only when
/// true, `done` and `note` only when not empty, days in date order.
pub fn encode(tracker: &Tracker) -> String {
    let saved = SavedRef {
        version: CURRENT_VERSION,
        practices: &tracker.practices,
        days: Some(&tracker.days),
        months: None,
    };
    // serde_json fails only on a map key that is not text or a Serialize impl that fails;
    // the keys are dates written as text and every impl here is derived, so this is text.
    serde_json::to_string(&saved).unwrap_or_default()
}

/// Reads saved text of any known version, migrating old versions and checking every limit.
pub fn decode(text: &str) -> Result<Decoded, SchemaError> {
    match read_object::<Header>(text)?.version {
        None => Err(not_ours("it has no \"version\" number")),
        Some(1) => Ok(Decoded::Current(validate(migrate_v1(read(text)?)?)?)),
        Some(CURRENT_VERSION) => {
            let saved: SavedV2 = read(text)?;
            if !saved.months.is_empty() {
                return Err(not_ours("\"months\" belong in an index (version 3)"));
            }
            Ok(Decoded::Current(validate(Tracker {
                practices: saved.practices,
                days: saved.days.into(),
            })?))
        }
        Some(INDEX_VERSION) => Ok(Decoded::Index(read_index(read(text)?)?)),
        Some(v) if v > INDEX_VERSION => Ok(Decoded::Newer {
            version: v,
            readable: read::<SavedNewer>(text).ok().and_then(|saved| {
                validate(Tracker {
                    practices: saved.practices,
                    days: saved.days.into(),
                })
                .ok()
            }),
        }),
        Some(v) => Err(not_ours(format!("unknown version {v}"))),
    }
}

/// Reads `text` as one `T` that is a JSON object (all saved data is). serde reads a struct
/// from an array too (`[2, …]`, fields in order), so anything else is refused before it is
/// read as one; and broken JSON is reported as such, wherever its first fault is, before
/// any complaint about the shape.
pub(super) fn read_object<'a, T: Deserialize<'a>>(text: &'a str) -> Result<T, SchemaError> {
    let is_object = text
        .trim_start_matches([' ', '\t', '\n', '\r'])
        .starts_with('{');
    let value = if is_object {
        read::<T>(text)
    } else {
        Err(not_ours("expected a JSON object"))
    };
    if let Err(SchemaError::NotOurs(_)) = value {
        read::<IgnoredAny>(text)?;
    }
    value
}

/// Reads `text` as one `T` with serde_json, whose depth limit (128) keeps hostile nesting
/// from exhausting the stack. Broken JSON is `NotJson`, with the line and column; JSON of
/// the wrong shape is `NotOurs`, naming the field at fault.
pub(super) fn read<'a, T: Deserialize<'a>>(text: &'a str) -> Result<T, SchemaError> {
    let mut reader = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut reader).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        match (inner.is_data(), path.as_str()) {
            (false, _) => SchemaError::NotJson(inner.to_string()),
            (true, ".") => not_ours(inner.to_string()),
            // A path holds the file's own keys, which may be any length.
            (true, _) => not_ours(format!("at {}: {inner}", cut(&path, 80))),
        }
    })?;
    reader
        .end()
        .map_err(|e| SchemaError::NotJson(e.to_string()))?;
    Ok(value)
}

/// `text` cut to `max` characters, with "…" where it was cut.
pub(super) fn cut(text: &str, max: usize) -> String {
    let mut chars = text.chars();
    let mut start: String = chars.by_ref().take(max).collect();
    if chars.next().is_some() {
        start.push('…');
    }
    start
}

pub(super) fn not_ours(why: impl Into<String>) -> SchemaError {
    SchemaError::NotOurs(why.into())
}

/// Checks every limit a tracker must keep, so hostile or hand-edited data is refused whole
/// rather than half-used; drops days with nothing in them (`"2026-11-01": {}`), which the
/// tracker never keeps; and renumbers practices whose ids are outside 1 to
/// [`MAX_PRACTICE_ID`] (an id means something only inside one copy of the data: renumbered,
/// the next practice added can never wrap around onto one already there).
pub fn validate(mut tracker: Tracker) -> Result<Tracker, SchemaError> {
    tracker.days.retain(|_, entry| !entry.is_empty());
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
                cut(&p.name, 40)
            ));
        }
        if !ids.insert(p.id) {
            return invalid(format!("two practices share the id {}", p.id.0));
        }
        if !names.insert(name_key(&p.name)) {
            return invalid(format!("two practices are both called \"{}\"", p.name));
        }
    }
    for (day, entry) in tracker.days.iter() {
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
    if ids.iter().any(|id| !(1..=MAX_PRACTICE_ID).contains(&id.0)) {
        renumber(&mut tracker);
    }
    Ok(tracker)
}

/// Gives the practices the ids 1, 2, 3… in their order, and the days' ticks with them.
/// Called on validated data only: ids are unique and every tick names a practice.
fn renumber(tracker: &mut Tracker) {
    let new_id = |old: PracticeId, practices: &[Practice]| {
        let at = practices.iter().position(|p| p.id == old).unwrap_or(0);
        PracticeId(at as u32 + 1)
    };
    for entry in tracker.days.values_mut() {
        entry.done = entry
            .done
            .iter()
            .map(|id| new_id(*id, &tracker.practices))
            .collect();
    }
    for (at, practice) in tracker.practices.iter_mut().enumerate() {
        practice.id = PracticeId(at as u32 + 1);
    }
}
