//! What every part of the tracker reads, handed down once by `PracticeTracker` as a Yew
//! context instead of prop by prop: today's date, where headings start, whether notes are
//! on, and the one stable way to ask for anything (`send`).

use std::rc::Rc;

use yew::prelude::*;

use crate::storage::transfer::ImportMode;
use crate::tracker::{Action, Day, Tracker};

/// Sent by the tracker's components; answered by the store (`use_store`) or the UI state.
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    Change(Action),
    /// Import a file's data (merged into, or replacing, the freshest stored data). The data
    /// panel then says whether it worked.
    Import {
        incoming: Rc<Tracker>,
        mode: ImportMode,
    },
    DeleteAll,
    /// Download a copy (JSON, or CSV for spreadsheets); remembered as the last export.
    Export {
        csv: bool,
    },
    /// "Not now" to the reminder to save a copy.
    PutOffReminder,
    /// Read storage again now (before printing: what another tab saved is included).
    Refresh,
    /// Look at another day (today or later: follow today).
    Choose(Day),
    /// What the data panel said is no longer news.
    Forget,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TrackerContext {
    /// Where every request goes. The same callback for the widget's whole life, so a part
    /// whose own data did not change is not rendered again.
    pub send: Callback<Request>,
    /// The visitor's date (changes at midnight, and once the tracker has loaded).
    pub today: Day,
    /// The skeleton shown before loading: inert, and no date is known yet.
    pub pending: bool,
    /// The level of each part's heading (one below the tracker's own).
    pub level: u8,
    /// Whether the tracker takes notes (a host may turn them off).
    pub notes: bool,
}

impl Default for TrackerContext {
    fn default() -> Self {
        TrackerContext {
            send: Callback::noop(),
            today: Day::EPOCH,
            pending: true,
            level: 3,
            notes: true,
        }
    }
}

/// The tracker's context. (Outside a `PracticeTracker`, which never happens, a default one
/// whose requests go nowhere.)
#[hook]
pub fn use_tracker() -> TrackerContext {
    use_context::<TrackerContext>().unwrap_or_default()
}
