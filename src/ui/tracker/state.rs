//! The tracker's UI state, changed only through [`UiAction`]s (Yew's `use_reducer`): the
//! store's data as last shown (shared with the store, never copied), the day looked at,
//! what the last request said, and whether the browser keeps the data. Pure: no web API,
//! so the rules are tested natively.

use std::rc::Rc;

use yew::Reducible;

use super::SharedTracker;
use crate::storage::Notice;
use crate::tracker::{Day, Tracker};

/// What the store holds now, as shown.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    pub tracker: SharedTracker,
    pub notices: Rc<Vec<Notice>>,
    /// True when nothing is being saved: exporting is the only way to keep the data.
    pub memory_only: bool,
    /// The reminder to save a copy is due.
    pub reminder: bool,
    /// The visitor's date when this was taken.
    pub today: Day,
}

impl Default for Snapshot {
    fn default() -> Self {
        Snapshot {
            tracker: SharedTracker(Rc::new(Tracker::default())),
            notices: Rc::default(),
            memory_only: false,
            reminder: false,
            today: Day::EPOCH,
        }
    }
}

/// Whether the browser keeps the data, and how the visitor could help it to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keeping {
    /// The browser's promise (`navigator.storage.persisted()`); None: it cannot say (yet).
    pub persisted: Option<bool>,
    /// Running as an installed app.
    pub installed: bool,
    /// The page can be installed (the standalone page, which has a manifest).
    pub installable: bool,
    /// Where the data is kept, and who else could read it.
    pub place: Place,
}

/// Where the tracker's data is kept, as the visitor is told it. Each holds the site's host
/// (`practice.example`): localStorage belongs to it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Place {
    /// Not known yet (on the server, and before the tracker has loaded).
    #[default]
    Unknown,
    /// The widget's own page (standalone, or frame.html opened by itself): that site's
    /// storage, on a page that runs no script but the widget's.
    OwnPage(String),
    /// frame.html framed by a page of another site: that page's scripts cannot reach it.
    OwnFrame(String),
    /// A page of the host site (the in-page embed, or frame.html framed by its own site):
    /// the site's storage, which the site's own scripts can read.
    HostPage(String),
}

/// Everything the tracker's components show that is not their own passing state.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TrackerUi {
    /// False until storage and the clock are read (and on the server): the skeleton shows.
    pub loaded: bool,
    pub shown: Snapshot,
    /// The day looked at, if not today (it follows today across midnight).
    pub chosen: Option<Day>,
    /// Why the last change was refused, if it was.
    pub refused: Option<String>,
    /// What the data panel last said of an import or a deletion.
    pub said: Option<&'static str>,
    pub keeping: Keeping,
}

impl TrackerUi {
    /// Before anything is read: the skeleton shows `start`, what a visitor with nothing
    /// saved starts with.
    pub fn starting(start: Rc<Tracker>) -> TrackerUi {
        TrackerUi {
            shown: Snapshot {
                tracker: SharedTracker(start),
                ..Snapshot::default()
            },
            ..TrackerUi::default()
        }
    }

    /// The day looked at: the chosen one, never after today.
    pub fn day(&self) -> Day {
        let today = self.shown.today;
        self.chosen.map_or(today, |d| d.min(today))
    }
}

pub enum UiAction {
    /// What the store holds now (opened, read again, or a new day).
    Show(Snapshot),
    /// A request answered: the store now, why a change was refused (None: it was not), and
    /// what the data panel says, if the request gave it something to say.
    Answer {
        shown: Snapshot,
        refused: Option<String>,
        said: Option<&'static str>,
    },
    /// Look at another day; today (or later) follows today.
    Choose(Day),
    /// What the data panel said is no longer news (a new file chosen, deleting asked).
    Forget,
    Keeping(Keeping),
}

impl Reducible for TrackerUi {
    type Action = UiAction;

    /// The next state; the same `Rc` when nothing changed, so nothing renders again.
    fn reduce(self: Rc<Self>, action: UiAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            UiAction::Show(shown) => {
                next.loaded = true;
                next.shown = shown;
            }
            UiAction::Answer {
                shown,
                refused,
                said,
            } => {
                next.loaded = true;
                next.shown = shown;
                next.refused = refused;
                if said.is_some() {
                    next.said = said;
                }
            }
            UiAction::Choose(day) => next.chosen = (day < next.shown.today).then_some(day),
            UiAction::Forget => next.said = None,
            UiAction::Keeping(keeping) => next.keeping = keeping,
        }
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}
