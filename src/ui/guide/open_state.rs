//! Which sections and answers are open: a pure reducer, tested natively.

use std::collections::BTreeSet;
use std::rc::Rc;

use yew::Reducible;

use crate::content::GUIDE;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenAction {
    /// The visitor opened or closed one item (or a deep link opened it).
    Set {
        slug: &'static str,
        open: bool,
    },
    ExpandAll,
    CollapseAll,
    /// Printing starts: open everything, remembering what was open.
    BeginPrint,
    /// Printing ended: put back what was open before.
    EndPrint,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OpenState {
    open: BTreeSet<&'static str>,
    before_print: Option<BTreeSet<&'static str>>,
}

impl OpenState {
    /// What is open when the widget first shows.
    pub fn initial(mode: crate::embed::OpenMode) -> OpenState {
        use crate::embed::OpenMode;
        let state = OpenState::default();
        match mode {
            OpenMode::None => state,
            OpenMode::First => state.apply(OpenAction::Set {
                slug: GUIDE.sections[0].slug,
                open: true,
            }),
            OpenMode::All => state.apply(OpenAction::ExpandAll),
        }
    }

    pub fn is_open(&self, slug: &str) -> bool {
        self.open.contains(slug)
    }

    /// True when every section and answer is open.
    pub fn all_open(&self) -> bool {
        GUIDE.items().all(|item| self.open.contains(item.slug))
    }

    fn everything() -> BTreeSet<&'static str> {
        GUIDE.items().map(|item| item.slug).collect()
    }

    pub fn apply(&self, action: OpenAction) -> OpenState {
        let mut next = self.clone();
        match action {
            OpenAction::Set { slug, open } => {
                // Only slugs of the guide are accepted: a stray URL fragment opens nothing.
                if let Some(item) = GUIDE.item(slug) {
                    if open {
                        next.open.insert(item.slug);
                    } else {
                        next.open.remove(item.slug);
                    }
                }
            }
            OpenAction::ExpandAll => next.open = Self::everything(),
            OpenAction::CollapseAll => next.open.clear(),
            OpenAction::BeginPrint => {
                if next.before_print.is_none() {
                    next.before_print = Some(std::mem::replace(&mut next.open, Self::everything()));
                }
            }
            OpenAction::EndPrint => {
                if let Some(before) = next.before_print.take() {
                    next.open = before;
                }
            }
        }
        next
    }
}

impl Reducible for OpenState {
    type Action = OpenAction;

    fn reduce(self: Rc<Self>, action: OpenAction) -> Rc<Self> {
        let next = self.apply(action);
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIRST: &str = "what-emotional-intimacy-actually-means";
    const QUESTION: &str = "can-emotional-intimacy-be-rebuilt";

    fn set(slug: &'static str, open: bool) -> OpenAction {
        OpenAction::Set { slug, open }
    }

    #[test]
    fn starts_all_closed_and_opens_one_item_at_a_time() {
        let state = OpenState::default();
        assert!(!state.is_open(FIRST));
        let state = state.apply(set(FIRST, true));
        assert!(state.is_open(FIRST));
        assert!(!state.is_open(QUESTION));
        assert!(!state.apply(set(FIRST, false)).is_open(FIRST));
    }

    #[test]
    fn unknown_slugs_open_nothing() {
        let state = OpenState::default().apply(set("not-a-section", true));
        assert_eq!(state, OpenState::default());
    }

    #[test]
    fn expand_all_and_collapse_all_cover_sections_and_questions() {
        let all = OpenState::default().apply(OpenAction::ExpandAll);
        assert!(all.all_open());
        assert!(GUIDE.items().all(|i| all.is_open(i.slug)));
        let none = all.apply(OpenAction::CollapseAll);
        assert!(GUIDE.items().all(|i| !none.is_open(i.slug)));
    }

    #[test]
    fn opening_every_item_by_hand_counts_as_all_open() {
        let state = GUIDE
            .items()
            .fold(OpenState::default(), |s, i| s.apply(set(i.slug, true)));
        assert!(state.all_open());
        assert!(!state.apply(set(QUESTION, false)).all_open());
    }

    #[test]
    fn printing_opens_everything_then_puts_back_what_was_open() {
        let before = OpenState::default().apply(set(QUESTION, true));
        let printing = before.apply(OpenAction::BeginPrint);
        assert!(printing.all_open());
        // A second beforeprint (some browsers repeat it) must not forget the original state.
        let printing = printing.apply(OpenAction::BeginPrint);
        let after = printing.apply(OpenAction::EndPrint);
        assert_eq!(after, before);
        assert_eq!(after.apply(OpenAction::EndPrint), before);
    }
}
