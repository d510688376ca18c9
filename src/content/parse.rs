//! Parser for the guide's plain-text content file.
//!
//! This module uses only `std` on purpose: `build.rs` includes it with `#[path]` so that a
//! malformed content file fails the build with a message naming the line and the problem,
//! and the crate itself re-exports it so tests can feed it broken input.
//!
//! The format is the seed text, one element per line:
//!
//! ```text
//! Title
//! One-line summary
//! Tag, tag, tag
//! Quick take
//! - point
//! - point
//! Section heading
//! Section body
//! ... (heading/body pairs)
//! Frequently Asked Questions
//! Question?
//! Answer
//! ... (question/answer pairs)
//! ```

use std::fmt;

/// The line that starts the quick-take list.
pub const QUICK_TAKE_MARKER: &str = "Quick take";
/// The line that ends the sections and starts the questions.
pub const FAQ_MARKER: &str = "Frequently Asked Questions";
/// What starts each quick-take point.
pub const POINT_PREFIX: &str = "- ";

/// One heading-and-text pair: a guide section or a question and its answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedItem {
    pub slug: String,
    pub heading: String,
    pub body: String,
}

/// The guide as read from the content file, with owned strings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedGuide {
    pub title: String,
    pub summary: String,
    pub tags_line: String,
    pub tags: Vec<String>,
    pub quick_take_heading: String,
    pub quick_take: Vec<String>,
    pub sections: Vec<ParsedItem>,
    pub faq_heading: String,
    pub faq: Vec<ParsedItem>,
}

/// What is wrong with a content file, and on which line (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "content line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for ContentError {}

/// Turns a heading into a stable URL fragment: lower case ASCII letters and digits joined by
/// single hyphens ("How it develops over time" becomes "how-it-develops-over-time").
pub fn slugify(heading: &str) -> String {
    let mut slug = String::with_capacity(heading.len());
    for ch in heading.chars() {
        if ch.is_ascii_alphanumeric() {
            slug.push(ch.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

struct Lines<'a> {
    lines: Vec<&'a str>,
    next: usize,
}

impl<'a> Lines<'a> {
    fn peek(&self) -> Option<&'a str> {
        self.lines.get(self.next).copied()
    }

    /// The 1-based number of the line `peek` would return.
    fn number(&self) -> usize {
        self.next + 1
    }

    /// Takes the next line, which must exist and hold text; `what` names it in the error.
    fn take(&mut self, what: &str) -> Result<&'a str, ContentError> {
        let line = self.number();
        match self.peek() {
            None => Err(ContentError {
                line,
                message: format!("the file ends where {what} was expected"),
            }),
            Some(text) if text.trim().is_empty() => Err(ContentError {
                line,
                message: format!("this line is blank; expected {what}"),
            }),
            Some(text) if text.trim() != text => Err(ContentError {
                line,
                message: format!("{what} has spaces at its start or end"),
            }),
            Some(text) => {
                self.next += 1;
                Ok(text)
            }
        }
    }

    fn expect_marker(&mut self, marker: &str) -> Result<&'a str, ContentError> {
        let line = self.number();
        let found = self.take(&format!("the \"{marker}\" heading"))?;
        if found == marker {
            Ok(found)
        } else {
            Err(ContentError {
                line,
                message: format!("expected the \"{marker}\" heading, found \"{found}\""),
            })
        }
    }
}

/// Reads heading/body pairs until `stop` (a marker line) or the end of the file.
fn pairs(
    lines: &mut Lines<'_>,
    stop: Option<&str>,
    kind: &str,
) -> Result<Vec<ParsedItem>, ContentError> {
    let mut items: Vec<ParsedItem> = Vec::new();
    loop {
        match lines.peek() {
            None if stop.is_none() => break,
            Some(text) if Some(text) == stop => break,
            _ => {}
        }
        let line = lines.number();
        let heading = lines.take(&format!("a {kind} heading"))?;
        if heading.starts_with(POINT_PREFIX) {
            return Err(ContentError {
                line,
                message: format!(
                    "\"{heading}\" looks like a quick-take point, but the quick take has ended"
                ),
            });
        }
        if kind == "question" && !heading.ends_with('?') {
            return Err(ContentError {
                line,
                message: format!("the question \"{heading}\" does not end with \"?\""),
            });
        }
        let body = lines.take(&format!("the text under \"{heading}\""))?;
        let slug = slugify(heading);
        if slug.is_empty() {
            return Err(ContentError {
                line,
                message: format!("\"{heading}\" has no letters or digits to make a link from"),
            });
        }
        if items.iter().any(|item| item.slug == slug) {
            return Err(ContentError {
                line,
                message: format!("\"{heading}\" gives the link #{slug}, which is already used"),
            });
        }
        items.push(ParsedItem {
            slug,
            heading: heading.to_owned(),
            body: body.to_owned(),
        });
    }
    if items.is_empty() {
        return Err(ContentError {
            line: lines.number(),
            message: format!("expected at least one {kind}"),
        });
    }
    Ok(items)
}

/// Parses the content file. Accepts `\n` or `\r\n` line ends and one optional final newline.
pub fn parse_guide(text: &str) -> Result<ParsedGuide, ContentError> {
    let text = text.strip_suffix('\n').unwrap_or(text);
    let text = text.strip_suffix('\r').unwrap_or(text);
    let mut lines = Lines {
        lines: text
            .split('\n')
            .map(|l| l.strip_suffix('\r').unwrap_or(l))
            .collect(),
        next: 0,
    };

    let title = lines.take("the title")?.to_owned();
    let summary = lines.take("the one-line summary")?.to_owned();
    let tags_line = lines.take("the topic tags")?.to_owned();
    let tags: Vec<String> = tags_line.split(',').map(|t| t.trim().to_owned()).collect();
    if tags.iter().any(String::is_empty) {
        return Err(ContentError {
            line: 3,
            message: "the topic tags have an empty tag between commas".to_owned(),
        });
    }

    let quick_take_heading = lines.expect_marker(QUICK_TAKE_MARKER)?.to_owned();
    let mut quick_take = Vec::new();
    while let Some(point) = lines.peek().and_then(|l| l.strip_prefix(POINT_PREFIX)) {
        if point.trim().is_empty() {
            return Err(ContentError {
                line: lines.number(),
                message: "this quick-take point is empty".to_owned(),
            });
        }
        quick_take.push(point.to_owned());
        lines.next += 1;
    }
    if quick_take.is_empty() {
        return Err(ContentError {
            line: lines.number(),
            message: format!("expected quick-take points starting with \"{POINT_PREFIX}\""),
        });
    }

    let sections = pairs(&mut lines, Some(FAQ_MARKER), "section")?;
    let faq_heading = lines.expect_marker(FAQ_MARKER)?.to_owned();
    let faq = pairs(&mut lines, None, "question")?;
    if let Some(clash) = faq
        .iter()
        .find(|q| sections.iter().any(|s| s.slug == q.slug))
    {
        return Err(ContentError {
            line: 0,
            message: format!("the question link #{} is also a section link", clash.slug),
        });
    }

    Ok(ParsedGuide {
        title,
        summary,
        tags_line,
        tags,
        quick_take_heading,
        quick_take,
        sections,
        faq_heading,
        faq,
    })
}
