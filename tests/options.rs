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
