//! `cargo xtask bench`: the release build, then benchmarks in headless Chromium (medians):
//! where a tick's time goes, a tick with five years of history, and page load against a
//! static page, with Lighthouse.

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
