//! Saving the tracker, natively against simulated storage: the schema and its migration,
//! export and import, the store under every storage fault, and the companion record.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../common/mod.rs"]
mod common;

mod companion;
mod schema;
mod store;
mod transfer;
