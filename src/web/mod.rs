//! The browser calls the widget makes outside rendering. Each returns quietly when the API is
//! missing (natively, or in a locked-down frame): none of them is worth a panic.
//!
//! - `page`: the widget's own part of the page: the address's fragment, scrolling to a
//!   section (below pinned headers), `<details>`, focus, the pre-rendered markup's check.
//! - `host`: the page around the widget: where it is (host, frames), events it hears, printing.
//! - `device`: the visitor's device: today's date, downloads, the browser keeping storage,
//!   whether the page runs installed.

mod device;
mod host;
mod page;

pub use device::*;
pub use host::*;
pub use page::*;

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}
