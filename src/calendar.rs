//! A daily reminder for the visitor's own calendar, as an iCalendar file (RFC 5545): one
//! event, every day at the time they chose, that opens the tracker's page. Pure: the date,
//! the time, the moment it is made and the page's address are parameters.
//!
//! The reminder's time is a *floating* local time (`DTSTART:20261128T183000`, no `TZID`):
//! RFC 5545 §3.3.5 has it mean "at 18:30 on the local clock", so it comes at 18:30 on every
//! day, on both sides of a clock change, which is what a daily evening habit wants. (Some
//! calendars, Google's and Outlook's, pin a floating time to the zone it was imported in;
//! others keep it local after travel too.) A time in a named zone would need that zone's
//! `VTIMEZONE` (its rules for every clock change: a time-zone database in the wasm), for
//! nothing a daily reminder needs. `CLASS:PRIVATE` asks calendars shared with others to
//! show it as busy time only.
//!
//! The file holds nothing private: no practice, no note, no tick. Its words are the
//! widget's (`ui::strings`), and its `UID` is the same each time it is made on the same
//! page for the same data (a calendar that imports it again updates the one reminder).

use std::fmt;

use crate::tracker::Day;

/// A time of day, to the minute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeOfDay {
    pub hour: u8,
    pub minute: u8,
}

impl TimeOfDay {
    /// Early evening: most people are home, and the day's small moments are still fresh.
    pub const DEFAULT: TimeOfDay = TimeOfDay {
        hour: 18,
        minute: 30,
    };

    /// Reads `HH:MM` (what `<input type="time">` gives; seconds, if a browser adds them, are
    /// left out). None for anything else.
    pub fn parse(text: &str) -> Option<TimeOfDay> {
        let mut parts = text.trim().split(':');
        let number = |part: Option<&str>| {
            part.filter(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()))?
                .parse::<u8>()
                .ok()
        };
        let hour = number(parts.next()).filter(|h| *h < 24)?;
        let minute = number(parts.next()).filter(|m| *m < 60)?;
        // Seconds, if any (`07:05:00`, `07:05:00.000`), are two digits and a fraction.
        if let Some(seconds) = parts.next() {
            let (whole, fraction) = seconds.split_once('.').unwrap_or((seconds, "0"));
            number(Some(whole)).filter(|s| *s < 60)?;
            if fraction.is_empty() || !fraction.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
        }
        if parts.next().is_some() {
            return None;
        }
        Some(TimeOfDay { hour, minute })
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)
    }
}

/// What the reminder file says, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DailyReminder<'a> {
    /// The first day it comes: the visitor's today.
    pub first: Day,
    pub at: TimeOfDay,
    /// When the file was made, in UTC, as iCalendar writes it (`20261128T164814Z`).
    pub made: &'a str,
    /// The page the reminder opens (no fragment).
    pub page: &'a str,
    /// Tells this reminder from others: the same for the same page and data.
    pub uid: &'a str,
    /// The event's title and its longer text.
    pub summary: &'a str,
    pub description: &'a str,
}

/// How long the reminder's event lasts in the calendar: a moment, not a meeting.
const MINUTES: u8 = 5;

impl DailyReminder<'_> {
    /// The iCalendar file: CRLF line ends, lines folded at 75 octets, text escaped.
    pub fn to_ics(&self) -> String {
        let (year, month, day) = self.first.ymd();
        let (hour, minute) = (self.at.hour, self.at.minute);
        let summary = text(self.summary);
        let lines = format!(
            "BEGIN:VCALENDAR\n\
             VERSION:2.0\n\
             PRODID:-//emotional-intimacy-widget//Small signals reminder//EN\n\
             CALSCALE:GREGORIAN\n\
             BEGIN:VEVENT\n\
             UID:{uid}\n\
             DTSTAMP:{made}\n\
             DTSTART:{year:04}{month:02}{day:02}T{hour:02}{minute:02}00\n\
             DURATION:PT{MINUTES}M\n\
             RRULE:FREQ=DAILY\n\
             CLASS:PRIVATE\n\
             SUMMARY:{summary}\n\
             DESCRIPTION:{description}{page_text}\n\
             {url}\
             TRANSP:TRANSPARENT\n\
             BEGIN:VALARM\n\
             ACTION:DISPLAY\n\
             TRIGGER:PT0M\n\
             DESCRIPTION:{summary}\n\
             END:VALARM\n\
             END:VEVENT\n\
             END:VCALENDAR",
            uid = text(self.uid),
            made = text(self.made),
            description = text(self.description),
            // (Without a page to open, the event says only its words.)
            page_text = if self.page.is_empty() {
                String::new()
            } else {
                format!("\\n{}", text(self.page))
            },
            url = if self.page.is_empty() {
                String::new()
            } else {
                format!("URL:{}\n", uri(self.page))
            },
        );
        let mut out = String::with_capacity(lines.len() + 64);
        for line in lines.split('\n') {
            fold(line, &mut out);
        }
        out
    }
}

/// A TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and line ends escaped;
/// other control characters left out.
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' | ';' | ',' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A URI value: as it is, without the characters a URI cannot hold and a content line must
/// not (control characters, spaces).
fn uri(value: &str) -> String {
    value
        .chars()
        .filter(|c| !c.is_control() && *c != ' ')
        .collect()
}

/// Appends `line` folded (RFC 5545 §3.1): at most 75 octets a line, never inside a
/// character, each continuation starting with a space; then CRLF.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}
