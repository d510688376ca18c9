//! The practice tracker's domain, pure: no web API and no clock. "Today" is always a
//! parameter, so every rule here is tested natively, with any date.

pub mod day;
pub mod days;
pub mod merge;
pub mod model;
pub mod stats;

pub use day::Day;
pub use days::{Days, Month};
pub use model::{Action, DayEntry, Practice, PracticeId, Tracker, TrackerError};
