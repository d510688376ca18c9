//! Saving the tracker: the schema and its migration, export/import, and the store's handling
//! of every storage fault, run natively against simulated storage.
#![cfg(not(target_arch = "wasm32"))]

use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use emotional_intimacy_widget::storage::companion::{companion_key, Companion};
use emotional_intimacy_widget::storage::schema::{
    decode, encode, validate, Decoded, CURRENT_VERSION,
};
use emotional_intimacy_widget::storage::store::Fault;
use emotional_intimacy_widget::storage::transfer::{
    preview, read_import, to_csv, to_json, ImportError, ImportMode, MAX_IMPORT_BYTES,
};
use emotional_intimacy_widget::storage::{
    storage_key_for, KeyValue, MemoryStorage, Notice, Store, DEFAULT_KEY,
};
use emotional_intimacy_widget::tracker::model::clean_name;
use emotional_intimacy_widget::tracker::{Action, Day, DayEntry, Practice, PracticeId, Tracker};
use proptest::prelude::*;

fn day(text: &str) -> Day {
    Day::parse(text).unwrap()
}

const TODAY: &str = "2026-11-26";

fn tick(p: u32, on: &str) -> Action {
    Action::SetDone {
        day: day(on),
        practice: PracticeId(p),
        done: true,
    }
}

// ---- Schema ------------------------------------------------------------------------------

#[test]
fn the_v1_fixture_migrates_keeping_every_tick() {
    let text = include_str!("fixtures/tracker-v1.json");
    let Ok(Decoded::Current(t)) = decode(text) else {
        panic!("v1 should migrate")
    };
    let names: Vec<(&str, bool)> = t
        .practices
        .iter()
        .map(|p| (p.name.as_str(), p.archived))
        .collect();
    assert_eq!(
        names,
        [
            ("Listened without interrupting", false),
            ("Shared a laugh", false),
            ("Offered comfort", false),
            // Ticked once but no longer listed: kept, archived, so its history stays.
            ("Cooked dinner together", true),
        ]
    );
    assert!(t.is_done(day("2026-11-20"), PracticeId(1)));
    assert!(t.is_done(day("2026-11-20"), PracticeId(2)));
    assert!(t.is_done(day("2026-11-22"), PracticeId(3)));
    assert!(t.is_done(day("2026-11-22"), PracticeId(4)));
    assert_eq!(t.days.len(), 2);
    // Saved again, it is the current version.
    assert!(encode(&t).starts_with(&format!("{{\"version\":{CURRENT_VERSION},")));
}

#[test]
fn the_saved_form_is_compact_and_round_trips() {
    let today = day(TODAY);
    let t = Tracker::default().apply(&tick(3, TODAY), today).unwrap();
    let text = encode(&t);
    assert!(
        text.contains("\"days\":{\"2026-11-26\":{\"done\":[3]}}"),
        "{text}"
    );
    assert_eq!(decode(&text), Ok(Decoded::Current(t)));
}

#[test]
fn unreadable_or_foreign_data_is_refused_with_a_reason() {
    let cases = [
        ("{not json", "not valid JSON"),
        ("[1,2,3]", "expected a JSON object"),
        ("{\"theme\":\"dark\"}", "no \"version\""),
        ("{\"version\":0}", "unknown version 0"),
        ("{\"version\":2,\"practices\":[{\"id\":1,\"name\":\"A\"}],\"days\":{\"2026-02-30\":{\"done\":[1]}}}", "2026-02-30"),
        ("{\"version\":2,\"practices\":[{\"id\":1,\"name\":\"A\"}],\"days\":{\"2026-02-03\":{\"done\":[7]}}}", "id 7"),
        ("{\"version\":2,\"practices\":[{\"id\":1,\"name\":\"A\"},{\"id\":2,\"name\":\"a\"}]}", "both called"),
        ("{\"version\":2,\"practices\":[{\"id\":1,\"name\":\"A\"},{\"id\":1,\"name\":\"B\"}]}", "share the id 1"),
        ("{\"version\":2,\"practices\":[{\"id\":1,\"name\":\"\"}]}", "is empty, too long"),
        ("{\"version\":2,\"practices\":[],\"extra\":1}", "unknown field"),
    ];
    for (text, expected) in cases {
        let error = decode(text).unwrap_err().to_string();
        assert!(error.contains(expected), "{text}: {error}");
    }
    let long_name = format!(
        "{{\"version\":2,\"practices\":[{{\"id\":1,\"name\":\"{}\"}}]}}",
        "x".repeat(81)
    );
    assert!(decode(&long_name).is_err());
}

#[test]
fn the_saved_form_is_byte_for_byte_what_earlier_releases_wrote() {
    // Written by earlier releases (serde_json, then a hand-written writer, now serde_json
    // again) for exactly this tracker: data saved by any of them is the same text.
    let entry = |done: &[u32], note: &str| DayEntry {
        done: done.iter().copied().map(PracticeId).collect(),
        note: note.into(),
    };
    let t = Tracker {
        practices: vec![
            Practice {
                id: PracticeId(1),
                name: "Listened \"well\"".into(),
                archived: false,
            },
            Practice {
                id: PracticeId(3),
                name: "Ünïcödé ☕ \u{1}x".into(),
                archived: true,
            },
            Practice {
                id: PracticeId(u32::MAX),
                name: "big".into(),
                archived: false,
            },
        ],
        days: BTreeMap::from([
            (
                day("2026-01-02"),
                entry(
                    &[3, 1],
                    "a\"b\\c/d\n\r\t\u{8}\u{c}\u{1}\u{1f}\u{7f}é😀\u{2028}<>&'",
                ),
            ),
            (day("1999-12-31"), entry(&[], "only a note")),
            (day("2999-12-31"), entry(&[u32::MAX], "")),
            (day("2000-02-29"), entry(&[], "")),
        ]),
    };
    let text = encode(&t);
    assert_eq!(
        text,
        "{\"version\":2,\"practices\":[{\"id\":1,\"name\":\"Listened \\\"well\\\"\"},\
         {\"id\":3,\"name\":\"Ünïcödé ☕ \\u0001x\",\"archived\":true},\
         {\"id\":4294967295,\"name\":\"big\"}],\"days\":{\"1999-12-31\":{\"note\":\"only a note\"},\
         \"2000-02-29\":{},\"2026-01-02\":{\"done\":[1,3],\"note\":\"a\\\"b\\\\c/d\\n\\r\\t\\b\\f\\u0001\\u001f\u{7f}é😀\u{2028}<>&'\"},\
         \"2999-12-31\":{\"done\":[4294967295]}}}"
    );
    // A day with nothing in it is not kept when read (earlier releases could write one), and
    // an id past 1,000,000 has the practices renumbered in their order (tests/ids.rs).
    let mut kept = t;
    kept.days.remove(&day("2000-02-29"));
    for (at, practice) in kept.practices.iter_mut().enumerate() {
        practice.id = PracticeId(at as u32 + 1);
    }
    kept.days.insert(
        day("2026-01-02"),
        entry(&[1, 2], &kept.days[&day("2026-01-02")].note),
    );
    kept.days.insert(day("2999-12-31"), entry(&[3], ""));
    assert_eq!(decode(&text), Ok(Decoded::Current(kept)));
    assert_eq!(
        encode(&Tracker {
            practices: vec![],
            days: BTreeMap::new()
        }),
        "{\"version\":2,\"practices\":[],\"days\":{}}"
    );
}

fn v2(practices: &str, days: &str) -> String {
    format!("{{\"version\":2,\"practices\":{practices},\"days\":{days}}}")
}

#[test]
fn data_of_the_wrong_shape_is_refused_naming_where_and_what() {
    let a = r#"[{"id":1,"name":"A"}]"#;
    let long_key = format!(r#"{{"{}":{{}}}}"#, "9".repeat(1000));
    // (practices, days, what the message says: the field's path, then what is wrong there)
    #[rustfmt::skip]
    let v2_cases = [
        ("{}", "{}", "at practices: invalid type: map, expected a sequence"),
        ("[1]", "{}", r#"at practices[0]: invalid type: integer `1`, expected a practice, {"id": 1, "name": "…"}"#),
        (r#"[{"id":1}]"#, "{}", "at practices[0]: missing field `name`"),
        (r#"[{"id":1.5,"name":"A"}]"#, "{}", "at practices[0].id: invalid type: floating point `1.5`, expected u32"),
        (r#"[{"id":1e0,"name":"A"}]"#, "{}", "at practices[0].id: invalid type: floating point `1.0`, expected u32"),
        (r#"[{"id":-1,"name":"A"}]"#, "{}", "at practices[0].id: invalid value: integer `-1`, expected u32"),
        (r#"[{"id":4294967296,"name":"A"}]"#, "{}", "at practices[0].id: invalid value: integer `4294967296`, expected u32"),
        (r#"[{"id":"1","name":"A"}]"#, "{}", r#"at practices[0].id: invalid type: string "1", expected u32"#),
        (r#"[{"id":1,"name":5}]"#, "{}", "at practices[0].name: invalid type: integer `5`, expected a string"),
        (r#"[{"id":1,"name":"A"},{"id":2,"name":"B","archived":1}]"#, "{}", "at practices[1].archived: invalid type: integer `1`, expected a boolean"),
        (a, "null", "at days: invalid type: null, expected an object keyed by date"),
        (a, "[]", "at days: invalid type: sequence, expected an object keyed by date"),
        (a, r#"{"2026-01-02":"x"}"#, r#"at days.2026-01-02: invalid type: string "x", expected a day"#),
        (a, r#"{"2026-01-02":{"done":1}}"#, "at days.2026-01-02.done: invalid type: integer `1`, expected a sequence"),
        (a, r#"{"2026-01-02":{"done":[1.0]}}"#, "at days.2026-01-02.done[0]: invalid type: floating point `1.0`, expected u32"),
        (a, r#"{"2026-01-02":{"note":null}}"#, "at days.2026-01-02.note: invalid type: null, expected a string"),
        (a, r#"{"2026-1-2":{}}"#, r#"at days.2026-1-2: "2026-1-2" is not a date written as YYYY-MM-DD"#),
        (a, r#"{"2026-02-30":{}}"#, r#"at days.2026-02-30: "2026-02-30" is not a real calendar date"#),
        // Text from the file is cut short in a message.
        (a, &long_key, &format!("at days.{}…: \"{}…\" is not a date", "9".repeat(75), "9".repeat(40))),
        // Which of two was meant is unknowable, so neither is guessed at.
        (r#"[{"id":1,"name":"A","id":2}]"#, "{}", "at practices[0]: duplicate field `id`"),
        (a, r#"{"2026-01-02":{"done":[1]},"2026-01-02":{}}"#, "at days: the date 2026-01-02 appears twice at line 1 column 97"),
    ];
    #[rustfmt::skip]
    let other_cases = [
        (r#"{"version":2,"practices":[],"version":2}"#, "duplicate field `version`"),
        (r#"{"version":2}"#, "missing field `practices`"),
        (r#"{"version":2.0,"practices":[]}"#, "at version: invalid type: floating point `2.0`, expected u32"),
        (r#"{"version":"2","practices":[]}"#, r#"at version: invalid type: string "2", expected u32"#),
        (r#"{"version":2,"practices":[],"extra":1}"#, "at extra: unknown field `extra`, expected one of `version`, `practices`, `days`"),
        (r#"{"version":1,"practices":["A"],"days":{}}"#, "at days: unknown field `days`, expected one of `version`, `practices`, `log`"),
        (r#"{"version":1,"practices":[1]}"#, "at practices[0]: invalid type: integer `1`, expected a string"),
        (r#"{"version":1,"practices":[],"log":{"2026-01-02":"A"}}"#, r#"at log.2026-01-02: invalid type: string "A", expected a sequence"#),
        (r#"{"version":1,"practices":[],"log":{"2026-01-02":[],"2026-01-02":[]}}"#, "at log: the date 2026-01-02 appears twice"),
    ];
    let texts = v2_cases.iter().map(|(p, d, e)| (v2(p, d), e.to_string()));
    for (text, expected) in texts.chain(other_cases.map(|(t, e)| (t.to_owned(), e.to_owned()))) {
        let error = decode(&text).unwrap_err().to_string();
        assert!(error.starts_with("it is not tracker data ("), "{error}");
        assert!(error.contains(&expected), "{expected}: {error}");
        // Each says where in the file, for someone fixing it by hand.
        assert!(error.contains(" at line 1 column "), "{error}");
    }
    // Fields a practice or a day does not know were always ignored, and still are.
    let extra = v2(
        r#"[{"id":1,"name":"A","colour":"red"}]"#,
        r#"{"2026-01-02":{"mood":1}}"#,
    );
    assert!(matches!(decode(&extra), Ok(Decoded::Current(_))));
}

#[test]
fn text_that_is_not_json_is_refused_with_where_and_why() {
    let cases = [
        ("", "(EOF while parsing a value at line 1 column 0)"),
        (
            "{\n  \"version\": 2,\n  \"practices\" [\n}",
            "(expected `:` at line 3 column 15)",
        ),
        (
            "{\"version\":2,\"practices\":[]} x",
            "(trailing characters at line 1 column 30)",
        ),
        (
            "{\"version\":2,\"practices\":[{\"id\":1,\"name\":\"a\\ud83d\"}]}",
            "(unexpected end of hex escape at line 1 column 50)",
        ),
        (
            "{\"version\":2,\"practices\":[{\"id\":1,\"name\":\"a\u{1}\"}]}",
            "(control character (\\u0000-\\u001F) found while parsing a string at line 1 column 43)",
        ),
        (
            "{\"version\":2,\"practices\":[{\"id\":01,\"name\":\"A\"}]}",
            "(invalid number at line 1 column 34)",
        ),
        // Broken JSON is called that even where the part read first has the wrong shape.
        ("{\"version\":\"2\",", "(EOF while parsing an object at line 1 column 15)"),
        ("[1,2", "(EOF while parsing a list at line 1 column 4)"),
        ("\u{feff}{}", "(expected value at line 1 column 1)"),
    ];
    for (text, expected) in cases {
        let error = decode(text).unwrap_err().to_string();
        assert_eq!(
            error,
            format!("it is not valid JSON {expected}"),
            "{text:?}"
        );
    }
}

#[test]
fn hostile_nesting_is_answered_without_exhausting_the_stack() {
    // Nothing is followed down deeper than the saved shapes go: a value of the wrong type is
    // refused at once, and an unknown field is skipped without recursion.
    let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
    let name_nested = v2(&format!(r#"[{{"id":1,"name":{}}}]"#, deep(1_000_000)), "{}");
    assert!(decode(&name_nested)
        .unwrap_err()
        .to_string()
        .contains("at practices[0].name: invalid type: sequence, expected a string"));
    let unknown_nested = v2(
        &format!(r#"[{{"id":1,"name":"A","later":{}}}]"#, deep(1_000_000)),
        "{}",
    );
    assert!(matches!(decode(&unknown_nested), Ok(Decoded::Current(_))));
    let unclosed = format!("{{\"version\":2,\"practices\":{}", "[".repeat(1_000_000));
    assert!(decode(&unclosed)
        .unwrap_err()
        .to_string()
        .starts_with("it is not valid JSON (EOF while parsing a list"));
}

#[test]
fn newer_versions_are_read_when_possible_but_flagged() {
    let newer = "{\"version\":9,\"practices\":[{\"id\":1,\"name\":\"A\",\"colour\":\"red\"}],\"days\":{},\"goals\":[]}";
    match decode(newer) {
        Ok(Decoded::Newer {
            version: 9,
            readable: Some(t),
        }) => assert_eq!(t.practices[0].name, "A"),
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        decode("{\"version\":9,\"shape\":\"new\"}"),
        Ok(Decoded::Newer {
            version: 9,
            readable: None
        })
    ));
}

// ---- Export and import -------------------------------------------------------------------

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
fn import_rejects_bad_files_with_a_clear_message() {
    assert_eq!(read_import("").unwrap_err(), ImportError::Empty);
    let huge = " ".repeat(MAX_IMPORT_BYTES + 1);
    assert!(read_import(&huge)
        .unwrap_err()
        .to_string()
        .contains("too large"));
    assert!(read_import("<html>")
        .unwrap_err()
        .to_string()
        .starts_with("This file can't be imported: it is not valid JSON"));
    assert!(read_import("{\"version\":3,\"practices\":[]}")
        .unwrap_err()
        .to_string()
        .contains("newer version"));
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

/// Text of every kind: anything at all, or mostly ASCII with the characters JSON escapes.
fn any_text(max: usize) -> impl Strategy<Value = String> {
    prop_oneof![
        prop::collection::vec(any::<char>(), 0..max).prop_map(String::from_iter),
        prop::collection::vec(
            prop_oneof![
                4 => proptest::char::range(' ', '~'),
                1 => proptest::char::range('\0', '\u{1f}'),
                1 => prop::sample::select(vec!['"', '\\', '/', '\u{7f}', 'é', '\u{2028}', '😀']),
            ],
            0..max
        )
        .prop_map(String::from_iter),
    ]
}

/// Any tracker that passes validation: names cleaned and distinct, ids distinct, ticks of
/// practices that exist, days across the whole accepted range.
fn any_tracker() -> impl Strategy<Value = Tracker> {
    let practices = prop::collection::vec((any_text(30), any::<u32>(), any::<bool>()), 0..12);
    let days = prop::collection::vec(
        (
            0i32..400_000,
            prop::collection::vec(any::<prop::sample::Index>(), 0..6),
            any_text(60),
        ),
        0..40,
    );
    (practices, days).prop_map(|(practices, days)| {
        let mut t = Tracker {
            practices: vec![],
            days: BTreeMap::new(),
        };
        let (mut ids, mut names) = (BTreeSet::new(), BTreeSet::new());
        for (name, id, archived) in practices {
            // Cut to the longest name allowed, which can leave a space at the end to clean.
            let name: String = clean_name(&name).chars().take(80).collect();
            let name = clean_name(&name);
            if !name.is_empty() && ids.insert(id) && names.insert(name.to_lowercase()) {
                t.practices.push(Practice {
                    id: PracticeId(id),
                    name,
                    archived,
                });
            }
        }
        let first = Day::from_ymd(1900, 1, 1).unwrap();
        for (offset, ticks, note) in days {
            let Some(d) = first.plus(offset) else {
                continue;
            };
            let done = if t.practices.is_empty() {
                BTreeSet::new()
            } else {
                ticks.iter().map(|i| i.get(&t.practices).id).collect()
            };
            t.days.insert(d, DayEntry { done, note });
        }
        validate(t).expect("generated trackers are valid")
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_tracker_encodes_and_decodes_to_itself(t in any_tracker()) {
        prop_assert_eq!(decode(&encode(&t)), Ok(Decoded::Current(t)));
    }
}

#[test]
fn five_years_of_ten_practices_saves_well_under_200_kb() {
    let today = day(TODAY);
    let mut t = Tracker::default();
    for name in ["Cooked together", "Walked together", "Said thank you"] {
        t = t
            .apply(&Action::AddPractice { name: name.into() }, today)
            .unwrap();
    }
    for back in 0..(5 * 365 + 1) {
        let entry = t.days.entry(today.plus(-back).unwrap()).or_default();
        // Six or seven of ten practices a day, every day: a generous history.
        entry.done.extend(
            (1..=10u32)
                .filter(|p| (back as u32 * 7 + p * 3) % 5 < 3)
                .map(PracticeId),
        );
    }
    let bytes = encode(&t).len();
    assert!(bytes < 200 * 1024, "{bytes} bytes");
}

// ---- The store, with simulated faults ----------------------------------------------------

/// Memory storage that can be told to fail reads or writes.
#[derive(Default)]
struct Faulty {
    data: HashMap<String, String>,
    block_reads: Cell<bool>,
    refuse_writes: bool,
}

impl KeyValue for Faulty {
    fn get(&self, key: &str) -> Result<Option<String>, Fault> {
        if self.block_reads.get() {
            return Err(Fault::Blocked);
        }
        Ok(self.data.get(key).cloned())
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), Fault> {
        if self.refuse_writes {
            return Err(Fault::WriteRefused);
        }
        self.data.insert(key.into(), value.into());
        Ok(())
    }
    fn remove(&mut self, key: &str) -> Result<(), Fault> {
        self.data.remove(key);
        Ok(())
    }
    fn keys(&self) -> Result<Vec<String>, Fault> {
        Ok(self.data.keys().cloned().collect())
    }
}

#[test]
fn ticks_are_saved_and_read_back() {
    let today = day(TODAY);
    let mut store = Store::open(MemoryStorage::default(), DEFAULT_KEY);
    store.apply(tick(1, TODAY), today).unwrap();
    let saved = store.backend().clone();
    let reopened = Store::open(saved, DEFAULT_KEY);
    assert!(reopened.tracker().is_done(today, PracticeId(1)));
    assert!(reopened.notices().is_empty());
}

#[test]
fn two_tabs_never_lose_each_others_ticks() {
    // Two stores over one storage, as two tabs over one localStorage.
    let today = day(TODAY);
    let tab = Tab::new();
    let mut a = Store::open(tab.clone(), DEFAULT_KEY);
    let mut b = Store::open(tab.other(), DEFAULT_KEY);
    a.apply(tick(1, TODAY), today).unwrap();
    b.apply(tick(2, TODAY), today).unwrap(); // b had not seen a's tick
    a.apply(tick(3, TODAY), today).unwrap();
    let c = Store::open(tab.other(), DEFAULT_KEY);
    for p in 1..=3 {
        assert!(c.tracker().is_done(today, PracticeId(p)), "practice {p}");
    }
    b.reload(today);
    assert!(
        b.tracker().is_done(today, PracticeId(3)),
        "a storage event brings b up to date"
    );
}

#[test]
fn a_refused_write_keeps_the_change_and_retries() {
    let today = day(TODAY);
    let mut store = Store::open(
        Faulty {
            refuse_writes: true,
            ..Faulty::default()
        },
        DEFAULT_KEY,
    );
    store.apply(tick(1, TODAY), today).unwrap();
    assert!(store.tracker().is_done(today, PracticeId(1)));
    assert_eq!(store.notices(), [Notice::WriteFailed]);
    store.apply(tick(2, TODAY), today).unwrap();
    assert!(
        store.tracker().is_done(today, PracticeId(1)),
        "nothing lost while failing"
    );
    assert!(store.tracker().is_done(today, PracticeId(2)));
    assert_eq!(
        store.notices(),
        [Notice::WriteFailed],
        "still full, still said"
    );
    assert!(store.backend().data.is_empty());
}

#[test]
fn after_a_failed_write_the_next_successful_one_saves_everything() {
    let today = day(TODAY);
    struct Switch(HashMap<String, String>, std::rc::Rc<Cell<bool>>);
    impl KeyValue for Switch {
        fn get(&self, key: &str) -> Result<Option<String>, Fault> {
            Ok(self.0.get(key).cloned())
        }
        fn set(&mut self, key: &str, value: &str) -> Result<(), Fault> {
            if self.1.get() {
                return Err(Fault::WriteRefused);
            }
            self.0.insert(key.into(), value.into());
            Ok(())
        }
        fn remove(&mut self, key: &str) -> Result<(), Fault> {
            self.0.remove(key);
            Ok(())
        }
        fn keys(&self) -> Result<Vec<String>, Fault> {
            Ok(self.0.keys().cloned().collect())
        }
    }
    let full = std::rc::Rc::new(Cell::new(true));
    let mut store = Store::open(Switch(HashMap::new(), full.clone()), DEFAULT_KEY);
    store.apply(tick(1, TODAY), today).unwrap();
    assert_eq!(store.notices(), [Notice::WriteFailed]);
    full.set(false);
    store.apply(tick(2, TODAY), today).unwrap();
    assert!(store.notices().is_empty());
    let saved = decode(store.backend().0.get(DEFAULT_KEY).unwrap()).unwrap();
    let Decoded::Current(saved) = saved else {
        panic!()
    };
    assert!(saved.is_done(today, PracticeId(1)) && saved.is_done(today, PracticeId(2)));
}

#[test]
fn unreadable_data_is_backed_up_never_overwritten_and_offered_back() {
    let today = day(TODAY);
    let mut kv = Faulty::default();
    kv.data.insert(
        DEFAULT_KEY.into(),
        "{\"version\":2,\"practices\":[tru".into(),
    );
    let mut store = Store::open(kv, DEFAULT_KEY);
    match &store.notices()[0] {
        Notice::Unreadable {
            reason,
            backup_key: Some(k),
            raw,
        } => {
            assert!(reason.contains("not valid JSON"));
            assert_eq!(k, "emotional-intimacy-widget#unreadable-backup-1");
            assert_eq!(raw, "{\"version\":2,\"practices\":[tru");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(*store.tracker(), Tracker::default(), "starts fresh");
    store.apply(tick(1, TODAY), today).unwrap();
    let data = &store.backend().data;
    assert_eq!(
        data["emotional-intimacy-widget#unreadable-backup-1"],
        "{\"version\":2,\"practices\":[tru"
    );
    assert!(data[DEFAULT_KEY].contains("\"done\":[1]"));
}

#[test]
fn unreadable_data_that_cannot_be_backed_up_is_left_alone() {
    let today = day(TODAY);
    let mut kv = Faulty {
        refuse_writes: true,
        ..Faulty::default()
    };
    kv.data.insert(DEFAULT_KEY.into(), "garbage".into());
    let mut store = Store::open(kv, DEFAULT_KEY);
    assert!(matches!(
        &store.notices()[0],
        Notice::Unreadable {
            backup_key: None,
            ..
        }
    ));
    assert!(store.is_memory_only());
    store.apply(tick(1, TODAY), today).unwrap();
    assert!(store.tracker().is_done(today, PracticeId(1)));
    assert_eq!(store.backend().data[DEFAULT_KEY], "garbage");
}

#[test]
fn a_second_different_corruption_gets_its_own_backup() {
    let mut kv = Faulty::default();
    kv.data.insert(
        "emotional-intimacy-widget#unreadable-backup-1".into(),
        "older junk".into(),
    );
    kv.data.insert(DEFAULT_KEY.into(), "new junk".into());
    let store = Store::open(kv, DEFAULT_KEY);
    assert_eq!(
        store.backend().data["emotional-intimacy-widget#unreadable-backup-1"],
        "older junk"
    );
    assert_eq!(
        store.backend().data["emotional-intimacy-widget#unreadable-backup-2"],
        "new junk"
    );
}

#[test]
fn newer_data_is_shown_but_never_written_over() {
    let today = day(TODAY);
    let newer = "{\"version\":3,\"practices\":[{\"id\":1,\"name\":\"From the future\"}],\"days\":{\"2026-11-25\":{\"done\":[1]}}}";
    let mut kv = Faulty::default();
    kv.data.insert(DEFAULT_KEY.into(), newer.into());
    let mut store = Store::open(kv, DEFAULT_KEY);
    assert_eq!(store.notices(), [Notice::NewerVersion { version: 3 }]);
    assert!(store.tracker().is_done(day("2026-11-25"), PracticeId(1)));
    store.apply(tick(1, TODAY), today).unwrap();
    assert!(
        store.tracker().is_done(today, PracticeId(1)),
        "works in this page"
    );
    assert_eq!(store.backend().data[DEFAULT_KEY], newer, "never written");
}

#[test]
fn blocked_storage_works_in_memory() {
    let today = day(TODAY);
    let kv = Faulty::default();
    kv.block_reads.set(true);
    let mut store = Store::open(kv, DEFAULT_KEY);
    assert_eq!(store.notices(), [Notice::Blocked]);
    store.apply(tick(4, TODAY), today).unwrap();
    assert!(store.tracker().is_done(today, PracticeId(4)));
    let blocked = Store::blocked(MemoryStorage::default(), DEFAULT_KEY);
    assert_eq!(blocked.notices(), [Notice::Blocked]);
}

#[test]
fn refused_changes_touch_nothing() {
    let today = day(TODAY);
    let mut store = Store::open(MemoryStorage::default(), DEFAULT_KEY);
    let tomorrow = today.next().unwrap();
    assert!(store
        .apply(
            Action::SetDone {
                day: tomorrow,
                practice: PracticeId(1),
                done: true
            },
            today
        )
        .is_err());
    assert!(store.backend().0.is_empty());
}

#[test]
fn delete_all_removes_data_and_backups() {
    let today = day(TODAY);
    let mut kv = MemoryStorage::default();
    kv.0.insert(DEFAULT_KEY.into(), "junk".into());
    kv.0.insert("unrelated".into(), "keep me".into());
    let mut store = Store::open(kv, DEFAULT_KEY);
    store.apply(tick(1, TODAY), today).unwrap();
    store.delete_all();
    assert_eq!(*store.tracker(), Tracker::default());
    assert!(store.notices().is_empty());
    let keys: Vec<&String> = store.backend().0.keys().collect();
    assert_eq!(keys, ["unrelated"]);
}

#[test]
fn separate_keys_keep_separate_data() {
    let today = day(TODAY);
    let mut a = Store::open(MemoryStorage::default(), "practice-a");
    a.apply(tick(1, TODAY), today).unwrap();
    let b = Store::open(a.backend().clone(), "practice-b");
    assert!(!b.tracker().is_done(today, PracticeId(1)));
}

/// Two stores over one storage, as two tabs over one localStorage, with a switch that
/// makes writes fail for the tab that holds it.
#[derive(Clone)]
struct Tab {
    shared: std::rc::Rc<std::cell::RefCell<HashMap<String, String>>>,
    full: std::rc::Rc<Cell<bool>>,
    /// Writes to the main key fail while other keys (a backup) still take them.
    refuse_main: std::rc::Rc<Cell<bool>>,
}

impl Tab {
    fn new() -> Tab {
        Tab {
            shared: Default::default(),
            full: Default::default(),
            refuse_main: Default::default(),
        }
    }
    fn other(&self) -> Tab {
        Tab {
            shared: self.shared.clone(),
            full: Default::default(),
            refuse_main: Default::default(),
        }
    }
}

impl KeyValue for Tab {
    fn get(&self, key: &str) -> Result<Option<String>, Fault> {
        Ok(self.shared.borrow().get(key).cloned())
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), Fault> {
        if self.full.get() || (self.refuse_main.get() && key == DEFAULT_KEY) {
            return Err(Fault::WriteRefused);
        }
        self.shared.borrow_mut().insert(key.into(), value.into());
        Ok(())
    }
    fn remove(&mut self, key: &str) -> Result<(), Fault> {
        self.shared.borrow_mut().remove(key);
        Ok(())
    }
    fn keys(&self) -> Result<Vec<String>, Fault> {
        Ok(self.shared.borrow().keys().cloned().collect())
    }
}

#[test]
fn a_corrupt_value_written_mid_session_does_not_cost_this_pages_history() {
    let today = day(TODAY);
    let tab = Tab::new();
    let mut store = Store::open(tab.clone(), DEFAULT_KEY);
    store.apply(tick(1, "2026-11-20"), today).unwrap();
    // Something else on the page writes junk under our key.
    tab.shared
        .borrow_mut()
        .insert(DEFAULT_KEY.into(), "junk".into());
    store.reload(today);
    assert!(
        store.tracker().is_done(day("2026-11-20"), PracticeId(1)),
        "kept"
    );
    assert!(matches!(store.notices(), [Notice::Unreadable { .. }]));
    let saved = tab.shared.borrow()[DEFAULT_KEY].clone();
    assert!(
        saved.contains("\"2026-11-20\":{\"done\":[1]}"),
        "written back: {saved}"
    );
    assert_eq!(
        tab.shared.borrow()["emotional-intimacy-widget#unreadable-backup-1"],
        "junk"
    );
}

#[test]
fn delete_all_on_blocked_storage_still_says_nothing_is_kept() {
    let mut store = Store::blocked(MemoryStorage::default(), DEFAULT_KEY);
    store.delete_all();
    assert_eq!(store.notices(), [Notice::Blocked]);
    assert!(store.is_memory_only());
}

#[test]
fn an_import_merges_into_the_freshest_stored_data() {
    let today = day(TODAY);
    let tab = Tab::new();
    let mut a = Store::open(tab.clone(), DEFAULT_KEY);
    let mut b = Store::open(tab.other(), DEFAULT_KEY);
    b.apply(tick(2, TODAY), today).unwrap(); // a has not seen this
    let file = Tracker::default()
        .apply(&tick(7, "2026-11-01"), today)
        .unwrap();
    assert!(a.import(&file, ImportMode::Merge, today));
    let c = Store::open(tab.other(), DEFAULT_KEY);
    assert!(c.tracker().is_done(today, PracticeId(2)), "b's tick kept");
    assert!(
        c.tracker().is_done(day("2026-11-01"), PracticeId(7)),
        "the file's tick added"
    );
}

#[test]
fn a_practice_added_while_saving_failed_keeps_its_ticks_when_another_tab_added_one_too() {
    let today = day(TODAY);
    let tab = Tab::new();
    let mut a = Store::open(tab.clone(), DEFAULT_KEY);
    let mut b = Store::open(tab.other(), DEFAULT_KEY);
    tab.full.set(true); // a cannot save
    a.apply(
        Action::AddPractice {
            name: "Cooked together".into(),
        },
        today,
    )
    .unwrap();
    a.apply(tick(8, TODAY), today).unwrap(); // id 8 in a's copy
    b.apply(
        Action::AddPractice {
            name: "Walked together".into(),
        },
        today,
    )
    .unwrap(); // id 8 in storage
    b.apply(tick(8, TODAY), today).unwrap();
    tab.full.set(false);
    a.apply(tick(1, TODAY), today).unwrap(); // a saves: replays onto b's data
    let c = Store::open(tab.other(), DEFAULT_KEY);
    let t = c.tracker();
    let id_of = |name: &str| t.practices.iter().find(|p| p.name == name).unwrap().id;
    assert!(t.is_done(today, id_of("Walked together")));
    assert!(t.is_done(today, id_of("Cooked together")));
    assert_ne!(id_of("Walked together"), id_of("Cooked together"));
    assert!(t.is_done(today, PracticeId(1)));
}

// ---- Issue 10: nothing lost ---------------------------------------------------------------

#[test]
fn an_import_that_could_not_be_saved_survives_another_tabs_save() {
    let today = day(TODAY);
    let tab = Tab::new();
    let mut a = Store::open(tab.clone(), DEFAULT_KEY);
    let mut b = Store::open(tab.other(), DEFAULT_KEY);
    tab.full.set(true); // a's writes fail (storage full)
    let file = Tracker::default()
        .apply(&tick(7, "2026-11-01"), today)
        .unwrap();
    assert!(a.import(&file, ImportMode::Merge, today), "told: Imported");
    assert_eq!(a.notices(), [Notice::WriteFailed]);
    b.apply(tick(2, TODAY), today).unwrap(); // another tab saves meanwhile
    tab.full.set(false);
    a.apply(tick(3, TODAY), today).unwrap(); // a saves at last
    let c = Store::open(tab.other(), DEFAULT_KEY);
    let t = c.tracker();
    assert!(
        t.is_done(day("2026-11-01"), PracticeId(7)),
        "the import kept"
    );
    assert!(t.is_done(today, PracticeId(2)), "b's tick kept");
    assert!(t.is_done(today, PracticeId(3)), "a's tick kept");
}

#[test]
fn a_rescue_of_this_pages_data_that_could_not_be_saved_survives_another_tabs_save() {
    let today = day(TODAY);
    let tab = Tab::new();
    let mut b = Store::open(tab.other(), DEFAULT_KEY);
    b.apply(tick(5, "2026-11-02"), today).unwrap();
    let mut a = Store::open(tab.clone(), DEFAULT_KEY);
    a.apply(tick(1, "2026-11-20"), today).unwrap();
    // Something writes junk under the key; a notices, sets it aside, but cannot write back.
    tab.shared
        .borrow_mut()
        .insert(DEFAULT_KEY.into(), "junk".into());
    tab.refuse_main.set(true);
    a.reload(today);
    assert!(
        matches!(
            a.notices(),
            [
                Notice::Unreadable {
                    backup_key: Some(_),
                    ..
                },
                Notice::WriteFailed
            ]
        ),
        "{:?}",
        a.notices()
    );
    // b, which had not seen a's tick, finds the key emptied and then saves a tick of its own.
    b.reload(today);
    b.apply(tick(3, TODAY), today).unwrap();
    tab.refuse_main.set(false);
    a.apply(tick(2, TODAY), today).unwrap();
    let t = Store::open(tab.other(), DEFAULT_KEY).tracker().clone();
    assert!(
        t.is_done(day("2026-11-20"), PracticeId(1)),
        "a's history kept"
    );
    assert!(
        t.is_done(day("2026-11-02"), PracticeId(5)),
        "what a had read kept"
    );
    assert!(t.is_done(today, PracticeId(3)), "b's new tick kept");
    assert!(t.is_done(today, PracticeId(2)), "a's new tick kept");
}

#[test]
fn a_change_to_a_practice_that_could_not_be_re_added_never_lands_on_another() {
    let today = day(TODAY);
    let tab = Tab::new();
    let mut a = Store::open(tab.clone(), DEFAULT_KEY);
    let mut b = Store::open(tab.other(), DEFAULT_KEY);
    tab.full.set(true);
    a.apply(
        Action::AddPractice {
            name: "Cooked together".into(),
        },
        today,
    )
    .unwrap();
    a.apply(tick(8, TODAY), today).unwrap(); // id 8 in a's copy
                                             // Meanwhile b fills the tracker to the limit: a's practice cannot be added any more.
    for n in 0..93 {
        b.apply(
            Action::AddPractice {
                name: format!("Practice {n}"),
            },
            today,
        )
        .unwrap();
    }
    tab.full.set(false);
    a.apply(tick(1, TODAY), today).unwrap();
    let t = Store::open(tab.other(), DEFAULT_KEY).tracker().clone();
    assert_eq!(t.practices.len(), 100);
    assert!(
        !t.is_done(today, PracticeId(8)),
        "b's practice 8 was never ticked"
    );
    assert!(t.is_done(today, PracticeId(1)));
}

#[test]
fn an_imported_day_with_nothing_in_it_is_not_kept() {
    let file = r#"{"version":2,"practices":[{"id":1,"name":"A"}],"days":{"2026-11-01":{},"2026-11-02":{"done":[1]}}}"#;
    let imported = read_import(file).unwrap();
    assert_eq!(
        imported.days.keys().copied().collect::<Vec<_>>(),
        [day("2026-11-02")]
    );
    let mut store = Store::open(MemoryStorage::default(), DEFAULT_KEY);
    assert!(store.import(&imported, ImportMode::Replace, day(TODAY)));
    assert!(!store.backend().0[DEFAULT_KEY].contains("2026-11-01"));
}

/// Storage that counts removals.
#[derive(Default)]
struct Counting {
    data: HashMap<String, String>,
    removals: Cell<usize>,
}

impl KeyValue for Counting {
    fn get(&self, key: &str) -> Result<Option<String>, Fault> {
        Ok(self.data.get(key).cloned())
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), Fault> {
        self.data.insert(key.into(), value.into());
        Ok(())
    }
    fn remove(&mut self, key: &str) -> Result<(), Fault> {
        self.removals.set(self.removals.get() + 1);
        self.data.remove(key);
        Ok(())
    }
    fn keys(&self) -> Result<Vec<String>, Fault> {
        Ok(self.data.keys().cloned().collect())
    }
}

#[test]
fn delete_all_removes_only_this_widgets_keys_and_not_a_neighbours() {
    let today = day(TODAY);
    let x = storage_key_for("x").unwrap();
    let neighbour = storage_key_for("x.unreadable-backup").unwrap();
    let mut kv = Counting::default();
    kv.data.insert(x.clone(), "junk".into());
    let mut neighbour_store = Store::open(kv, &neighbour);
    neighbour_store.apply(tick(1, TODAY), today).unwrap();
    let kv = neighbour_store.into_backend();
    let mut store = Store::open(kv, &x); // sets "junk" aside
    store.apply(tick(2, TODAY), today).unwrap();
    store.backend().removals.set(0);
    store.delete_all();
    let kv = store.backend();
    assert!(!kv.data.contains_key(&x));
    assert!(
        !kv.data.keys().any(|k| k.starts_with(&x) && k != &neighbour),
        "x's backups gone: {:?}",
        kv.data.keys()
    );
    assert!(
        kv.data[&neighbour].contains("\"done\":[1]"),
        "the neighbour's ticks are still there"
    );
    assert!(kv.removals.get() <= 3, "{} removals", kv.removals.get());
}

#[test]
fn backups_written_by_earlier_releases_are_still_found_and_deleted() {
    let mut kv = Counting::default();
    // Earlier releases put backups at `<key>.unreadable-backup[-n]`.
    kv.data.insert(
        format!("{DEFAULT_KEY}.unreadable-backup"),
        "old junk".into(),
    );
    kv.data.insert(
        format!("{DEFAULT_KEY}.unreadable-backup-2"),
        "older junk".into(),
    );
    kv.data.insert(DEFAULT_KEY.into(), "new junk".into());
    let mut store = Store::open(kv, DEFAULT_KEY);
    assert!(matches!(
        &store.notices()[0],
        Notice::Unreadable {
            backup_key: Some(_),
            ..
        }
    ));
    assert_eq!(
        store.backend().data.len(),
        3,
        "the new junk set aside in a new-style backup"
    );
    store.delete_all();
    assert!(
        store.backend().data.is_empty(),
        "{:?}",
        store.backend().data.keys()
    );
}

#[test]
fn names_differing_only_in_case_and_spacing_are_one_practice_everywhere() {
    let today = day(TODAY);
    let variant = "  shared   A LAUGH ";
    // Adding, renaming.
    let t = Tracker::default();
    assert!(t
        .apply(
            &Action::AddPractice {
                name: variant.into()
            },
            today
        )
        .is_err());
    assert_eq!(t.practice_named(variant).map(|p| p.id), Some(PracticeId(5)));
    // Merging and previewing an import.
    let mut file = Tracker::default();
    file.practices[4].name = "SHARED A LAUGH".into();
    let file = file.apply(&tick(5, TODAY), today).unwrap();
    let merged = preview(&Tracker::default(), &file, ImportMode::Merge, today).unwrap();
    assert!(merged.practices_added.is_empty());
    assert_eq!(merged.result.practices.len(), 7);
    assert!(merged.result.is_done(today, PracticeId(5)));
    // Validating saved data.
    let twice = v2(
        r#"[{"id":1,"name":"Shared a laugh"},{"id":2,"name":"SHARED A LAUGH"}]"#,
        "{}",
    );
    assert!(decode(&twice)
        .unwrap_err()
        .to_string()
        .contains("both called"));
    // Replaying: a practice this tab added that another tab added too is the same one.
    let tab = Tab::new();
    let mut a = Store::open(tab.clone(), DEFAULT_KEY);
    let mut b = Store::open(tab.other(), DEFAULT_KEY);
    tab.full.set(true);
    a.apply(
        Action::AddPractice {
            name: "Walked together".into(),
        },
        today,
    )
    .unwrap();
    a.apply(tick(8, TODAY), today).unwrap();
    b.apply(
        Action::AddPractice {
            name: "walked  TOGETHER".into(),
        },
        today,
    )
    .unwrap();
    tab.full.set(false);
    a.apply(tick(1, TODAY), today).unwrap();
    let t = Store::open(tab.other(), DEFAULT_KEY).tracker().clone();
    assert_eq!(t.practices.len(), 8);
    assert!(t.is_done(today, PracticeId(8)));
}

// ---- Keeping the data safe: the companion record ----------------------------------------

fn ticked_on(days: &[&str]) -> Tracker {
    let mut t = Tracker::default();
    for d in days {
        t.apply_in_place(&tick(1, d), day(TODAY)).unwrap();
    }
    t
}

#[test]
fn the_export_reminder_comes_a_month_after_an_export_with_ticks_since() {
    let today = day(TODAY);
    let exported = |d: &str| Companion {
        last_export: Some(day(d)),
        ..Companion::default()
    };
    // Exported 31 days ago, ticked since: due.
    let t = ticked_on(&["2026-10-20", "2026-11-25"]);
    assert!(exported("2026-10-26").export_reminder_due(&t, today));
    // Exported 30 days ago: not yet.
    assert!(!exported("2026-10-27").export_reminder_due(&t, today));
    // Nothing ticked since the export: nothing new to keep.
    let before = ticked_on(&["2026-09-01"]);
    assert!(!exported("2026-10-01").export_reminder_due(&before, today));
    // An export dated after today (a clock set back) is recent.
    assert!(!exported("2027-01-01").export_reminder_due(&t, today));
}

#[test]
fn the_export_reminder_never_comes_on_a_first_visit_and_waits_a_month_after_not_now() {
    let today = day(TODAY);
    let never = Companion::default();
    // A first visit: nothing ticked, or the first tick today.
    assert!(!never.export_reminder_due(&Tracker::default(), today));
    assert!(!never.export_reminder_due(&ticked_on(&[TODAY]), today));
    // Never exported, ticking for more than a month: due.
    let long = ticked_on(&["2026-10-01", "2026-11-20"]);
    assert!(never.export_reminder_due(&long, today));
    // "Not now" today, or 30 days ago: quiet; 31 days ago: due again.
    let put_off = |d: &str| Companion {
        reminder_put_off: Some(day(d)),
        ..Companion::default()
    };
    assert!(!put_off(TODAY).export_reminder_due(&long, today));
    assert!(!put_off("2026-10-27").export_reminder_due(&long, today));
    assert!(put_off("2026-10-26").export_reminder_due(&long, today));
}

#[test]
fn the_browser_is_asked_to_keep_the_data_at_most_once_a_month() {
    let today = day(TODAY);
    assert!(Companion::default().may_ask_to_persist(today));
    let asked = |d: &str| Companion {
        persist_asked: Some(day(d)),
        ..Companion::default()
    };
    assert!(!asked(TODAY).may_ask_to_persist(today));
    assert!(!asked("2026-10-27").may_ask_to_persist(today));
    assert!(asked("2026-10-26").may_ask_to_persist(today));
}

#[test]
fn dates_after_today_from_a_clock_set_wrong_are_settled_to_today() {
    let today = day(TODAY);
    let wrong = Companion {
        last_export: Some(day("2030-01-01")),
        reminder_put_off: Some(day("2026-11-01")),
        persist_asked: Some(day("2027-06-01")),
    };
    let settled = wrong.settled(today).unwrap();
    assert_eq!(settled.last_export, Some(today));
    assert_eq!(settled.reminder_put_off, Some(day("2026-11-01")));
    assert_eq!(settled.persist_asked, Some(today));
    // From there, a month later as for any export: not 2030.
    let later = day("2026-12-27");
    let mut ticked = Tracker::default();
    ticked
        .apply_in_place(&tick(1, "2026-12-20"), later)
        .unwrap();
    assert!(settled.export_reminder_due(&ticked, later));
    assert!(!wrong.export_reminder_due(&ticked, later));
    assert_eq!(settled.settled(today), None);
}

#[test]
fn the_companion_record_is_kept_beside_the_data_and_deleted_with_it() {
    let key = storage_key_for("clinic").unwrap();
    let mut store = Store::open(MemoryStorage::default(), &key);
    store.apply(tick(1, TODAY), day(TODAY)).unwrap();
    store.update_companion(|c| c.last_export = Some(day(TODAY)));
    let kv = store.into_backend();
    assert_eq!(
        kv.get(&companion_key(&key)).unwrap().as_deref(),
        Some("{\"lastExport\":\"2026-11-26\"}")
    );
    // The tracker's own record is untouched by it (older releases read that one strictly).
    assert!(!kv.get(&key).unwrap().unwrap().contains("lastExport"));
    // Read again on opening.
    let store = Store::open(kv, &key);
    assert_eq!(store.companion().last_export, Some(day(TODAY)));
    // A neighbour's companion record is not ours to delete.
    let mut kv = store.into_backend();
    kv.set(&companion_key(DEFAULT_KEY), "{}").unwrap();
    let mut store = Store::open(kv, &key);
    store.delete_all();
    assert_eq!(store.companion(), &Companion::default());
    let kv = store.into_backend();
    assert_eq!(kv.get(&companion_key(&key)).unwrap(), None);
    assert_eq!(
        kv.get(&companion_key(DEFAULT_KEY)).unwrap().as_deref(),
        Some("{}")
    );
}

#[test]
fn an_import_counts_as_a_copy_kept_and_another_tabs_delete_all_is_seen() {
    let key = DEFAULT_KEY;
    let mut store = Store::open(MemoryStorage::default(), key);
    // A first visit restoring a copy with months of ticks: no reminder to save one.
    let old = ticked_on(&["2026-06-01", "2026-11-20"]);
    assert!(store.import(&old, ImportMode::Merge, day(TODAY)));
    assert_eq!(store.companion().last_export, Some(day(TODAY)));
    assert!(!store
        .companion()
        .export_reminder_due(store.tracker(), day(TODAY)));
    // Another tab deleted everything: on reload, nothing is remembered here either.
    let mut kv = store.into_backend();
    kv.remove(&companion_key(key)).unwrap();
    let mut store = Store::open(kv.clone(), key);
    store.update_companion(|c| c.persist_asked = Some(day(TODAY)));
    let mut other = Store::open(store.backend().clone(), key);
    other.delete_all();
    let mut store = Store::open(other.into_backend(), key);
    store.reload(day(TODAY));
    assert_eq!(store.companion(), &Companion::default());
}

#[test]
fn an_unreadable_companion_record_remembers_nothing_and_touches_no_data() {
    let key = DEFAULT_KEY;
    for junk in [
        "",
        "null",
        "[1]",
        "{\"lastExport\":\"2026-02-30\"}",
        "{\"lastExport\":5}",
        "\u{0}",
    ] {
        let mut kv = MemoryStorage::default();
        kv.set(&companion_key(key), junk).unwrap();
        let mut store = Store::open(kv, key);
        assert_eq!(store.companion(), &Companion::default(), "{junk:?}");
        assert!(store.notices().is_empty(), "{junk:?}");
        store.apply(tick(1, TODAY), day(TODAY)).unwrap();
        assert!(store.tracker().is_done(day(TODAY), PracticeId(1)));
    }
    // Fields a later release adds are ignored.
    assert_eq!(
        Companion::read("{\"lastExport\":\"2026-11-01\",\"later\":true}").last_export,
        Some(day("2026-11-01"))
    );
}
