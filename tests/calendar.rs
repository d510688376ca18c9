//! The daily reminder's calendar file (RFC 5545), natively: its lines, its escaping, and
//! the time a visitor picks. (tests/e2e/reminder.spec.mjs reads the file the widget downloads
//! with ical.js and expands its recurrence across a clock change.)
#![cfg(not(target_arch = "wasm32"))]

use emotional_intimacy_widget::calendar::{DailyReminder, TimeOfDay};
use emotional_intimacy_widget::tracker::Day;

fn reminder(page: &str, description: &str) -> String {
    DailyReminder {
        first: Day::parse("2026-10-21").unwrap(),
        at: TimeOfDay { hour: 7, minute: 5 },
        made: "20261021T090000Z",
        page,
        uid: "0123456789abcdef.daily@emotional-intimacy-widget",
        summary: "A moment for small signals",
        description,
    }
    .to_ics()
}

/// The content lines, unfolded (RFC 5545 §3.1).
fn unfolded(ics: &str) -> Vec<String> {
    ics.replace("\r\n ", "")
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_time_a_visitor_picks_is_read_as_a_time_input_gives_it_and_nothing_else() {
    let at = |h, m| Some(TimeOfDay { hour: h, minute: m });
    assert_eq!(TimeOfDay::parse("18:30"), at(18, 30));
    assert_eq!(TimeOfDay::parse("07:05:00"), at(7, 5), "seconds left out");
    assert_eq!(TimeOfDay::parse("07:05:00.000"), at(7, 5));
    assert_eq!(TimeOfDay::parse("00:00"), at(0, 0));
    assert_eq!(TimeOfDay::parse("23:59"), at(23, 59));
    for bad in [
        "",
        "24:00",
        "12:60",
        "7:05",
        "ab:cd",
        "12",
        "12:5",
        "+1:00",
        "１２:00",
    ] {
        assert_eq!(TimeOfDay::parse(bad), None, "{bad:?}");
    }
    assert_eq!(TimeOfDay::DEFAULT.to_string(), "18:30");
}

#[test]
fn the_file_is_one_daily_event_at_a_floating_local_time_with_an_alarm() {
    let ics = reminder("https://practice.example/resources/?page_id=12", "Notice.");
    let lines = unfolded(&ics);
    assert_eq!(lines.first().map(String::as_str), Some("BEGIN:VCALENDAR"));
    assert_eq!(lines.last().map(String::as_str), Some("END:VCALENDAR"));
    for expected in [
        "VERSION:2.0",
        "DTSTART:20261021T070500",
        "RRULE:FREQ=DAILY",
        "CLASS:PRIVATE",
        "DTSTAMP:20261021T090000Z",
        "UID:0123456789abcdef.daily@emotional-intimacy-widget",
        "URL:https://practice.example/resources/?page_id=12",
        "DESCRIPTION:Notice.\\nhttps://practice.example/resources/?page_id=12",
        "BEGIN:VALARM",
        "TRIGGER:PT0M",
    ] {
        assert!(
            lines.iter().any(|l| l == expected),
            "no {expected:?} in {ics}"
        );
    }
    assert_eq!(lines.iter().filter(|l| *l == "BEGIN:VEVENT").count(), 1);
    assert!(!ics.contains("TZID"), "floating: no zone");
    assert!(
        !ics.contains("METHOD"),
        "a file, not a scheduling message (RFC 5546)"
    );
    assert!(ics.ends_with("\r\n") && !ics.replace("\r\n", "").contains('\n'));
}

#[test]
fn long_lines_fold_at_75_octets_never_inside_a_character_and_text_is_escaped() {
    let description = "Remarquez les petits signaux, même les plus discrets; ceux d'aujourd'hui, \
                       \\ et ceux d'hier — 🌱 chaque jour, sans compter.";
    let page = "https://practice.example/ressources/intimité-émotionnelle/?a=1&b=2#ignored-not";
    let ics = reminder(page, description);
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
    // Folding splits between characters (each piece is valid UTF-8 on its own: a String).
    let description_line = unfolded(&ics)
        .into_iter()
        .find(|l| l.starts_with("DESCRIPTION:Remarquez"))
        .unwrap();
    assert!(
        description_line.contains("discrets\\; ceux d'aujourd'hui\\, \\\\ et ceux d'hier — 🌱"),
        "{description_line}"
    );
    // A control character in a page's address cannot start a line of its own.
    let hostile = reminder("https://x.example/\r\nATTENDEE:mailto:a@b.example", "x");
    assert!(
        !unfolded(&hostile).iter().any(|l| l.starts_with("ATTENDEE")),
        "{hostile}"
    );
}

#[test]
fn without_a_page_to_open_the_event_has_no_address_and_no_empty_line() {
    let ics = reminder("", "Notice.");
    let lines = unfolded(&ics);
    assert!(!lines.iter().any(|l| l.starts_with("URL")), "{ics}");
    assert!(lines.iter().any(|l| l == "DESCRIPTION:Notice."), "{ics}");
    assert!(!ics.contains("\r\n\r\n"));
}
