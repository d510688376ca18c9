//! `cargo xtask serve | test | dist`: the project's setup and checks, in code.
//!
//! Every command first installs what it needs and is missing (printing what it installs),
//! then does its job. Run twice, the second run installs nothing.

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
          and end-to-end tests (Playwright) against it
  dist    install what is missing and make the release build in dist/
  bench   release build, then the tracker benchmark in headless Chromium
          (a tick with five years of history vs. an empty one; medians)
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
    build_dist(root, &tools)?;
    step("Tracker benchmark");
    run(tools
        .command("node")
        .current_dir(root.join("tests/e2e"))
        .arg("bench.mjs"))
}

/// Builds `dist/` in release mode and prints what the browser downloads.
fn dist(root: &Path) -> Result<Tools, String> {
    let tools = Tools::ensure_build(root)?;
    build_dist(root, &tools)?;
    Ok(tools)
}

fn build_dist(root: &Path, tools: &Tools) -> Result<(), String> {
    step("Release build into dist/");
    run(tools
        .command("trunk")
        .current_dir(root)
        .args(["build", "--release"]))?;
    print_sizes(&root.join("dist"))
}

fn gzip_size(path: &Path) -> Result<u64, String> {
    let out = Command::new("gzip")
        .args(["-9", "-c"])
        .arg(path)
        .output()
        .map_err(|e| format!("could not run gzip: {e}"))?;
    if !out.status.success() {
        return Err(format!("gzip failed on {}", path.display()));
    }
    Ok(out.stdout.len() as u64)
}

fn print_sizes(dist: &Path) -> Result<(), String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dist)
        .map_err(|e| format!("cannot list {}: {e}", dist.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    println!("\n{:<48} {:>10} {:>10}", "dist/ file", "bytes", "gzip -9");
    let (mut raw_total, mut gz_total) = (0, 0);
    for file in &files {
        let raw = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
        let gz = gzip_size(file)?;
        raw_total += raw;
        gz_total += gz;
        let name = file.file_name().unwrap_or_default().to_string_lossy();
        println!("{name:<48} {raw:>10} {gz:>10}");
    }
    println!("{:<48} {raw_total:>10} {gz_total:>10}", "total");
    Ok(())
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
    level(
        "Browser tests (wasm-bindgen-test, headless Chromium)",
        &mut || {
            run(tools
                .command("cargo")
                .current_dir(root)
                .env(
                    "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
                    "wasm-bindgen-test-runner",
                )
                .env("CHROMEDRIVER", tools::CHROMEDRIVER)
                .args([
                    "test",
                    "--target",
                    "wasm32-unknown-unknown",
                    "--test",
                    "browser",
                ]))
        },
    );
    let built = level("Release build (dist/)", &mut || build_dist(root, &tools));
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
    } else {
        outcomes.push(Outcome {
            name: "End-to-end tests (skipped: no release build)",
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
