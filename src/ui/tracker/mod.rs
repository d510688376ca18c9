//! The practice tracker's components, one per file. `PracticeTracker` owns the store and
//! the clock (in effects); the others render what it gives them and send back `Request`s.

mod day_view;
mod history;
mod notices;
mod panel;
mod practices;
mod reminder;
mod summary;
mod your_data;

pub use day_view::DayView;
pub use history::History;
pub use notices::StorageNotices;
pub use panel::{PracticeTracker, PracticeTrackerProps, Request, TrackerView};
pub use practices::ManagePractices;
pub use reminder::ExportReminder;
pub use summary::CounsellorSummary;
pub use your_data::{Keeping, Place, YourData};

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

/// The practices alone, shared the same way. A tick does not change them, so the view keeps
/// the same one across ticks, and the components that show only practices (managing them)
/// are not rendered again.
#[derive(Debug, Clone)]
pub struct SharedPractices(pub Rc<Vec<Practice>>);

impl PartialEq for SharedPractices {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Deref for SharedPractices {
    type Target = [Practice];
    fn deref(&self) -> &[Practice] {
        &self.0
    }
}
