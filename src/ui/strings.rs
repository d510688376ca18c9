//! Every UI label the widget shows that is not guide content, in one place.

use crate::tracker::Day;

pub const TOPICS_LABEL: &str = "Topics:";
pub const EXPAND_ALL: &str = "Expand all";
pub const COLLAPSE_ALL: &str = "Collapse all";
pub const GUIDE_SECTIONS_LABEL: &str = "Guide sections";

// ---- The practice tracker --------------------------------------------------------------

pub const TRACKER_HEADING: &str = "Small signals: a daily practice";
pub const TRACKER_INTRO: &str = "Intimacy grows through repeated, caring responses in everyday moments. Tick the small signals you noticed yourself giving. There's no score to keep: every signal you notice counts.";
/// Where the wasm cannot run (embed.js says it, in the tracker's place).
pub const NO_WASM: &str = "The practice tracker can't run in this browser: it needs WebAssembly, which is switched off or not allowed here. Anything you ticked before is still kept in this browser.";
pub const NO_WASM_GUIDE: &str =
    "The guide works as it is: its sections open with a click or a tap.";

/// Where nothing of the widget could be shown at all.
pub fn could_not_load(title: &str) -> String {
    format!("The guide \u{201c}{title}\u{201d} could not load here.")
}
pub const TRACKER_NEEDS_JS: &str =
    "Loading your practice tracker… (It needs JavaScript; the guide above works without it.)";
/// Where the browser keeps nothing (storage blocked): said instead of where it is kept.
pub const NOT_KEPT: &str = "This browser isn't letting the tracker keep anything, so your ticks and notes are only on this page until you leave it. The tracker sends nothing anywhere.";
/// In an import's preview, when the site has turned notes off and the file has some.
pub const IMPORT_NOTES_LEFT_OUT: &str = "This website has turned notes off: the notes in the file are left out (they stay in your file).";
pub const NOTES_OFF_KEPT: &str = "This website has turned notes off. Notes you wrote before are still kept in this browser, and are in your exports.";

pub const PREVIOUS_DAY: &str = "Previous day";
pub const NEXT_DAY: &str = "Next day";
pub const BACK_TO_TODAY: &str = "Back to today";
pub const NOTE_LABEL: &str = "What did you notice? (optional)";
pub const HISTORY_HEADING: &str = "Your last 12 weeks";
pub const HISTORY_EARLIER_HEADING: &str = "12 earlier weeks";
pub const EARLIER_WEEKS: &str = "Earlier weeks";
pub const LATER_WEEKS: &str = "Later weeks";
pub const HISTORY_HINT: &str = "Each square is a day; the longer the bar in it, the more signals. Choose a day to see it or fill it in; the arrow keys move between days, and on into earlier or later weeks.";
pub const LESS: &str = "Fewer";
pub const MORE: &str = "More";
/// Before the calendar's key, for screen readers.
pub const KEY: &str = "Key: ";

/// What each level of the calendar's key stands for (`tracker::stats::intensity`).
pub fn level_words(level: u8) -> &'static str {
    match level {
        0 => "no signals, ",
        1 => "1 signal, ",
        2 => "2 signals, ",
        3 => "3 or 4 signals, ",
        _ => "5 or more signals.",
    }
}

pub const SUMMARY_HEADING: &str = "A summary for your counsellor";
pub const SUMMARY_INTRO: &str = "Bringing what you've practised to a session? Choose the weeks, then print it or save it as a PDF from the print window.";
pub const SUMMARY_PERIOD: &str = "Weeks to include";
pub const SUMMARY_INCLUDE_NOTES: &str =
    "Include my notes (they're private: leave them out if you'd rather)";
pub const PRINT_SUMMARY: &str = "Print a summary";
pub const CLOSE_SUMMARY: &str = "Close the summary";
pub const SUMMARY_PRACTISED: &str = "What I practised";
pub const SUMMARY_QUIET: &str =
    "Nothing was ticked in these weeks. That can be worth talking about too.";
pub const SUMMARY_CALENDAR: &str = "Day by day";
pub const SUMMARY_NOTES: &str = "My notes";
pub const SUMMARY_NO_NOTES: &str = "No notes in these weeks.";

pub const EXPORT_REMINDER: &str = "It's been a while since you saved a copy of your practice. A copy keeps it safe, whatever happens to this browser.";
pub const EXPORT_REMINDER_SAVE: &str = "Save a copy";
pub const EXPORT_REMINDER_SAVED: &str = "A copy is on its way to your downloads.";
pub const EXPORT_REMINDER_LATER: &str = "All right: this can wait. You'll be reminded in a month.";
pub const NOT_NOW: &str = "Not now";

pub const KEPT_PROMISED: &str =
    "Your browser has promised to keep this data: it won't clear it to make room.";
pub const KEPT_NOT_PROMISED: &str = "Your browser hasn't promised to keep this data. Safari clears a site's data after 7 days without a visit, and a private window forgets it when it closes.";
pub const KEEP_BY_INSTALLING: &str = "To keep it safe, add this page to your home screen (it then works offline too), or save a copy now and then.";
pub const KEEP_BY_EXPORTING: &str = "To keep it safe, save a copy now and then.";
pub const KEPT_INSTALLED: &str = "Installed as an app: browsers keep an installed app's data longer. Saving a copy now and then keeps it safe whatever happens.";

pub const MANAGE_PRACTICES: &str = "Manage practices";
pub const ADD_PRACTICE_LABEL: &str = "Add your own practice";
pub const ADD: &str = "Add";
pub const RENAME: &str = "Rename";
pub const SAVE: &str = "Save";
pub const CANCEL: &str = "Cancel";
pub const HIDE: &str = "Hide";
pub const RESTORE: &str = "Restore";
pub const MOVE_UP: &str = "Move up";
pub const MOVE_DOWN: &str = "Move down";
pub const HIDDEN_PRACTICES: &str = "Hidden practices (their history is kept)";

pub const YOUR_DATA: &str = "Your data";
pub const EXPORT_JSON: &str = "Export (JSON, can be imported again)";
pub const EXPORT_CSV: &str = "Export for a spreadsheet (CSV)";
pub const IMPORT_LABEL: &str = "Import a tracker file (.json)";
pub const IMPORT_MERGE: &str = "Merge with what is here (keeps everything)";
pub const IMPORT_REPLACE: &str = "Replace what is here with the file";
pub const IMPORT_CONFIRM: &str = "Import";
pub const DELETE_ALL: &str = "Delete all my tracker data";
pub const DELETE_CONFIRM_QUESTION: &str = "Delete every tick, note and practice kept in this browser? This can't be undone. You may want to export first.";
pub const DELETE_CONFIRM: &str = "Yes, delete everything";
pub const DELETE_KEEP: &str = "Keep my data";
pub const IMPORTED: &str = "Imported.";
pub const IMPORT_FAILED: &str =
    "That import couldn't be applied to the data saved here; nothing was changed.";
pub const DELETED: &str = "All tracker data in this browser was deleted.";
pub const MEMORY_ONLY: &str = "Nothing is being saved in this browser right now, so export before you leave if you want to keep today's ticks.";
pub const IMPORT_UNREADABLE_FILE: &str =
    "This file couldn't be read. Is it a text file exported from this tracker?";
pub const IMPORT_NOTHING: &str = "Nothing would change: everything in the file is already here.";
pub const IMPORT_HOW: &str = "How to import";
pub const DOWNLOAD_UNREADABLE: &str = "Download the unreadable data";

pub const NOTICE_BLOCKED: &str = "This browser isn't letting the tracker save anything, so your ticks will be forgotten when you leave this page. You can still use it now, and export your data before you go.";
pub const NOTICE_WRITE_FAILED: &str = "Your latest change couldn't be saved: this browser's storage may be full. It's kept on this page, and saving will be tried again with your next change. Exporting your data keeps a copy safe.";
pub const NOTICE_NEWER: &str = "This tracker's data was saved by a newer version of this widget, perhaps open in another tab. You can look and tick here, but to protect that data nothing will be saved from this page.";

pub const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "Thursday 26 November 2026".
pub fn long_date(day: Day) -> String {
    format!("{} {}", WEEKDAYS[day.weekday() as usize], date(day))
}

/// "3 August 2026".
pub fn date(day: Day) -> String {
    let (y, m, d) = day.ymd();
    format!("{d} {} {y}", MONTHS[(m - 1) as usize])
}

/// "3 August to 25 October 2026" (the year said once when both are in it).
pub fn period(first: Day, last: Day) -> String {
    let (y, m, d) = first.ymd();
    let from = if y == last.ymd().0 {
        format!("{d} {}", MONTHS[(m - 1) as usize])
    } else {
        date(first)
    };
    format!("{from} to {}", date(last))
}

/// Which weeks the history calendar shows (announced when it turns a page).
pub fn showing(first: Day, last: Day) -> String {
    format!("Showing {}", period(first, last))
}

/// The (screen-reader) name of a day's checklist.
pub fn practices_legend(day: Day) -> String {
    format!("Small signals, {}", long_date(day))
}

/// "Nov", for month labels over the history calendar.
pub fn short_month(day: Day) -> &'static str {
    abbreviation(MONTHS[(day.ymd().1 - 1) as usize])
}

/// A week in a calendar, by its Monday: "30 Oct".
pub fn week_label(monday: Day) -> String {
    format!("{} {}", monday.ymd().2, short_month(monday))
}

/// A month name's first three characters ("August" → "Aug", "Août" → "Aoû").
/// Cut by characters, not bytes: a byte cut inside a character would stop the widget.
pub fn abbreviation(month: &str) -> &str {
    match month.char_indices().nth(3) {
        Some((end, _)) => &month[..end],
        None => month,
    }
}

/// "Today", "Yesterday" or the long date.
pub fn day_title(day: Day, today: Day) -> String {
    match today.since(day) {
        0 => "Today".to_owned(),
        1 => "Yesterday".to_owned(),
        _ => long_date(day),
    }
}

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
        1 => format!("1 small signal {when}."),
        n => format!("{n} small signals {when}."),
    }
}

/// "You practised on 4 of the last 7 days."
pub fn week_summary(days: u32) -> String {
    match days {
        0 => "Your last 7 days will fill in as you tick.".to_owned(),
        1 => "You practised on 1 of the last 7 days.".to_owned(),
        n => format!("You practised on {n} of the last 7 days."),
    }
}

/// "4 weeks".
pub fn weeks(n: u32) -> String {
    plural(n as usize, "week", "weeks")
}

/// The summary's period: "The last 4 weeks: 30 October to 26 November 2026".
pub fn summary_period(weeks: u32, first: Day, last: Day) -> String {
    format!("The last {}: {}", self::weeks(weeks), period(first, last))
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
    if signals == 1 {
        " signal"
    } else {
        " signals"
    }
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

pub fn unreadable_notice(reason: &str, backup_key: Option<&str>) -> String {
    match backup_key {
        Some(key) => format!("Some saved tracker data couldn't be read ({reason}). It hasn't been deleted: a copy is kept in this browser under \"{key}\", and you can download it below. The tracker has started fresh."),
        None => format!("Some saved tracker data couldn't be read ({reason}). It has been left exactly as it was, and you can download it below. Until it's dealt with, nothing new is saved from this page."),
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

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
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
    let mut lines = vec![format!("Adds {}.", plural(p.ticks_added, "tick", "ticks"))];
    if !p.practices_added.is_empty() {
        lines.push(format!(
            "Adds {}: {}.",
            plural(p.practices_added.len(), "practice", "practices"),
            p.practices_added.join(", ")
        ));
    }
    if p.ticks_removed > 0 {
        lines.push(format!(
            "Removes {} here now.",
            plural(p.ticks_removed, "tick that is", "ticks that are")
        ));
    }
    if !p.practices_removed.is_empty() {
        lines.push(format!(
            "Removes {}: {}.",
            plural(p.practices_removed.len(), "practice", "practices"),
            p.practices_removed.join(", ")
        ));
    }
    if p.notes_changed > 0 {
        lines.push(format!(
            "Changes the note on {}.",
            plural(p.notes_changed, "day", "days")
        ));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::abbreviation;

    #[test]
    fn month_abbreviations_never_cut_a_character_in_two() {
        assert_eq!(abbreviation("November"), "Nov");
        // Month names in other languages (or a later translation of these).
        assert_eq!(abbreviation("Août"), "Aoû");
        assert_eq!(abbreviation("Février"), "Fév");
        assert_eq!(abbreviation("五月"), "五月");
        assert_eq!(abbreviation("Май"), "Май");
    }
}
