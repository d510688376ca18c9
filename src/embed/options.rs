//! The widget's options, as a host sets them: `data-*` attributes on the host element,
//! `EmotionalIntimacy.mount(element, options)`, or the iframe's query string. Pure: a bad
//! value becomes a warning naming the option and the default used, never a broken widget.

use crate::storage::{storage_key_for, DEFAULT_KEY};
use crate::tracker::model::{DEFAULT_PRACTICES, MAX_PRACTICES, NAME_MAX_CHARS};
use crate::tracker::{Tracker, TrackerError};

/// Which parts of the widget to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parts {
    pub quick_take: bool,
    pub sections: bool,
    pub faq: bool,
    pub tracker: bool,
}

impl Default for Parts {
    fn default() -> Self {
        Parts {
            quick_take: true,
            sections: true,
            faq: true,
            tracker: true,
        }
    }
}

/// What is open when the widget first shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum OpenMode {
    #[default]
    None,
    First,
    All,
}

/// The options of one embedded widget.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    pub storage_key: String,
    pub parts: Parts,
    pub heading_level: u8,
    pub open: OpenMode,
    /// Opening a section writes its link into the host page's address bar.
    pub sync_url: bool,
    /// The tracker has a note field per day. Off (`data-notes="off"`) for sites whose own
    /// scripts could read the page's storage: notes already kept stay there untouched.
    pub notes: bool,
    /// The practices a visitor with no saved data starts with: the site's suggestions
    /// (`data-practices`), or the seven defaults. Saved data is never changed by them.
    pub practices: Vec<String>,
}

impl Options {
    /// True when the options that shape the widget's HTML (which parts, the heading level,
    /// what is open, the note field, the practices shown before loading) are the defaults:
    /// the pre-rendered embed is then this widget's HTML, whatever its storage key or URL
    /// syncing (a test checks), and is taken over in place.
    pub fn markup_is_default(&self) -> bool {
        let default = Options::default();
        self.parts == default.parts
            && self.heading_level == default.heading_level
            && self.open == default.open
            && self.notes == default.notes
            && self.practices == default.practices
    }
}

/// The embed's default heading level: the widget's title is an `<h2>` in a host page.
pub const EMBED_HEADING_LEVEL: u8 = 2;

impl Default for Options {
    fn default() -> Self {
        Options {
            storage_key: DEFAULT_KEY.to_owned(),
            parts: Parts::default(),
            heading_level: EMBED_HEADING_LEVEL,
            open: OpenMode::None,
            sync_url: false,
            notes: true,
            practices: DEFAULT_PRACTICES.map(str::to_owned).to_vec(),
        }
    }
}

/// What values an option takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Values {
    /// One of these words.
    OneOf(&'static [&'static str]),
    /// Any of these words, separated by spaces or commas.
    AnyOf(&'static [&'static str]),
    /// A storage name: `storage::is_key_name`'s grammar.
    KeyName,
    /// Practice names separated by `|`, by the rules of names typed in the tracker. The
    /// default (empty) is the seven the tracker has always started with.
    Names,
}

/// One option a host can set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OptionSpec {
    /// As in `data-NAME`, the iframe's query string, and camelCased in `mount`.
    pub name: &'static str,
    pub values: Values,
    /// The value used when the option is not set (in the page; `frame.html`'s theme is
    /// `auto`, as an iframe cannot see the page around it).
    pub default: &'static str,
    /// Whether a value other than the default changes the widget's HTML, so the
    /// pre-rendered embed is not this widget's.
    pub shapes_markup: bool,
    /// Read by the host module in JavaScript (it follows the host page live), not by the
    /// wasm's [`parse`].
    pub presentation: bool,
}

/// Every option, in one place. The build gives embed.js the names and the ones that shape
/// the markup, the host module the presentation options' values, and the snippet builder
/// the defaults and the key grammar; [`parse`] reads the others. `tests/options.rs` checks
/// [`parse`], both READMEs and the builder's form against this table.
pub const OPTIONS: [OptionSpec; 9] = [
    OptionSpec {
        name: "storage-key",
        values: Values::KeyName,
        default: DEFAULT_KEY,
        shapes_markup: false,
        presentation: false,
    },
    OptionSpec {
        name: "sections",
        values: Values::AnyOf(&["quick-take", "sections", "faq", "tracker"]),
        default: "quick-take sections faq tracker",
        shapes_markup: true,
        presentation: false,
    },
    OptionSpec {
        name: "heading-level",
        values: Values::OneOf(&["2", "3", "4"]),
        default: "2",
        shapes_markup: true,
        presentation: false,
    },
    OptionSpec {
        name: "open",
        values: Values::OneOf(&["none", "first", "all"]),
        default: "none",
        shapes_markup: true,
        presentation: false,
    },
    OptionSpec {
        name: "theme",
        values: Values::OneOf(&["host", "auto", "light", "dark"]),
        default: "host",
        shapes_markup: false,
        presentation: true,
    },
    OptionSpec {
        name: "look",
        values: Values::OneOf(&["plain", "card"]),
        default: "plain",
        shapes_markup: false,
        presentation: true,
    },
    OptionSpec {
        name: "sync-url",
        values: Values::OneOf(&["on", "off"]),
        default: "off",
        shapes_markup: false,
        presentation: false,
    },
    OptionSpec {
        name: "notes",
        values: Values::OneOf(&["on", "off"]),
        default: "on",
        shapes_markup: true,
        presentation: false,
    },
    OptionSpec {
        name: "practices",
        values: Values::Names,
        default: "",
        shapes_markup: true,
        presentation: false,
    },
];

/// The option named `name`.
pub fn spec(name: &str) -> Option<&'static OptionSpec> {
    OPTIONS.iter().find(|option| option.name == name)
}

/// Every option's name, from [`OPTIONS`].
pub const NAMES: [&str; OPTIONS.len()] = {
    let mut names = [""; OPTIONS.len()];
    let mut i = 0;
    while i < OPTIONS.len() {
        names[i] = OPTIONS[i].name;
        i += 1;
    }
    names
};

const MARKUP_COUNT: usize = {
    let (mut n, mut i) = (0, 0);
    while i < OPTIONS.len() {
        if OPTIONS[i].shapes_markup {
            n += 1;
        }
        i += 1;
    }
    n
};

/// The options embed.js must leave out for the pre-rendered embed to be this widget's HTML,
/// from [`OPTIONS`].
pub const MARKUP_NAMES: [&str; MARKUP_COUNT] = {
    let mut names = [""; MARKUP_COUNT];
    let (mut n, mut i) = (0, 0);
    while i < OPTIONS.len() {
        if OPTIONS[i].shapes_markup {
            names[n] = OPTIONS[i].name;
            n += 1;
        }
        i += 1;
    }
    names
};

fn warning(name: &str, value: &str, expected: &str, default: &str) -> String {
    format!(
        "emotional-intimacy widget: data-{name}=\"{value}\" is not {expected}; using {default}."
    )
}

/// What a list of practice names must be, as a warning says it.
fn names_rule() -> String {
    format!(
        "a list of up to {MAX_PRACTICES} different practice names of 1 to {NAME_MAX_CHARS} \
         characters, separated by |"
    )
}

/// Why a suggested name was left out, in a few words.
fn refusal(why: &TrackerError) -> &'static str {
    match why {
        TrackerError::NameTooLong => "too long",
        TrackerError::DuplicateName(_) => "named twice",
        TrackerError::TooManyPractices => "one too many",
        _ => "not a name",
    }
}

/// Reads `data-practices`: the names kept, and a warning if any was left out (or none was
/// left), naming how many and the first. Empty pieces (a `|` at the end) are passed over.
fn parse_practices(list: &str) -> (Option<Vec<String>>, Option<String>) {
    if list.trim().is_empty() {
        return (None, None);
    }
    let (kept, refused, first) =
        Tracker::suggested(list.split('|').filter(|n| !n.trim().is_empty()));
    let using = match first {
        None if !kept.is_empty() => return (Some(kept), None),
        Some((name, why)) if !kept.is_empty() => format!(
            "the {} that are ({refused} left out, the first \"{}\": {})",
            kept.len(),
            start_of(&name, 40),
            refusal(&why)
        ),
        _ => "the seven default practices".to_owned(),
    };
    // A hostile value can be long: the console gets its start.
    let warning = warning("practices", start_of(list, 200), &names_rule(), &using);
    ((!kept.is_empty()).then_some(kept), Some(warning))
}

/// The first `chars` characters of `text`.
fn start_of(text: &str, chars: usize) -> &str {
    text.char_indices()
        .nth(chars)
        .map_or(text, |(at, _)| &text[..at])
}

/// Reads options through `get` (option name to its value, if set). Returns the options and a
/// warning for each value that could not be used.
pub fn parse(get: impl Fn(&str) -> Option<String>) -> (Options, Vec<String>) {
    let mut options = Options::default();
    let mut warnings = Vec::new();

    if let Some(key) = get("storage-key") {
        let key = key.trim();
        if let Some(storage_key) = storage_key_for(key) {
            options.storage_key = storage_key;
        } else {
            warnings.push(warning(
                "storage-key",
                key,
                "1 to 64 letters, digits, or . _ - :",
                &format!("\"{DEFAULT_KEY}\""),
            ));
        }
    }

    if let Some(list) = get("sections") {
        let mut parts = Parts {
            quick_take: false,
            sections: false,
            faq: false,
            tracker: false,
        };
        let mut unknown = Vec::new();
        for token in list.split([' ', ',']).filter(|t| !t.is_empty()) {
            match token.to_ascii_lowercase().as_str() {
                "quick-take" => parts.quick_take = true,
                "sections" => parts.sections = true,
                "faq" => parts.faq = true,
                "tracker" => parts.tracker = true,
                _ => unknown.push(token.to_owned()),
            }
        }
        let none = parts
            == Parts {
                quick_take: false,
                sections: false,
                faq: false,
                tracker: false,
            };
        if !unknown.is_empty() || none {
            warnings.push(warning(
                "sections",
                &list,
                "a list of quick-take, sections, faq, tracker",
                if none {
                    "all of them"
                } else {
                    "the parts it names that exist"
                },
            ));
        }
        if !none {
            options.parts = parts;
        }
    }

    if let Some(level) = get("heading-level") {
        match level.trim().parse::<u8>() {
            Ok(n @ 2..=4) => options.heading_level = n,
            _ => warnings.push(warning("heading-level", &level, "2, 3 or 4", "2")),
        }
    }

    if let Some(open) = get("open") {
        match open.trim().to_ascii_lowercase().as_str() {
            "none" => options.open = OpenMode::None,
            "first" => options.open = OpenMode::First,
            "all" => options.open = OpenMode::All,
            _ => warnings.push(warning("open", &open, "none, first or all", "none")),
        }
    }

    if let Some(sync) = get("sync-url") {
        match sync.trim().to_ascii_lowercase().as_str() {
            "on" => options.sync_url = true,
            "off" => options.sync_url = false,
            _ => warnings.push(warning("sync-url", &sync, "on or off", "off")),
        }
    }

    if let Some(notes) = get("notes") {
        match notes.trim().to_ascii_lowercase().as_str() {
            "on" => options.notes = true,
            "off" => options.notes = false,
            _ => warnings.push(warning("notes", &notes, "on or off", "on")),
        }
    }

    if let Some(list) = get("practices") {
        let (practices, warning) = parse_practices(&list);
        if let Some(practices) = practices {
            options.practices = practices;
        }
        warnings.extend(warning);
    }

    (options, warnings)
}
