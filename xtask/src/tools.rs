//! Finding and installing the tools the build and the tests need: Rust's (the wasm target,
//! the pinned nightly, Trunk, wasm-bindgen), the npm ones (wasm-opt, esbuild, the end-to-end
//! packages, Lighthouse) and the crates for offline builds; the browsers, their drivers and
//! the other system packages are in `browsers.rs`. Each check is cheap, so a machine that has
//! everything pays a second or so; a fresh machine gets each tool installed with a line saying
//! what and why.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{browsers, pins, run, step};

pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// The release wasm is built with this pinned nightly, because only nightly can rebuild the
/// standard library for size (`-Zbuild-std`) and drop its panic machinery
/// (`-Cpanic=immediate-abort`): with the other settings in `SIZE_BUILD_ENV` the wasm is
/// about 20% smaller. Everything else (tests, lints, the dev server, pre-rendering) uses
/// stable.
pub const SIZE_TOOLCHAIN: &str = "nightly-2026-05-20";

/// Where the tools live, for building commands with the right PATH.
pub struct Tools {
    path: OsString,
}

/// The first line a command prints for `--version`, or None when it cannot run.
fn version_of(program: &Path, path: &OsString) -> Option<String> {
    let out = Command::new(program)
        .arg("--version")
        .env("PATH", path)
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8_lossy(&out.stdout);
    Some(text.lines().next().unwrap_or("").trim().to_owned())
}

/// Fails with a one-line message when a prerequisite program is missing.
fn require(program: &str, what_to_install: &str) -> Result<(), String> {
    match Command::new(program).arg("--version").output() {
        Ok(_) => Ok(()),
        Err(_) => Err(format!(
            "`{program}` is not installed; install {what_to_install} and run this again"
        )),
    }
}

impl Tools {
    fn new(root: &Path) -> Tools {
        let mut dirs: Vec<PathBuf> = vec![root.join("xtask/tools/node_modules/.bin")];
        if let Some(home) = std::env::var_os("CARGO_HOME") {
            dirs.push(PathBuf::from(home).join("bin"));
        } else if let Some(home) = std::env::var_os("HOME") {
            dirs.push(PathBuf::from(home).join(".cargo/bin"));
        }
        if let Some(path) = std::env::var_os("PATH") {
            dirs.extend(std::env::split_paths(&path));
        }
        Tools {
            path: std::env::join_paths(dirs).expect("PATH entries are valid"),
        }
    }

    /// A command that finds the project's tools first on its PATH.
    pub fn command(&self, program: &str) -> Command {
        let mut cmd = Command::new(program);
        cmd.env("PATH", &self.path)
            // Trunk otherwise asks crates.io for a newer version at every start.
            .env("TRUNK_SKIP_VERSION_CHECK", "true");
        cmd
    }

    /// The first line `program --version` prints, found on the tools' PATH.
    pub fn version(&self, program: &str) -> Option<String> {
        version_of(Path::new(program), &self.path)
    }

    /// What `serve` and `dist` need: the wasm target, Trunk, wasm-bindgen, wasm-opt.
    pub fn ensure_build(root: &Path) -> Result<Tools, String> {
        step("Checking build tools");
        let tools = Tools::new(root);
        require("cargo", "Rust (https://rustup.rs)")?;

        let targets = Command::new("rustup")
            .args(["target", "list", "--installed"])
            .output()
            .map_err(|_| {
                "`rustup` is not installed; install Rust with rustup and run this again"
            })?;
        if String::from_utf8_lossy(&targets.stdout)
            .lines()
            .any(|t| t.trim() == WASM_TARGET)
        {
            println!("  ok  Rust target {WASM_TARGET}");
        } else {
            println!("  installing the Rust target {WASM_TARGET}");
            run(Command::new("rustup").args(["target", "add", WASM_TARGET]))?;
        }

        for (component, probe) in [("rustfmt", "fmt"), ("clippy", "clippy")] {
            let present = Command::new("cargo")
                .args([probe, "--version"])
                .output()
                .is_ok_and(|o| o.status.success());
            if present {
                println!("  ok  {component}");
            } else {
                println!("  installing the Rust component {component}");
                run(Command::new("rustup").args(["component", "add", component]))?;
            }
        }

        ensure_size_toolchain()?;

        let trunk = pins::trunk(root)?;
        let trunk_wanted = format!("trunk {trunk}");
        if tools.version("trunk").as_deref() == Some(trunk_wanted.as_str()) {
            println!("  ok  {trunk_wanted} (Trunk.toml)");
        } else {
            println!("  installing Trunk {trunk} with cargo, as Trunk.toml pins (about 8 minutes on 2 cores)");
            run(tools.command("cargo").args([
                "install",
                "--locked",
                "trunk",
                "--version",
                &trunk,
            ]))?;
        }

        let bindgen = pins::wasm_bindgen(root)?;
        let bindgen_wanted = format!("wasm-bindgen {bindgen}");
        if tools.version("wasm-bindgen").as_deref() == Some(bindgen_wanted.as_str()) {
            println!("  ok  {bindgen_wanted} (matches Cargo.lock)");
        } else {
            println!("  installing wasm-bindgen-cli {bindgen} with cargo, to match Cargo.lock (about 3 minutes)");
            // Not --locked: the CLI's own lockfile names a crate version the registry lacks.
            run(tools.command("cargo").args([
                "install",
                "wasm-bindgen-cli",
                "--version",
                &bindgen,
            ]))?;
        }

        let binaryen = pins::wasm_opt(root)?;
        let wasm_opt = root.join("xtask/tools/node_modules/.bin/wasm-opt");
        let opt_ok = version_of(&wasm_opt, &tools.path)
            .is_some_and(|v| v.contains(&format!("version {binaryen}")));
        if opt_ok && npm_up_to_date(&root.join("xtask/tools")) {
            println!("  ok  wasm-opt {binaryen} (npm binaryen) and esbuild (xtask/tools)");
        } else {
            require_node()?;
            println!("  installing wasm-opt (npm binaryen@{binaryen}) and esbuild into xtask/tools/ from its lockfile");
            npm_ci(&tools, &root.join("xtask/tools"))?;
        }

        fetch_crates(root)?;
        Ok(tools)
    }

    /// What `test` needs on top of the build tools: Chromium, its driver, the e2e packages.
    pub fn ensure_test(root: &Path) -> Result<Tools, String> {
        let tools = Tools::ensure_build(root)?;
        step("Checking test tools");
        browsers::ensure_debian_packages()?;
        browsers::ensure_zip()?;
        browsers::ensure_geckodriver(&tools)?;

        let e2e = root.join("tests/e2e");
        if npm_up_to_date(&e2e) {
            println!("  ok  end-to-end packages (tests/e2e/node_modules)");
        } else {
            require_node()?;
            println!("  installing the end-to-end packages from tests/e2e/package-lock.json (Playwright, axe-core, selenium-webdriver; no browser download)");
            npm_ci(&tools, &e2e)?;
        }
        Ok(tools)
    }
}

/// The pinned nightly with the standard library's source and the wasm target, for the
/// release build (see SIZE_TOOLCHAIN).
fn ensure_size_toolchain() -> Result<(), String> {
    let installed = |args: &[&str]| -> String {
        Command::new("rustup")
            .args(args)
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
            .unwrap_or_default()
    };
    let has_toolchain = installed(&["toolchain", "list"])
        .lines()
        .any(|t| t.starts_with(SIZE_TOOLCHAIN));
    let complete = has_toolchain && {
        let components = installed(&[
            "component",
            "list",
            "--installed",
            "--toolchain",
            SIZE_TOOLCHAIN,
        ]);
        components.lines().any(|c| c.trim() == "rust-src")
            && components
                .lines()
                .any(|c| c.trim() == format!("rust-std-{WASM_TARGET}"))
    };
    if complete {
        println!("  ok  Rust {SIZE_TOOLCHAIN} with rust-src and {WASM_TARGET} (release wasm)");
        return Ok(());
    }
    println!("  installing Rust {SIZE_TOOLCHAIN} (minimal, with rust-src and {WASM_TARGET}) for the size-optimised release wasm");
    run(Command::new("rustup").args([
        "toolchain",
        "install",
        SIZE_TOOLCHAIN,
        "--profile",
        "minimal",
        "--component",
        "rust-src",
        "--target",
        WASM_TARGET,
    ]))
}

/// What `bench` needs on top of the test tools: Lighthouse, pinned in tests/bench.
pub fn ensure_bench(tools: &Tools, root: &Path) -> Result<(), String> {
    let dir = root.join("tests/bench");
    let lighthouse = pins::npm(root, "tests/bench", "lighthouse")?;
    if npm_up_to_date(&dir) {
        println!("  ok  Lighthouse {lighthouse} (tests/bench/node_modules)");
        Ok(())
    } else {
        require_node()?;
        println!("  installing Lighthouse {lighthouse} from tests/bench/package-lock.json");
        npm_ci(tools, &dir)
    }
}

/// Downloads every crate the offline builds need into cargo's registry: the project's (Trunk
/// builds with `--offline`, so nothing else would fetch them) and, for the release wasm's
/// `-Zbuild-std`, the standard library's, from the lockfile that ships in the nightly's
/// rust-src. Skipped by cargo when everything is already there (well under a second).
fn fetch_crates(root: &Path) -> Result<(), String> {
    fetch(
        Command::new("cargo")
            .current_dir(root)
            .args(["fetch", "--locked"]),
        "the project's crates (Cargo.lock)",
    )?;
    let sysroot = Command::new("rustc")
        .args([&format!("+{SIZE_TOOLCHAIN}"), "--print", "sysroot"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()))
        .ok_or_else(|| format!("cannot find the sysroot of Rust {SIZE_TOOLCHAIN}"))?;
    let library = sysroot.join("lib/rustlib/src/rust/library/Cargo.toml");
    fetch(
        Command::new("cargo")
            .arg(format!("+{SIZE_TOOLCHAIN}"))
            .args(["fetch", "--locked", "--manifest-path"])
            .arg(&library),
        &format!("the standard library's crates for the release build ({SIZE_TOOLCHAIN})"),
    )?;
    println!("  ok  crates fetched for offline builds (the project's and {SIZE_TOOLCHAIN}'s std)");
    Ok(())
}

/// Runs a `cargo fetch`; on failure, one line saying what could not be fetched and cargo's
/// reason (its first `error:` line).
fn fetch(cmd: &mut Command, what: &str) -> Result<(), String> {
    let out = cmd
        .output()
        .map_err(|e| format!("could not fetch {what}: cargo did not start ({e})"))?;
    if out.status.success() {
        return Ok(());
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    let reason = stderr
        .lines()
        .find(|l| l.starts_with("error"))
        .map(|l| l.trim_start_matches("error:").trim())
        .unwrap_or("cargo fetch failed with no message");
    Err(format!(
        "could not fetch {what} from crates.io: {reason} (is the registry reachable?)"
    ))
}

/// Where `npm_ci` records which lockfile it installed.
const STAMP: &str = "node_modules/.xtask-installed-lock";

/// node_modules was installed by `npm_ci` from exactly the current package-lock.json.
fn npm_up_to_date(dir: &Path) -> bool {
    match (
        std::fs::read(dir.join("package-lock.json")),
        std::fs::read(dir.join(STAMP)),
    ) {
        (Ok(lock), Ok(stamp)) => lock == stamp,
        _ => false,
    }
}

fn npm_ci(tools: &Tools, dir: &Path) -> Result<(), String> {
    run(tools
        .command("npm")
        .current_dir(dir)
        .args(["ci", "--no-audit", "--no-fund"])
        // Never download a browser: the tests drive Debian's Chromium.
        .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
        .env("PUPPETEER_SKIP_DOWNLOAD", "1"))?;
    std::fs::copy(dir.join("package-lock.json"), dir.join(STAMP))
        .map_err(|e| format!("cannot write {}: {e}", dir.join(STAMP).display()))?;
    Ok(())
}

/// Node.js 20 or newer with npm, or a one-line message saying what to install.
fn require_node() -> Result<(), String> {
    const HINT: &str = "Node.js 20 or newer with npm (Debian: apt-get install nodejs npm)";
    require("npm", HINT)?;
    let version = Command::new("node")
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .map_err(|_| format!("`node` is not installed; install {HINT} and run this again"))?;
    let major: u32 = version
        .trim_start_matches('v')
        .split('.')
        .next()
        .and_then(|m| m.parse().ok())
        .unwrap_or(0);
    if major >= 20 {
        Ok(())
    } else {
        Err(format!(
            "Node.js {version} is too old; install {HINT} and run this again"
        ))
    }
}
