//! A calendar day, with no time and no time zone.
//!
//! The tracker keys everything by the visitor's local calendar date ("2026-11-26"), never by
//! a timestamp: a day is the date the visitor saw on their own calendar. Daylight-saving
//! changes, time-zone changes and clocks set back therefore cannot merge, skip or split a
//! day, because nothing here knows about hours. The browser tells us today's local date;
//! everything else is date arithmetic on a day count.

use std::fmt;

/// A proleptic-Gregorian calendar date, stored as days since 1970-01-01.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(i32);

/// The earliest and latest dates the tracker accepts (anything else is a typo or an attack).
pub const MIN_YEAR: i32 = 1900;
pub const MAX_YEAR: i32 = 2999;

/// Why a date string was not accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DayError {
    /// Not of the form YYYY-MM-DD.
    Format,
    /// Of the right form, but no such date (2026-02-30) or out of range.
    NoSuchDate,
}

impl fmt::Display for DayError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DayError::Format => write!(f, "is not a date written as YYYY-MM-DD"),
            DayError::NoSuchDate => write!(
                f,
                "is not a real calendar date between {MIN_YEAR} and {MAX_YEAR}"
            ),
        }
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Day {
    /// 1970-01-01.
    pub const EPOCH: Day = Day(0);

    /// The day for a calendar date, or None if there is no such date in range.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Day> {
        if !(MIN_YEAR..=MAX_YEAR).contains(&year)
            || !(1..=12).contains(&month)
            || day == 0
            || day > days_in_month(year, month)
        {
            return None;
        }
        // Days from civil (H. Hinnant's algorithm), shifted so March is month 0.
        let y = if month <= 2 { year - 1 } else { year };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = month as i32;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i32 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Some(Day(era * 146_097 + doe - 719_468))
    }

    /// (year, month 1–12, day 1–31).
    pub fn ymd(self) -> (i32, u32, u32) {
        let z = self.0 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let y = yoe + era * 400 + i32::from(m <= 2);
        (y, m, d)
    }

    /// Days since 1970-01-01 (negative before).
    pub fn number(self) -> i32 {
        self.0
    }

    /// The day `n` days later (earlier when negative), or None outside the accepted years.
    pub fn plus(self, n: i32) -> Option<Day> {
        let next = Day(self.0.checked_add(n)?);
        let (y, _, _) = next.ymd();
        (MIN_YEAR..=MAX_YEAR).contains(&y).then_some(next)
    }

    pub fn previous(self) -> Option<Day> {
        self.plus(-1)
    }

    pub fn next(self) -> Option<Day> {
        self.plus(1)
    }

    /// Days from `earlier` to `self` (negative if `earlier` is later).
    pub fn since(self, earlier: Day) -> i32 {
        self.0 - earlier.0
    }

    /// 0 = Monday … 6 = Sunday (ISO weekday order).
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday (index 3).
        (self.0 + 3).rem_euclid(7) as u32
    }

    /// Parses exactly `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Result<Day, DayError> {
        let bytes = text.as_bytes();
        let digits = |range: std::ops::Range<usize>| bytes[range].iter().all(u8::is_ascii_digit);
        if bytes.len() != 10
            || bytes[4] != b'-'
            || bytes[7] != b'-'
            || !digits(0..4)
            || !digits(5..7)
            || !digits(8..10)
        {
            return Err(DayError::Format);
        }
        let year = text[0..4].parse().map_err(|_| DayError::Format)?;
        let month = text[5..7].parse().map_err(|_| DayError::Format)?;
        let day = text[8..10].parse().map_err(|_| DayError::Format)?;
        Day::from_ymd(year, month, day).ok_or(DayError::NoSuchDate)
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}
