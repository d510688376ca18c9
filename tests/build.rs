//! The build's own step (src/build/, run by Trunk's post-build hook): the pages rewritten
//! through a parser, each finding what it rewrites or failing; the files made from templates,
//! every placeholder filled; the built files found by role; the app's manifest and icons; the
//! Content-Security-Policy wherever it is written.
#![cfg(not(target_arch = "wasm32"))]

use emotional_intimacy_widget::build::{
    embed_js, find_built_files, frame_page, prerender_page, snippet, with_guide_text,
    PRERENDER_MARKER,
};
use emotional_intimacy_widget::content::GUIDE;

const ROOT: &str = "<main id=\"emotional-intimacy\" data-ei-page>";

#[test]
fn prerendering_fills_the_roots_marker_once_and_refuses_a_page_without_one() {
    let page = format!("<body class=\"ei-page\">{ROOT}{PRERENDER_MARKER}</main></body>");
    let done = prerender_page(&page, "<p>widget</p>").unwrap();
    // The root says what the widget's HTML holds, for the wasm to check before taking it over.
    assert_eq!(
        done,
        "<body class=\"ei-page\"><main id=\"emotional-intimacy\" data-ei-page data-ei-markup=\"0.1\"><p>widget</p></main></body>"
    );
    // Already pre-rendered, two markers, a marker outside the root, no root: each refused.
    let error = prerender_page(&done, "<p>again</p>").unwrap_err();
    assert!(
        error.contains("0 elements match `<!--ei:prerender--> in the root`"),
        "{error}"
    );
    let twice = format!("{ROOT}{PRERENDER_MARKER}{PRERENDER_MARKER}</main>");
    assert!(prerender_page(&twice, "x")
        .unwrap_err()
        .contains("2 elements"));
    let outside = format!("{PRERENDER_MARKER}{ROOT}</main>");
    assert!(prerender_page(&outside, "x").is_err());
    let no_root = format!("<main>{PRERENDER_MARKER}</main>");
    assert!(prerender_page(&no_root, "x")
        .unwrap_err()
        .contains("`[data-ei-page]`"));
}

#[test]
fn frame_html_is_the_page_pre_rendered_with_a_div_for_its_root_or_the_build_fails() {
    let page = format!(
        "<html><head></head><body class=\"ei-page\">{ROOT}{PRERENDER_MARKER}</main></body></html>"
    );
    let frame = frame_page(&page, "<p>widget</p>").unwrap();
    assert!(frame.contains(
        "<div id=\"emotional-intimacy\" data-ei-page data-ei-markup=\"0.1\" data-frame=\"\"><p>widget</p></div>"
    ), "{frame}");
    assert!(frame.contains("<body class=\"ei-page ei-frame\">"));
    // A root that is not a <main>, or a body that is not the page's: nothing to change.
    let div_root = page.replace("<main ", "<div ").replace("</main>", "</div>");
    assert!(frame_page(&div_root, "x")
        .unwrap_err()
        .contains("main[data-ei-page]"));
    let other_body = page.replace("class=\"ei-page\"", "class=\"site\"");
    assert!(frame_page(&other_body, "x")
        .unwrap_err()
        .contains("body.ei-page"));
}

#[test]
fn the_build_finds_its_files_and_fills_every_placeholder_of_embed_js() {
    let names: Vec<String> = [
        "index.html",
        "emotional-intimacy-widget-abc123.js",
        "emotional-intimacy-widget-abc123_bg.wasm",
        "widget-def456.css",
    ]
    .map(String::from)
    .to_vec();
    let files = find_built_files(&names).unwrap();
    assert_eq!(files.js, "emotional-intimacy-widget-abc123.js");
    assert_eq!(files.wasm, "emotional-intimacy-widget-abc123_bg.wasm");
    assert_eq!(files.css, "widget-def456.css");
    assert!(find_built_files(&names[..2])
        .unwrap_err()
        .contains("no wasm"));
    let template = include_str!("../src/embed/embed.template.js");
    let js = embed_js(
        template,
        &files,
        "embed-host-0123.js",
        "widget-4567.html",
        "<!--<[]>--><p class=\"a\">x</p><!--</[]>-->",
    )
    .unwrap();
    assert!(js.contains("const HOST = 'embed-host-0123.js'"));
    assert!(js.contains("html: 'widget-4567.html'"));
    assert!(js.contains("htmlMarkup: '2.1'"));
    assert!(js.contains("js: 'emotional-intimacy-widget-abc123.js'"));
    assert!(js.contains("wasm: 'emotional-intimacy-widget-abc123_bg.wasm'"));
    assert!(!js.contains("__EI_"));
    // A template that lost a placeholder, or grew one nothing fills, fails the build.
    let lost = template.replace("__EI_HOST__", "embed-host.js");
    let error = embed_js(&lost, &files, "h.js", "w.html", "").unwrap_err();
    assert!(error.contains("no __EI_HOST__"), "{error}");
    let grown = format!("{template}\nconst NEW = '__EI_NEW__';");
    let error = embed_js(&grown, &files, "h.js", "w.html", "").unwrap_err();
    assert!(error.contains("__EI_NEW__ is left unfilled"), "{error}");

    let pasted = snippet(&files, "<p>widget</p>");
    assert!(pasted.contains(&format!("<template shadowrootmode=\"open\"><link rel=\"stylesheet\" href=\"./widget-def456.css\"><div class=\"ei-root ei-scheme-light ei-look-plain\" data-ei-version=\"emotional-intimacy-widget-abc123.js\" data-ei-release=\"{}\" data-ei-markup=\"0.1\"><p>widget</p></div></template>", env!("CARGO_PKG_VERSION"))));
    assert!(pasted.contains("<script type=\"module\" src=\"./embed.js\"></script>"));
}

#[test]
fn trunk_loads_every_page_through_embed_js_from_the_end_of_the_body() {
    // Trunk writes its loader where index.html's rust link is, as Trunk.toml's pattern says.
    let trunk = include_str!("../Trunk.toml");
    let pattern = trunk
        .lines()
        .find_map(|l| l.strip_prefix("pattern_script = '"))
        .and_then(|l| l.strip_suffix('\''))
        .expect("Trunk.toml has a pattern_script");
    assert!(pattern.ends_with("<script type=\"module\" src=\"{base}embed.js\"></script>"));
    assert!(pattern.contains("<link rel=\"modulepreload\" href=\"{base}{js}\""));
    assert!(pattern.contains("<link rel=\"preload\" href=\"{base}{wasm}\""));
    assert!(!pattern.contains("import"), "no inline script");
    assert!(
        trunk.contains("\npattern_preload = \"\"\n"),
        "nothing in the head"
    );
    let index = include_str!("../index.html");
    let body_end = index.find("</body>").unwrap();
    let rust = index.find("<link data-trunk rel=\"rust\"").unwrap();
    assert!(rust > index.find("<body").unwrap() && index[rust..body_end].trim_end().ends_with('>'));
    assert_eq!(
        index[rust..body_end].matches('<').count(),
        1,
        "the body's last element"
    );
}

#[test]
fn the_standalone_page_has_the_marker_inside_the_root_element() {
    let index = include_str!("../index.html");
    assert!(index.contains(&format!(
        "<main id=\"{}\" {} data-ei-release=\"__EI_RELEASE__\">{PRERENDER_MARKER}</main>",
        emotional_intimacy_widget::ROOT_ID,
        emotional_intimacy_widget::PAGE_ATTR
    )));
}

#[test]
fn pages_take_the_guides_title_and_summary_from_the_content_file() {
    let page = with_guide_text(include_str!("../index.html")).unwrap();
    assert!(page.contains(&format!("<title>{}</title>", GUIDE.title)));
    let summary = GUIDE.summary.replace('&', "&amp;").replace('"', "&quot;");
    assert!(page.contains(&format!(
        "<meta name=\"description\" content=\"{summary}\">"
    )));
    assert!(page.contains(&format!(
        "data-ei-release=\"{}\"",
        emotional_intimacy_widget::build::RELEASE
    )));
    assert!(!page.contains("__EI_"));
    // A page without a description is refused, not shipped without one.
    let error = with_guide_text("<title>Ours</title><main data-ei-page></main>").unwrap_err();
    assert!(error.contains("meta[name=description]"), "{error}");
    // Markup in a title is text, never markup.
    let page =
        with_guide_text("<title>x</title><meta name=\"description\"><main data-ei-page></main>")
            .unwrap();
    assert!(!page.contains("<title><"));
}

#[test]
fn the_csp_is_the_same_wherever_it_is_written() {
    use emotional_intimacy_widget::build::{
        deploy_files, frame_csp, STRICT_CSP, STYLE_HASH_MARKER, TOOL_CSP,
    };
    // README shows it with a placeholder where each build's inline-style hash goes.
    let readme = include_str!("../README.md");
    let shown = STRICT_CSP.replace(STYLE_HASH_MARKER, "'sha256-…'");
    assert!(
        readme.contains(&format!("```\n{shown}\n```")),
        "README's CSP"
    );
    for (name, text) in deploy_files().unwrap() {
        assert!(!text.contains("__EI_CSP__"), "{name} is filled in");
        assert!(text.contains(STRICT_CSP), "{name} carries the CSP");
        // frame.html may be framed by any site, in one place the owner can narrow; the
        // builder and the demo frame it.
        assert_eq!(
            text.matches(&frame_csp()).count(),
            1,
            "{name}: frame.html's CSP"
        );
        assert!(frame_csp().ends_with("frame-ancestors *"));
        assert!(text.contains(TOOL_CSP), "{name}: the builder's CSP");
        assert!(
            text.contains("nosniff") && text.contains("no-referrer"),
            "{name}"
        );
    }
    assert!(
        readme.contains("frame-ancestors *"),
        "README says frame.html's policy"
    );
}

// ---- The standalone page as an app ----------------------------------------------------

/// A PNG's width and height, from its header.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "a PNG");
    let be = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (be(16), be(20))
}

#[test]
fn the_manifest_makes_the_page_installable_with_real_icons() {
    use emotional_intimacy_widget::build::app::{manifest, ICONS, THEME_DARK, THEME_LIGHT};
    let m: serde_json::Value = serde_json::from_str(&manifest()).unwrap();
    assert_eq!(m["name"], emotional_intimacy_widget::content::GUIDE.title);
    assert_eq!(m["short_name"], "Small signals");
    assert_eq!(m["display"], "standalone");
    assert_eq!(m["scope"], "./");
    assert_eq!(m["start_url"], "./");
    assert_eq!(m["theme_color"], THEME_LIGHT);
    let icons = m["icons"].as_array().unwrap();
    for icon in icons {
        let src = icon["src"].as_str().unwrap();
        let bytes = ICONS.iter().find(|(name, _)| *name == src).unwrap().1;
        let (w, h) = png_size(bytes);
        assert_eq!(icon["sizes"], format!("{w}x{h}"), "{src}");
        assert_eq!(icon["type"], "image/png");
    }
    let sized = |size: &str, purpose: &str| {
        icons
            .iter()
            .any(|i| i["sizes"] == size && i["purpose"] == purpose)
    };
    assert!(sized("192x192", "any") && sized("512x512", "any") && sized("512x512", "maskable"));
    // The title bar's colours are the page's own backgrounds, light and dark.
    let css = std::fs::read_to_string("styles/widget.css").unwrap();
    let page_rules: Vec<&str> = css.split(".ei-page {").skip(1).collect();
    for colour in [THEME_LIGHT, THEME_DARK] {
        assert!(
            page_rules
                .iter()
                .any(|rule| rule[..rule.find('}').unwrap()]
                    .contains(&format!("background: {colour}"))),
            "{colour} is a .ei-page background"
        );
    }
}

#[test]
fn only_a_release_page_registers_the_service_worker() {
    use emotional_intimacy_widget::build::app::OFFLINE_ATTR;
    use emotional_intimacy_widget::build::app_page;
    let page = std::fs::read_to_string("index.html").unwrap();
    for offline in [false, true] {
        let app = app_page(&page, offline).unwrap();
        assert!(app.contains("<link rel=\"manifest\" href=\"manifest.webmanifest\">"));
        assert!(app.contains("media=\"(prefers-color-scheme: light)\""));
        assert!(app.contains("media=\"(prefers-color-scheme: dark)\""));
        assert!(!app.contains("href=\"data:,\""));
        assert_eq!(app.contains(OFFLINE_ATTR), offline);
    }
}

#[test]
fn the_service_worker_names_its_build_and_every_file_it_keeps() {
    use emotional_intimacy_widget::build::{build_id, service_worker};
    let template = std::fs::read_to_string("src/app/service-worker.js").unwrap();
    let files = vec!["embed.js".to_owned(), "index.html".to_owned()];
    let a = build_id(&[b"one".to_vec(), b"two".to_vec()]);
    // Any byte changed, or moved between files, is another build.
    assert_ne!(a, build_id(&[b"one".to_vec(), b"twO".to_vec()]));
    assert_ne!(a, build_id(&[b"onet".to_vec(), b"wo".to_vec()]));
    assert!(a.starts_with(&format!("{}-", emotional_intimacy_widget::build::RELEASE)));
    let worker = service_worker(&template, &a, &files, "glue-1.js").unwrap();
    // Only the files' sizes and hashes are left, for the release build's last step.
    assert_eq!(
        worker.matches("__EI_").collect::<Vec<_>>(),
        ["__EI_"],
        "{worker}"
    );
    assert!(worker.contains("const EXPECTED = __EI_EXPECTED__;"));
    assert!(worker.contains("const GLUE = 'glue-1.js';"));
    assert!(worker.contains(&format!("const BUILD = '{a}';")));
    assert!(worker.contains("const FILES = [\"embed.js\",\"index.html\"];"));
}
