//! The saved form: its versions and migration, strict reading that names what is wrong, and
//! every tracker reading back as itself.

use std::collections::BTreeSet;

use super::common::*;
use emotional_intimacy_widget::storage::schema::{
    decode, encode, validate, Decoded, CURRENT_VERSION,
};
use emotional_intimacy_widget::tracker::model::clean_name;
use emotional_intimacy_widget::tracker::{Day, DayEntry, Days, Practice, PracticeId, Tracker};
use proptest::prelude::*;

#[test]
fn the_v1_fixture_migrates_keeping_every_tick() {
    let text = include_str!("../fixtures/tracker-v1.json");
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
        days: Days::from([
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
            days: Days::new()
        }),
        "{\"version\":2,\"practices\":[],\"days\":{}}"
    );
}

pub fn v2(practices: &str, days: &str) -> String {
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
            days: Days::new(),
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
    let bytes = encode(&five_years(today())).len();
    assert!(bytes < 200 * 1024, "{bytes} bytes");
}
