//! The standalone page as an installable app: its manifest and icons, and the names the
//! pages and the service worker share.

use crate::content::GUIDE;

pub const MANIFEST: &str = "manifest.webmanifest";
pub const SERVICE_WORKER: &str = "service-worker.js";
/// The icons, made from `src/app/icon.svg` by `xtask/tools/icons.mjs`.
pub const ICONS: [(&str, &[u8]); 3] = [
    ("icon-192.png", include_bytes!("../app/icon-192.png")),
    ("icon-512.png", include_bytes!("../app/icon-512.png")),
    (
        "icon-maskable-512.png",
        include_bytes!("../app/icon-maskable-512.png"),
    ),
];
/// The page's background in light and dark (`.ei-page` in styles/widget.css): the app
/// window's title bar and its splash screen.
pub const THEME_LIGHT: &str = "#fbf8f4";
pub const THEME_DARK: &str = "#1b1a20";
/// The tracker's name on the home screen.
pub const SHORT_NAME: &str = "Small signals";
/// On index.html's root: register the service worker (embed.js does).
pub const OFFLINE_ATTR: &str = "data-ei-offline";

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
