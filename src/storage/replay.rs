//! Changes this page made that storage does not hold yet, and how they are replayed onto
//! fresher data (another tab saved meanwhile) without ever landing on the wrong practice.

use std::rc::Rc;

use super::transfer::{imported, ImportMode};
use crate::tracker::{Action, Day, PracticeId, Tracker, TrackerError};

/// A change this page made that storage does not hold yet. Until a write succeeds, each is
/// replayed, in order, onto whatever storage holds by then (another tab may have saved), so
/// nothing the visitor was told is done can be lost to another tab's save.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Change {
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
pub(super) struct Pending {
    pub(super) change: Change,
    pub(super) introduced: Vec<(PracticeId, String)>,
}

/// Applies a change to a tracker; Err leaves it as it was.
pub(super) fn apply_change(
    tracker: &mut Tracker,
    change: &Change,
    today: Day,
) -> Result<(), TrackerError> {
    match change {
        Change::Edit(action) => tracker.apply_in_place(action, today),
        Change::Import { incoming, mode } => {
            *tracker = with_import(tracker, incoming, *mode, today)?;
            Ok(())
        }
    }
}

/// `tracker` with `incoming` imported, as a new tracker; Err when it does not fit.
pub(super) fn with_import(
    tracker: &Tracker,
    incoming: &Tracker,
    mode: ImportMode,
    today: Day,
) -> Result<Tracker, TrackerError> {
    imported(tracker, incoming, mode, today).map_err(|_| TrackerError::ImportDoesNotFit)
}

/// Where practice ids of one copy are in another: (id in this page's copy, id now; None: not
/// there), latest last. A few entries: a list is smaller in the wasm than another map type.
pub(super) type Remap = Vec<(PracticeId, Option<PracticeId>)>;

/// Where the practices of `from`, a copy that did not come from `base`'s history (where the
/// same id may be another practice), are in `base`, found by name.
pub(super) fn by_name(from: &Tracker, base: &Tracker) -> Remap {
    (from.practices.iter())
        .map(|p| (p.id, base.practice_named(&p.name).map(|found| found.id)))
        .filter(|(id, now)| *now != Some(*id))
        .collect()
}

/// An action with its practice ids passed through `remap`; None when it names a practice
/// that could not be brought over (it must not land on whichever practice has its old id).
pub(super) fn remapped(
    action: &Action,
    remap: &[(PracticeId, Option<PracticeId>)],
) -> Option<Action> {
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
/// another tab took) is skipped and dropped. `remap` starts as where this page's practices
/// are in `base` when its copy has another history (empty when it has the same); returns
/// where they are after the replay, for a change made next on this page's copy.
pub(super) fn replay(
    base: &mut Tracker,
    pending: &mut Vec<Pending>,
    today: Day,
    mut remap: Remap,
) -> Remap {
    pending.retain_mut(|entry| {
        if let Change::Edit(action) = &mut entry.change {
            match remapped(action, &remap) {
                Some(mapped) => *action = mapped,
                None => return false,
            }
        }
        let applied = apply_change(base, &entry.change, today).is_ok();
        if applied
            && matches!(
                entry.change,
                Change::Import {
                    mode: ImportMode::Replace,
                    ..
                }
            )
        {
            // Replaced by a file: this page's copy and the data now number it alike.
            remap.clear();
        }
        for (id, name) in &mut entry.introduced {
            let now = base.practice_named(name).map(|p| p.id);
            // (Also where an earlier entry says where this id was: this one is newer.)
            if now != Some(*id) || remap.iter().any(|(old, _)| old == id) {
                remap.push((*id, now));
            }
            if let Some(now) = now {
                *id = now;
            }
        }
        applied
    });
    remap
}

/// Every practice of a tracker, as (id, name).
pub(super) fn names_of(tracker: &Tracker) -> Vec<(PracticeId, String)> {
    tracker
        .practices
        .iter()
        .map(|p| (p.id, p.name.clone()))
        .collect()
}
