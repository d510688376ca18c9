//! Everything about keeping tracker data: the versioned saved form and its migrations
//! (`schema`, serde derives read and written by serde_json), export and import (`transfer`),
//! the store that reads and writes with every fault handled (`store`, over the key-value
//! seam `kv`, with its unsaved changes in `replay` and its keys in `keys`), what is kept
//! beside the data (`companion`), and the browser's localStorage behind it all (`browser`).

pub mod browser;
pub mod companion;
pub mod keys;
pub mod kv;
mod migrate;
pub mod months;
mod replay;
mod saving;
pub mod schema;
pub mod store;
pub mod transfer;

pub use keys::{
    fnv1a, is_key_name, key_name_pattern, storage_key_for, DEFAULT_KEY, KEY_NAME_MARKS,
    KEY_NAME_MAX,
};
pub use kv::{Fault, KeyValue, MemoryStorage};
pub use store::{Notice, Store};
