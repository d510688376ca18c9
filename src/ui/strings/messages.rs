//! The sentences built from the visitor's data: a day's and a week's summary, the summary
//! for a counsellor, where the data is kept, what an import would change, why something was
//! refused. Dates and counts in them come from [`super::dates`].

use super::dates::{date, long_date, period, plural, plural_word};
use super::SUMMARY_CALENDAR;
use crate::tracker::Day;

/// The warm one-line summary of a day: what was done, never what was not.
pub fn day_summary(signals: usize, day: Day, today: Day) -> String {
    let when = match today.since(day) {
        0 => "today".to_owned(),
        1 => "yesterday".to_owned(),
        _ => format!("on {}", long_date(day)),
    };
    match signals {
        0 if day == today => {
            "Tick any small signals as they happen. Small moments count.".to_owned()
        }
        0 => {
            let from = if today.since(day) == 1 {
                "yesterday".to_owned()
            } else {
                long_date(day)
            };
            format!("Remember something from {from}? You can add it here.")
        }
        n => format!("{} {when}.", plural(n, "small signal", "small signals")),
    }
}

/// "You practised on 4 of the last 7 days."
pub fn week_summary(days: u32) -> String {
    match days {
        0 => "Your last 7 days will fill in as you tick.".to_owned(),
        n => format!("You practised on {n} of the last 7 days."),
    }
}

/// The summary's period: "The last 4 weeks: 30 October to 26 November 2026".
pub fn summary_period(weeks: u32, first: Day, last: Day) -> String {
    format!(
        "The last {}: {}",
        super::dates::weeks(weeks),
        period(first, last)
    )
}

/// The summary's calendar, named for screen readers: "Day by day, 30 October to 26 November 2026".
pub fn summary_calendar_caption(first: Day, last: Day) -> String {
    format!("{}, {}", SUMMARY_CALENDAR, period(first, last))
}

/// The summary's title when printed, and its PDF's file name.
pub fn summary_title(first: Day, last: Day) -> String {
    format!("Small signals, {}", period(first, last))
}

/// "Small signals on 12 days."
pub fn summary_days(days: u32) -> String {
    format!("Small signals on {}.", plural(days as usize, "day", "days"))
}

/// After a practice's name in the summary: ": on 9 days".
pub fn on_days(days: u32) -> String {
    format!(": on {}", plural(days as usize, "day", "days"))
}

/// The practices not done in the period, named without a count.
pub fn also_on_the_list(names: &[String]) -> String {
    format!("Also on my list: {}.", names.join(", "))
}

/// After a day's count in the summary's calendar: " signal" or " signals".
pub fn signals_word(signals: usize) -> &'static str {
    plural_word(signals, " signal", " signals")
}

pub fn summary_footer(today: Day) -> String {
    format!(
        "Printed on {} from the tracker kept in my own browser.",
        date(today)
    )
}

/// Where the visitor's data is kept, and who else could read it, true for the shape the
/// widget is in (`Place`). Before the tracker loads (and with JavaScript off) only what is
/// true everywhere.
pub fn where_kept(place: &crate::ui::tracker::Place, notes: bool) -> String {
    use crate::ui::tracker::Place;
    let what = if notes {
        "Your ticks and notes are"
    } else {
        "Your ticks are"
    };
    const SENDS_NOTHING: &str = "The tracker sends nothing anywhere";
    match place {
        Place::Unknown => format!("{what} kept in this browser. {SENDS_NOTHING}."),
        Place::OwnPage(host) => format!(
            "{what} kept in this browser, in the storage of this website ({host}), which scripts on its other pages can read too. {SENDS_NOTHING}."
        ),
        Place::OwnFrame(host) => format!(
            "{what} kept in this browser, in the storage of {host}, where this tracker comes from: the page around it can't read them. {SENDS_NOTHING}."
        ),
        Place::HostPage(host) => format!(
            "{what} kept in this browser, in this website's storage ({host}). {SENDS_NOTHING}, but other scripts on this website (analytics or chat tools, for example) can read what is kept there."
        ),
    }
}

/// What a screen reader hears for a day in the history calendar.
pub fn heat_label(day: Day, signals: usize) -> String {
    match signals {
        // A quiet day is just a date: nothing is marked as missed.
        0 => long_date(day),
        1 => format!("{}: 1 signal", long_date(day)),
        n => format!("{}: {n} signals", long_date(day)),
    }
}

pub fn note_count(chars: usize, max: usize) -> String {
    format!("{chars} of {max} characters")
}

pub fn unreadable_notice(reason: &str, backup_key: Option<&str>, part: bool, raw: bool) -> String {
    let carries_on = if part {
        "The tracker carries on with the rest of your days."
    } else {
        "The tracker has started fresh."
    };
    match (backup_key, raw) {
        (Some(key), _) => format!("Some saved tracker data couldn't be read ({reason}). It hasn't been deleted: a copy is kept in this browser under \"{key}\", and you can download it below. {carries_on}"),
        (None, true) => format!("Some saved tracker data couldn't be read ({reason}). It has been left exactly as it was, and you can download it below. Until it's dealt with, nothing new is saved from this page."),
        // Nothing was there to keep (a month the index names had gone).
        (None, false) => format!("Some saved tracker data couldn't be read ({reason}). {carries_on}"),
    }
}

/// What a change to the practices did, said once to screen readers; None for changes the
/// page shows where they were made (ticks, notes).
pub fn practice_change(
    action: &crate::tracker::Action,
    before: &crate::tracker::Tracker,
) -> Option<String> {
    use crate::tracker::model::clean_name;
    use crate::tracker::Action;
    let name = |id| {
        before
            .practice(id)
            .map(|p| p.name.clone())
            .unwrap_or_default()
    };
    Some(match action {
        Action::AddPractice { name } => format!("Added \u{201c}{}\u{201d}.", clean_name(name)),
        Action::RenamePractice { id, name: new } => format!(
            "Renamed \u{201c}{}\u{201d} to \u{201c}{}\u{201d}.",
            name(*id),
            clean_name(new)
        ),
        Action::SetArchived { id, archived: true } => {
            format!("Hid \u{201c}{}\u{201d}; its history is kept.", name(*id))
        }
        Action::SetArchived {
            id,
            archived: false,
        } => {
            format!("Restored \u{201c}{}\u{201d}.", name(*id))
        }
        Action::MovePractice { id, by } => {
            let active: Vec<_> = before.active_practices().map(|p| p.id).collect();
            let at = active.iter().position(|p| p == id).unwrap_or(0) as i32;
            let to = (at + i32::from(*by)).clamp(0, active.len() as i32 - 1) + 1;
            format!(
                "Moved \u{201c}{}\u{201d} {}: now {to} of {}.",
                name(*id),
                if *by < 0 { "up" } else { "down" },
                active.len()
            )
        }
        Action::SetDone { .. } | Action::SetNote { .. } => return None,
    })
}

pub fn move_label(action: &str, name: &str) -> String {
    format!("{action}: {name}")
}

/// Why an import file was refused, in words that say what to do (the parser's reason goes
/// to the console, for whoever fixes the file).
pub fn import_error(error: &crate::storage::transfer::ImportError) -> String {
    use crate::storage::transfer::{ImportError, MAX_IMPORT_BYTES};
    const CHOOSE: &str =
        "Choose the .json file saved with \u{201c}Export (JSON, can be imported again)\u{201d}.";
    match error {
        ImportError::TooLarge { bytes } => format!(
            "This file is too large to be a tracker export ({} KB; the limit is {} KB). {CHOOSE}",
            bytes / 1024,
            MAX_IMPORT_BYTES / 1024
        ),
        ImportError::Empty => format!("This file is empty. {CHOOSE}"),
        ImportError::Unreadable(_) => format!(
            "This file isn't a tracker export this widget can read (a spreadsheet copy, CSV, can't be imported). {CHOOSE}"
        ),
        ImportError::FutureDays { first } => format!(
            "This file has entries for dates that haven't happened yet (from {first}). Is the date on the device it came from right?"
        ),
        ImportError::Newer { version } => format!(
            "This file was made by a newer version of the tracker (data version {version}). Please use the page it came from, or an up-to-date copy of this widget."
        ),
    }
}

/// Why a change was refused, in plain words.
pub fn tracker_error(error: &crate::tracker::TrackerError) -> String {
    use crate::tracker::model::{NAME_MAX_CHARS, NOTE_MAX_CHARS};
    use crate::tracker::TrackerError;
    match error {
        TrackerError::FutureDay => "That day hasn't happened yet.".to_owned(),
        TrackerError::EmptyName => "Please give the practice a name.".to_owned(),
        TrackerError::NameTooLong => {
            format!("Please keep the name to {NAME_MAX_CHARS} characters or fewer.")
        }
        TrackerError::DuplicateName(name) => {
            format!("You already have a practice called \"{name}\".")
        }
        TrackerError::TooManyPractices => {
            "That's the most practices the tracker can hold.".to_owned()
        }
        TrackerError::NoteTooLong => {
            format!("Please keep the note to {NOTE_MAX_CHARS} characters or fewer.")
        }
        TrackerError::UnknownPractice => "That practice no longer exists.".to_owned(),
        TrackerError::ImportDoesNotFit => {
            "That data can't be added: together with what's here it goes over the tracker's limits."
                .to_owned()
        }
    }
}

/// The names of the files the tracker downloads.
pub fn export_file_name(today: Day, csv: bool) -> String {
    format!("small-signals-{today}.{}", if csv { "csv" } else { "json" })
}
pub const UNREADABLE_FILE_NAME: &str = "small-signals-unreadable-data.txt";

/// Said once when a file is ready to import: which, and what comes next.
pub fn import_ready(file_name: &str) -> String {
    format!("\u{201c}{file_name}\u{201d} is ready to import. Choose whether to merge or replace, then Import, or Cancel.")
}

/// The title of an import preview.
pub fn import_title(file_name: &str, days: usize) -> String {
    format!(
        "Importing “{file_name}”: {}.",
        plural(days, "day with entries", "days with entries")
    )
}

/// What an import would change, one line each, in plain words.
pub fn import_changes(p: &crate::storage::transfer::ImportPreview) -> Vec<String> {
    // "Adds 2 practices: A, B." (nothing when there are none).
    let practices = |verb: &str, names: &[String]| {
        (!names.is_empty()).then(|| {
            let count = plural(names.len(), "practice", "practices");
            format!("{verb} {count}: {}.", names.join(", "))
        })
    };
    let mut lines = vec![format!("Adds {}.", plural(p.ticks_added, "tick", "ticks"))];
    lines.extend(practices("Adds", &p.practices_added));
    if p.ticks_removed > 0 {
        lines.push(format!(
            "Removes {} here now.",
            plural(p.ticks_removed, "tick that is", "ticks that are")
        ));
    }
    lines.extend(practices("Removes", &p.practices_removed));
    if p.notes_changed > 0 {
        lines.push(format!(
            "Changes the note on {}.",
            plural(p.notes_changed, "day", "days")
        ));
    }
    lines
}
