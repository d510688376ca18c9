//! The guide as data: the seed text, verbatim, in `what-is-emotional-intimacy.txt`, turned into
//! the typed [`Guide`] below by `build.rs` (using [`parse`]) when the crate is compiled.

pub mod parse;

/// One expandable item: a guide section, or a question with its answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Item {
    /// Stable URL fragment made from the heading; also the element id.
    pub slug: &'static str,
    pub heading: &'static str,
    pub body: &'static str,
}

/// The whole guide. Every string is a line of the content file, word for word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Guide {
    pub title: &'static str,
    pub summary: &'static str,
    /// The topic tags line exactly as written ("Communication, dating, …").
    pub tags_line: &'static str,
    pub tags: &'static [&'static str],
    pub quick_take_heading: &'static str,
    pub quick_take: &'static [&'static str],
    pub sections: &'static [Item],
    pub faq_heading: &'static str,
    pub faq: &'static [Item],
}

impl Guide {
    /// Every expandable item, sections first, then questions.
    pub fn items(&self) -> impl Iterator<Item = &'static Item> {
        self.sections.iter().chain(self.faq.iter())
    }

    /// The item whose slug is `slug`, if any.
    pub fn item(&self, slug: &str) -> Option<&'static Item> {
        self.items().find(|item| item.slug == slug)
    }
}

/// The raw content file, for tests that compare it with what is rendered.
pub const SOURCE: &str = include_str!("what-is-emotional-intimacy.txt");

include!(concat!(env!("OUT_DIR"), "/guide.rs"));
