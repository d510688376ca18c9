//! The build's own step, natively: Trunk's post-build hook runs `src/bin/prerender.rs`,
//! which uses these parts to turn Trunk's output into the release.
//!
//! - [`ssr`]: the widget rendered by Yew's `ServerRenderer` (pre-rendering, tests), how much
//!   markup it holds, and the plain page the benchmark compares with;
//! - [`pages`]: the HTML pages rewritten through a parser (lol_html): the guide's title and
//!   summary, the widget pre-rendered into the root, frame.html, index.html as an app;
//! - [`templates`]: embed.js, the host module, the builder's script, the service worker and
//!   the snippet, from text templates whose every placeholder must be filled;
//! - [`files`]: Trunk's files by role, content-hashed names, the build's id;
//! - [`app`]: the manifest and icons that make the standalone page installable;
//! - [`deploy`]: the Content-Security-Policies and the server settings;
//! - [`wordpress`]: the WordPress plugin's block.json and options, from the options table.
//!
//! Trunk itself writes the pages' loader (`pattern_script` in Trunk.toml): `embed.js` and
//! the preloads of the JS glue and the wasm, at the end of the body.
//!
//! Every step returns `Err` with what it did not find, and the hook fails the build.

pub mod app;
pub mod deploy;
pub mod files;
pub mod pages;
pub mod ssr;
pub mod templates;
pub mod wordpress;

pub use deploy::{deploy_files, frame_csp, STRICT_CSP, STYLE_HASH_MARKER, TOOL_CSP};
pub use files::{build_id, find_built_files, hashed_name, BuiltFiles};
pub use pages::{app_page, frame_page, prerender_page, with_guide_text, PRERENDER_MARKER};
pub use ssr::{
    markup_counts, markup_counts_text, plain_page, render_app, render_embedded,
    without_component_names, MARKUP_ATTR,
};
pub use templates::{builder_js, embed_js, host_module, service_worker, snippet, HOST_PARTS};

/// This release's version, from Cargo.toml: shown as `EmotionalIntimacy.version` and as
/// `data-ei-release` on each widget's root (a page's, a pasted snippet's, an embed's).
pub const RELEASE: &str = env!("CARGO_PKG_VERSION");
/// The npm package's name (`cargo xtask package`): the crate's.
pub const PACKAGE: &str = env!("CARGO_PKG_NAME");

/// Text made safe inside HTML elements and quoted attributes.
fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
