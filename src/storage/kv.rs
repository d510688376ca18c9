//! The key-value seam: what the store needs of localStorage, so that every fault can be
//! simulated natively (`MemoryStorage` here, the tests' fakes) and the browser's storage sits
//! behind it (`browser::BrowserStorage`).

/// What a key-value store can fail with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// Storage cannot be used at all (blocked by settings, sandboxed frame).
    Blocked,
    /// A write was refused (storage full, or private mode).
    WriteRefused,
}

/// A string key-value store: localStorage, or memory.
pub trait KeyValue {
    fn get(&self, key: &str) -> Result<Option<String>, Fault>;
    fn set(&mut self, key: &str, value: &str) -> Result<(), Fault>;
    fn remove(&mut self, key: &str) -> Result<(), Fault>;
    /// Every key held (to find backups without guessing their names).
    fn keys(&self) -> Result<Vec<String>, Fault>;
}

impl<T: KeyValue + ?Sized> KeyValue for Box<T> {
    fn get(&self, key: &str) -> Result<Option<String>, Fault> {
        (**self).get(key)
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), Fault> {
        (**self).set(key, value)
    }
    fn remove(&mut self, key: &str) -> Result<(), Fault> {
        (**self).remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, Fault> {
        (**self).keys()
    }
}

/// Storage that lives only as long as the page: the fallback when localStorage is blocked.
/// It holds a few keys (the data, its companion record, a backup or two): a list, smaller
/// in the wasm than a map type.
#[derive(Debug, Default, Clone)]
pub struct MemoryStorage(Vec<(String, String)>);

impl KeyValue for MemoryStorage {
    fn get(&self, key: &str) -> Result<Option<String>, Fault> {
        Ok(self
            .0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone()))
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), Fault> {
        match self.0.iter_mut().find(|(k, _)| k == key) {
            Some((_, v)) => *v = value.to_owned(),
            None => self.0.push((key.to_owned(), value.to_owned())),
        }
        Ok(())
    }
    fn remove(&mut self, key: &str) -> Result<(), Fault> {
        self.0.retain(|(k, _)| k != key);
        Ok(())
    }
    fn keys(&self) -> Result<Vec<String>, Fault> {
        Ok(self.0.iter().map(|(k, _)| k.clone()).collect())
    }
}
