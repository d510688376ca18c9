//! Saving the tracker, natively against simulated storage: the schema and its migration,
//! export and import, the store under every storage fault, the data kept in months, and the
//! companion record.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../common/mod.rs"]
mod common;

mod companion;
mod months;
mod months_property;
mod schema;
mod store;
mod suggested;
mod transfer;
