//! The Content-Security-Policies and the server settings written into dist/.

use super::templates::fill;

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
pub fn deploy_files() -> Result<[(&'static str, String); 3], String> {
    let frame = frame_csp();
    // _headers names files by prefix: one rule per hashed stem.
    let hashed = super::files::HASHED_STEMS
        .iter()
        .map(|stem| format!("/{stem}-*\n  Cache-Control: public, max-age=31536000, immutable"))
        .collect::<Vec<_>>()
        .join("\n\n");
    let fill = |name: &str, template: &str, own: &[(&str, &str)]| {
        let mut values = vec![
            ("__EI_CSP__", STRICT_CSP),
            ("__EI_FRAME_CSP__", frame.as_str()),
            ("__EI_TOOL_CSP__", TOOL_CSP),
        ];
        values.extend_from_slice(own);
        fill(name, template, &values, &[STYLE_HASH_MARKER])
    };
    Ok([
        (
            ".htaccess",
            fill(".htaccess", include_str!("../deploy/htaccess"), &[])?,
        ),
        (
            "_headers",
            fill(
                "_headers",
                include_str!("../deploy/headers"),
                &[("__EI_HASHED__", &hashed)],
            )?,
        ),
        (
            "nginx.conf",
            fill("nginx.conf", include_str!("../deploy/nginx.conf"), &[])?,
        ),
    ])
}
