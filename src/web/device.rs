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

/// The page a reminder opens: where the visitor reads the tracker, as the site names it
/// (`<link rel="canonical">`, which WordPress writes for every page, `?page_id=12`
/// included); else its address without the query (which may carry a campaign's or a
/// client's token into a calendar); in an iframe (`framed`), the page around it as the
/// browser tells it (`document.referrer`: its address on the same site, only the site's
/// address from another), without the query too. frame.html's own address would open the
/// tracker alone, and in browsers that keep a site's frames apart, without the visitor's
/// data. Never with a fragment; empty when there is no web address to give.
pub fn page_address(framed: bool) -> String {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return String::new();
    };
    let here = document.url().unwrap_or_default();
    let canonical = (!framed)
        .then(|| {
            document
                .query_selector("link[rel=canonical][href]")
                .ok()
                .flatten()
        })
        .flatten()
        .and_then(|link| link.get_attribute("href"))
        .and_then(|href| web_sys::Url::new_with_base(&href, &here).ok());
    let url = match canonical {
        Some(url) => url,
        None => {
            let Ok(url) = web_sys::Url::new(&if framed { document.referrer() } else { here })
            else {
                return String::new();
            };
            url.set_search("");
            url
        }
    };
    if !url.protocol().starts_with("http") {
        return String::new();
    }
    url.set_hash("");
    url.href()
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

/// `navigator[name](data)`, caught: a page's own scripts may have replaced Web Share with
/// something that throws, and where there is none the answer is None.
fn navigator_call(name: &str, data: &web_sys::ShareData) -> Option<wasm_bindgen::JsValue> {
    let navigator = web_sys::window()?.navigator();
    let method: js_sys::Function = js_sys::Reflect::get(&navigator, &name.into())
        .ok()?
        .dyn_into()
        .ok()?;
    method.call1(&navigator, data).ok()
}

/// Whether the browser can hand a file to another app (Web Share with files: phones).
pub fn can_share_files() -> bool {
    file_of("check.ics", "text/calendar", "")
        .and_then(|data| navigator_call("canShare", &data))
        .is_some_and(|answer| answer.is_truthy())
}

/// Hands a file to another app (the share sheet), asked now (in the visitor's click); what
/// it gives resolves to false if it could not be offered (a visitor closing the sheet is
/// not a failure). None when there is no sharing here.
pub fn share_file(
    filename: &str,
    mime: &str,
    contents: &str,
) -> Option<impl std::future::Future<Output = bool>> {
    let data = file_of(filename, mime, contents)?;
    let promise: js_sys::Promise = navigator_call("share", &data)?.dyn_into().ok()?;
    Some(async move {
        match wasm_bindgen_futures::JsFuture::from(promise).await {
            Ok(_) => true,
            Err(error) => error
                .dyn_ref::<web_sys::DomException>()
                .is_some_and(|e| e.name() == "AbortError"),
        }
    })
}
