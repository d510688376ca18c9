//! Files made from text templates: embed.js (from `src/embed/embed.template.js`), the host
//! module (`src/embed/host/`, its parts joined), the snippet builder's script
//! (`builder/builder.js`), the service worker (`src/app/service-worker.js`) and the snippet
//! a host can paste. Each
//! template's `__EI_NAME__` placeholders are filled through [`fill`], which fails the build
//! for a placeholder the template lacks or one left unfilled.

use super::files::BuiltFiles;
use super::ssr::{markup_counts_text, MARKUP_ATTR};
use super::{PACKAGE, RELEASE};
use crate::content::GUIDE;
use crate::embed::options::{Values, OPTIONS};

/// `template` with each `(placeholder, value)` filled in. Err names `what` and the
/// placeholder when one is missing, or when a placeholder is left that is not `later`'s
/// (filled by a later step).
pub fn fill(
    what: &str,
    template: &str,
    values: &[(&str, &str)],
    later: &[&str],
) -> Result<String, String> {
    let mut text = template.to_owned();
    for (placeholder, value) in values {
        if !text.contains(placeholder) {
            return Err(format!("{what}: no {placeholder} to fill in"));
        }
        text = text.replace(placeholder, value);
    }
    let mut rest = text.as_str();
    while let Some(at) = rest.find("__EI_") {
        let name_end = rest[at + 5..]
            .find("__")
            .map_or(rest.len(), |end| at + 5 + end + 2);
        let placeholder = &rest[at..name_end];
        if !later.contains(&placeholder) {
            return Err(format!("{what}: {placeholder} is left unfilled"));
        }
        rest = &rest[name_end..];
    }
    Ok(text)
}

/// A value as a JavaScript literal (JSON is).
fn js<T: serde::Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// embed.js, from its template with the built file names, the host module's and the
/// pre-rendered widget's names (and how much markup that holds), what a visitor reads where
/// the wasm cannot run, and the options as the widget reads them.
pub fn embed_js(
    template: &str,
    files: &BuiltFiles,
    host_module: &str,
    widget_html: &str,
    widget_text: &str,
) -> Result<String, String> {
    let words = serde_json::json!({
        "noWasm": crate::ui::strings::NO_WASM,
        "noWasmGuide": crate::ui::strings::NO_WASM_GUIDE,
        "couldNotLoad": crate::ui::strings::could_not_load(GUIDE.title),
    })
    .to_string();
    fill(
        "embed.js",
        template,
        &[
            ("__EI_RELEASE__", RELEASE),
            ("__EI_PACKAGE__", PACKAGE),
            ("__EI_HOST__", host_module),
            ("__EI_HTML__", widget_html),
            ("__EI_HTML_MARKUP__", &markup_counts_text(widget_text)),
            ("__EI_JS__", &files.js),
            ("__EI_WASM__", &files.wasm),
            ("__EI_CSS__", &files.css),
            ("__EI_TITLE__", &js(GUIDE.title)),
            ("__EI_WORDS__", &words),
            ("__EI_OPTIONS__", &js(&crate::embed::options::NAMES)),
            ("__EI_MARKUP__", &js(&crate::embed::options::MARKUP_NAMES)),
        ],
        &[],
    )
}

/// The host module's parts, in the order they are joined (see [`host_module`]).
pub const HOST_PARTS: [(&str, &str); 4] = [
    ("page.js", include_str!("../embed/host/page.js")),
    (
        "presentation.js",
        include_str!("../embed/host/presentation.js"),
    ),
    ("print.js", include_str!("../embed/host/print.js")),
    ("mount.js", include_str!("../embed/host/mount.js")),
];

/// The host module embed.js loads on pages with an in-page widget: its parts joined into one
/// module (one request), with the presentation options' values from the options table
/// (each option's allowed values, its default first).
pub fn host_module() -> Result<String, String> {
    let joined = HOST_PARTS
        .iter()
        .map(|(name, text)| format!("// ---- src/embed/host/{name}\n{text}"))
        .collect::<Vec<_>>()
        .join("\n");
    let presentation: serde_json::Map<String, serde_json::Value> = OPTIONS
        .iter()
        .filter(|option| option.presentation)
        .filter_map(|option| match option.values {
            Values::OneOf(values) => {
                let mut list = vec![option.default];
                list.extend(values.iter().filter(|v| **v != option.default));
                Some((option.name.to_owned(), serde_json::json!(list)))
            }
            _ => None,
        })
        .collect();
    fill(
        "the host module",
        &joined,
        &[("__EI_PRESENTATION__", &js(&presentation))],
        &[],
    )
}

/// The snippet builder's script with the options' defaults and the storage name's grammar
/// from the options table, and the limits of a practice's name.
pub fn builder_js(template: &str) -> Result<String, String> {
    let defaults: serde_json::Map<String, serde_json::Value> = OPTIONS
        .iter()
        .filter(|option| option.values != Values::KeyName)
        .map(|option| (option.name.to_owned(), option.default.into()))
        .collect();
    fill(
        "builder/builder.js",
        template,
        &[
            ("__EI_DEFAULTS__", &js(&defaults)),
            (
                "__EI_KEY_PATTERN__",
                &js(&crate::storage::key_name_pattern()),
            ),
            (
                "__EI_NAME_LIMITS__",
                &js(&serde_json::json!({
                    "chars": crate::tracker::model::NAME_MAX_CHARS,
                    "count": crate::tracker::model::MAX_PRACTICES,
                })),
            ),
        ],
        &[],
    )
}

/// The service worker from its template: this build's id, the files it keeps (`./` being
/// the page) and the JS glue's name, which the page must name. Each file's size and hash
/// are filled in by the release build's last step (xtask/tools/minify.mjs), once the files
/// are final.
pub fn service_worker(
    template: &str,
    build: &str,
    files: &[String],
    glue: &str,
) -> Result<String, String> {
    fill(
        "service-worker.js",
        template,
        &[
            ("__EI_BUILD__", build),
            ("__EI_GLUE__", glue),
            ("__EI_FILES__", &js(files)),
        ],
        &["__EI_EXPECTED__"],
    )
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
         <div class=\"ei-root ei-scheme-light ei-look-plain\" data-ei-version=\"{version}\" data-ei-release=\"{RELEASE}\" {MARKUP_ATTR}=\"{markup}\">{widget_html}</div></template>\n\
         </div>\n\
         <script type=\"module\" src=\"./embed.js\"></script>\n",
        // Nothing in a title can end the comment early.
        title = GUIDE.title.replace("--", "- -"),
        css = files.css,
        version = files.js,
        markup = markup_counts_text(widget_html),
    )
}
