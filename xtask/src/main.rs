//! `cargo xtask serve | test | dist | package | bench`: the project's setup and checks, in
//! code.
//!
//! Every command first installs what it needs and is missing (printing what it installs),
//! then does its job. Run twice, the second run installs nothing.
//!
//! This file holds the usage text, the dispatch to each command's module (`serve`, `test`,
//! `dist`, `package`, `bench`) and the helpers they share; `tools` and `browsers` install
//! what the commands need, `pins` reads the pinned versions.

mod bench;
mod browsers;
mod dist;
mod package;
mod pins;
mod serve;
mod test;
mod tools;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

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
          write its size table into docs/sizes.md)
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
        Some("serve") => serve::serve(&root),
        Some("test") => test::test(&root),
        Some("dist") => dist::dist(&root).map(|_| ()),
        Some("bench") => bench::bench(&root),
        Some("package") => dist::dist(&root).and_then(|tools| {
            browsers::ensure_zip()?;
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
