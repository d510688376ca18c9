//! `cargo xtask serve | test | dist | package | bench`: the project's setup and checks, in
//! code.
//!
//! Every command first installs what it needs and is missing (printing what it installs),
//! then does its job. Run twice, the second run installs nothing.

mod package;
mod pins;
mod tools;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use tools::Tools;

const USAGE: &str = "\
usage: cargo xtask <command>

  serve   install what is missing, build, and serve the standalone page
          on http://127.0.0.1:8080 (rebuilds when files change)
  test    install what is missing and run every test: formatting, clippy,
          native tests, browser tests (headless Chromium), the release build,
          its size budget, the package, end-to-end tests (Playwright) against it,
          the deploy files on Apache and nginx, and the cross-engine level
          (Firefox ESR and WebKitGTK)
  dist    install what is missing and make the release build in dist/ (and
          write its size table into README.md)
  package release build, packed for site owners: an npm package (npm pack)
          and a zip of the same files, in target/package/
  bench   release build, then benchmarks in headless Chromium (medians):
          a tick with five years of history vs. none; page load vs. a static
          page (bytes, first paint, tracker ready); Lighthouse scores
";

pub const SERVE_ADDRESS: &str = "127.0.0.1";
pub const SERVE_PORT: u16 = 8080;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = project_root();
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve(&root),
        Some("test") => test(&root),
        Some("dist") => dist(&root).map(|_| ()),
        Some("bench") => bench(&root),
        Some("package") => dist(&root).and_then(|tools| {
            tools::ensure_zip()?;
            package::package(&root, &tools)
        }),
        Some("help" | "--help" | "-h") => {
            print!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(format!("unknown command \"{other}\"\n\n{USAGE}")),
        None => Err(USAGE.to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("\nxtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root (the folder above xtask/).
fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in a folder of the project")
        .to_path_buf()
}

/// Prints a step's heading, so long output reads as a sequence of steps.
pub fn step(title: &str) {
    println!("\n==> {title}");
}

/// Runs a command to completion with inherited output; Err names the command.
pub fn run(cmd: &mut Command) -> Result<(), String> {
    let shown = format!("{cmd:?}");
    let status = cmd
        .status()
        .map_err(|e| format!("could not start {shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed ({status})"))
    }
}

fn serve(root: &Path) -> Result<(), String> {
    let tools = Tools::ensure_build(root)?;
    step("Building and serving (Ctrl+C stops)");
    println!("Once the first build finishes:");
    println!("  the widget:                 http://{SERVE_ADDRESS}:{SERVE_PORT}/");
    println!("  a demo host page (embeds):  http://{SERVE_ADDRESS}:{SERVE_PORT}/demo/");
    run(tools
        .command("trunk")
        .current_dir(root)
        .args(["serve", "--address", SERVE_ADDRESS, "--port"])
        .arg(SERVE_PORT.to_string()))
}

fn bench(root: &Path) -> Result<(), String> {
    let tools = Tools::ensure_test(root)?;
    tools::ensure_bench(&tools, root)?;
    build_dist(root, &tools)?;
    let e2e = root.join("tests/e2e");
    step("Where a tick's time goes (the store's steps, release wasm in Chromium)");
    run(
        browser_tests(&tools, root, ("CHROMEDRIVER", tools::CHROMEDRIVER))
            .args(["--release", "--test", "tick_phases"])
            .args(["--", "--include-ignored", "--nocapture"]),
    )?;
    step("Tracker benchmark (a tick with five years of history)");
    run(tools.command("node").current_dir(&e2e).arg("bench.mjs"))?;
    step("Page-load benchmark (widget vs a static page) and Lighthouse");
    // The static page: the guide's text as plain HTML, from the same content file.
    let bench_dir = root.join("target/bench");
    std::fs::create_dir_all(&bench_dir).map_err(|e| format!("cannot create target/bench: {e}"))?;
    run(Command::new("cargo")
        .current_dir(root)
        .args(["run", "--quiet", "--bin", "prerender", "--", "--plain-page"])
        .arg(bench_dir.join("plain.html")))?;
    run(tools
        .command("node")
        .current_dir(&e2e)
        .arg("bench-load.mjs"))
}

/// `cargo test` for the wasm target in a browser: wasm-bindgen-test-runner picks the browser
/// from the driver named in the environment (`driver`: its variable and path).
fn browser_tests(tools: &Tools, root: &Path, driver: (&str, &str)) -> Command {
    let mut cmd = tools.command("cargo");
    cmd.current_dir(root)
        .env(
            "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
            "wasm-bindgen-test-runner",
        )
        .env(driver.0, driver.1)
        .args(["test", "--target", "wasm32-unknown-unknown"]);
    cmd
}

/// Builds `dist/` in release mode, prints what the browser downloads, and writes those
/// figures into README.md (`cargo xtask test` checks them, without writing).
fn dist(root: &Path) -> Result<Tools, String> {
    let tools = Tools::ensure_build(root)?;
    let sizes = build_dist(root, &tools)?;
    write_readme_sizes(root, &sizes)?;
    Ok(tools)
}

const SIZES_START: &str = "<!-- sizes -->";
const SIZES_END: &str = "<!-- /sizes -->";

/// README's table of what the standalone page and an in-page embed download, from the
/// build's own measurements (KB of 1,000 bytes, one decimal).
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

/// Writes [`sizes_table`] between README's size markers.
fn write_readme_sizes(root: &Path, sizes: &[FileSize]) -> Result<(), String> {
    let path = root.join("README.md");
    let readme =
        std::fs::read_to_string(&path).map_err(|e| format!("cannot read README.md: {e}"))?;
    let (start, end) = readme_sizes_span(&readme)?;
    let updated = format!(
        "{}\n{}\n{}",
        &readme[..start],
        sizes_table(sizes),
        &readme[end..]
    );
    if updated != readme {
        std::fs::write(&path, updated).map_err(|e| format!("cannot write README.md: {e}"))?;
        println!("README.md: the size table written from this build");
    }
    Ok(())
}

/// Where README's size table goes: after its start marker, up to its end marker.
fn readme_sizes_span(readme: &str) -> Result<(usize, usize), String> {
    let start = readme
        .find(SIZES_START)
        .map(|i| i + SIZES_START.len())
        .ok_or("README.md has no size markers")?;
    let end = readme[start..]
        .find(SIZES_END)
        .map(|i| start + i)
        .ok_or("README.md has no end of its size table")?;
    Ok((start, end))
}

/// Whether README's size table says what this build measured, within 1% for each figure
/// (the same code builds a few bytes apart).
fn check_readme_sizes(root: &Path, sizes: &[FileSize]) -> Result<(), String> {
    let readme = std::fs::read_to_string(root.join("README.md"))
        .map_err(|e| format!("cannot read README.md: {e}"))?;
    let (start, end) = readme_sizes_span(&readme)?;
    let numbers = |text: &str| -> Vec<f64> {
        text.split(|c: char| !(c.is_ascii_digit() || c == '.'))
            .filter_map(|n| n.parse::<f64>().ok())
            .collect()
    };
    let said = numbers(&readme[start..end]);
    let measured = numbers(&sizes_table(sizes));
    let close = said.len() == measured.len()
        && said
            .iter()
            .zip(&measured)
            .all(|(a, b)| (a - b).abs() <= b.abs() * 0.01 + 0.05);
    if close {
        Ok(())
    } else {
        Err(format!(
            "README.md's size table is not this build's; `cargo xtask dist` writes it:\n{}",
            sizes_table(sizes)
        ))
    }
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

fn build_dist(root: &Path, tools: &Tools) -> Result<Vec<FileSize>, String> {
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

/// The size budget for the standalone page, gzip bytes, in one place. Set to what the page
/// measured once serde_json came back in (170,582 bytes) plus under 0.5 KB; moved for the
/// daily companion (the summary for a counsellor, the calendar's paging, the reminder and
/// keeping the data: 169,610 → 184,715 bytes, +15.1 KB, nearly all of it wasm) plus about
/// 2 KB; moved for privacy per shape, real sites and accessibility together (where the data
/// is kept for each shape, notes off, widgets in step on one page, pre-rendered HTML taken
/// over only when intact, pinned headers cleared, the calendar's bars, the modal dialog,
/// announcements: 184,715 → 194,308 bytes, +9.6 KB, 8.2 KB of it wasm) plus about 2 KB. It
/// does not grow for anything smaller: new code pays for itself. (Loading only what the first
/// screen needs is the way to make it smaller.)
pub const PAGE_BUDGET_GZIP: u64 = 192 * 1024;

fn check_budget(sizes: &[FileSize]) -> Result<(), String> {
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

struct Outcome {
    name: &'static str,
    passed: bool,
    time: Duration,
}

fn test(root: &Path) -> Result<(), String> {
    let started = Instant::now();
    let tools = Tools::ensure_test(root)?;
    let setup_time = started.elapsed();
    let mut outcomes: Vec<Outcome> = Vec::new();
    let mut level = |name: &'static str, f: &mut dyn FnMut() -> Result<(), String>| -> bool {
        step(name);
        let t = Instant::now();
        let result = f();
        if let Err(message) = &result {
            eprintln!("xtask: {name}: {message}");
        }
        outcomes.push(Outcome {
            name,
            passed: result.is_ok(),
            time: t.elapsed(),
        });
        result.is_ok()
    };

    level("Formatting (cargo fmt --check)", &mut || {
        run(Command::new("cargo")
            .current_dir(root)
            .args(["fmt", "--all", "--", "--check"]))
    });
    level("Lints (cargo clippy, native and wasm32)", &mut || {
        run(Command::new("cargo").current_dir(root).args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]))?;
        run(Command::new("cargo").current_dir(root).args([
            "clippy",
            "--target",
            "wasm32-unknown-unknown",
            "--lib",
            "--bins",
            "--tests",
            "--",
            "-D",
            "warnings",
        ]))
    });
    level("Native tests (cargo test)", &mut || {
        run(Command::new("cargo")
            .current_dir(root)
            .args(["test", "--workspace"]))
    });
    let browser_tests =
        |driver: (&str, &str)| run(browser_tests(&tools, root, driver).args(["--test", "browser"]));
    level(
        "Browser tests (wasm-bindgen-test, headless Chromium)",
        &mut || browser_tests(("CHROMEDRIVER", tools::CHROMEDRIVER)),
    );
    let mut sizes = Vec::new();
    let built = level("Release build (dist/)", &mut || {
        sizes = build_dist(root, &tools)?;
        Ok(())
    });
    if built {
        level("Size budget (standalone page, gzip)", &mut || {
            check_budget(&sizes)?;
            check_readme_sizes(root, &sizes)
        });
        level("Package for site owners (npm pack, zip)", &mut || {
            package::package(root, &tools)
        });
    }
    if built {
        level(
            "End-to-end tests (Playwright + Chromium, dist/ over HTTP)",
            &mut || {
                run(tools
                    .command("npx")
                    .current_dir(root.join("tests/e2e"))
                    .args(["playwright", "test"]))
            },
        );
        level(
            "Deploy files (.htaccess on Apache, nginx.conf on nginx, _headers)",
            &mut || {
                run(tools
                    .command("node")
                    .current_dir(root.join("tests/e2e"))
                    .arg("deploy.mjs"))
            },
        );
        level(
            "Cross-engine (Firefox ESR and WebKitGTK: browser tests, smoke)",
            &mut || {
                browser_tests(("GECKODRIVER", "geckodriver"))?;
                run(tools
                    .command("node")
                    .current_dir(root.join("tests/e2e"))
                    .arg("cross-engine.mjs"))
            },
        );
    } else {
        outcomes.push(Outcome {
            name: "End-to-end and cross-engine tests (skipped: no release build)",
            passed: false,
            time: Duration::ZERO,
        });
    }

    println!("\n==> Summary");
    println!(
        "  {:<62} {:>8.1}s",
        "setup (install what was missing)",
        setup_time.as_secs_f64()
    );
    for o in &outcomes {
        let mark = if o.passed { "ok  " } else { "FAIL" };
        println!("  {mark} {:<57} {:>8.1}s", o.name, o.time.as_secs_f64());
    }
    let failed = outcomes.iter().filter(|o| !o.passed).count();
    let passed = outcomes.len() - failed;
    println!("  total {:>65.1}s", started.elapsed().as_secs_f64());
    println!("xtask: {passed} passed, {failed} failed");
    if failed == 0 {
        Ok(())
    } else {
        Err(format!("{failed} test level(s) failed; see above"))
    }
}

#[cfg(test)]
mod tests {
    use super::{page_weight, project_root, FileSize, SIZE_BUILD_ENV};

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
}
