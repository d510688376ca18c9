//! The days with something in them, in date order, kept a calendar month to a shared piece:
//! copying the tracker (the view keeps the copy it shows) copies one pointer per month, and a
//! change copies only its own month. Storage saves each month under its own key and writes
//! only the months whose piece is no longer the one it saved (`storage::saving`).

use std::collections::BTreeMap;
use std::fmt;
use std::ops::{Bound, Index, RangeBounds};
use std::rc::Rc;

use super::day::Day;
use super::model::DayEntry;

/// A calendar month, as a number that sorts in date order: `year * 12 + month - 1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month(pub i32);

impl Month {
    pub fn of(day: Day) -> Month {
        let (year, month, _) = day.ymd();
        Month(year * 12 + month as i32 - 1)
    }

    /// The year and the month (1 to 12).
    pub fn year_month(self) -> (i32, u32) {
        (self.0.div_euclid(12), self.0.rem_euclid(12) as u32 + 1)
    }
}

/// `YYYY-MM`, as in a saved month's key.
impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (year, month) = self.year_month();
        write!(f, "{year:04}-{month:02}")
    }
}

/// One month's days.
pub type MonthDays = BTreeMap<Day, DayEntry>;

/// Days and what happened on them, like a `BTreeMap<Day, DayEntry>`, in pieces by month: a
/// list in month order (a list, not a second map type: the wasm carries one map's code, not
/// two). No month is ever kept empty.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Days {
    months: Vec<(Month, Rc<MonthDays>)>,
}

impl fmt::Debug for Days {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl Days {
    pub fn new() -> Days {
        Days::default()
    }

    /// Where `month` is in the list, or where it would go.
    fn find(&self, month: Month) -> Result<usize, usize> {
        self.months.binary_search_by_key(&month, |(m, _)| *m)
    }

    pub fn len(&self) -> usize {
        self.months.iter().map(|(_, days)| days.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.months.is_empty()
    }

    pub fn get(&self, day: &Day) -> Option<&DayEntry> {
        let at = self.find(Month::of(*day)).ok()?;
        self.months[at].1.get(day)
    }

    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (&Day, &DayEntry)> + '_ {
        self.months.iter().flat_map(|(_, days)| days.iter())
    }

    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &Day> + '_ {
        self.iter().map(|(day, _)| day)
    }

    pub fn values(&self) -> impl DoubleEndedIterator<Item = &DayEntry> + '_ {
        self.iter().map(|(_, entry)| entry)
    }

    /// The days in `range`, in date order: only the months it touches are visited.
    pub fn range<'a, R: RangeBounds<Day> + Clone + 'a>(
        &'a self,
        range: R,
    ) -> impl DoubleEndedIterator<Item = (&'a Day, &'a DayEntry)> + 'a {
        let from = match range.start_bound() {
            Bound::Included(d) | Bound::Excluded(d) => {
                let month = Month::of(*d);
                self.months.partition_point(|(m, _)| *m < month)
            }
            Bound::Unbounded => 0,
        };
        let to = match range.end_bound() {
            Bound::Included(d) | Bound::Excluded(d) => {
                let month = Month::of(*d);
                self.months.partition_point(|(m, _)| *m <= month)
            }
            Bound::Unbounded => self.months.len(),
        };
        self.months[from..to.max(from)]
            .iter()
            .flat_map(move |(_, days)| days.range(range.clone()))
    }

    /// `month`'s piece to change, made if there was none; copied first if shared.
    fn month_mut(&mut self, month: Month) -> &mut MonthDays {
        let at = match self.find(month) {
            Ok(at) => at,
            Err(at) => {
                self.months.insert(at, (month, Rc::default()));
                at
            }
        };
        Rc::make_mut(&mut self.months[at].1)
    }

    /// `day`'s entry to change, made (empty) if there was none. Copies its month if shared.
    pub fn entry_mut(&mut self, day: Day) -> &mut DayEntry {
        self.month_mut(Month::of(day)).entry(day).or_default()
    }

    pub fn insert(&mut self, day: Day, entry: DayEntry) -> Option<DayEntry> {
        self.month_mut(Month::of(day)).insert(day, entry)
    }

    pub fn remove(&mut self, day: &Day) -> Option<DayEntry> {
        let at = self.find(Month::of(*day)).ok()?;
        let days = &mut self.months[at].1;
        if !days.contains_key(day) {
            // Not here: nothing is copied.
            return None;
        }
        let removed = Rc::make_mut(days).remove(day);
        if days.is_empty() {
            self.months.remove(at);
        }
        removed
    }

    /// Every entry to change (every month is copied if shared: for whole-history changes).
    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut DayEntry> + '_ {
        self.months
            .iter_mut()
            .flat_map(|(_, days)| Rc::make_mut(days).values_mut())
    }

    /// Keeps the days `keep` says yes to. Months left untouched are not copied.
    pub fn retain(&mut self, mut keep: impl FnMut(&Day, &DayEntry) -> bool) {
        let dropped: Vec<Day> = self
            .iter()
            .filter(|(day, entry)| !keep(day, entry))
            .map(|(day, _)| *day)
            .collect();
        for day in dropped {
            self.remove(&day);
        }
    }

    /// The months, in order, each with its shared piece: the same `Rc` as long as the month
    /// is unchanged (storage compares them to know what to write).
    pub fn months(&self) -> &[(Month, Rc<MonthDays>)] {
        &self.months
    }

    /// Whether any day of `month` is here.
    pub fn has_month(&self, month: Month) -> bool {
        self.find(month).is_ok()
    }

    /// Puts back a month as read from storage (its days must all be in `month`; an empty
    /// one is left out).
    pub fn put_month(&mut self, month: Month, days: Rc<MonthDays>) {
        match (self.find(month), days.is_empty()) {
            (Ok(at), true) => {
                self.months.remove(at);
            }
            (Ok(at), false) => self.months[at].1 = days,
            (Err(_), true) => {}
            (Err(at), false) => self.months.insert(at, (month, days)),
        }
    }
}

impl Index<&Day> for Days {
    type Output = DayEntry;

    /// Panics if there is no entry for the day, as a map does (tests only index days known
    /// to be there).
    fn index(&self, day: &Day) -> &DayEntry {
        self.get(day).expect("no entry for this day")
    }
}

/// Days in date order (a map's): one pass, each month's piece made as its days come.
impl From<BTreeMap<Day, DayEntry>> for Days {
    fn from(days: BTreeMap<Day, DayEntry>) -> Days {
        let mut months: Vec<(Month, MonthDays)> = Vec::new();
        for (day, entry) in days {
            let month = Month::of(day);
            match months.last_mut() {
                Some((last, piece)) if *last == month => {
                    piece.insert(day, entry);
                }
                _ => {
                    let mut piece = BTreeMap::new();
                    piece.insert(day, entry);
                    months.push((month, piece));
                }
            }
        }
        Days {
            months: months
                .into_iter()
                .map(|(month, piece)| (month, Rc::new(piece)))
                .collect(),
        }
    }
}

impl FromIterator<(Day, DayEntry)> for Days {
    fn from_iter<I: IntoIterator<Item = (Day, DayEntry)>>(days: I) -> Days {
        days.into_iter().collect::<BTreeMap<_, _>>().into()
    }
}

impl<const N: usize> From<[(Day, DayEntry); N]> for Days {
    fn from(days: [(Day, DayEntry); N]) -> Days {
        days.into_iter().collect()
    }
}
