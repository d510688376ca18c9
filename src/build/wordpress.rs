//! The WordPress plugin's parts made from the options table (`embed::options::OPTIONS`), so
//! the block and the shortcode take every option the widget has, and any added later:
//! `block.json` (one string attribute per option, camelCase) and `options.json` (what the
//! editor's sidebar shows and what the plugin's PHP maps: each option's data attribute,
//! block attribute, shortcode attribute (snake_case), values and default). The plugin's own
//! files are in `src/wordpress/`; `cargo xtask package` puts them together.

use serde_json::{json, Map, Value};

use crate::content::GUIDE;
use crate::embed::options::{Values, OPTIONS};

/// What the plugin says it is (in its header, readme.txt and block.json), the guide's title
/// in place of `{{TITLE}}`.
pub const DESCRIPTION: &str = "A calm guide, \u{201c}{{TITLE}}\u{201d}, and a daily small-signal \
     practice tracker kept in each visitor's own browser.";

/// `text` with [`DESCRIPTION`] in place of `{{DESCRIPTION}}` and the guide's title (from
/// the content file) in place of `{{TITLE}}`.
pub fn with_title(text: &str) -> String {
    text.replace("{{DESCRIPTION}}", DESCRIPTION)
        .replace("{{TITLE}}", GUIDE.title)
}

/// [`with_title`] for the plugin's PHP, where the title sits in a single-quoted string
/// (`esc_html__( '{{TITLE}}', … )`) and the description in the header's comment: a title
/// with `'`, `\` or `*/` stays text in both.
pub fn with_title_in_php(text: &str) -> String {
    let comment = with_title(DESCRIPTION).replace("*/", "* /");
    text.replace("{{DESCRIPTION}}", &comment)
        .replace("{{TITLE}}", &php_single_quoted(GUIDE.title))
}

/// `text` as the inside of a single-quoted PHP string.
pub fn php_single_quoted(text: &str) -> String {
    text.replace('\\', "\\\\").replace('\'', "\\'")
}

/// `heading-level` as a block attribute: `headingLevel`.
pub fn camel_case(name: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in name.chars() {
        if c == '-' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// `heading-level` as a shortcode attribute: `heading_level` (WordPress lowercases them).
pub fn snake_case(name: &str) -> String {
    name.replace('-', "_")
}

/// What the sidebar calls an option, and a line of help where it needs one.
fn label(name: &str) -> Option<(&'static str, &'static str)> {
    Some(match name {
        "storage-key" => (
            "Storage name",
            "Optional: a different name keeps a second widget's practice apart (letters, \
             digits and . _ - : only, up to 64). Names are shared by every page on this \
             address: on a network in subfolders, by every site.",
        ),
        "sections" => ("Parts to show", ""),
        "heading-level" => ("Heading level of its title", ""),
        "open" => ("Open at first", ""),
        "theme" => (
            "Light or dark",
            "\u{201c}As my page is\u{201d} follows your site, its dark-mode switch included.",
        ),
        "look" => (
            "Look",
            "Plain: in your page's column, with your heading font. Card: its own background.",
        ),
        "sync-url" => (
            "Section links in the address bar",
            "Yes: opening a section puts its link in the address bar, to share.",
        ),
        "notes" => (
            "Private notes",
            "Yes: visitors can write a note for each day, kept in their browser. Turn it off \
             if your pages run analytics, chat or tag-manager scripts.",
        ),
        "practices" => (
            "Practices to suggest",
            "One per line. Visitors who have not used the tracker yet start with these; \
             visitors with their own keep theirs.",
        ),
        _ => return None,
    })
}

/// What the sidebar calls each value of an option, where the value itself is a code
/// (`host`, `on`) rather than words: the snippet builder's words (builder/index.html), so
/// both say the same, shortened where the sidebar is narrow.
fn value_labels(name: &str) -> &'static [(&'static str, &'static str)] {
    match name {
        "sections" => &[
            ("quick-take", "Quick take"),
            ("sections", "Sections"),
            ("faq", "Questions"),
            ("tracker", "Daily practice tracker"),
        ],
        "heading-level" => &[("2", "2 (under your page's title)"), ("3", "3"), ("4", "4")],
        "open" => &[
            ("none", "Nothing"),
            ("first", "The first section"),
            ("all", "Everything"),
        ],
        "theme" => &[
            ("host", "As my page is"),
            ("auto", "As the visitor's system is"),
            ("light", "Always light"),
            ("dark", "Always dark"),
        ],
        "look" => &[("plain", "Plain"), ("card", "Card")],
        "sync-url" | "notes" => &[("on", "Yes"), ("off", "No")],
        _ => &[],
    }
}

/// Each allowed value's label, in the table's order; Err names a value with none.
fn labels(name: &str, allowed: &[&str]) -> Result<Vec<&'static str>, String> {
    allowed
        .iter()
        .map(|value| {
            value_labels(name)
                .iter()
                .find(|(v, _)| v == value)
                .map(|(_, label)| *label)
                .ok_or_else(|| format!("the WordPress block has no label for {name}={value}"))
        })
        .collect()
}

/// The options as the plugin takes them; Err names an option or a value with no label here.
pub fn options_json() -> Result<String, String> {
    let options: Result<Vec<Value>, String> = OPTIONS
        .iter()
        .map(|option| {
            let (label, help) = label(option.name)
                .ok_or_else(|| format!("the WordPress block has no label for {}", option.name))?;
            let values = match option.values {
                Values::OneOf(allowed) => {
                    json!({ "kind": "one-of", "allowed": allowed, "labels": labels(option.name, allowed)? })
                }
                Values::AnyOf(allowed) => {
                    json!({ "kind": "any-of", "allowed": allowed, "labels": labels(option.name, allowed)? })
                }
                Values::KeyName => {
                    json!({ "kind": "key-name", "pattern": crate::storage::key_name_pattern() })
                }
                Values::Names => json!({ "kind": "names" }),
            };
            Ok(json!({
                "name": option.name,
                "attribute": camel_case(option.name),
                "shortcode": snake_case(option.name),
                "label": label,
                "help": help,
                "values": values,
                "default": option.default,
            }))
        })
        .collect();
    serde_json::to_string_pretty(&options?).map_err(|e| e.to_string())
}

/// `block/labels.php`: the sidebar's words as literal `__()` calls in the plugin's text
/// domain, so translation tools (`wp i18n make-pot`, Loco Translate) find them and a
/// site in another language shows its own. It returns, for each option: its label, its
/// help and its values' labels. Err names an option or a value with no label here.
pub fn labels_php() -> Result<String, String> {
    let say = |text: &str| {
        if text.is_empty() {
            "''".to_owned()
        } else {
            format!("__( '{}', 'emotional-intimacy' )", php_single_quoted(text))
        }
    };
    let mut out = String::from(
        "<?php\n/**\n * The block sidebar's words, translatable (generated from the widget's options \
         table by the build).\n *\n * @package EmotionalIntimacy\n */\n\n\
         defined( 'ABSPATH' ) || exit;\n\nreturn array(\n",
    );
    for option in OPTIONS.iter() {
        let (label, help) = label(option.name)
            .ok_or_else(|| format!("the WordPress block has no label for {}", option.name))?;
        let values = match option.values {
            Values::OneOf(allowed) | Values::AnyOf(allowed) => {
                let named = labels(option.name, allowed)?;
                allowed
                    .iter()
                    .zip(named)
                    .map(|(value, words)| {
                        format!("\t\t\t'{}' => {},\n", php_single_quoted(value), say(words))
                    })
                    .collect::<String>()
            }
            Values::KeyName | Values::Names => String::new(),
        };
        out.push_str(&format!(
            "\t'{}' => array(\n\t\t'label'  => {},\n\t\t'help'   => {},\n\t\t'values' => array(\n{values}\t\t),\n\t),\n",
            option.name,
            say(label),
            say(help),
        ));
    }
    out.push_str(");\n");
    Ok(out)
}

/// The block's block.json (WordPress's block metadata), for this release's version.
pub fn block_json(version: &str) -> String {
    let attributes: Map<String, Value> = OPTIONS
        .iter()
        .map(|option| {
            (
                camel_case(option.name),
                json!({ "type": "string", "default": "" }),
            )
        })
        .collect();
    let block = json!({
        "$schema": "https://schemas.wp.org/trunk/block.json",
        "apiVersion": 3,
        "name": "emotional-intimacy/guide",
        "version": version,
        "title": "Emotional intimacy guide",
        "category": "widgets",
        "icon": "heart",
        "description": with_title(DESCRIPTION),
        "keywords": ["counselling", "therapy", "relationships", "tracker"],
        "textdomain": "emotional-intimacy",
        "attributes": attributes,
        "supports": { "html": false },
        "editorScript": "file:./editor.js"
    });
    serde_json::to_string_pretty(&block).unwrap_or_default()
}
