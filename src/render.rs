use yew::prelude::*;

use crate::content::GUIDE;
use crate::ui::{App, AppProps};

/// Renders the widget natively, blocking until done. `hydratable` adds the markers the wasm
/// needs to hydrate this markup instead of rendering it again. Props are made on the
/// renderer's thread (AttrValue is not Send).
fn render(props: impl FnOnce() -> AppProps + Send + 'static, hydratable: bool) -> String {
    let renderer = yew::ServerRenderer::<App>::with_props(props).hydratable(hydratable);
    without_component_names(&futures::executor::block_on(renderer.render()))
}

/// Drops the component type names that a debug build of Yew writes into its hydration
/// markers (`<!--<[crate::ui::app::App]>-->` becomes `<!--<[]>-->`). Hydration matches only
/// the `<[`, `</[` and `]>` marks, so the names are bytes every visitor downloads for nothing.
pub fn without_component_names(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("<!--<") {
        let (before, marker) = rest.split_at(at);
        out.push_str(before);
        let open = if marker.starts_with("<!--</[") {
            "<!--</["
        } else if marker.starts_with("<!--<[") {
            "<!--<["
        } else {
            out.push_str("<!--<");
            rest = &marker["<!--<".len()..];
            continue;
        };
        match marker.find("]>-->") {
            Some(end) => {
                out.push_str(open);
                out.push_str("]>-->");
                rest = &marker[end + "]>-->".len()..];
            }
            None => {
                out.push_str(marker);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The widget as on its own page, with this title level and storage key.
pub fn render_app(heading_level: u8, storage_key: &str, hydratable: bool) -> String {
    let storage_key = storage_key.to_owned();
    render(
        move || AppProps {
            heading_level,
            storage_key: storage_key.into(),
            ..AppProps::default()
        },
        hydratable,
    )
}

/// The widget as embedded with default options (frame.html, the pasted snippet).
pub fn render_embedded(hydratable: bool) -> String {
    render(
        || {
            crate::embed::app_props(
                &crate::embed::Options::default(),
                crate::embed::Shape::InPage,
            )
        },
        hydratable,
    )
}

/// Where in a page the pre-rendered widget goes: inside the root element.
pub const PRERENDER_MARKER: &str = "<!--ei:prerender-->";

/// Puts `widget_html` in place of the marker, and on the root element (the one with
/// `PAGE_ATTR`) what the wasm checks before it takes that HTML over ([`markup_attribute`]).
/// The marker must appear exactly once, so a page without it (or a page already
/// pre-rendered) is reported instead of silently shipped.
pub fn prerender_page(page: &str, widget_html: &str) -> Result<String, String> {
    match page.matches(PRERENDER_MARKER).count() {
        1 => mark_root(page, &markup_attribute(widget_html))
            .map(|page| page.replacen(PRERENDER_MARKER, widget_html, 1))
            .ok_or_else(|| "no root element to mark with its markup counts".to_owned()),
        0 => Err(format!("no {PRERENDER_MARKER} marker to replace")),
        n => Err(format!("{n} {PRERENDER_MARKER} markers; expected one")),
    }
}

/// The attribute on a pre-rendered widget's root that says what its HTML holds: the wasm
/// takes the HTML over (hydrates it) only when the page still holds that, and draws the
/// widget afresh in its place otherwise. Site optimisers (Autoptimize, LiteSpeed Cache,
/// SiteGround Optimizer, "minify HTML" options) strip HTML comments, and Yew's hydration
/// needs the comments it wrote: taking over such HTML would stop the wasm.
pub const MARKUP_ATTR: &str = "data-ei-markup";

/// `data-ei-markup="<comments>.<elements>"` for `html`.
pub fn markup_attribute(html: &str) -> String {
    format!("{MARKUP_ATTR}=\"{}\"", markup_counts_text(html))
}

/// `<comments>.<elements>` of `html` ([`markup_counts`]).
pub fn markup_counts_text(html: &str) -> String {
    let (comments, elements) = markup_counts(html);
    format!("{comments}.{elements}")
}

/// How many comments and elements `html` holds, counted as a browser parses it
/// (`web::markup_intact` counts the same in the page): the tree hydration walks. (Attributes
/// are not counted: hydration sets each one anew, so one an optimiser dropped or an
/// extension added does no harm.) Yew escapes `<` in text and quotes attribute values, so an
/// element starts at each `<` followed by a letter, outside a quoted value.
pub fn markup_counts(html: &str) -> (usize, usize) {
    let (mut comments, mut elements) = (0, 0);
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at..];
        if let Some(after) = rest.strip_prefix("<!--") {
            comments += 1;
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
            continue;
        }
        if !rest[1..].starts_with(|c: char| c.is_ascii_alphabetic()) {
            rest = &rest[1..];
            continue;
        }
        elements += 1;
        // Past the tag's end, skipping `>` inside quoted values.
        let mut quote = None;
        let mut end = rest.len();
        for (i, c) in rest.char_indices().skip(1) {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '>') => {
                    end = i + 1;
                    break;
                }
                (None, _) => {}
            }
        }
        rest = &rest[end..];
    }
    (comments, elements)
}

/// The hashed files Trunk built, by role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuiltFiles {
    pub js: String,
    pub wasm: String,
    pub css: String,
}

/// Finds the JS glue, the wasm and the stylesheet among the names of the built files.
pub fn find_built_files(names: &[String]) -> Result<BuiltFiles, String> {
    let find = |what: &str, test: &dyn Fn(&str) -> bool| -> Result<String, String> {
        let found: Vec<&String> = names.iter().filter(|n| test(n)).collect();
        match found.as_slice() {
            [one] => Ok((*one).clone()),
            [] => Err(format!("no {what} among the built files")),
            _ => Err(format!("more than one {what}: {found:?}")),
        }
    };
    Ok(BuiltFiles {
        js: find("JS glue", &|n| {
            n.starts_with("emotional-intimacy-widget-") && n.ends_with(".js")
        })?,
        wasm: find("wasm", &|n| n.ends_with("_bg.wasm"))?,
        css: find("stylesheet", &|n| {
            n.starts_with("widget-") && n.ends_with(".css")
        })?,
    })
}

/// The loader every page uses: `embed.js`, an external module (no inline script, so pages
/// work under a strict Content-Security-Policy).
pub const LOADER_TAG: &str = "<script type=\"module\" src=\"./embed.js\"></script>";

/// Replaces Trunk's inline module loader with [`LOADER_TAG`], and moves it and Trunk's
/// preloads of the JS glue and the wasm from the head to the end of the body: fetched as
/// soon as the HTML has arrived, they no longer share the line with it, which held up the
/// first paint (by about 80 ms on Lighthouse's mobile profile).
pub fn use_embed_loader(page: &str) -> Result<String, String> {
    const OPEN: &str = "<script type=\"module\">";
    let mut from = 0;
    while let Some(start) = page[from..].find(OPEN).map(|i| i + from) {
        let end = page[start..]
            .find("</script>")
            .map(|i| start + i + "</script>".len())
            .ok_or("an unclosed <script type=\"module\">")?;
        if page[start..end].contains("import init") {
            let mut page = format!("{}{}", &page[..start], &page[end..]);
            let mut late = String::new();
            for kind in ["<link rel=\"modulepreload\"", "<link rel=\"preload\""] {
                if let Some(at) = page.find(kind) {
                    let close = page[at..].find('>').map_or(page.len(), |i| at + i + 1);
                    late.push_str(&page[at..close]);
                    page.replace_range(at..close, "");
                }
            }
            late.push_str(LOADER_TAG);
            let body_end = page
                .rfind("</body>")
                .ok_or("no </body> to put the loader before")?;
            page.insert_str(body_end, &late);
            return Ok(without_wasm_preload_integrity(&page));
        }
        from = end;
    }
    Err("no Trunk loader script to replace".to_owned())
}

/// A file the pre-render step writes into dist/, named `<stem>-<hash>.<ext>` by a hash of
/// its text, so it can be cached for a year like Trunk's hashed files.
pub fn hashed_name(stem: &str, ext: &str, text: &str) -> String {
    format!(
        "{stem}-{:016x}.{ext}",
        fnv(0xcbf2_9ce4_8422_2325, text.as_bytes())
    )
}

/// FNV-1a, 64-bit, from `hash`: changes whenever the bytes do.
fn fnv(hash: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(hash, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// A build's id, from the contents of its files: the service worker's cache is named by it,
/// so a build with any file changed gets a cache of its own.
pub fn build_id(files: &[Vec<u8>]) -> String {
    let hash = files.iter().fold(0xcbf2_9ce4_8422_2325, |h, file| {
        fnv(fnv(h, &(file.len() as u64).to_le_bytes()), file)
    });
    format!("{RELEASE}-{hash:016x}")
}

/// embed.js, from its template with the built file names, the host module's and the
/// pre-rendered widget's names, the guide's title (for its one message) and the option
/// names filled in.
pub fn embed_js(
    template: &str,
    files: &BuiltFiles,
    host_module: &str,
    widget_html: &str,
    widget_text: &str,
) -> String {
    template
        .replace("__EI_RELEASE__", RELEASE)
        .replace("__EI_PACKAGE__", PACKAGE)
        .replace("__EI_HOST__", host_module)
        .replace("__EI_HTML__", widget_html)
        .replace("__EI_HTML_MARKUP__", &markup_counts_text(widget_text))
        .replace("__EI_JS__", &files.js)
        .replace("__EI_WASM__", &files.wasm)
        .replace("__EI_CSS__", &files.css)
        // JSON strings and arrays are JavaScript literals.
        .replace(
            "__EI_TITLE__",
            &serde_json::to_string(GUIDE.title).unwrap_or_default(),
        )
        .replace(
            "__EI_WORDS__",
            &serde_json::json!({
                "noWasm": crate::ui::strings::NO_WASM,
                "noWasmGuide": crate::ui::strings::NO_WASM_GUIDE,
                "couldNotLoad": crate::ui::strings::could_not_load(GUIDE.title),
            })
            .to_string(),
        )
        .replace(
            "__EI_OPTIONS__",
            &serde_json::to_string(&crate::embed::options::NAMES).unwrap_or_default(),
        )
        .replace(
            "__EI_MARKUP__",
            &serde_json::to_string(&crate::embed::options::MARKUP_NAMES).unwrap_or_default(),
        )
}

/// The Content-Security-Policy for index.html and frame.html: the strictest the widget works
/// under (no inline script, no eval: 'wasm-unsafe-eval' compiles the wasm; one inline style,
/// the page's stylesheet, allowed by its hash so nothing but the HTML blocks the first
/// paint). The release build's last step puts that hash where [`STYLE_HASH_MARKER`] is.
/// README, the deploy files and the test server carry it; tests check they agree.
pub const STRICT_CSP: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' __EI_STYLE_HASH__; connect-src 'self'; img-src 'self' data:; manifest-src 'self'; worker-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

/// Where the inline style's hash goes in [`STRICT_CSP`], e.g. `'sha256-…'`.
pub const STYLE_HASH_MARKER: &str = "__EI_STYLE_HASH__";

/// frame.html's policy: the strict one, but any site may show it in an iframe, since that
/// is what it is for (a site builder's "embed a site" is on the builder's origin, not the
/// practice's). Weighed against clickjacking: a page framing it cannot read the visitor's
/// data (another origin), and the only harmful actions, deleting or replacing the data,
/// each need a second, explicit confirmation in the frame. An owner can narrow it to their
/// own site in the one place each deploy file says.
pub fn frame_csp() -> String {
    STRICT_CSP.replace("frame-ancestors 'self'", "frame-ancestors *")
}

/// The snippet builder's and the demo page's policy (`builder/`, `demo/`): their own
/// stylesheets and scripts, the widget from the folder above, and frame.html in an iframe.
pub const TOOL_CSP: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; img-src 'self' data:; frame-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

/// The server settings written into dist/: Apache's `.htaccess`, Netlify's and Cloudflare
/// Pages' `_headers`, and an nginx `location` block, from `src/deploy/`, with the CSP filled
/// in (its style hash by the release build's last step, xtask/tools/minify.mjs).
pub fn deploy_files() -> [(&'static str, String); 3] {
    let fill = |template: &str| {
        template
            .replace("__EI_CSP__", STRICT_CSP)
            .replace("__EI_FRAME_CSP__", &frame_csp())
            .replace("__EI_TOOL_CSP__", TOOL_CSP)
    };
    [
        (".htaccess", fill(include_str!("deploy/htaccess"))),
        ("_headers", fill(include_str!("deploy/headers"))),
        ("nginx.conf", fill(include_str!("deploy/nginx.conf"))),
    ]
}

/// This release's version, from Cargo.toml: shown as `EmotionalIntimacy.version` and as
/// `data-ei-release` on each widget's root (a page's, a pasted snippet's, an embed's).
pub const RELEASE: &str = env!("CARGO_PKG_VERSION");
/// The npm package's name (`cargo xtask package`): the crate's.
pub const PACKAGE: &str = env!("CARGO_PKG_NAME");

/// Where a page template takes the guide's title (`<title>`) and summary (the description),
/// so the words live only in the content file.
pub const TITLE_MARKER: &str = "__EI_TITLE__";
pub const SUMMARY_MARKER: &str = "__EI_SUMMARY__";

/// Where a page template takes this release's version (its root's `data-ei-release`).
pub const RELEASE_MARKER: &str = "__EI_RELEASE__";

/// Fills a page's title and summary markers with the guide's words, escaped for HTML, and
/// its release marker with this release.
pub fn with_guide_text(page: &str) -> Result<String, String> {
    for marker in [TITLE_MARKER, SUMMARY_MARKER, RELEASE_MARKER] {
        if !page.contains(marker) {
            return Err(format!("no {marker} marker in the page"));
        }
    }
    Ok(page
        .replace(TITLE_MARKER, &escape_html(GUIDE.title))
        .replace(SUMMARY_MARKER, &escape_html(GUIDE.summary))
        .replace(RELEASE_MARKER, RELEASE))
}

/// Text made safe inside HTML elements and quoted attributes.
fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The guide as plain HTML: no script, no widget, a few lines of CSS. The benchmark's floor
/// (`cargo xtask bench` compares the widget's page with it), made from the same content.
pub fn plain_page() -> String {
    #[function_component(PlainGuide)]
    fn plain_guide() -> Html {
        html! {
            <main>
                <h1>{ GUIDE.title }</h1>
                <p>{ GUIDE.summary }</p>
                <p>{ GUIDE.tags_line }</p>
                <h2>{ GUIDE.quick_take_heading }</h2>
                <ul>{ for GUIDE.quick_take.iter().map(|point| html! { <li>{ *point }</li> }) }</ul>
                { for GUIDE.sections.iter().map(|s| html! { <><h2>{ s.heading }</h2><p>{ s.body }</p></> }) }
                <h2>{ GUIDE.faq_heading }</h2>
                { for GUIDE.faq.iter().map(|q| html! { <><h3>{ q.heading }</h3><p>{ q.body }</p></> }) }
            </main>
        }
    }
    let renderer = yew::ServerRenderer::<PlainGuide>::new().hydratable(false);
    let body = futures::executor::block_on(renderer.render());
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title>\n<meta name=\"description\" content=\"{summary}\">\
         <link rel=\"icon\" href=\"data:,\">\n<style>body{{font-family:system-ui,sans-serif;\
         max-width:44em;margin:0 auto;padding:1em;line-height:1.6}}</style></head>\n\
         <body>{body}</body></html>\n",
        title = escape_html(GUIDE.title),
        summary = escape_html(GUIDE.summary),
    )
}

/// The page with `attribute` added to its root element (the one with `PAGE_ATTR`), or None
/// unless there is exactly one.
fn mark_root(page: &str, attribute: &str) -> Option<String> {
    let root = format!(" {}", crate::PAGE_ATTR);
    (page.matches(&root).count() == 1).then(|| page.replace(&root, &format!("{root} {attribute}")))
}

/// frame.html: the widget alone, for an iframe, pre-rendered with the embed's default options
/// (`widget_html`). With other options in its query string the wasm renders it afresh.
pub fn frame_page(page: &str, widget_html: &str) -> Result<String, String> {
    let marked =
        mark_root(page, "data-frame").filter(|_| page.matches(PRERENDER_MARKER).count() == 1);
    let Some(page) = marked else {
        return Err("no empty root element to turn into the frame's".to_owned());
    };
    // In a frame, the widget is part of the page around it, inside that page's <main>: a
    // second main landmark would stand beside it. The root is a plain <div> there.
    if page.matches("<main ").count() != 1 || page.matches("</main>").count() != 1 {
        return Err("no single <main> root to make the frame's <div>".to_owned());
    }
    Ok(prerender_page(&page, widget_html)?
        .replace("<main ", "<div ")
        .replace("</main>", "</div>")
        .replace(
            "<body class=\"ei-page\">",
            "<body class=\"ei-page ei-frame\">",
        ))
}

/// snippet.html: what a host can paste for an in-page embed that is visible and styled
/// before any script runs (declarative shadow DOM). `data-ei-version` names the build, so
/// embed.js hydrates it only when it matches; an old snippet is rendered afresh instead.
pub fn snippet(files: &BuiltFiles, widget_html: &str) -> String {
    format!(
        "<!-- \"{title}\" widget, pre-rendered. Paste it where the widget should\n     \
         appear, and replace each ./ with the address of the folder these files are served\n     \
         from. Paste it again after upgrading the widget (it is tied to this build). Until\n     \
         its script runs, it shows light and plain: on a dark site, change ei-scheme-light\n     \
         to ei-scheme-dark below. -->\n\
         <div data-emotional-intimacy>\n\
         <template shadowrootmode=\"open\"><link rel=\"stylesheet\" href=\"./{css}\">\
         <div class=\"ei-root ei-scheme-light ei-look-plain\" data-ei-version=\"{version}\" data-ei-release=\"{RELEASE}\" {markup}>{widget_html}</div></template>\n\
         </div>\n\
         <script type=\"module\" src=\"./embed.js\"></script>\n",
        // Nothing in a title can end the comment early.
        title = GUIDE.title.replace("--", "- -"),
        css = files.css,
        version = files.js,
        markup = markup_attribute(widget_html),
    )
}
/// Trunk's `<link rel="preload" … as="fetch" type="application/wasm">` carries an
/// `integrity` attribute that browsers ignore for fetch preloads (with a console warning).
fn without_wasm_preload_integrity(page: &str) -> String {
    let Some(at) = page.find("type=\"application/wasm\"") else {
        return page.to_owned();
    };
    let start = page[..at].rfind("<link").unwrap_or(at);
    let end = page[at..].find('>').map_or(page.len(), |i| at + i);
    let tag = &page[start..end];
    let Some(i) = tag.find(" integrity=\"") else {
        return page.to_owned();
    };
    let close = tag[i + 12..]
        .find('"')
        .map_or(tag.len(), |j| i + 12 + j + 1);
    format!(
        "{}{}{}{}",
        &page[..start],
        &tag[..i],
        &tag[close..],
        &page[end..]
    )
}

/// The standalone page as an installable app: its manifest, icons and service worker.
pub mod app {
    use crate::content::GUIDE;

    pub const MANIFEST: &str = "manifest.webmanifest";
    pub const SERVICE_WORKER: &str = "service-worker.js";
    /// The icons, made from `src/app/icon.svg` by `xtask/tools/icons.mjs`.
    pub const ICONS: [(&str, &[u8]); 3] = [
        ("icon-192.png", include_bytes!("app/icon-192.png")),
        ("icon-512.png", include_bytes!("app/icon-512.png")),
        (
            "icon-maskable-512.png",
            include_bytes!("app/icon-maskable-512.png"),
        ),
    ];
    /// The page's background in light and dark (`.ei-page` in styles/widget.css): the app
    /// window's title bar and its splash screen.
    pub const THEME_LIGHT: &str = "#fbf8f4";
    pub const THEME_DARK: &str = "#1b1a20";
    /// The tracker's name on the home screen.
    pub const SHORT_NAME: &str = "Small signals";

    /// The web app manifest. Its scope is the folder it is in (dist/, wherever served).
    pub fn manifest() -> String {
        let icon = |src: &str, sizes: &str, purpose: &str| serde_json::json!({ "src": src, "sizes": sizes, "type": "image/png", "purpose": purpose });
        let manifest = serde_json::json!({
            "name": GUIDE.title,
            "short_name": SHORT_NAME,
            "description": GUIDE.summary,
            "lang": "en",
            "id": "./",
            "start_url": "./",
            "scope": "./",
            "display": "standalone",
            "theme_color": THEME_LIGHT,
            "background_color": THEME_LIGHT,
            "icons": [
                icon(ICONS[0].0, "192x192", "any"),
                icon(ICONS[1].0, "512x512", "any"),
                icon(ICONS[2].0, "512x512", "maskable"),
            ],
        });
        serde_json::to_string_pretty(&manifest).unwrap_or_default()
    }

    /// index.html as an app: the manifest, the icons and the title bar's colours (light and
    /// dark) in its head; with `offline`, the attribute that has embed.js register the
    /// service worker (release builds only: a development server's pages change all the time).
    pub fn app_page(page: &str, offline: bool) -> Result<String, String> {
        const ICON: &str = "<link rel=\"icon\" href=\"data:,\">";
        if page.matches(ICON).count() != 1 {
            return Err("no <link rel=\"icon\" href=\"data:,\"> in the page to replace".to_owned());
        }
        let head = format!(
            "<link rel=\"icon\" href=\"{icon}\" type=\"image/png\">\n  \
             <link rel=\"apple-touch-icon\" href=\"{icon}\">\n  \
             <link rel=\"manifest\" href=\"{MANIFEST}\">\n  \
             <meta name=\"theme-color\" content=\"{THEME_LIGHT}\" media=\"(prefers-color-scheme: light)\">\n  \
             <meta name=\"theme-color\" content=\"{THEME_DARK}\" media=\"(prefers-color-scheme: dark)\">",
            icon = ICONS[0].0,
        );
        let page = page.replace(ICON, &head);
        if !offline {
            return Ok(page);
        }
        super::mark_root(&page, OFFLINE_ATTR)
            .ok_or_else(|| "no root element to mark for the service worker".to_owned())
    }

    /// On index.html's root: register the service worker (embed.js does).
    pub const OFFLINE_ATTR: &str = "data-ei-offline";

    /// The service worker from its template: this build's id, the files it keeps (`./`
    /// being the page) and the JS glue's name, which the page must name. Each file's size
    /// and hash are filled in by the release build's last step (xtask/tools/minify.mjs),
    /// once the files are final.
    pub fn service_worker(template: &str, build: &str, files: &[String], glue: &str) -> String {
        template
            .replace("__EI_BUILD__", build)
            .replace("__EI_GLUE__", glue)
            .replace(
                "__EI_FILES__",
                &serde_json::to_string(files).unwrap_or_default(),
            )
    }
}
