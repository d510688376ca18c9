//! What the widget remembers about keeping the visitor's data safe, beside the data itself:
//! when it was last exported, when the reminder to export was put off, when the browser was
//! last asked to keep the site's storage. Saved under `<key>#companion` (`#` is in no key, so
//! it can never be another widget's), never in the tracker's own record: an older release
//! reading that record must not meet a field it does not know. Pure: "today" is a parameter.

use serde::{Deserialize, Serialize};

use std::ops::Bound;

use crate::tracker::{Day, DayEntry, Tracker};

/// Days after an export (or, never exported, after the first tick) before the reminder to
/// export comes, and for which "Not now" puts it off.
pub const REMIND_AFTER_DAYS: i32 = 30;
/// Days before the browser is asked again to keep the data (Firefox asks the visitor).
pub const ASK_AGAIN_AFTER_DAYS: i32 = 30;

/// `last_export` is also set by an import (the file is a copy kept elsewhere).
/// Saved as `{"lastExport":"2026-11-01","reminderPutOff":"…","persistAsked":"…"}`, each only
/// when set. Unreadable or foreign text reads as nothing remembered: at worst a reminder
/// comes early; the tracker's data is not touched.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Companion {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_export: Option<Day>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reminder_put_off: Option<Day>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub persist_asked: Option<Day>,
}

/// Where the companion record of the data under `key` lives.
pub fn companion_key(key: &str) -> String {
    format!("{key}#companion")
}

/// More than `days` days from `then` to `today` (a `then` after today counts as recent; the
/// panel settles such dates to today when it opens, [`Companion::settled`]).
fn long_ago(then: Day, today: Day, days: i32) -> bool {
    today.since(then) > days
}

impl Companion {
    pub fn read(text: &str) -> Companion {
        serde_json::from_str(text).unwrap_or_default()
    }

    pub fn to_text(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The gentle reminder to export: when the last export (never exported: the first tick)
    /// is more than 30 days old, something was ticked since, and it was not put off in the
    /// last 30 days. Never on a first visit: the first tick is today then.
    pub fn export_reminder_due(&self, tracker: &Tracker, today: Day) -> bool {
        let ticked = |(_, entry): &(&Day, &DayEntry)| !entry.done.is_empty();
        let since = match self.last_export {
            // Something ticked after the export, up to today (a range: no walk through years).
            Some(exported) => {
                let after = (Bound::Excluded(exported), Bound::Included(today));
                if exported >= today || !tracker.days.range(after).any(|e| ticked(&e)) {
                    return false;
                }
                exported
            }
            None => match tracker.days.range(..=today).find(ticked) {
                Some((first, _)) => *first,
                None => return false,
            },
        };
        long_ago(since, today, REMIND_AFTER_DAYS)
            && self
                .reminder_put_off
                .is_none_or(|put_off| long_ago(put_off, today, REMIND_AFTER_DAYS))
    }

    /// The record with any date after today (from a clock that was set wrong) made today, so
    /// it cannot keep the reminder quiet, or the browser unasked, for longer than a month.
    /// None when there is none.
    pub fn settled(&self, today: Day) -> Option<Companion> {
        let settle = |day: Option<Day>| day.map(|d| d.min(today));
        let settled = Companion {
            last_export: settle(self.last_export),
            reminder_put_off: settle(self.reminder_put_off),
            persist_asked: settle(self.persist_asked),
        };
        (settled != *self).then_some(settled)
    }

    /// Whether to ask the browser to keep the data now (after a tick; the caller knows it
    /// is not kept yet): not asked before, or not in the last 30 days.
    pub fn may_ask_to_persist(&self, today: Day) -> bool {
        self.persist_asked
            .is_none_or(|asked| long_ago(asked, today, ASK_AGAIN_AFTER_DAYS))
    }
}
