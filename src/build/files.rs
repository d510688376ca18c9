//! The files of a build: those Trunk wrote, found by role; the names of those the
//! pre-render step writes, by a hash of their text; and the build's id.

/// The stem of Trunk's JS glue and wasm: the crate's name.
pub const GLUE_STEM: &str = super::PACKAGE;
/// The stem of Trunk's stylesheet (styles/widget.css) and of the pre-rendered widget.
pub const WIDGET_STEM: &str = "widget";
/// The stem of the host module.
pub const HOST_STEM: &str = "embed-host";

/// Every content-hashed file's stem, in one place: the build's files are named
/// `<stem>-<hash>.<ext>` (the wasm `<stem>-<hash>_bg.wasm`) and may be cached for a year.
/// The deploy files' rules for them come from here (`_headers`) or match their shape (the
/// `.htaccess` and nginx patterns, which `tests/build.rs` checks against these names); every
/// other file keeps its name across releases and is never cached without asking.
pub const HASHED_STEMS: [&str; 3] = [GLUE_STEM, WIDGET_STEM, HOST_STEM];

/// The hashed files Trunk built, by role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuiltFiles {
    pub js: String,
    pub wasm: String,
    pub css: String,
}

/// Finds the JS glue, the wasm and the stylesheet among the names of the built files.
pub fn find_built_files(names: &[String]) -> Result<BuiltFiles, String> {
    let find = |what: &str, test: &dyn Fn(&str) -> bool| -> Result<String, String> {
        let found: Vec<&String> = names.iter().filter(|n| test(n)).collect();
        match found.as_slice() {
            [one] => Ok((*one).clone()),
            [] => Err(format!("no {what} among the built files")),
            _ => Err(format!("more than one {what}: {found:?}")),
        }
    };
    Ok(BuiltFiles {
        js: find("JS glue", &|n| {
            n.strip_prefix(GLUE_STEM)
                .is_some_and(|rest| rest.starts_with('-') && rest.ends_with(".js"))
        })?,
        wasm: find("wasm", &|n| n.ends_with("_bg.wasm"))?,
        css: find("stylesheet", &|n| {
            n.strip_prefix(WIDGET_STEM)
                .is_some_and(|rest| rest.starts_with('-') && rest.ends_with(".css"))
        })?,
    })
}

/// A file the pre-render step writes into dist/, named `<stem>-<hash>.<ext>` by a hash of
/// its text, so it can be cached for a year like Trunk's hashed files.
pub fn hashed_name(stem: &str, ext: &str, text: &str) -> String {
    format!(
        "{stem}-{:016x}.{ext}",
        fnv(0xcbf2_9ce4_8422_2325, text.as_bytes())
    )
}

/// FNV-1a, 64-bit, from `hash`: changes whenever the bytes do.
fn fnv(hash: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(hash, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A build's id, from the contents of its files: the service worker's cache is named by it,
/// so a build with any file changed gets a cache of its own.
pub fn build_id(files: &[Vec<u8>]) -> String {
    let hash = files.iter().fold(0xcbf2_9ce4_8422_2325, |hash, file| {
        fnv(fnv(hash, &(file.len() as u64).to_le_bytes()), file)
    });
    format!("{}-{hash:016x}", super::RELEASE)
}
