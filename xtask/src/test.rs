//! `cargo xtask test`: every test level in order (formatting, lints, native and browser
//! tests, the release build, its size budget, the package, end-to-end, deploy files,
//! cross-engine), then a summary of what passed and how long each took. Also
//! [`browser_tests`], the wasm tests in a browser, which `bench` runs too.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::dist::{build_dist, check_budget, check_sizes_file};
use crate::tools::Tools;
use crate::{browsers, package, run, step};

/// `cargo test` for the wasm target in a browser: wasm-bindgen-test-runner picks the browser
/// from the driver named in the environment (`driver`: its variable and path).
pub fn browser_tests(tools: &Tools, root: &Path, driver: (&str, &str)) -> Command {
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

struct Outcome {
    name: &'static str,
    passed: bool,
    time: Duration,
    /// Why it failed, repeated under the summary (CI shows the end of the output).
    why: Option<String>,
}

pub fn test(root: &Path) -> Result<(), String> {
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
            why: result.as_ref().err().cloned(),
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
        &mut || browser_tests(("CHROMEDRIVER", browsers::CHROMEDRIVER)),
    );
    let mut sizes = Vec::new();
    let built = level("Release build (dist/)", &mut || {
        sizes = build_dist(root, &tools)?;
        Ok(())
    });
    if built {
        level("Size budget (standalone page, gzip)", &mut || {
            check_budget(&sizes)?;
            check_sizes_file(root, &sizes)
        });
        level("Package for site owners (npm pack, zip)", &mut || {
            package::package(root, &tools)
        });
    }
    if built {
        level(
            "End-to-end tests (Playwright + Chromium, dist/ over HTTP)",
            &mut || {
                // Which tests failed, as tests/e2e/failures-reporter.mjs writes them (never
                // an earlier run's list).
                let failures_file = root.join("tests/e2e/test-results/failures.txt");
                let _ = std::fs::remove_file(&failures_file);
                run(tools
                    .command("npx")
                    .current_dir(root.join("tests/e2e"))
                    .args(["playwright", "test"]))
                .map_err(|e| {
                    let failures = std::fs::read_to_string(&failures_file).unwrap_or_default();
                    format!("{e}\n{}", failures.trim_end())
                })
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
            "WordPress plugin (Debian's WordPress and MariaDB, behind Apache and nginx on loopback)",
            &mut || {
                run(tools
                    .command("node")
                    .current_dir(root.join("tests/e2e"))
                    .arg("wordpress.mjs"))
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
            why: None,
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
    for o in outcomes.iter().filter(|o| !o.passed) {
        if let Some(why) = &o.why {
            println!("\n{}:\n  {}", o.name, why.trim_end().replace('\n', "\n  "));
        }
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
