//! Every pinned tool version, read from the one file that pins it, so a version is written
//! once: Trunk's and wasm-opt's in `Trunk.toml` (Trunk enforces both), wasm-bindgen's in
//! `Cargo.lock`, the npm tools' in their `package.json`. The nightly for the release wasm is
//! `tools::SIZE_TOOLCHAIN`, geckodriver's `browsers::GECKODRIVER_VERSION`. The tests below
//! check that the rest (the binaryen npm package, README's tool table) agree.

use std::path::Path;

fn read(root: &Path, file: &str) -> Result<String, String> {
    std::fs::read_to_string(root.join(file)).map_err(|e| format!("cannot read {file}: {e}"))
}

/// The quoted value of `key = "…"` on its own line in a TOML text.
fn toml_value<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    text.lines().find_map(|line| {
        let rest = line
            .trim()
            .strip_prefix(key)?
            .trim_start()
            .strip_prefix('=')?;
        rest.trim().strip_prefix('"')?.split('"').next()
    })
}

/// Trunk's exact version: `trunk-version = "=X"` in Trunk.toml.
pub fn trunk(root: &Path) -> Result<String, String> {
    toml_value(&read(root, "Trunk.toml")?, "trunk-version")
        .and_then(|v| v.strip_prefix('='))
        .map(str::to_owned)
        .ok_or_else(|| "Trunk.toml must pin Trunk exactly: trunk-version = \"=X.Y.Z\"".to_owned())
}

/// wasm-opt's version number (binaryen's release): `wasm_opt = "version_N"` in Trunk.toml.
pub fn wasm_opt(root: &Path) -> Result<String, String> {
    toml_value(&read(root, "Trunk.toml")?, "wasm_opt")
        .and_then(|v| v.strip_prefix("version_"))
        .map(str::to_owned)
        .ok_or_else(|| "Trunk.toml must pin wasm-opt: wasm_opt = \"version_N\"".to_owned())
}

/// The wasm-bindgen version in Cargo.lock: the CLI must match it exactly.
pub fn wasm_bindgen(root: &Path) -> Result<String, String> {
    lock_version(&read(root, "Cargo.lock")?, "wasm-bindgen")
        .ok_or_else(|| "Cargo.lock has no wasm-bindgen package".to_owned())
}

/// The crate's name and version, from Cargo.toml's [package] (their first lines there): the
/// npm package's, for `cargo xtask package`.
pub fn package(root: &Path) -> Result<(String, String), String> {
    let manifest = read(root, "Cargo.toml")?;
    let value = |key: &str| {
        toml_value(&manifest, key)
            .map(str::to_owned)
            .ok_or_else(|| format!("Cargo.toml has no package {key}"))
    };
    Ok((value("name")?, value("version")?))
}

/// The version of npm package `name` that `dir/package.json` asks for.
pub fn npm(root: &Path, dir: &str, name: &str) -> Result<String, String> {
    let file = format!("{dir}/package.json");
    let text = read(root, &file)?;
    let key = format!("\"{name}\":");
    text.lines()
        .find_map(|line| {
            let rest = line.trim().strip_prefix(&key)?.trim();
            Some(rest.strip_prefix('"')?.split('"').next()?.to_owned())
        })
        .ok_or_else(|| format!("{file} does not name {name}"))
}

/// The version of package `name` in a Cargo.lock text.
fn lock_version(lock: &str, name: &str) -> Option<String> {
    let wanted = format!("name = \"{name}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == wanted {
            let version = lines.next()?.trim();
            return version
                .strip_prefix("version = \"")
                .and_then(|v| v.strip_suffix('"'))
                .map(str::to_owned);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::browsers::GECKODRIVER_VERSION;
    use crate::project_root;
    use crate::tools::SIZE_TOOLCHAIN;

    #[test]
    fn reads_a_package_version_from_a_lockfile() {
        let lock = "[[package]]\nname = \"wasm-bindgen-macro\"\nversion = \"0.1.0\"\n\n[[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.130\"\n";
        assert_eq!(
            lock_version(lock, "wasm-bindgen").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(lock_version(lock, "trunk"), None);
    }

    #[test]
    fn reads_toml_values_by_key() {
        let toml = "trunk-version = \"=0.21.14\"\n[tools]\nwasm_opt = \"version_132\"\n";
        assert_eq!(toml_value(toml, "trunk-version"), Some("=0.21.14"));
        assert_eq!(toml_value(toml, "wasm_opt"), Some("version_132"));
        assert_eq!(toml_value(toml, "wasm"), None);
    }

    #[test]
    fn every_pin_is_readable_and_binaryen_matches_trunks_wasm_opt() {
        let root = project_root();
        let wasm_opt = wasm_opt(&root).unwrap();
        let binaryen = npm(&root, "xtask/tools", "binaryen").unwrap();
        assert_eq!(
            binaryen,
            format!("{wasm_opt}.0.0"),
            "xtask/tools/package.json"
        );
        let lock = read(&root, "xtask/tools/package-lock.json").unwrap();
        assert!(
            lock.contains(&format!(
                "\"node_modules/binaryen\": {{\n      \"version\": \"{wasm_opt}.0.0\""
            )),
            "xtask/tools/package-lock.json is not at binaryen {wasm_opt}: run npm install there"
        );
        trunk(&root).unwrap();
        wasm_bindgen(&root).unwrap();
        assert_eq!(package(&root).unwrap().0, "emotional-intimacy-widget");
    }

    #[test]
    fn no_other_file_pins_wasm_bindgen() {
        // Trunk reads Cargo.lock itself when Trunk.toml names no version.
        let trunk_toml = read(&project_root(), "Trunk.toml").unwrap();
        assert_eq!(toml_value(&trunk_toml, "wasm_bindgen"), None);
    }

    #[test]
    fn the_readme_names_the_pinned_versions() {
        let root = project_root();
        let readme = read(&root, "README.md").unwrap();
        let expected = [
            format!("| Trunk {} |", trunk(&root).unwrap()),
            format!("| wasm-opt {} |", wasm_opt(&root).unwrap()),
            format!(
                "| esbuild {} |",
                npm(&root, "xtask/tools", "esbuild").unwrap()
            ),
            format!("| Rust {SIZE_TOOLCHAIN} "),
            format!("| geckodriver {GECKODRIVER_VERSION} |"),
            format!(
                "| Lighthouse {} |",
                npm(&root, "tests/bench", "lighthouse").unwrap()
            ),
        ];
        for row in expected {
            assert!(readme.contains(&row), "README's tool table lacks \"{row}\"");
        }
    }
}
