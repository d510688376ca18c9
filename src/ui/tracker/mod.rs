//! The practice tracker's components, one per file. `PracticeTracker` owns the store and
//! the clock (in effects); the others render what it gives them and send back `Request`s.

mod day_view;
mod history;
mod notices;
mod panel;
mod practices;
mod your_data;

pub use day_view::DayView;
pub use history::History;
pub use notices::StorageNotices;
pub use panel::{PracticeTracker, PracticeTrackerProps, Request, TrackerView};
pub use practices::ManagePractices;
pub use your_data::YourData;
