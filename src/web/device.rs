//! The visitor's device: today's date on their own calendar, downloads, whether the browser
//! keeps the site's storage, and whether the page runs as an installed app.

use wasm_bindgen::JsCast;

use crate::tracker::Day;

/// Today's date on the visitor's own calendar (their time zone, now). A clock set to an
/// absurd year is clamped into the range the tracker accepts.
pub fn local_today() -> Day {
    let now = js_sys::Date::new_0();
    let year = now.get_full_year() as i32;
    let month = now.get_month() + 1;
    let day = now.get_date();
    Day::from_ymd(year, month, day).unwrap_or_else(|| {
        if year > crate::tracker::day::MAX_YEAR {
            Day::from_ymd(crate::tracker::day::MAX_YEAR, 12, 31).expect("valid date")
        } else {
            Day::from_ymd(crate::tracker::day::MIN_YEAR, 1, 1).expect("valid date")
        }
    })
}

/// Offers `contents` as a file download named `filename`. Returns false if the browser
/// would not do it.
pub fn download(filename: &str, mime: &str, contents: &str) -> bool {
    let run = || -> Option<()> {
        let document = web_sys::window()?.document()?;
        let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(contents));
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(mime);
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
        let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
        let link: web_sys::HtmlAnchorElement =
            document.create_element("a").ok()?.dyn_into().ok()?;
        link.set_href(&url);
        link.set_download(filename);
        link.click();
        // Revoke later: some browsers start reading the blob only after click() returns.
        gloo_timers::callback::Timeout::new(10_000, move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        })
        .forget();
        Some(())
    };
    run().is_some()
}

/// The browser's storage manager, where there is one (secure pages of current browsers).
fn storage_manager() -> Option<web_sys::StorageManager> {
    let navigator = web_sys::window()?.navigator();
    js_sys::Reflect::has(&navigator, &"storage".into())
        .ok()
        .filter(|has| *has)?;
    Some(navigator.storage())
}

async fn answer(promise: Result<js_sys::Promise, wasm_bindgen::JsValue>) -> Option<bool> {
    let value = wasm_bindgen_futures::JsFuture::from(promise.ok()?)
        .await
        .ok()?;
    value.as_bool()
}

/// Whether the browser has promised to keep this site's storage (not to clear it when space
/// runs low, nor after days without a visit). None when it cannot say.
pub async fn persisted() -> Option<bool> {
    answer(storage_manager()?.persisted()).await
}

/// Asks the browser to keep this site's storage. Chromium decides by itself, Firefox asks
/// the visitor, Safari decides by how the site is used. Returns the answer.
pub async fn persist() -> Option<bool> {
    answer(storage_manager()?.persist()).await
}

/// How the page can be kept: whether it runs as an installed app, and whether this is the
/// widget's own installable page (the standalone page of a release build, which works
/// offline; not a host's page, whatever manifest it has, nor an iframe).
pub fn app_state() -> (bool, bool) {
    let Some(window) = web_sys::window() else {
        return (false, false);
    };
    let installed = window
        .match_media("(display-mode: standalone)")
        .ok()
        .flatten()
        .is_some_and(|query| query.matches());
    let installable = window
        .document()
        .and_then(|d| {
            d.query_selector("[data-ei-page][data-ei-offline]")
                .ok()
                .flatten()
        })
        .is_some();
    (installed, installable)
}

/// This page's address without its fragment: what a reminder opens.
pub fn page_address() -> String {
    let Some(href) = web_sys::window().and_then(|w| w.location().href().ok()) else {
        return String::new();
    };
    match href.split_once('#') {
        Some((page, _)) => page.to_owned(),
        None => href,
    }
}

/// Now in UTC, as iCalendar writes a moment (`20261128T164814Z`).
pub fn utc_stamp() -> String {
    let iso = String::from(js_sys::Date::new_0().to_iso_string());
    // 2026-11-28T16:48:14.123Z: the digits of the date and the time to the second.
    let digits: String = iso
        .chars()
        .take(19)
        .filter(|c| *c != '-' && *c != ':')
        .collect();
    format!("{digits}Z")
}

/// A file named `filename` holding `contents`, for sharing.
fn file_of(filename: &str, mime: &str, contents: &str) -> Option<web_sys::ShareData> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(contents));
    let options = web_sys::FilePropertyBag::new();
    options.set_type(mime);
    let file = web_sys::File::new_with_str_sequence_and_options(&parts, filename, &options).ok()?;
    let data = web_sys::ShareData::new();
    data.set_files(&js_sys::Array::of1(&file));
    Some(data)
}

/// Whether the browser can hand a file to another app (Web Share with files: phones).
pub fn can_share_files() -> bool {
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else {
        return false;
    };
    // Where there is no canShare, calling it would throw.
    if !js_sys::Reflect::has(&navigator, &"canShare".into()).unwrap_or(false) {
        return false;
    }
    file_of("check.ics", "text/calendar", "")
        .is_some_and(|data| navigator.can_share_with_data(&data))
}

/// Hands a file to another app (the share sheet). False if it could not be offered; a
/// visitor closing the sheet is not a failure.
pub async fn share_file(filename: &str, mime: &str, contents: &str) -> bool {
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else {
        return false;
    };
    let Some(data) = file_of(filename, mime, contents) else {
        return false;
    };
    match wasm_bindgen_futures::JsFuture::from(navigator.share_with_data(&data)).await {
        Ok(_) => true,
        Err(error) => error
            .dyn_ref::<web_sys::DomException>()
            .is_some_and(|e| e.name() == "AbortError"),
    }
}
