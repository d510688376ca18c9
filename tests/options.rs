//! A host's options as the widget reads them (`data-*`, the iframe's query, `mount`): each
//! value it can use, and a warning naming the option for one it cannot.
#![cfg(not(target_arch = "wasm32"))]

use emotional_intimacy_widget::embed::options::{parse, Options, MARKUP_NAMES, NAMES};

fn with(name: &'static str, value: &'static str) -> (Options, Vec<String>) {
    parse(move |asked| (asked == name).then(|| value.to_owned()))
}

#[test]
fn notes_can_be_turned_off_and_on_and_a_bad_value_is_warned_about() {
    assert!(Options::default().notes);
    assert!(!with("notes", "off").0.notes);
    assert!(!with("notes", " OFF ").0.notes);
    assert!(with("notes", "on").0.notes);
    let (options, warnings) = with("notes", "none");
    assert!(options.notes, "a bad value keeps the default");
    assert_eq!(
        warnings,
        ["emotional-intimacy widget: data-notes=\"none\" is not on or off; using on."]
    );
    // It changes the widget's HTML (the note field), so a pre-rendered one is not used.
    assert!(NAMES.contains(&"notes"));
    assert!(MARKUP_NAMES.contains(&"notes"));
}

fn practices(value: &str) -> (Vec<String>, Vec<String>) {
    let (options, warnings) = parse(|asked| (asked == "practices").then(|| value.to_owned()));
    (options.practices, warnings)
}

fn defaults() -> Vec<String> {
    Options::default().practices
}

#[test]
fn suggested_practices_are_the_names_between_the_bars_cleaned_as_typed_names_are() {
    let (names, warnings) =
        practices("Asked how their day really went|  Put our   phones away at dinner ");
    assert_eq!(
        names,
        [
            "Asked how their day really went",
            "Put our phones away at dinner"
        ]
    );
    assert!(warnings.is_empty(), "{warnings:?}");
    // A bar at either end (or two together) separates nothing: no warning.
    let (names, warnings) = practices("|Hugged|Said thank you||");
    assert_eq!(names, ["Hugged", "Said thank you"]);
    assert!(warnings.is_empty(), "{warnings:?}");
    // Set but empty (a builder field left blank): the seven defaults, quietly.
    assert_eq!(practices("  "), (defaults(), vec![]));
    assert_eq!(defaults().len(), 7);
    assert!(
        MARKUP_NAMES.contains(&"practices"),
        "the skeleton lists them"
    );
}

#[test]
fn a_suggested_name_that_breaks_a_rule_is_left_out_and_warned_about_once_naming_it() {
    let long = "x".repeat(81);
    let (names, warnings) = practices(&format!("Hugged|{long}|hugged|Said thank you"));
    assert_eq!(names, ["Hugged", "Said thank you"]);
    let [warning] = warnings.as_slice() else {
        panic!("one warning, not {warnings:?}")
    };
    assert!(
        warning.starts_with("emotional-intimacy widget: data-practices=\""),
        "{warning}"
    );
    assert!(
        warning.contains("using the 2 that are (2 left out, the first \"xxxx"),
        "{warning}"
    );
    assert!(warning.ends_with("\": too long)."), "{warning}");
    let (_, warnings) = practices("Hugged|hugged");
    assert!(
        warnings[0].contains("the first \"hugged\": named twice"),
        "{warnings:?}"
    );

    // Nothing usable: the defaults, and the warning says so.
    let (names, warnings) = practices(&long);
    assert_eq!(names, defaults());
    assert!(
        warnings[0].ends_with("using the seven default practices."),
        "{warnings:?}"
    );
    // Bars and nothing between them: said too (a list that lost its names on the way).
    let (names, warnings) = practices("| |");
    assert_eq!(names, defaults());
    assert_eq!(warnings.len(), 1, "{warnings:?}");
}

#[test]
fn a_hostile_list_keeps_the_first_hundred_and_its_warning_stays_short() {
    let many: Vec<String> = (1..=5000).map(|n| format!("Practice {n}")).collect();
    let (names, warnings) = practices(&many.join("|"));
    assert_eq!(names.len(), 100);
    assert_eq!(names[99], "Practice 100");
    let [warning] = warnings.as_slice() else {
        panic!("one warning, not {warnings:?}")
    };
    assert!(
        warning.contains("(4900 left out, the first \"Practice 101\": one too many)"),
        "{warning}"
    );
    assert!(
        warning.chars().count() < 600,
        "{} characters",
        warning.chars().count()
    );
    // Markup and control characters are a name's text, shown as text (never as HTML).
    let (names, _) = practices("<img src=x onerror=alert(1)>|Tab\there");
    assert_eq!(names, ["<img src=x onerror=alert(1)>", "Tab here"]);
}
