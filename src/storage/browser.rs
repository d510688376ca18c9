//! The browser side of storage: localStorage, through gloo-storage, after checking it can be
//! touched at all. (The date, downloads and keeping the storage are `web::device`'s.)

use super::kv::{Fault, KeyValue};

/// localStorage, reached through gloo-storage.
pub struct BrowserStorage(web_sys::Storage);

impl BrowserStorage {
    /// localStorage, if this page may use it. gloo-storage panics (`expect_throw`) when the
    /// `localStorage` getter throws (blocked cookies, sandboxed frames), so check first.
    pub fn open() -> Option<BrowserStorage> {
        let window = web_sys::window()?;
        let storage = window.local_storage().ok()??;
        // Some browsers return an object that throws on every use: try one read.
        storage.length().ok()?;
        use gloo_storage::Storage as _;
        Some(BrowserStorage(gloo_storage::LocalStorage::raw()))
    }
}

impl KeyValue for BrowserStorage {
    fn get(&self, key: &str) -> Result<Option<String>, Fault> {
        self.0.get_item(key).map_err(|_| Fault::Blocked)
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), Fault> {
        self.0.set_item(key, value).map_err(|_| Fault::WriteRefused)
    }
    fn remove(&mut self, key: &str) -> Result<(), Fault> {
        self.0.remove_item(key).map_err(|_| Fault::WriteRefused)
    }
    fn keys(&self) -> Result<Vec<String>, Fault> {
        let count = self.0.length().map_err(|_| Fault::Blocked)?;
        (0..count)
            .filter_map(|i| self.0.key(i).map_err(|_| Fault::Blocked).transpose())
            .collect()
    }
}
