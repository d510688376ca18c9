//! Export (JSON, CSV safe for spreadsheets in any locale) and import (checked, previewed).

use super::common::*;
use emotional_intimacy_widget::storage::transfer::{
    preview, read_import, to_csv, to_json, ImportError, ImportMode, MAX_IMPORT_BYTES,
};
use emotional_intimacy_widget::tracker::{Action, PracticeId, Tracker};
use proptest::prelude::*;

fn sample() -> Tracker {
    let today = day(TODAY);
    [
        tick(1, "2026-11-24"),
        tick(5, "2026-11-24"),
        Action::SetNote {
            day: day("2026-11-24"),
            note: "We laughed about the \"burnt\" toast, then talked.".into(),
        },
        Action::SetNote {
            day: day("2026-11-25"),
            note: "=quiet day".into(),
        },
        Action::AddPractice {
            name: "Asked, and listened".into(),
        },
        tick(8, TODAY),
    ]
    .iter()
    .fold(Tracker::default(), |t, a| t.apply(a, today).unwrap())
}

#[test]
fn csv_has_a_row_per_tick_and_is_safe_for_spreadsheets() {
    let csv = to_csv(&sample());
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(lines[0], "date,practice,done,note");
    assert_eq!(
        lines[1],
        "2026-11-24,Listened without interrupting,yes,\"We laughed about the \"\"burnt\"\" toast, then talked.\""
    );
    assert_eq!(
        lines[2],
        "2026-11-24,Shared a laugh,yes,\"We laughed about the \"\"burnt\"\" toast, then talked.\""
    );
    assert_eq!(lines[3], "2026-11-25,,,'=quiet day");
    assert_eq!(lines[4], "2026-11-26,\"Asked, and listened\",yes,");
    assert_eq!(lines.len(), 6);
}

/// Text a visitor might type that a spreadsheet could take for a formula, in names and notes.
const FORMULA_TEXTS: [&str; 8] = [
    "+cmd|calc;=1+1",
    "tea; =HYPERLINK(\"x\")",
    "a,@SUM(1)",
    "line one\n-2+3",
    "tab\t=1",
    "quoted;\"=1\"",
    "  =lead",
    "=A1;+B2,-C3",
];

#[test]
fn csv_opens_as_text_in_a_spreadsheet_splitting_on_commas_or_semicolons() {
    let today = day(TODAY);
    let mut t = Tracker::default();
    for (back, text) in FORMULA_TEXTS.iter().enumerate() {
        let name: String = text
            .replace(['\n', '\t'], " ")
            .trim()
            .chars()
            .take(20)
            .collect();
        let name = format!("{name} {back}");
        t = t
            .apply(&Action::AddPractice { name: name.clone() }, today)
            .unwrap();
        let id = t.practice_named(&name).unwrap().id;
        let on = today.plus(-(back as i32)).unwrap();
        t = t
            .apply(
                &Action::SetDone {
                    day: on,
                    practice: id,
                    done: true,
                },
                today,
            )
            .unwrap();
        t = t
            .apply(
                &Action::SetNote {
                    day: on,
                    note: (*text).into(),
                },
                today,
            )
            .unwrap();
    }
    let csv = to_csv(&t);
    let formula = |cell: &str| {
        cell.trim_start_matches([' ', '"'])
            .starts_with(['=', '+', '-', '@'])
    };

    // Read as written, splitting on commas: four columns, each cell the visitor's text (an
    // apostrophe before a formula character), none read as a formula.
    let mut rows = csv::ReaderBuilder::new().from_reader(csv.as_bytes());
    let mut notes = Vec::new();
    for row in rows.records() {
        let row = row.unwrap();
        assert_eq!(row.len(), 4, "{row:?}");
        assert!(!row.iter().any(formula), "{row:?}");
        notes.push(row[3].to_owned());
    }
    assert_eq!(notes.len(), FORMULA_TEXTS.len());
    for (note, text) in notes.iter().rev().zip(FORMULA_TEXTS) {
        // (Notes are saved trimmed.)
        assert_eq!(note.replace('\'', ""), text.trim(), "{note:?}");
    }

    // Read as a spreadsheet in a semicolon locale does: nothing starts a cell as a formula.
    let mut rows = csv::ReaderBuilder::new()
        .delimiter(b';')
        .flexible(true)
        .from_reader(csv.as_bytes());
    let mut cells = 0;
    for row in rows.records() {
        let row = row.unwrap();
        cells += row.len();
        assert!(!row.iter().any(formula), "{row:?}");
    }
    assert!(cells > FORMULA_TEXTS.len());
}

#[test]
fn import_refuses_bad_files_saying_why_in_plain_words_and_in_detail() {
    use emotional_intimacy_widget::ui::strings::import_error;
    assert_eq!(read_import("").unwrap_err(), ImportError::Empty);
    let huge = " ".repeat(MAX_IMPORT_BYTES + 1);
    assert!(import_error(&read_import(&huge).unwrap_err()).contains("too large"));
    // Not JSON: the visitor reads what to do; the detail (for whoever fixes the file) says
    // what the parser found.
    let broken = read_import("<html>").unwrap_err();
    assert!(
        import_error(&broken).starts_with("This file isn't a tracker export this widget can read")
    );
    assert!(broken.detail().unwrap().starts_with("it is not valid JSON"));
    assert!(
        import_error(&read_import("{\"version\":4,\"practices\":[]}").unwrap_err())
            .contains("newer version")
    );
    // The index a browser keeps (version 3) is not a copy of the data.
    let index = read_import("{\"version\":3,\"practices\":[],\"months\":[]}");
    assert!(index
        .unwrap_err()
        .detail()
        .unwrap()
        .contains("not an exported copy"));
    // A byte-order mark (some editors add one) is fine.
    assert_eq!(
        read_import(&format!("\u{feff}{}", to_json(&sample()))),
        Ok(sample())
    );
}

#[test]
fn preview_counts_what_merge_and_replace_would_change() {
    let today = day(TODAY);
    let here = Tracker::default()
        .apply(&tick(2, "2026-11-20"), today)
        .unwrap();
    let file = sample();
    let merged = preview(&here, &file, ImportMode::Merge, today).unwrap();
    assert_eq!(merged.practices_added, ["Asked, and listened"]);
    assert!(merged.practices_removed.is_empty());
    assert_eq!(merged.ticks_added, 3);
    assert_eq!(merged.ticks_removed, 0);
    assert_eq!(merged.notes_changed, 2);
    assert!(
        merged.result.is_done(day("2026-11-20"), PracticeId(2)),
        "merge keeps what was here"
    );

    let replaced = preview(&here, &file, ImportMode::Replace, today).unwrap();
    assert_eq!(replaced.ticks_removed, 1);
    assert_eq!(replaced.result, file);
    assert!(preview(&file, &file, ImportMode::Merge, today)
        .unwrap()
        .changes_nothing());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]

    #[test]
    fn export_then_import_round_trips(ticks in prop::collection::vec((0i32..2000, 1u32..=7), 0..200), note in "[ -~]{0,80}") {
        let today = day(TODAY);
        let mut t = Tracker::default();
        for (back, p) in ticks {
            let d = today.plus(-back).unwrap();
            t = t.apply(&Action::SetDone { day: d, practice: PracticeId(p), done: true }, today).unwrap();
        }
        t = t.apply(&Action::SetNote { day: today, note }, today).unwrap();
        prop_assert_eq!(read_import(&to_json(&t)), Ok(t.clone()));
        // Importing your own export changes nothing.
        prop_assert!(preview(&t, &t, ImportMode::Merge, today).unwrap().changes_nothing());
    }
}
