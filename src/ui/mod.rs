//! Yew components. Rule: rendering reads no web API (no `window`, no storage, no clock), so
//! every component renders natively with `ServerRenderer`; browser work happens in effects
//! and callbacks only.

mod app;
mod focus;
pub mod guide;
mod heading;
pub mod renders;
pub mod strings;
pub mod tracker;

pub use app::{App, AppProps};
pub use focus::{use_focus_after_render, FocusAfterRender};
pub use heading::Heading;
