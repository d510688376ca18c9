//! The widget's options, as a host sets them: `data-*` attributes on the host element,
//! `EmotionalIntimacy.mount(element, options)`, or the iframe's query string. Pure: a bad
//! value becomes a warning naming the option and the default used, never a broken widget.

use crate::storage::{storage_key_for, DEFAULT_KEY};

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
}

impl Options {
    /// True when the options that shape the widget's HTML (which parts, the heading level,
    /// what is open, the note field) are the defaults: the pre-rendered embed is then this
    /// widget's HTML, whatever its storage key or URL syncing (a test checks), and is taken
    /// over in place.
    pub fn markup_is_default(&self) -> bool {
        let default = Options::default();
        self.parts == default.parts
            && self.heading_level == default.heading_level
            && self.open == default.open
            && self.notes == default.notes
    }
}

/// The options embed.js must leave out for the pre-rendered embed to be this widget's HTML.
pub const MARKUP_NAMES: [&str; 4] = ["sections", "heading-level", "open", "notes"];

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
        }
    }
}

/// Every option's name (as in `data-NAME`, the query string, and camelCased in `mount`), in
/// one place: the build writes this list into embed.js, and a test checks README's table.
/// `theme` and `look` are presentation only: embed.js reads them (they follow the host page
/// live), so [`parse`] does not.
pub const NAMES: [&str; 8] = [
    "storage-key",
    "sections",
    "heading-level",
    "open",
    "theme",
    "look",
    "sync-url",
    "notes",
];

fn warning(name: &str, value: &str, expected: &str, default: &str) -> String {
    format!(
        "emotional-intimacy widget: data-{name}=\"{value}\" is not {expected}; using {default}."
    )
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

    (options, warnings)
}
