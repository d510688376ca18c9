//! Where a tick's time goes, with five years of history for ten practices: each step the
//! store takes (read the index, apply, encode the month, write it and the index), the copy
//! the tracker's view makes, and opening the store (reading every month),
//! timed in the browser on the release build. A benchmark, not a test: `cargo xtask bench`
//! runs it (`--include-ignored`) and prints the medians; the end-to-end tick (with Yew's
//! render) is `tests/e2e/bench.mjs`.
#![cfg(target_arch = "wasm32")]

use emotional_intimacy_widget::storage::browser::BrowserStorage;
use std::rc::Rc;

use emotional_intimacy_widget::storage::months::{encode_month, month_entry, month_key};
use emotional_intimacy_widget::storage::transfer::ImportMode;
use emotional_intimacy_widget::storage::{KeyValue, Store};
use emotional_intimacy_widget::tracker::{Action, Day, Month, PracticeId};
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
    let tick = |i: usize| Action::SetDone {
        day: today,
        practice: PracticeId(1 + (i % 10) as u32),
        done: i % 20 < 10,
    };
    // Saved as the store saves it: an index and a key per month.
    let storage = || Box::new(BrowserStorage::open().unwrap()) as Box<dyn KeyValue>;
    let mut store = Store::open(storage(), KEY);
    assert!(store.import(&tracker, ImportMode::Replace, today));
    let kv = storage();
    let index = kv.get(KEY).unwrap().unwrap();
    let this_month = Month::of(today);
    let piece = Rc::clone(
        tracker
            .days
            .months()
            .iter()
            .find(|(m, _)| *m == this_month)
            .map(|(_, piece)| piece)
            .unwrap(),
    );
    let month_text = encode_month(&piece);

    let opened = time(|_| {
        std::hint::black_box(Store::open(storage(), KEY));
    });
    let read = time(|_| {
        kv.get(KEY).unwrap();
    });
    let mut copy = tracker.clone();
    let applied = time(|i| copy.apply_in_place(&tick(i), today).unwrap());
    let cloned = time(|_| {
        std::hint::black_box(copy.clone());
    });
    let encoded = time(|_| {
        let text = encode_month(&piece);
        std::hint::black_box(month_entry(this_month, &text));
    });
    let mut kv = storage();
    let written = time(|_| {
        kv.set(
            &month_key(KEY, &month_entry(this_month, &month_text)),
            &month_text,
        )
        .unwrap();
        kv.set(KEY, &index).unwrap();
    });
    let whole = time(|i| {
        store.apply(tick(i), today).unwrap();
    });
    store.delete_all();
    console_log!(
        "TICK-PHASES {{\"index_bytes\":{},\"month_bytes\":{},\"open_ms\":{opened:.3},\"read_ms\":{read:.3},\"apply_ms\":{applied:.3},\"view_copy_ms\":{cloned:.3},\"encode_ms\":{encoded:.3},\"write_ms\":{written:.3},\"store_apply_ms\":{whole:.3}}}",
        index.len(),
        month_text.len()
    );
}
