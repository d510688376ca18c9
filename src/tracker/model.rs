//! The tracker's data: practices and what was done on which day, and the one function that
//! changes it ([`Tracker::apply`]). Pure: no web API, no clock; "today" is a parameter.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::day::Day;
use super::days::Days;

/// The seven small signals the tracker starts with, worded as in the product brief.
pub const DEFAULT_PRACTICES: [&str; 7] = [
    "Listened without interrupting",
    "Remembered something that matters to them",
    "Responded to an emotional cue with care",
    "Shared something small and honest",
    "Shared a laugh",
    "Offered comfort",
    "Stayed curious, not defensive, in a disagreement",
];

pub const NAME_MAX_CHARS: usize = 80;
pub const NOTE_MAX_CHARS: usize = 500;
/// More practices than anyone keeps up with; a bound so hostile data cannot grow forever.
pub const MAX_PRACTICES: usize = 100;
/// The largest practice id a tracker holds. A new practice gets one more than the largest id
/// (ids are never reused: history may name them), and a tracker has at most MAX_PRACTICES,
/// so ids made here stay near 100; saved or imported data with larger ids (or 0) is
/// renumbered when read (`storage::schema::validate`). Far below `u32::MAX`, so making an id
/// can never wrap around to one already taken.
pub const MAX_PRACTICE_ID: u32 = 1_000_000;

/// A practice's stable identity: kept through renames, archiving and reordering. Saved as
/// a plain number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PracticeId(pub u32);

/// Saved as `{"id":1,"name":"…"}`, with `"archived":true` only when archived (see
/// `storage::schema`). Fields a newer version adds are ignored when reading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(expecting = "a practice, {\"id\": 1, \"name\": \"…\"}")]
pub struct Practice {
    pub id: PracticeId,
    pub name: String,
    /// Hidden from the daily list; its history is kept and it can be restored.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub archived: bool,
}

/// What happened on one day. Saved as `{"done":[1,3],"note":"…"}`, each only when not empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(expecting = "a day, {\"done\": [1, 3], \"note\": \"…\"}")]
pub struct DayEntry {
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub done: BTreeSet<PracticeId>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl DayEntry {
    pub fn is_empty(&self) -> bool {
        self.done.is_empty() && self.note.is_empty()
    }
}

/// Everything the tracker keeps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tracker {
    /// In the visitor's chosen order.
    pub practices: Vec<Practice>,
    /// Only days with something in them.
    pub days: Days,
}

impl Default for Tracker {
    fn default() -> Self {
        Tracker::starting_with(&DEFAULT_PRACTICES)
    }
}

impl Tracker {
    /// A visitor's tracker before anything is saved: these practices (ids 1, 2, … in this
    /// order) and no days. The seven defaults, or the ones a site suggests
    /// ([`Tracker::suggested`] checks them).
    pub fn starting_with(names: &[impl AsRef<str>]) -> Tracker {
        Tracker {
            practices: (names.iter().zip(1..))
                .map(|(name, id)| Practice {
                    id: PracticeId(id),
                    name: name.as_ref().to_owned(),
                    archived: false,
                })
                .collect(),
            days: Days::new(),
        }
    }

    /// The practices a site suggests, checked by the rules a visitor's typed names follow
    /// (cleaned, 1 to [`NAME_MAX_CHARS`] characters, no two the same, at most
    /// [`MAX_PRACTICES`]): the names kept, how many were refused, and the first refused with
    /// the rule it broke. (A hostile list costs no more than counting its pieces.)
    pub fn suggested<'a>(
        names: impl IntoIterator<Item = &'a str>,
    ) -> (Vec<String>, usize, Option<(String, TrackerError)>) {
        let mut tracker = Tracker::starting_with(&[] as &[&str]);
        let (mut refused, mut first) = (0, None);
        for name in names {
            let result = if tracker.practices.len() < MAX_PRACTICES {
                let action = Action::AddPractice {
                    name: name.to_owned(),
                };
                tracker.apply_in_place(&action, Day::EPOCH)
            } else {
                Err(TrackerError::TooManyPractices)
            };
            if let Err(why) = result {
                refused += 1;
                first.get_or_insert_with(|| (clean_name(name), why));
            }
        }
        let kept = tracker.practices.into_iter().map(|p| p.name).collect();
        (kept, refused, first)
    }
}

/// A change the visitor asks for. Each says the end state it wants ("done", not "toggle"),
/// so applying it again to a fresher copy of the data (another tab saved meanwhile) gives
/// the same result and never undoes the other tab's work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    SetDone {
        day: Day,
        practice: PracticeId,
        done: bool,
    },
    SetNote {
        day: Day,
        note: String,
    },
    AddPractice {
        name: String,
    },
    RenamePractice {
        id: PracticeId,
        name: String,
    },
    SetArchived {
        id: PracticeId,
        archived: bool,
    },
    /// Moves a practice one place up (-1) or down (+1) among the active ones.
    MovePractice {
        id: PracticeId,
        by: i8,
    },
}

/// Why a change was refused. A value: the words the visitor reads are
/// `ui::strings::tracker_error`'s.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrackerError {
    FutureDay,
    EmptyName,
    NameTooLong,
    DuplicateName(String),
    TooManyPractices,
    NoteTooLong,
    UnknownPractice,
    /// An import (or data kept from this page) would break a limit once merged with what
    /// another tab saved meanwhile.
    ImportDoesNotFit,
}

/// A practice name as stored: trimmed, inner runs of white space folded to one space.
pub fn clean_name(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The one rule for "the same practice" by name, wherever names are compared (adding,
/// renaming, merging, replaying, importing, validating): cleaned, then lower case.
pub fn name_key(name: &str) -> String {
    clean_name(name).to_lowercase()
}

impl Tracker {
    pub fn practice(&self, id: PracticeId) -> Option<&Practice> {
        self.practices.iter().find(|p| p.id == id)
    }

    /// The practice that `name` names, by the one rule ([`name_key`]).
    pub fn practice_named(&self, name: &str) -> Option<&Practice> {
        let key = name_key(name);
        self.practices.iter().find(|p| name_key(&p.name) == key)
    }

    pub fn active_practices(&self) -> impl Iterator<Item = &Practice> {
        self.practices.iter().filter(|p| !p.archived)
    }

    pub fn archived_practices(&self) -> impl Iterator<Item = &Practice> {
        self.practices.iter().filter(|p| p.archived)
    }

    pub fn entry(&self, day: Day) -> Option<&DayEntry> {
        self.days.get(&day)
    }

    pub fn is_done(&self, day: Day, practice: PracticeId) -> bool {
        self.days
            .get(&day)
            .is_some_and(|e| e.done.contains(&practice))
    }

    fn practice_mut(&mut self, id: PracticeId) -> Result<&mut Practice, TrackerError> {
        self.practices
            .iter_mut()
            .find(|p| p.id == id)
            .ok_or(TrackerError::UnknownPractice)
    }

    /// An id no practice has: one more than the largest, within [`MAX_PRACTICE_ID`]; at the
    /// bound, the smallest free one. None only if every id up to the bound is taken, which
    /// [`MAX_PRACTICES`] rules out.
    pub fn fresh_id(&self) -> Option<PracticeId> {
        let largest = self.practices.iter().map(|p| p.id.0).max().unwrap_or(0);
        largest
            .checked_add(1)
            .filter(|id| *id <= MAX_PRACTICE_ID)
            .or_else(|| (1..=MAX_PRACTICE_ID).find(|id| self.practice(PracticeId(*id)).is_none()))
            .map(PracticeId)
    }

    /// Checks a new name for practice `renaming` (None when adding); returns it cleaned.
    fn check_name(&self, name: &str, renaming: Option<PracticeId>) -> Result<String, TrackerError> {
        let name = clean_name(name);
        if name.is_empty() {
            return Err(TrackerError::EmptyName);
        }
        if name.chars().count() > NAME_MAX_CHARS {
            return Err(TrackerError::NameTooLong);
        }
        let key = name_key(&name);
        if let Some(other) = self
            .practices
            .iter()
            .find(|p| Some(p.id) != renaming && name_key(&p.name) == key)
        {
            return Err(TrackerError::DuplicateName(other.name.clone()));
        }
        Ok(name)
    }

    /// Applies one change. `today` is the visitor's local date: days after it are refused.
    pub fn apply(&self, action: &Action, today: Day) -> Result<Tracker, TrackerError> {
        let mut next = self.clone();
        next.apply_in_place(action, today)?;
        Ok(next)
    }

    /// Whether `action` may be applied, without applying it (nothing is copied): the checks
    /// [`Tracker::apply_in_place`] makes before it changes anything.
    pub fn check(&self, action: &Action, today: Day) -> Result<(), TrackerError> {
        let exists = |id: &PracticeId| {
            self.practice(*id)
                .map(|_| ())
                .ok_or(TrackerError::UnknownPractice)
        };
        match action {
            Action::SetDone { day, practice, .. } => {
                if *day > today {
                    return Err(TrackerError::FutureDay);
                }
                exists(practice)
            }
            Action::SetNote { day, note } => {
                if *day > today {
                    return Err(TrackerError::FutureDay);
                }
                // A note joined from two by an import may be longer than one can type; it
                // can still be edited as long as it does not grow past its own length.
                let existing = self.days.get(day).map_or(0, |e| e.note.chars().count());
                if note.trim().chars().count() > NOTE_MAX_CHARS.max(existing) {
                    return Err(TrackerError::NoteTooLong);
                }
                Ok(())
            }
            Action::AddPractice { name } => {
                if self.practices.len() >= MAX_PRACTICES || self.fresh_id().is_none() {
                    return Err(TrackerError::TooManyPractices);
                }
                self.check_name(name, None).map(|_| ())
            }
            Action::RenamePractice { id, name } => {
                exists(id)?;
                self.check_name(name, Some(*id)).map(|_| ())
            }
            Action::SetArchived { id, .. } | Action::MovePractice { id, .. } => exists(id),
        }
    }

    /// [`Tracker::apply`] without a copy: every check ([`Tracker::check`]) is made before
    /// anything changes, so a refused change leaves the tracker exactly as it was.
    pub fn apply_in_place(&mut self, action: &Action, today: Day) -> Result<(), TrackerError> {
        self.check(action, today)?;
        match action {
            Action::SetDone {
                day,
                practice,
                done,
            } => {
                let entry = self.days.entry_mut(*day);
                if *done {
                    entry.done.insert(*practice);
                } else {
                    entry.done.remove(practice);
                }
            }
            Action::SetNote { day, note } => {
                self.days.entry_mut(*day).note = note.trim().to_owned();
            }
            Action::AddPractice { name } => {
                let id = self.fresh_id().ok_or(TrackerError::TooManyPractices)?;
                self.practices.push(Practice {
                    id,
                    name: clean_name(name),
                    archived: false,
                });
            }
            Action::RenamePractice { id, name } => {
                self.practice_mut(*id)?.name = clean_name(name);
            }
            Action::SetArchived { id, archived } => {
                self.practice_mut(*id)?.archived = *archived;
            }
            Action::MovePractice { id, by } => {
                let from = self
                    .practices
                    .iter()
                    .position(|p| p.id == *id)
                    .ok_or(TrackerError::UnknownPractice)?;
                // Step over archived practices: the visitor sees only the active list.
                let mut to = from;
                loop {
                    let candidate = if *by < 0 {
                        to.checked_sub(1)
                    } else {
                        Some(to + 1).filter(|&i| i < self.practices.len())
                    };
                    match candidate {
                        Some(i) => {
                            to = i;
                            if !self.practices[i].archived {
                                break;
                            }
                        }
                        None => {
                            to = from;
                            break;
                        }
                    }
                }
                if to != from {
                    let practice = self.practices.remove(from);
                    self.practices.insert(to, practice);
                }
            }
        }
        // A day emptied by this change is not kept.
        if let Action::SetDone { day, .. } | Action::SetNote { day, .. } = action {
            if self.days.get(day).is_some_and(DayEntry::is_empty) {
                self.days.remove(day);
            }
        }
        Ok(())
    }
}
