//! `cargo xtask package`: the release build packed for site owners who do not build Rust:
//! an npm package (`npm pack`), which jsDelivr and unpkg serve as it is once published, a
//! zip of the same files to upload by hand, and a WordPress plugin zip (uploaded in
//! wp-admin; also inside the zip, beside the folder). All under target/package/.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::tools::Tools;
use crate::{pins, run, step};

/// Copies dist/ (from `from`, below `base`) to `to`, never the demo host page: the files
/// themselves, or with `compressed` only their precompressed copies (`.gz`, `.br`), which go
/// into the zip for the site owner's own server and not into the npm package (CDNs compress
/// by themselves).
fn copy_tree(
    from: &Path,
    to: &Path,
    base: &Path,
    files: &mut Vec<String>,
    compressed: bool,
) -> Result<(), String> {
    for entry in
        std::fs::read_dir(from).map_err(|e| format!("cannot list {}: {e}", from.display()))?
    {
        let path = entry.map_err(|e| e.to_string())?.path();
        let relative = path.strip_prefix(base).expect("below base").to_path_buf();
        let name = relative.to_string_lossy();
        let is_compressed = name.ends_with(".gz") || name.ends_with(".br");
        if name.starts_with("demo") || (!path.is_dir() && is_compressed != compressed) {
            continue;
        }
        let target = to.join(&relative);
        if path.is_dir() {
            std::fs::create_dir_all(&target).map_err(|e| e.to_string())?;
            copy_tree(&path, to, base, files, compressed)?;
        } else {
            std::fs::copy(&path, &target)
                .map_err(|e| format!("cannot copy {}: {e}", path.display()))?;
            files.push(relative.to_string_lossy().into_owned());
        }
    }
    Ok(())
}

/// package.json: what npm and the CDNs read.
fn package_json(name: &str, version: &str, files: &[String]) -> String {
    let mut top: Vec<String> = files
        .iter()
        .map(|f| f.split('/').next().unwrap_or(f).to_owned())
        .collect();
    top.sort();
    top.dedup();
    let list = top
        .iter()
        .map(|f| format!("    \"{f}\""))
        .collect::<Vec<_>>()
        .join(",\n");
    format!(
        r#"{{
  "name": "{name}",
  "version": "{version}",
  "description": "A calm guide, \"What is emotional intimacy?\", and a daily small-signal practice tracker kept in the visitor's browser, for counselling practices' websites: one script tag.",
  "keywords": ["counselling", "therapy", "psychoeducation", "emotional intimacy", "relationships", "widget", "embed", "webassembly"],
  "license": "MIT OR Apache-2.0",
  "type": "module",
  "main": "embed.js",
  "browser": "embed.js",
  "files": [
{list}
  ]
}}
"#
    )
}

pub fn package(root: &Path, tools: &Tools) -> Result<(), String> {
    // The package's name and version are the crate's (one source: Cargo.toml).
    let (name, version) = pins::package(root)?;
    let major = version.split('.').next().unwrap_or("1").to_owned();
    let out = root.join("target/package");
    let staging = out.join(&name);
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&staging)
        .map_err(|e| format!("cannot create {}: {e}", staging.display()))?;

    step("Packing dist/ for site owners (npm package and zip)");
    let dist = root.join("dist");
    let mut files = Vec::new();
    copy_tree(&dist, &staging, &dist, &mut files, false)?;
    let readme = std::fs::read_to_string(root.join("src/package/README.md"))
        .map_err(|e| format!("cannot read src/package/README.md: {e}"))?
        .replace("{{PACKAGE}}", &name)
        .replace("{{VERSION}}", &version)
        .replace("{{MAJOR}}", &major);
    let write = |name: &str, text: &str| {
        std::fs::write(staging.join(name), text).map_err(|e| format!("cannot write {name}: {e}"))
    };
    write("README.md", &readme)?;
    std::fs::copy(root.join("CHANGELOG.md"), staging.join("CHANGELOG.md"))
        .map_err(|e| format!("cannot copy CHANGELOG.md: {e}"))?;
    files.extend(["README.md".into(), "CHANGELOG.md".into()]);
    write("package.json", &package_json(&name, &version, &files))?;

    run(tools
        .command("npm")
        .current_dir(&staging)
        .args(["pack", "--silent", "--pack-destination"])
        .arg(&out))?;
    let tgz = out.join(format!("{name}-{version}.tgz"));
    let zip = out.join(format!("{name}-{version}.zip"));
    // The zip is uploaded to the owner's own server: with the .gz and .br beside each file,
    // which its .htaccess and nginx.conf send to browsers that accept them.
    copy_tree(&dist, &staging, &dist, &mut Vec::new(), true)?;
    // -X: no extra file attributes, so the same files make the same zip.
    let plugin = wordpress_plugin(root, &out, &version)?;
    // Beside the folder, the WordPress plugin: a site owner with only wp-admin uploads it
    // there as it is (the package README's "On WordPress").
    let plugin_name = plugin.file_name().unwrap_or_default();
    run(Command::new("zip")
        .current_dir(&out)
        .args(["-q", "-r", "-X"])
        .arg(&zip)
        .arg(&name)
        .arg(plugin_name))?;
    for file in [&tgz, &zip, &plugin] {
        let size = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
        println!("  {}  {size} bytes", relative(root, file).display());
    }
    println!(
        "  {} files, version {version}; publish with: npm publish {}",
        files.len() + 1,
        relative(root, &tgz).display()
    );
    Ok(())
}

/// The WordPress plugin: `emotional-intimacy/` with the plugin's files (src/wordpress/, the
/// version filled in), the block's generated block.json and options.json (from the options
/// table, by the prerender binary, which also writes in the guide's title), and the release's files in `widget/` (with their
/// precompressed copies and .htaccess; not the demo, the builder or the standalone app).
fn wordpress_plugin(root: &Path, out: &Path, version: &str) -> Result<PathBuf, String> {
    step("Packing the WordPress plugin");
    let plugin = out.join("wordpress/emotional-intimacy");
    let widget = plugin.join("widget");
    let block = plugin.join("block");
    for dir in [&widget, &block] {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let dist = root.join("dist");
    for compressed in [false, true] {
        copy_tree(&dist, &widget, &dist, &mut Vec::new(), compressed)?;
    }
    // Only what a page with the widget loads: not the builder, not the standalone page and
    // its app (a service worker would outlive the plugin), not frame.html, not the other
    // servers' settings.
    let _ = std::fs::remove_dir_all(widget.join("builder"));
    for (path, name) in entries(&widget)? {
        let unused = [
            "index.html",
            "frame.html",
            "service-worker.js",
            "manifest.webmanifest",
            "icon-",
            "nginx.conf",
            "_headers",
        ]
        .iter()
        .any(|start| name.starts_with(start));
        if unused {
            std::fs::remove_file(&path).map_err(|e| format!("cannot remove {name}: {e}"))?;
        }
    }
    // Apache's settings for the folder, without the lines some hosts do not allow in a
    // plugin's folder (`Options`: every file would answer 500) or that serve a page.
    let htaccess = std::fs::read_to_string(dist.join(".htaccess"))
        .map_err(|e| format!("cannot read dist/.htaccess: {e}"))?;
    let kept: Vec<&str> = htaccess
        .lines()
        .skip_while(|line| line.starts_with('#'))
        .filter(|line| !line.contains("MultiViews") && !line.starts_with("DirectoryIndex"))
        .collect();
    std::fs::write(
        widget.join(".htaccess"),
        format!(
            "# The widget's files in the WordPress plugin: their types, their precompressed\n\
             # copies and how long browsers keep them (from the release's .htaccess, without\n\
             # `Options`, which many hosts do not allow in a plugin's folder).\n{}\n",
            kept.join("\n")
        ),
    )
    .map_err(|e| format!("cannot write the plugin's .htaccess: {e}"))?;
    let source = root.join("src/wordpress");
    for (name, to) in [
        ("emotional-intimacy.php", &plugin),
        ("uninstall.php", &plugin),
        ("readme.txt", &plugin),
        ("editor.js", &block),
        ("editor.asset.php", &block),
    ] {
        let text = std::fs::read_to_string(source.join(name))
            .map_err(|e| format!("cannot read src/wordpress/{name}: {e}"))?;
        std::fs::write(to.join(name), text.replace("{{VERSION}}", version))
            .map_err(|e| format!("cannot write {name}: {e}"))?;
    }
    // readme.txt's screenshots, taken on a real WordPress by the WordPress test level.
    for (path, name) in entries(&source)? {
        if name.starts_with("screenshot-") && name.ends_with(".jpg") {
            std::fs::copy(&path, plugin.join(&name))
                .map_err(|e| format!("cannot copy src/wordpress/{name}: {e}"))?;
        }
    }
    // (As Trunk's post-build hook runs it, natively.)
    run(Command::new("cargo")
        .current_dir(root)
        .args(["run", "--quiet", "--bin", "prerender", "--", "--wordpress"])
        .arg(&plugin)
        .arg(version))?;
    let zip = out.join(format!("emotional-intimacy-wordpress-{version}.zip"));
    run(Command::new("zip")
        .current_dir(out.join("wordpress"))
        .args(["-q", "-r", "-X"])
        .arg(&zip)
        .arg("emotional-intimacy"))?;
    Ok(zip)
}

/// The entries of `dir`: each one's path and file name.
fn entries(dir: &Path) -> Result<Vec<(PathBuf, String)>, String> {
    std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .map(|entry| {
            let path = entry.map_err(|e| e.to_string())?.path();
            let name = path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            Ok((path, name))
        })
        .collect()
}

fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_package_json_lists_top_level_files_once() {
        let json = package_json(
            "a-name",
            "1.2.3",
            &[
                "embed.js".into(),
                "builder/index.html".into(),
                "builder/builder.js".into(),
                ".htaccess".into(),
            ],
        );
        assert!(json.contains("\"version\": \"1.2.3\""));
        assert!(json.contains("    \"builder\",\n"));
        assert!(json.contains("    \".htaccess\""));
        assert_eq!(json.matches("\"builder\"").count(), 1);
    }
}
