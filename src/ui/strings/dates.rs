//! Dates, numbers and plurals, in one formatter: every date a visitor reads and every count
//! with its noun comes from here.

use crate::tracker::Day;

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

/// "4 weeks".
pub fn weeks(n: u32) -> String {
    plural(n as usize, "week", "weeks")
}

/// A count with its noun: "1 day", "4 days".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", plural_word(n, one, many))
}

/// The noun for a count said elsewhere: `one` for 1, `many` otherwise.
pub fn plural_word<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
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
