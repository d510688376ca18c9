//! Export (JSON, CSV) and import (checked, previewed, merged or replacing). Pure.

use super::schema::{decode, encode, validate, Decoded};
use crate::tracker::merge::merge;
use crate::tracker::model::PracticeId;
use crate::tracker::Tracker;

/// The largest import file accepted. Five years of ten practices is about 100 KB.
pub const MAX_IMPORT_BYTES: usize = 2 * 1024 * 1024;

/// The complete saved form; importing it restores everything.
pub fn to_json(tracker: &Tracker) -> String {
    encode(tracker)
}

/// One cell of CSV, safe to open in a spreadsheet whichever separator it splits on.
///
/// A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula. In a
/// semicolon locale (most of Europe) a spreadsheet splits this comma-separated file on `;`
/// and does not see our quotes where they do not start its cell, so a cell may start after
/// any `,` `;` tab or line break inside the text too. At each such place (and at the start),
/// after any spaces or quotes, a formula character gets an apostrophe before it, which spreadsheets
/// show as text. Then the cell is quoted if it holds `,` `;` `"`, a tab or a line break.
fn csv_cell(text: &str) -> String {
    const FORMULA: [char; 4] = ['=', '+', '-', '@'];
    const SPLITS: [char; 5] = [',', ';', '\t', '\r', '\n'];
    let mut cell = String::with_capacity(text.len() + 2);
    if text.starts_with(['\t', '\r']) {
        cell.push('\'');
    }
    let mut at_start = true;
    for c in text.chars() {
        if at_start && FORMULA.contains(&c) {
            cell.push('\'');
        }
        // Spaces and quotes may come before a formula character in a cell: skipped.
        if c != ' ' && c != '"' {
            at_start = SPLITS.contains(&c);
        }
        cell.push(c);
    }
    if cell.contains([',', ';', '"', '\t', '\r', '\n']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell
    }
}

/// A spreadsheet-friendly copy: one row per practice per day with anything recorded,
/// `date,practice,done,note`. Days with only a note get one row with an empty practice.
pub fn to_csv(tracker: &Tracker) -> String {
    let mut out = String::from("date,practice,done,note\r\n");
    for (day, entry) in tracker.days.iter() {
        let note = csv_cell(&entry.note);
        if entry.done.is_empty() {
            out.push_str(&format!("{day},,,{note}\r\n"));
        }
        for practice in &tracker.practices {
            if entry.done.contains(&practice.id) {
                let name = csv_cell(&practice.name);
                out.push_str(&format!("{day},{name},yes,{note}\r\n"));
            }
        }
    }
    out
}

/// Why an import file was refused. A value: the visitor's words for it are
/// `ui::strings::import_error`'s.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    TooLarge {
        bytes: usize,
    },
    Empty,
    Unreadable(String),
    Newer {
        version: u32,
    },
    /// Entries dated after tomorrow (a day's grace for time zones ahead of this one).
    FutureDays {
        first: crate::tracker::Day,
    },
}

impl ImportError {
    /// What exactly is wrong with a file that could not be read (serde's words, naming the
    /// field and where): for whoever fixes the file, never the visitor's words, which are
    /// `ui::strings::import_error`'s.
    pub fn detail(&self) -> Option<&str> {
        match self {
            ImportError::Unreadable(why) => Some(why),
            _ => None,
        }
    }
}

/// Reads an import file's text: size, JSON, schema, dates and lengths are all checked.
pub fn read_import(text: &str) -> Result<Tracker, ImportError> {
    if text.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge { bytes: text.len() });
    }
    let text = text.trim_start_matches('\u{feff}');
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    match decode(text) {
        Ok(Decoded::Current(tracker)) => Ok(tracker),
        Ok(Decoded::Newer { version, .. }) => Err(ImportError::Newer { version }),
        Ok(Decoded::Index(_)) => Err(ImportError::Unreadable(
            "it is the list of months a browser keeps, not an exported copy".into(),
        )),
        Err(e) => Err(ImportError::Unreadable(e.to_string())),
    }
}

/// Merge (keep what is here, add what the file has) or replace (the file's data only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportMode {
    Merge,
    Replace,
}

/// What an import would change, for the visitor to confirm.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportPreview {
    pub result: Tracker,
    /// Practices in the result that are not here now.
    pub practices_added: Vec<String>,
    /// Practices here now that the result no longer has (replace only).
    pub practices_removed: Vec<String>,
    /// Ticks (day × practice) in the result that are not here now.
    pub ticks_added: usize,
    /// Ticks here now that the result no longer has (replace only).
    pub ticks_removed: usize,
    /// Days whose note would change.
    pub notes_changed: usize,
}

impl ImportPreview {
    pub fn changes_nothing(&self) -> bool {
        self.practices_added.is_empty()
            && self.practices_removed.is_empty()
            && self.ticks_added == 0
            && self.ticks_removed == 0
            && self.notes_changed == 0
    }
}

/// How many ticks (day × practice) `from` has, and how many of them `to` has too, practices
/// matched by name (ids are only unique within one copy).
fn ticks_shared(from: &Tracker, to: &Tracker) -> (usize, usize) {
    let counterpart: Vec<(PracticeId, Option<PracticeId>)> = from
        .practices
        .iter()
        .map(|p| (p.id, to.practice_named(&p.name).map(|q| q.id)))
        .collect();
    let (mut total, mut shared) = (0, 0);
    for (day, entry) in from.days.iter() {
        for id in &entry.done {
            total += 1;
            let there = counterpart
                .iter()
                .find(|(i, _)| i == id)
                .and_then(|(_, o)| *o);
            if there.is_some_and(|other| to.is_done(*day, other)) {
                shared += 1;
            }
        }
    }
    (total, shared)
}

/// The tracker that importing `incoming` into `current` gives: merged, or `incoming` alone.
/// Refused when the file has days after tomorrow (a day's grace for time zones ahead of
/// this one) or the result would break a limit (a merge can join two long notes).
pub fn imported(
    current: &Tracker,
    incoming: &Tracker,
    mode: ImportMode,
    today: crate::tracker::Day,
) -> Result<Tracker, ImportError> {
    let tomorrow = today.next().unwrap_or(today);
    if let Some(first) = incoming.days.keys().find(|d| **d > tomorrow) {
        return Err(ImportError::FutureDays { first: *first });
    }
    let result = match mode {
        ImportMode::Merge => merge(current, incoming),
        ImportMode::Replace => incoming.clone(),
    };
    validate(result).map_err(|e| ImportError::Unreadable(e.to_string()))
}

/// Works out the result of importing `incoming` into `current`, and what would change.
pub fn preview(
    current: &Tracker,
    incoming: &Tracker,
    mode: ImportMode,
    today: crate::tracker::Day,
) -> Result<ImportPreview, ImportError> {
    let result = imported(current, incoming, mode, today)?;
    // Practices in `a` that `b` has no practice of the same name for.
    let missing = |a: &Tracker, b: &Tracker| -> Vec<String> {
        a.practices
            .iter()
            .filter(|p| b.practice_named(&p.name).is_none())
            .map(|p| p.name.clone())
            .collect()
    };
    let (before, kept) = ticks_shared(current, &result);
    let after: usize = result.days.values().map(|e| e.done.len()).sum();
    let notes_changed = result
        .days
        .iter()
        .filter(|(day, e)| current.entry(**day).map_or("", |c| c.note.as_str()) != e.note)
        .count()
        + current
            .days
            .iter()
            .filter(|(day, e)| !e.note.is_empty() && result.entry(**day).is_none())
            .count();
    Ok(ImportPreview {
        practices_added: missing(&result, current),
        practices_removed: missing(current, &result),
        ticks_added: after - kept,
        ticks_removed: before - kept,
        notes_changed,
        result,
    })
}
