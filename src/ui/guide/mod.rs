//! The guide's components, one per file, and the open/closed state they share.

mod disclosure;
mod expand_all;
mod faq;
mod header;
mod open_state;
mod quick_take;
mod sections;

pub use disclosure::{Disclosure, DisclosureProps};
pub use expand_all::ExpandAll;
pub use faq::Faq;
pub use header::GuideHeader;
pub use open_state::{OpenAction, OpenState};
pub use quick_take::QuickTake;
pub use sections::Sections;

use yew::Callback;

/// Called when the visitor opens or closes an item: its slug and whether it is now open.
pub type OnToggle = Callback<(&'static str, bool)>;
