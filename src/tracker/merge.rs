//! Merging two trackers (an import into what this browser has). Practices are matched by
//! name, ignoring case, because ids are only unique within one browser. The result keeps
//! every tick and every note of both sides.

use std::collections::BTreeMap;

use super::model::{name_key, Practice, PracticeId, Tracker};

/// Joins two notes for one day so that neither is lost. Commutative and idempotent: equal
/// notes stay one note, a note already contained in the other adds nothing.
pub fn merge_notes(a: &str, b: &str) -> String {
    if a.contains(b) {
        a.to_owned()
    } else if b.contains(a) {
        b.to_owned()
    } else {
        let (first, second) = if a <= b { (a, b) } else { (b, a) };
        format!("{first}\n\n{second}")
    }
}

/// `ours` with everything from `theirs` added: practices missing from ours are appended
/// (active if active on either side) with ids new to ours ([`Tracker::fresh_id`]), ticks
/// are the union, notes are joined. (A practice that could get no id, which the practice
/// limit rules out, is left out with its ticks; the caller's validation refuses a result
/// over the limit anyway.)
pub fn merge(ours: &Tracker, theirs: &Tracker) -> Tracker {
    let mut merged = ours.clone();
    let mut id_map: BTreeMap<PracticeId, PracticeId> = BTreeMap::new();
    for practice in &theirs.practices {
        let key = name_key(&practice.name);
        if let Some(existing) = merged
            .practices
            .iter_mut()
            .find(|p| name_key(&p.name) == key)
        {
            existing.archived &= practice.archived;
            id_map.insert(practice.id, existing.id);
        } else if let Some(id) = merged.fresh_id() {
            merged.practices.push(Practice {
                id,
                name: practice.name.clone(),
                archived: practice.archived,
            });
            id_map.insert(practice.id, id);
        }
    }
    for (day, entry) in theirs.days.iter() {
        let target = merged.days.entry_mut(*day);
        target
            .done
            .extend(entry.done.iter().filter_map(|id| id_map.get(id)));
        target.note = merge_notes(&target.note, &entry.note);
    }
    merged
}
