//! Version 1 of the saved form, read and migrated: practices were plain names, ticks were
//! names, there were no notes or archive (`schema` has the version history).

use std::collections::{BTreeMap, BTreeSet};

use serde::de::IgnoredAny;
use serde::Deserialize;

use super::schema::{by_day, SchemaError};
use crate::tracker::model::{clean_name, DayEntry, Practice, PracticeId, Tracker, MAX_PRACTICES};
use crate::tracker::{Day, Days};

/// Version 1, migrated by [`migrate_v1`].
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SavedV1 {
    #[serde(rename = "version")]
    _version: IgnoredAny,
    practices: Vec<String>,
    #[serde(default)]
    #[serde(deserialize_with = "by_day")]
    log: BTreeMap<Day, Vec<String>>,
}

/// The tracker a version 1 text stands for.
pub(super) fn migrate_v1(v1: SavedV1) -> Result<Tracker, SchemaError> {
    let mut tracker = Tracker {
        practices: Vec::new(),
        days: Days::new(),
    };
    // The practice a name stands for: names were their identity, by the one name rule.
    let id_for = |name: &str, archived: bool, tracker: &mut Tracker| {
        if let Some(p) = tracker.practice_named(name) {
            return Ok(p.id);
        }
        if tracker.practices.len() >= MAX_PRACTICES {
            return Err(SchemaError::Invalid(format!(
                "it has more than {MAX_PRACTICES} practices"
            )));
        }
        let id = tracker
            .fresh_id()
            .ok_or_else(|| SchemaError::Invalid("it has too many practices".into()))?;
        tracker.practices.push(Practice {
            id,
            name: clean_name(name),
            archived,
        });
        Ok(id)
    };
    for name in &v1.practices {
        id_for(name, false, &mut tracker)?;
    }
    for (day, names) in v1.log {
        // A name ticked in the past but no longer listed becomes an archived practice.
        let done = names
            .iter()
            .map(|n| id_for(n, true, &mut tracker))
            .collect::<Result<BTreeSet<PracticeId>, _>>()?;
        tracker.days.insert(
            day,
            DayEntry {
                done,
                note: String::new(),
            },
        );
    }
    Ok(tracker)
}
