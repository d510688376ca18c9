//! `cargo xtask dist`: the release build in dist/ (built for size, minified, with .gz and .br
//! beside each file), what the browser downloads from it, the standalone page's size budget,
//! and docs/sizes.md, the table of those sizes that `dist` writes and `test` checks.

use std::path::Path;

use crate::tools::{self, Tools};
use crate::{run, step};

/// Builds `dist/` in release mode, prints what the browser downloads, and writes those
/// figures into docs/sizes.md (`cargo xtask test` checks them, without writing).
pub fn dist(root: &Path) -> Result<Tools, String> {
    let tools = Tools::ensure_build(root)?;
    let sizes = build_dist(root, &tools)?;
    write_sizes_file(root, &sizes)?;
    Ok(tools)
}

/// How the release wasm is built for size, in one place: the std library rebuilt for size
/// (its smaller algorithms), without panic messages, panic locations or Debug formatting
/// (nothing a visitor sees uses `{:?}`). For the wasm only: Trunk.toml's post-build hook
/// unsets each of these for the native pre-render step (a test checks it does).
const SIZE_BUILD_ENV: [(&str, &str); 4] = [
    ("RUSTUP_TOOLCHAIN", tools::SIZE_TOOLCHAIN),
    ("CARGO_UNSTABLE_BUILD_STD", "std,panic_abort"),
    ("CARGO_UNSTABLE_BUILD_STD_FEATURES", "optimize_for_size"),
    (
        "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS",
        "-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none",
    ),
];

pub fn build_dist(root: &Path, tools: &Tools) -> Result<Vec<FileSize>, String> {
    step("Release build into dist/");
    run(tools
        .command("trunk")
        .current_dir(root)
        .args(["build", "--release"])
        .envs(SIZE_BUILD_ENV))?;
    step("Minifying the stylesheet and scripts (esbuild); the stylesheet inline in the pages");
    run(tools
        .command("node")
        .arg(root.join("xtask/tools/minify.mjs"))
        .arg(root.join("dist")))?;
    let sizes = compress(root, tools)?;
    print_sizes(&sizes);
    Ok(sizes)
}

/// One built file's size, raw and as the .gz and .br written beside it.
pub struct FileSize {
    name: String,
    raw: u64,
    gzip: u64,
    brotli: u64,
}

/// Writes .gz and .br beside every file in dist/ and returns their sizes.
fn compress(root: &Path, tools: &Tools) -> Result<Vec<FileSize>, String> {
    let out = tools
        .command("node")
        .arg(root.join("xtask/tools/compress.mjs"))
        .arg(root.join("dist"))
        .output()
        .map_err(|e| format!("could not run node: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "compressing dist/ failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let number = |line: &str, key: &str| -> u64 {
        let at = line.find(&format!("\"{key}\":")).map(|i| i + key.len() + 3);
        at.and_then(|i| {
            line[i..]
                .split(|c: char| !c.is_ascii_digit())
                .next()
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
    };
    Ok(String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|line| {
            let name = line
                .split("\"name\":\"")
                .nth(1)?
                .split('"')
                .next()?
                .to_owned();
            Some(FileSize {
                name,
                raw: number(line, "raw"),
                gzip: number(line, "gzip"),
                brotli: number(line, "brotli"),
            })
        })
        .collect())
}

fn print_sizes(sizes: &[FileSize]) {
    println!(
        "\n{:<52} {:>9} {:>9} {:>9}",
        "dist/ file", "bytes", "gzip", "brotli"
    );
    for f in sizes {
        println!("{:<52} {:>9} {:>9} {:>9}", f.name, f.raw, f.gzip, f.brotli);
    }
}

/// What the standalone page makes the browser download, gzip-compressed: its HTML (with the
/// stylesheet inline), the loader, the JS glue and the wasm.
fn page_weight(sizes: &[FileSize]) -> u64 {
    sizes
        .iter()
        .filter(|f| is_page_file(&f.name))
        .map(|f| f.gzip)
        .sum()
}

/// A file the standalone page downloads: its HTML, embed.js, the JS glue and the wasm.
fn is_page_file(name: &str) -> bool {
    !name.contains('/')
        && (name == "index.html"
            || name == "embed.js"
            || name.ends_with(".wasm")
            || (name.ends_with(".js") && name.starts_with("emotional-intimacy-widget-")))
}

/// The size budget for the standalone page, gzip bytes, in one place. It was set from a
/// measured release build (once serde_json came back in) plus under 0.5 KB, and has been
/// moved only on purpose, when features were added (the daily companion; then privacy per
/// shape, real sites and accessibility together), each time to that build's measured weight
/// plus about 2 KB. It does not grow for anything smaller: new code pays for itself. (Loading
/// only what the first screen needs is the way to make it smaller.) The measured figures are
/// in docs/sizes.md, which `cargo xtask dist` writes from its build.
///
/// Moved once without a feature, by 2 KiB, for the tracker's state through Yew: its
/// context (`ContextProvider`, `use_context`) measured 1.7 KB gzip of wasm by taking it out,
/// and the wasm as a whole grew 1.9 KB. That is for the owner to accept or not: the other
/// ways are the props threaded by hand that the context replaced, or earning it back by
/// loading only what the first screen needs.
///
/// Moved again, by 10 KiB, for ticks that do not grow with the years: the tracker kept in
/// months in memory and in storage (a tick copies and writes its month, not the record, and
/// every fault of a save in parts handled) cost about 10 KB gzip of wasm, and the calendar's
/// days as components of their own (a tick renders the one day it changed) 1 KB. Loading the
/// rarely used parts later was measured (a wasm_split build of our pipeline): the print
/// summary alone made the first download larger, and every rarely used part together weighs
/// about 27 KB, an upper bound, not a way back to 194 KiB. Also for the owner: the other way
/// is the whole record written on every tick again.
///
/// Moved again, by 8 KiB, for a counsellor's own practice: the practices a site suggests
/// (`data-practices`: read and checked by the rules of typed names, the store starting with
/// them, a page's unsaved changes replayed by name onto data another page saved) measured
/// 2.2 KB gzip of wasm, and "Remind me each day" (the calendar file, the page it links to,
/// its download and a share that a host page's scripts cannot make throw, and its
/// component) 6.1 KB. For the owner too: frame.html reads its options in the wasm, and each
/// Yew component with its callbacks costs kilobytes, not bytes.
pub const PAGE_BUDGET_GZIP: u64 = 212 * 1024;

pub fn check_budget(sizes: &[FileSize]) -> Result<(), String> {
    let weight = page_weight(sizes);
    println!(
        "standalone page, gzip: {weight} bytes (budget {PAGE_BUDGET_GZIP}, {:.0}% used)",
        weight as f64 * 100.0 / PAGE_BUDGET_GZIP as f64
    );
    if weight > PAGE_BUDGET_GZIP {
        Err(format!(
            "the standalone page is {weight} bytes gzip, over the {PAGE_BUDGET_GZIP}-byte budget"
        ))
    } else {
        Ok(())
    }
}

/// The generated file of what the browser downloads, relative to the project root.
const SIZES_FILE: &str = "docs/sizes.md";

/// What [`SIZES_FILE`] says before its table.
const SIZES_HEADER: &str = "\
# What the browser downloads

Written by `cargo xtask dist` from the release build it made; do not edit this file by hand
(`cargo xtask test` checks it against its own build).

What the standalone page and an in-page embed make the browser download, file by file,
gzip- and brotli-compressed, in KB of 1,000 bytes.

";

/// The table of what the standalone page and an in-page embed download, from the build's own
/// measurements (KB of 1,000 bytes, one decimal).
fn sizes_table(sizes: &[FileSize]) -> String {
    let kb = |bytes: u64| format!("{:.1} KB", bytes as f64 / 1000.0);
    let find = |test: &dyn Fn(&str) -> bool| {
        sizes
            .iter()
            .find(|f| !f.name.contains('/') && test(&f.name))
    };
    let rows: [(&str, Option<&FileSize>); 6] = [
        ("the wasm", find(&|n| n.ends_with("_bg.wasm"))),
        (
            "its JS glue",
            find(&|n| n.starts_with("emotional-intimacy-widget-") && n.ends_with(".js")),
        ),
        (
            "`index.html` (its stylesheet inline)",
            find(&|n| n == "index.html"),
        ),
        ("`embed.js`", find(&|n| n == "embed.js")),
        (
            "the host module (in-page widgets only)",
            find(&|n| n.starts_with("embed-host-")),
        ),
        (
            "the stylesheet (in-page widgets only)",
            find(&|n| n.starts_with("widget-") && n.ends_with(".css")),
        ),
    ];
    let mut table = String::from("| file | gzip | brotli |\n|---|---|---|\n");
    for (name, file) in rows {
        if let Some(f) = file {
            table.push_str(&format!("| {name} | {} | {} |\n", kb(f.gzip), kb(f.brotli)));
        }
    }
    let page = page_weight(sizes);
    let page_brotli: u64 = sizes
        .iter()
        .filter(|f| is_page_file(&f.name))
        .map(|f| f.brotli)
        .sum();
    table.push_str(&format!(
        "| **the standalone page in all** | **{}** | **{}** |\n\nBudget: {} gzip.",
        kb(page),
        kb(page_brotli),
        kb(PAGE_BUDGET_GZIP)
    ));
    table
}

/// The whole of [`SIZES_FILE`] for a build: its header, then [`sizes_table`].
fn sizes_file(sizes: &[FileSize]) -> String {
    format!("{SIZES_HEADER}{}\n", sizes_table(sizes))
}

/// Writes [`SIZES_FILE`] from this build's sizes (only when it changes).
fn write_sizes_file(root: &Path, sizes: &[FileSize]) -> Result<(), String> {
    let path = root.join(SIZES_FILE);
    let text = sizes_file(sizes);
    if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
        std::fs::write(&path, text).map_err(|e| format!("cannot write {SIZES_FILE}: {e}"))?;
        println!("{SIZES_FILE}: the size table written from this build");
    }
    Ok(())
}

/// Whether a sizes file's text is `dist`'s header and a table saying what this build
/// measured, within 1% for each figure (the same code builds a few bytes apart).
fn sizes_file_agrees(text: &str, sizes: &[FileSize]) -> bool {
    let Some(said) = text.strip_prefix(SIZES_HEADER) else {
        return false;
    };
    let numbers = |text: &str| -> Vec<f64> {
        text.split(|c: char| !(c.is_ascii_digit() || c == '.'))
            .filter_map(|n| n.parse::<f64>().ok())
            .collect()
    };
    let said = numbers(said);
    let measured = numbers(&sizes_table(sizes));
    said.len() == measured.len()
        && said
            .iter()
            .zip(&measured)
            .all(|(a, b)| (a - b).abs() <= b.abs() * 0.01 + 0.05)
}

/// Whether [`SIZES_FILE`] says what this build measured (see [`sizes_file_agrees`]).
pub fn check_sizes_file(root: &Path, sizes: &[FileSize]) -> Result<(), String> {
    let text = std::fs::read_to_string(root.join(SIZES_FILE))
        .map_err(|e| format!("cannot read {SIZES_FILE} ({e}); `cargo xtask dist` writes it"))?;
    if sizes_file_agrees(&text, sizes) {
        Ok(())
    } else {
        Err(format!(
            "{SIZES_FILE} is not this build's; `cargo xtask dist` writes it:\n{}",
            sizes_table(sizes)
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project_root;

    #[test]
    fn the_prerender_hook_unsets_every_size_setting_of_the_wasm_build() {
        let trunk = std::fs::read_to_string(project_root().join("Trunk.toml")).unwrap();
        let hook = trunk
            .lines()
            .find(|l| l.contains("--bin prerender"))
            .expect("Trunk.toml runs the prerender step");
        for (name, _) in SIZE_BUILD_ENV {
            assert!(
                hook.contains(&format!("-u {name} ")),
                "the hook does not unset {name}"
            );
        }
    }

    fn file(name: &str, gzip: u64) -> FileSize {
        FileSize {
            name: name.to_owned(),
            raw: gzip * 3,
            gzip,
            brotli: gzip - 1,
        }
    }

    #[test]
    fn page_weight_counts_what_the_standalone_page_downloads() {
        let sizes = [
            file("index.html", 10),
            file("embed.js", 20),
            file("emotional-intimacy-widget-abc.js", 30),
            file("emotional-intimacy-widget-abc_bg.wasm", 400),
            // Not downloaded by the standalone page (its stylesheet is inline):
            file("widget-def.css", 50),
            file("embed-host-0123456789abcdef.js", 50),
            file("frame.html", 1000),
            file("snippet.html", 1000),
            file("demo/index.html", 1000),
            file("demo/demo.css", 1000),
        ];
        assert_eq!(page_weight(&sizes), 460);
    }

    /// A build with every file the size table names, gzip sizes as given.
    fn build(wasm_gzip: u64) -> Vec<FileSize> {
        vec![
            file("emotional-intimacy-widget-abc_bg.wasm", wasm_gzip),
            file("emotional-intimacy-widget-abc.js", 6_900),
            file("index.html", 10_300),
            file("embed.js", 1_700),
            file("embed-host-0123456789abcdef.js", 4_200),
            file("widget-def.css", 4_200),
        ]
    }

    #[test]
    fn the_sizes_file_agrees_with_builds_within_one_percent() {
        let written = sizes_file(&build(181_000));
        assert!(sizes_file_agrees(&written, &build(181_000)));
        assert!(sizes_file_agrees(&written, &build(182_000)));
        assert!(!sizes_file_agrees(&written, &build(190_000)));
        assert!(!sizes_file_agrees(
            &sizes_table(&build(181_000)),
            &build(181_000)
        ));
    }

    #[test]
    fn docs_sizes_is_in_the_format_dist_writes() {
        let text = std::fs::read_to_string(project_root().join(SIZES_FILE)).unwrap();
        let shape = |text: &str| -> String {
            let mut out = String::new();
            for c in text.chars() {
                let digit = c.is_ascii_digit() || (c == '.' && out.ends_with('#'));
                if !(digit && out.ends_with('#')) {
                    out.push(if digit { '#' } else { c });
                }
            }
            out
        };
        assert_eq!(
            shape(&text),
            shape(&sizes_file(&build(181_000))),
            "{SIZES_FILE} is not as `cargo xtask dist` writes it"
        );
    }
}
