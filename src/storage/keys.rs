//! Storage keys: the grammar of a widget's key name, the namespaced key it stores under,
//! and the names of what is kept beside it (backups of unreadable data; the months, in
//! `months`; the companion record, in `companion`). `#` is in no key, so
//! nothing kept beside one widget's data can ever be another widget's.

use super::kv::{Fault, KeyValue};

/// The 64-bit FNV-1a hash of `text`: a short name that is the same for the same text (a
/// month's key; a reminder's identity), not a check (nothing here is a secret).
pub fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The storage key the standalone page uses; the embed can set its own.
pub const DEFAULT_KEY: &str = "emotional-intimacy-widget";

/// The longest key name.
pub const KEY_NAME_MAX: usize = 64;
/// What a key name may hold besides ASCII letters and digits.
pub const KEY_NAME_MARKS: [char; 4] = ['.', '_', '-', ':'];

/// A widget's key name (`data-storage-key`): 1 to [`KEY_NAME_MAX`] letters, digits, or
/// [`KEY_NAME_MARKS`]. Backup keys use `#`, which no key may contain, so a backup can never
/// be another widget's data. The builder checks the same grammar ([`key_name_pattern`]).
pub fn is_key_name(name: &str) -> bool {
    (1..=KEY_NAME_MAX).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || KEY_NAME_MARKS.contains(&c))
}

/// The key name grammar as a regular expression (the whole value), for the builder's form
/// field and script: the same rule as [`is_key_name`].
pub fn key_name_pattern() -> String {
    let marks: String = KEY_NAME_MARKS
        .iter()
        .map(|c| {
            if *c == '-' {
                "\\-".to_owned()
            } else {
                c.to_string()
            }
        })
        .collect();
    format!("[A-Za-z0-9{marks}]{{1,{KEY_NAME_MAX}}}")
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
