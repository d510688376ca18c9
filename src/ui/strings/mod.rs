//! Every word the widget shows a visitor that is not guide content, in one place, ready for
//! translation: the labels here; dates, numbers and plurals through one formatter
//! ([`dates`]); the sentences built from data ([`messages`]). What a visitor reads where the
//! wasm cannot run is here too: the build hands it to embed.js.

mod dates;
mod messages;

pub use dates::*;
pub use messages::*;

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

// "Remind me each day": a file for the visitor's own calendar.
pub const REMINDER_HEADING: &str = "Remind me each day";
pub const REMINDER_INTRO: &str = "Your own calendar can bring you back here for a minute each day, at a time that suits you. It's a file for your calendar app: the widget sends nothing anywhere, and the reminder holds a few kind words and a link back to this site, no practice and no note. Anyone who can see your calendar may see it.";
pub const REMINDER_TIME: &str = "Time of day";
pub const REMINDER_ADD: &str = "Add to my calendar";
pub const REMINDER_SHARE: &str = "Share to my calendar…";
pub const REMINDER_FILE: &str = "small-signals-reminder.ics";
pub const REMINDER_DOWNLOADED: &str = "Your calendar file, small-signals-reminder.ics, is ready: open it to add the reminder. You can change or remove it in your calendar at any time.";
pub const REMINDER_NO_TIME: &str = "Choose a time of day first, such as 18:30.";
pub const REMINDER_FAILED: &str = "This browser wouldn't download the calendar file.";
pub const REMINDER_NOT_SHARED: &str =
    "This browser wouldn't share the calendar file: use Add to my calendar instead.";
/// The calendar event's title, and its longer text (followed by the page's address).
pub const REMINDER_EVENT: &str = "A moment for small signals";
pub const REMINDER_EVENT_TEXT: &str = "A minute to notice the small signals of care you gave today, and tick them if you like. There's no score to keep.";
