//! Everything about keeping tracker data: the versioned saved form and its migrations
//! (`schema`, serde derives read and written by serde_json), export and import (`transfer`),
//! the store that reads and writes with every fault handled (`store`), and the browser's
//! localStorage behind it (`browser`).

pub mod browser;
pub mod companion;
pub mod schema;
pub mod store;
pub mod transfer;

pub use store::{
    is_key_name, storage_key_for, KeyValue, MemoryStorage, Notice, Store, DEFAULT_KEY,
};
