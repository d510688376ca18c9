//! The emotional-intimacy guide widget. A map of the crate (ARCHITECTURE.md has the why):

/// The guide as data: the seed text, parsed into a typed model at build time.
pub mod content;

/// A daily reminder for the visitor's own calendar, as an iCalendar file.
pub mod calendar;
/// Embedding in host pages: options and mounting.
pub mod embed;
/// Saving the tracker: schema and migrations, export/import, the fault-proof store.
pub mod storage;
/// The practice tracker's pure domain: days, practices, the reducer, stats, merging.
pub mod tracker;
/// Yew components, one per file, that touch no web API while rendering.
pub mod ui;
/// The few browser calls the widget makes (URL fragment, scrolling), outside rendering.
pub mod web;

#[cfg(not(target_arch = "wasm32"))]
/// The build's own step (pre-rendering with Yew's `ServerRenderer`, the pages rewritten, the
/// files it writes), natively: Trunk's post-build hook runs it.
pub mod build;

/// The id of the element the widget's own pages (index.html, frame.html) mount it into.
pub const ROOT_ID: &str = "emotional-intimacy";
/// The attribute that marks that element as ours, so a host page's element that happens to
/// have the same id is never taken for it.
pub const PAGE_ATTR: &str = "data-ei-page";
