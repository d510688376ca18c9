//! Finishes a Trunk build: `prerender STAGING_DIR` (Trunk's post-build hook, see Trunk.toml).
//! (`prerender --plain-page FILE` writes the guide as plain HTML, for `cargo xtask bench`.)
//!
//! - fills in the page's title and description from the content file;
//! - writes `embed.js`, the one stable, unhashed script that loads the hashed files beside it,
//!   `embed-host-<hash>.js`, the module it loads on host pages to read their look, and
//!   `widget-<hash>.html`, the embed pre-rendered, which it shows before the wasm comes;
//! - (Trunk itself, through `pattern_script` in Trunk.toml, loads every page through
//!   `embed.js` instead of its inline loader script, so the pages need no inline script: a
//!   strict Content-Security-Policy);
//! - writes `frame.html`, the widget alone for an iframe, and `snippet.html`, a pre-rendered
//!   in-page embed a host can paste (declarative shadow DOM), both pre-rendered;
//! - writes the server settings `.htaccess` (Apache) and `_headers` (Netlify, Cloudflare);
//! - makes `index.html` an installable app (`manifest.webmanifest`, icons) and, in release
//!   builds, writes `service-worker.js`, which keeps it working offline;
//! - pre-renders the widget into `index.html` with Yew's `ServerRenderer`, from the same
//!   components the wasm runs, so the guide reads before the wasm arrives and without
//!   JavaScript; the wasm then hydrates it.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use emotional_intimacy_widget::build::app::{manifest, ICONS, MANIFEST, SERVICE_WORKER};
    use emotional_intimacy_widget::build::files::{HOST_STEM, WIDGET_STEM};
    use emotional_intimacy_widget::build::{
        app_page, build_id, builder_js, deploy_files, embed_js, find_built_files, frame_page,
        hashed_name, host_module, plain_page, prerender_page, render_app, render_embedded,
        service_worker, snippet, with_guide_text,
    };
    use emotional_intimacy_widget::storage::DEFAULT_KEY;
    use std::path::Path;

    const TEMPLATE: &str = include_str!("../embed/embed.template.js");
    const WORKER: &str = include_str!("../app/service-worker.js");

    fn fail(message: String) -> ! {
        eprintln!("prerender: {message}");
        std::process::exit(1);
    }
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, dir, version] = args.as_slice() {
        if flag == "--wordpress" {
            // The WordPress plugin's generated files, in the plugin's folder as `cargo xtask
            // package` staged it: block.json, options.json and labels.php (the sidebar's
            // words, translatable), and the guide's title in the
            // texts that name it.
            use emotional_intimacy_widget::build::wordpress::{
                block_json, labels_php, options_json, with_title, with_title_in_php,
            };
            let dir = Path::new(dir);
            let options = options_json().unwrap_or_else(|e| fail(e));
            let labels = labels_php().unwrap_or_else(|e| fail(e));
            for (name, text) in [
                ("block/block.json", block_json(version)),
                ("block/options.json", options),
                ("block/labels.php", labels),
            ] {
                std::fs::write(dir.join(name), text)
                    .unwrap_or_else(|e| fail(format!("cannot write {name}: {e}")));
            }
            let php: fn(&str) -> String = with_title_in_php;
            let text: fn(&str) -> String = with_title;
            for (name, fill) in [("emotional-intimacy.php", php), ("readme.txt", text)] {
                let path = dir.join(name);
                let text = std::fs::read_to_string(&path)
                    .unwrap_or_else(|e| fail(format!("cannot read {name}: {e}")));
                std::fs::write(&path, fill(&text))
                    .unwrap_or_else(|e| fail(format!("cannot write {name}: {e}")));
            }
            return;
        }
    }
    if let [flag, file] = args.as_slice() {
        if flag == "--plain-page" {
            std::fs::write(file, plain_page())
                .unwrap_or_else(|e| fail(format!("cannot write {file}: {e}")));
            return;
        }
    }
    let Some(dir) = args.first() else {
        eprintln!(
            "usage: prerender STAGING_DIR | prerender --plain-page FILE \
             | prerender --wordpress DIR VERSION"
        );
        std::process::exit(2);
    };
    let dir = Path::new(&dir);
    let read = |name: &str| {
        std::fs::read_to_string(dir.join(name))
            .unwrap_or_else(|e| fail(format!("cannot read {name}: {e}")))
    };
    let write = |name: &str, text: &str| {
        std::fs::write(dir.join(name), text)
            .unwrap_or_else(|e| fail(format!("cannot write {name}: {e}")))
    };

    let names: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| fail(format!("cannot list {}: {e}", dir.display())))
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .collect();
    let files = find_built_files(&names).unwrap_or_else(|e| fail(e));
    let host = host_module().unwrap_or_else(|e| fail(e));
    let host_module = hashed_name(HOST_STEM, "js", &host);
    write(&host_module, &host);
    // The snippet builder (copied by Trunk from builder/) gets the options' defaults.
    let builder = "builder/builder.js";
    write(
        builder,
        &builder_js(&read(builder)).unwrap_or_else(|e| fail(e)),
    );
    let embedded = render_embedded(true);
    // The widget as an in-page embed shows it with the default options, fetched by
    // embed.js so the guide reads before the wasm comes (it then hydrates it).
    let widget_html = hashed_name(WIDGET_STEM, "html", &embedded);
    write(&widget_html, &embedded);
    write(
        "embed.js",
        &embed_js(TEMPLATE, &files, &host_module, &widget_html, &embedded)
            .unwrap_or_else(|e| fail(e)),
    );

    let page = with_guide_text(&read("index.html")).unwrap_or_else(|e| fail(e));
    write(
        "frame.html",
        &frame_page(&page, &embedded).unwrap_or_else(|e| fail(e)),
    );
    write("snippet.html", &snippet(&files, &embedded));
    for (name, text) in deploy_files().unwrap_or_else(|e| fail(e)) {
        write(name, &text);
    }
    // Release builds work offline; a development server's would keep showing old pages.
    let offline = std::env::var("TRUNK_PROFILE").is_ok_and(|p| p == "release");
    let html = render_app(1, DEFAULT_KEY, true);
    let index = app_page(&page, offline)
        .and_then(|page| prerender_page(&page, &html))
        .unwrap_or_else(|e| fail(e));
    write("index.html", &index);
    write(MANIFEST, &manifest());
    for (name, bytes) in ICONS {
        std::fs::write(dir.join(name), bytes)
            .unwrap_or_else(|e| fail(format!("cannot write {name}: {e}")));
    }
    if offline {
        // What the page needs, all from one build. (The stylesheet is put inline in the
        // page by the release build's last step, but a page without it still works.)
        // './' is the page: hosts that redirect …/index.html to …/ answer it directly.
        let mut kept: Vec<String> = ["./", "embed.js", MANIFEST]
            .iter()
            .map(|s| s.to_string())
            .chain([files.js.clone(), files.wasm.clone(), files.css.clone()])
            .chain(ICONS.iter().map(|(name, _)| name.to_string()))
            .collect();
        kept.sort();
        let contents: Vec<Vec<u8>> = kept
            .iter()
            .map(|name| {
                let file = if name == "./" { "index.html" } else { name };
                std::fs::read(dir.join(file))
                    .unwrap_or_else(|e| fail(format!("cannot read {file}: {e}")))
            })
            .collect();
        write(
            SERVICE_WORKER,
            &service_worker(WORKER, &build_id(&contents), &kept, &files.js)
                .unwrap_or_else(|e| fail(e)),
        );
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}
