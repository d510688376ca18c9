//! Storage keys: the grammar of a widget's key name, the namespaced key it stores under,
//! and the names of what is kept beside it (backups of unreadable data). `#` is in no key, so
//! nothing kept beside one widget's data can ever be another widget's.

use super::kv::{Fault, KeyValue};

/// The storage key the standalone page uses; the embed can set its own.
pub const DEFAULT_KEY: &str = "emotional-intimacy-widget";

/// A widget's key name (`data-storage-key`): 1 to 64 letters, digits, or `. _ - :`. Backup
/// keys use `#`, which no key may contain, so a backup can never be another widget's data.
pub fn is_key_name(name: &str) -> bool {
    (1..=64).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
}

/// The localStorage key for a widget keyed `name`: namespaced as
/// `emotional-intimacy-widget:<name>`, so a host page's own keys can never be read, backed
/// up, overwritten or deleted. None when `name` breaks the grammar ([`is_key_name`]).
pub fn storage_key_for(name: &str) -> Option<String> {
    if name == DEFAULT_KEY {
        Some(DEFAULT_KEY.to_owned())
    } else {
        is_key_name(name).then(|| format!("{DEFAULT_KEY}:{name}"))
    }
}

/// Where unreadable data under `key` is set aside: `<key>#unreadable-backup-<n>`.
pub(super) fn backup_prefix(key: &str) -> String {
    format!("{key}#unreadable-backup-")
}

/// True for the names earlier releases gave backups of `key`: `<key>.unreadable-backup` and
/// `<key>.unreadable-backup-<n>`. Such a name can also be another widget's own key, so one
/// is only ever deleted when it holds no readable tracker data.
pub(super) fn is_legacy_backup(candidate: &str, key: &str) -> bool {
    candidate
        .strip_prefix(key)
        .and_then(|rest| rest.strip_prefix(".unreadable-backup"))
        .is_some_and(|n| {
            n.is_empty()
                || n.strip_prefix('-')
                    .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        })
}

/// The backup key for unreadable data: the first free `<key>#unreadable-backup-<n>`, or the
/// one already holding exactly this text.
pub(super) fn backup_key_for(kv: &dyn KeyValue, key: &str, raw: &str) -> Result<String, Fault> {
    let prefix = backup_prefix(key);
    for n in 1..100 {
        let candidate = format!("{prefix}{n}");
        match kv.get(&candidate)? {
            None => return Ok(candidate),
            Some(existing) if existing == raw => return Ok(candidate),
            Some(_) => continue,
        }
    }
    Err(Fault::WriteRefused)
}
