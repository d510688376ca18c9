//! `cargo xtask bench`: the release build, then benchmarks in headless Chromium (medians):
//! where a tick's time goes, a tick with one and twenty years of history, page loads (first
//! visit, returning visitor, host pages) against a static page, and Lighthouse; then one table
//! of every figure beside its target, written to docs/bench.md.

use std::path::Path;
use std::process::Command;

use crate::dist::build_dist;
use crate::test::browser_tests;
use crate::tools::{self, Tools};
use crate::{browsers, run, step};

pub fn bench(root: &Path) -> Result<(), String> {
    let tools = Tools::ensure_test(root)?;
    tools::ensure_bench(&tools, root)?;
    build_dist(root, &tools)?;
    let e2e = root.join("tests/e2e");
    step("Where a tick's time goes (the store's steps, release wasm in Chromium)");
    run(
        browser_tests(&tools, root, ("CHROMEDRIVER", browsers::CHROMEDRIVER))
            .args(["--release", "--test", "tick_phases"])
            .args(["--", "--include-ignored", "--nocapture"]),
    )?;
    step("Tick benchmark (a tick with one and twenty years of history, CPU 4x)");
    run(tools.command("node").current_dir(&e2e).arg("bench.mjs"))?;
    step("Page-load benchmark (widget vs a static page, host pages) and Lighthouse");
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
        .arg("bench-load.mjs"))?;
    step("Every figure beside its target (docs/bench.md)");
    run(tools
        .command("node")
        .current_dir(&e2e)
        .arg("bench-report.mjs"))
}
