//! Where a tick's time goes, with five years of history for ten practices: each step the
//! store takes (read, decode, apply, encode, write) and the copy the tracker's view makes,
//! timed in the browser on the release build. A benchmark, not a test: `cargo xtask bench`
//! runs it (`--include-ignored`) and prints the medians; the end-to-end tick (with Yew's
//! render) is `tests/e2e/bench.mjs`.
#![cfg(target_arch = "wasm32")]

use emotional_intimacy_widget::storage::browser::BrowserStorage;
use emotional_intimacy_widget::storage::schema::{decode, encode, Decoded};
use emotional_intimacy_widget::storage::{KeyValue, Store};
use emotional_intimacy_widget::tracker::{Action, Day, PracticeId};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[path = "common/mod.rs"]
mod common;
use common::five_years;

const KEY: &str = "ei-bench-tick-phases";
const RUNS: usize = 31;

fn now() -> f64 {
    web_sys::window().unwrap().performance().unwrap().now()
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

/// Median milliseconds of `step`, run RUNS times (after one run to warm up).
fn time(mut step: impl FnMut(usize)) -> f64 {
    step(0);
    median(
        (1..=RUNS)
            .map(|i| {
                let t = now();
                step(i);
                now() - t
            })
            .collect(),
    )
}

#[wasm_bindgen_test]
#[ignore = "a benchmark: cargo xtask bench runs it"]
fn where_a_ticks_time_goes() {
    let today = Day::parse("2026-11-26").unwrap();
    let tracker = five_years(today);
    let text = encode(&tracker);
    let mut storage = BrowserStorage::open().unwrap();
    storage.set(KEY, &text).unwrap();
    let tick = |i: usize| Action::SetDone {
        day: today,
        practice: PracticeId(1 + (i % 10) as u32),
        done: i % 20 < 10,
    };

    let read = time(|_| {
        storage.get(KEY).unwrap();
    });
    let decoded = time(|_| {
        assert!(matches!(decode(&text), Ok(Decoded::Current(_))));
    });
    let mut copy = tracker.clone();
    let applied = time(|i| copy.apply_in_place(&tick(i), today).unwrap());
    let cloned = time(|_| {
        std::hint::black_box(copy.clone());
    });
    let encoded = time(|_| {
        std::hint::black_box(encode(&copy));
    });
    let written = time(|_| storage.set(KEY, &text).unwrap());
    let mut store = Store::open(Box::new(storage) as Box<dyn KeyValue>, KEY);
    let whole = time(|i| {
        store.apply(tick(i), today).unwrap();
    });
    web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .remove_item(KEY)
        .unwrap();
    console_log!(
        "TICK-PHASES {{\"saved_bytes\":{},\"read_ms\":{read:.3},\"decode_ms\":{decoded:.3},\"apply_ms\":{applied:.3},\"view_copy_ms\":{cloned:.3},\"encode_ms\":{encoded:.3},\"write_ms\":{written:.3},\"store_apply_ms\":{whole:.3}}}",
        text.len()
    );
}
