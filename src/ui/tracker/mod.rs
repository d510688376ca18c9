//! The practice tracker's components, one per file. `PracticeTracker` holds the store
//! through `use_store` and hands its parts what they show as props, and what they all read
//! (today, `send`) as a context; the parts render that and send back `Request`s.

mod calendar_reminder;
mod context;
mod day_view;
mod delete_all;
mod heat_cell;
mod history;
mod import;
mod notices;
mod panel;
mod practices;
mod reminder;
pub mod state;
mod summary;
mod use_store;
mod your_data;

pub use calendar_reminder::CalendarReminder;
pub use context::{use_tracker, Request, TrackerContext};
pub use day_view::DayView;
pub use history::History;
pub use notices::StorageNotices;
pub use panel::{PracticeTracker, PracticeTrackerProps};
pub use practices::ManagePractices;
pub use reminder::ExportReminder;
pub use state::{Keeping, Place};
pub use summary::CounsellorSummary;
pub use use_store::use_store;
pub use your_data::YourData;

use std::ops::Deref;
use std::rc::Rc;

use crate::tracker::{Practice, Tracker};

/// The tracker as the components receive it: shared, not copied, and compared by identity
/// (each change makes a new one), so re-rendering never walks years of history to find out
/// whether anything changed.
#[derive(Debug, Clone)]
pub struct SharedTracker(pub Rc<Tracker>);

impl PartialEq for SharedTracker {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Deref for SharedTracker {
    type Target = Tracker;
    fn deref(&self) -> &Tracker {
        &self.0
    }
}

/// A tracker's practices alone, compared by the practices (a handful): a tick changes only
/// the days, so what shows only practices (managing them) is not rendered again.
#[derive(Debug, Clone)]
pub struct PracticesOf(pub Rc<Tracker>);

impl PartialEq for PracticesOf {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0) || self.0.practices == other.0.practices
    }
}

impl Deref for PracticesOf {
    type Target = [Practice];
    fn deref(&self) -> &[Practice] {
        &self.0.practices
    }
}

/// What a visitor with nothing saved starts with: the practices a site suggests, or the
/// seven defaults. Compared by its practices (a handful; it has no days).
#[derive(Debug, Clone, Default)]
pub struct Starting(pub Rc<Tracker>);

impl PartialEq for Starting {
    fn eq(&self, other: &Self) -> bool {
        PracticesOf(Rc::clone(&self.0)) == PracticesOf(Rc::clone(&other.0))
    }
}

impl Starting {
    /// Starting with these practices (already checked: `embed::options` reads them).
    pub fn with(names: &[impl AsRef<str>]) -> Starting {
        Starting(Rc::new(Tracker::starting_with(names)))
    }
}
