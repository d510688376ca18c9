//! Each public contract is declared once and everything that repeats it agrees: the options
//! table (`embed::options::OPTIONS`) against what the widget reads, both READMEs, the snippet
//! builder and the host module; the storage name's grammar; the `--ei-*` properties (the
//! stylesheet's header is the list); the hashed files against the deploy files' cache rules.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;

use emotional_intimacy_widget::build::files::{hashed_name, HASHED_STEMS};
use emotional_intimacy_widget::build::{builder_js, deploy_files, host_module};
use emotional_intimacy_widget::embed::options::{
    parse, spec, OptionSpec, Options, Values, MARKUP_NAMES, NAMES, OPTIONS,
};
use emotional_intimacy_widget::storage::{
    is_key_name, key_name_pattern, KEY_NAME_MARKS, KEY_NAME_MAX,
};
use emotional_intimacy_widget::tracker::model::{MAX_PRACTICES, NAME_MAX_CHARS};
use regex::Regex;
use scraper::{Html, Selector};

const README: &str = include_str!("../README.md");
const PACKAGE_README: &str = include_str!("../src/package/README.md");
const BUILDER_HTML: &str = include_str!("../builder/index.html");
const BUILDER_JS: &str = include_str!("../builder/builder.js");
const STYLESHEET: &str = include_str!("../styles/widget.css");

/// The options the wasm reads (the host module reads the presentation ones).
fn read_by_the_wasm() -> impl Iterator<Item = &'static OptionSpec> {
    OPTIONS.iter().filter(|option| !option.presentation)
}

fn parsed(name: &str, value: &str) -> (Options, Vec<String>) {
    parse(|asked| (asked == name).then(|| value.to_owned()))
}

/// A value the option takes that is not its default.
fn other_value(option: &OptionSpec) -> String {
    match option.values {
        Values::OneOf(values) | Values::AnyOf(values) => values
            .iter()
            .find(|v| **v != option.default)
            .map(|v| v.to_string())
            .expect("an option has a value besides its default"),
        Values::KeyName => "second-widget".to_owned(),
        Values::Names => SUGGESTED.to_owned(),
    }
}

/// Practices a counsellor might suggest, as `data-practices` takes them.
const SUGGESTED: &str = "Asked how their day really went|Put our phones away at dinner";

#[test]
fn the_table_is_every_option_once_and_embed_js_gets_its_names_from_it() {
    let unique: BTreeSet<_> = NAMES.iter().collect();
    assert_eq!(unique.len(), OPTIONS.len(), "an option is listed twice");
    assert_eq!(
        MARKUP_NAMES,
        ["sections", "heading-level", "open", "notes", "practices"]
    );
    assert!(OPTIONS
        .iter()
        .all(|option| !(option.presentation && option.shapes_markup)));
}

#[test]
fn every_value_the_table_allows_is_read_without_a_warning_and_the_default_is_the_widgets() {
    for option in read_by_the_wasm() {
        let values: Vec<String> = match option.values {
            Values::OneOf(values) | Values::AnyOf(values) => {
                values.iter().map(|v| v.to_string()).collect()
            }
            Values::KeyName => vec![option.default.to_owned(), "a.b_c-d:9".to_owned()],
            Values::Names => vec![SUGGESTED.to_owned(), "One practice".to_owned()],
        };
        for value in &values {
            let (_, warnings) = parsed(option.name, value);
            assert!(warnings.is_empty(), "{}={value}: {warnings:?}", option.name);
        }
        let (options, warnings) = parsed(option.name, option.default);
        assert!(warnings.is_empty(), "{}: {warnings:?}", option.name);
        assert_eq!(
            options,
            Options::default(),
            "{}'s default in the table is not the widget's",
            option.name
        );
    }
}

#[test]
fn a_value_the_table_does_not_allow_is_warned_about_naming_the_option_and_what_it_takes() {
    for option in read_by_the_wasm() {
        // (Any words are a practice's name: too long a name is not.)
        let long = "x".repeat(NAME_MAX_CHARS + 1);
        let bad = match option.values {
            Values::Names => long.as_str(),
            _ => "not a value #",
        };
        let (options, warnings) = parsed(option.name, bad);
        assert_eq!(options, Options::default(), "{}", option.name);
        let [warning] = warnings.as_slice() else {
            panic!("{}: one warning, not {warnings:?}", option.name)
        };
        assert!(
            warning.contains(&format!("data-{}=\"{bad}\"", option.name)),
            "{warning}"
        );
        match option.values {
            Values::OneOf(values) | Values::AnyOf(values) => {
                for value in values {
                    assert!(warning.contains(value), "{warning} does not name {value}");
                }
            }
            Values::KeyName => {
                assert!(warning.contains(&KEY_NAME_MAX.to_string()), "{warning}");
                for mark in KEY_NAME_MARKS {
                    assert!(warning.contains(mark), "{warning} does not name {mark}");
                }
            }
            Values::Names => {
                for rule in [NAME_MAX_CHARS.to_string(), MAX_PRACTICES.to_string()] {
                    assert!(warning.contains(&rule), "{warning} does not say {rule}");
                }
                assert!(warning.contains("separated by |"), "{warning}");
            }
        }
    }
}

#[test]
fn an_option_changes_the_widgets_html_exactly_when_the_table_says_it_shapes_the_markup() {
    for option in read_by_the_wasm() {
        let value = other_value(option);
        let (options, warnings) = parsed(option.name, &value);
        assert!(warnings.is_empty(), "{}={value}: {warnings:?}", option.name);
        assert_ne!(options, Options::default(), "{}={value}", option.name);
        assert_eq!(
            !options.markup_is_default(),
            option.shapes_markup,
            "{}={value}",
            option.name
        );
    }
}

/// The options table's row for `data-NAME` in a README: its values and its default cell.
fn readme_row<'a>(readme: &'a str, name: &str) -> Option<(&'a str, &'a str)> {
    let start = format!("| `data-{name}` |");
    let line = readme.lines().find(|line| line.starts_with(&start))?;
    let cells: Vec<&str> = line.trim_matches('|').split(" | ").collect();
    match cells.as_slice() {
        [_, values, default] => Some((values, default)),
        _ => None,
    }
}

#[test]
fn both_readmes_list_every_option_with_the_values_and_default_the_widget_has() {
    for (which, readme) in [
        ("README.md", README),
        ("the package README", PACKAGE_README),
    ] {
        let rows: BTreeSet<String> = readme
            .lines()
            .filter_map(|line| line.strip_prefix("| `data-"))
            .filter_map(|rest| rest.split('`').next())
            .map(str::to_owned)
            .collect();
        let names: BTreeSet<String> = NAMES.iter().map(|n| n.to_string()).collect();
        assert_eq!(rows, names, "{which}'s options table");
        for option in &OPTIONS {
            let (values, default) = readme_row(readme, option.name)
                .unwrap_or_else(|| panic!("{which}: no row for data-{}", option.name));
            match option.values {
                Values::OneOf(allowed) => {
                    for value in allowed {
                        assert!(
                            values.contains(&format!("`{value}`")),
                            "{which}: data-{} does not say `{value}`",
                            option.name
                        );
                    }
                }
                Values::AnyOf(allowed) => assert!(
                    values.contains(&format!("`{}`", allowed.join(" "))),
                    "{which}: data-{} does not list its values",
                    option.name
                ),
                Values::KeyName => {
                    assert!(values.contains(&KEY_NAME_MAX.to_string()), "{which}");
                    for mark in KEY_NAME_MARKS {
                        assert!(
                            values.contains(&format!("`{mark}`")),
                            "{which}: data-storage-key does not say `{mark}`"
                        );
                    }
                }
                Values::Names => {
                    for rule in [NAME_MAX_CHARS.to_string(), MAX_PRACTICES.to_string()] {
                        assert!(values.contains(&rule), "{which}: data-practices: {rule}");
                    }
                    assert!(values.contains("`\\|`"), "{which}: data-practices: `\\|`");
                }
            }
            let said = match option.values {
                Values::Names => default.starts_with("the seven"),
                Values::AnyOf(allowed) if allowed.join(" ") == option.default => {
                    default.starts_with("all")
                }
                _ => default.starts_with(&format!("`{}`", option.default)),
            };
            assert!(
                said,
                "{which}: data-{}'s default is not `{}`",
                option.name, option.default
            );
        }
    }
}

fn select(selector: &str) -> Selector {
    Selector::parse(selector).unwrap()
}

#[test]
fn the_builder_offers_every_option_with_the_tables_values_and_defaults() {
    let page = Html::parse_document(BUILDER_HTML);
    for option in &OPTIONS {
        let name = option.name;
        let fields: Vec<_> = page
            .select(&select(&format!("#options [name=\"{name}\"]")))
            .collect();
        assert!(!fields.is_empty(), "the builder has no field for {name}");
        match option.values {
            Values::OneOf(["on", "off"]) => {
                let [checkbox] = fields.as_slice() else {
                    panic!("{name}: one checkbox")
                };
                assert_eq!(checkbox.value().attr("type"), Some("checkbox"), "{name}");
                assert_eq!(
                    checkbox.value().attr("checked").is_some(),
                    option.default == "on",
                    "{name}: checked as its default"
                );
            }
            Values::OneOf(allowed) => {
                let choices: Vec<_> = page
                    .select(&select(&format!("select[name=\"{name}\"] option")))
                    .collect();
                let offered: Vec<&str> = choices
                    .iter()
                    .filter_map(|o| o.value().attr("value"))
                    .collect();
                assert_eq!(offered, allowed, "{name}: the builder's choices");
                let chosen: Vec<&str> = choices
                    .iter()
                    .filter(|o| o.value().attr("selected").is_some())
                    .filter_map(|o| o.value().attr("value"))
                    .collect();
                assert_eq!(chosen, [option.default], "{name}: chosen at first");
            }
            Values::AnyOf(allowed) => {
                let offered: Vec<&str> = fields
                    .iter()
                    .filter_map(|f| f.value().attr("value"))
                    .collect();
                assert_eq!(offered, allowed, "{name}: the builder's boxes");
                let ticked: Vec<&str> = fields
                    .iter()
                    .filter(|f| f.value().attr("checked").is_some())
                    .filter_map(|f| f.value().attr("value"))
                    .collect();
                assert_eq!(ticked.join(" "), option.default, "{name}: ticked at first");
            }
            Values::Names => {
                let [field] = fields.as_slice() else {
                    panic!("{name}: one field")
                };
                assert_eq!(
                    field.value().name(),
                    "textarea",
                    "{name}: one name per line"
                );
            }
            Values::KeyName => {
                let [input] = fields.as_slice() else {
                    panic!("{name}: one field")
                };
                assert_eq!(
                    input.value().attr("pattern"),
                    Some(key_name_pattern().as_str())
                );
                assert_eq!(
                    input.value().attr("maxlength"),
                    Some(KEY_NAME_MAX.to_string().as_str())
                );
            }
        }
    }
    // Its script gets the defaults and the grammar from the table at build time.
    let script = builder_js(BUILDER_JS).unwrap();
    for option in OPTIONS
        .iter()
        .filter(|o| !matches!(o.values, Values::KeyName))
    {
        assert!(
            script.contains(&format!("\"{}\":\"{}\"", option.name, option.default)),
            "builder.js lacks {}'s default",
            option.name
        );
    }
    assert!(builder_js("const DEFAULTS = {};").is_err());
}

#[test]
fn the_storage_names_grammar_is_one_rule_in_the_widget_and_the_builder() {
    let pattern = Regex::new(&format!("^(?:{})$", key_name_pattern())).unwrap();
    let mut names: Vec<String> = (0x20u8..0x7f).map(|b| (b as char).to_string()).collect();
    names.extend(["", "é", "a b", "widget#1", "a.b_c-d:e"].map(str::to_owned));
    names.push("x".repeat(KEY_NAME_MAX));
    names.push("x".repeat(KEY_NAME_MAX + 1));
    for name in names {
        assert_eq!(
            pattern.is_match(&name),
            is_key_name(&name),
            "{name:?}: the builder and the widget disagree"
        );
    }
    assert!(
        !is_key_name("widget#unreadable-backup-1"),
        "# is for backups"
    );
}

#[test]
fn the_host_module_takes_the_presentation_options_from_the_table_default_first() {
    let module = host_module().unwrap();
    for option in OPTIONS.iter().filter(|o| o.presentation) {
        let Values::OneOf(values) = option.values else {
            panic!(
                "{}: a presentation option is one of some words",
                option.name
            )
        };
        let mut list = vec![format!("\"{}\"", option.default)];
        list.extend(
            values
                .iter()
                .filter(|v| **v != option.default)
                .map(|v| format!("\"{v}\"")),
        );
        assert!(
            module.contains(&format!("\"{}\":[{}]", option.name, list.join(","))),
            "the host module's {} values",
            option.name
        );
    }
    assert_eq!(spec("theme").map(|o| o.default), Some("host"));
    assert!(!module.contains("__EI_"));
    assert!(module.contains("export function start("));
}

/// The `--ei-*` properties `text` names; a range (`--ei-color-heat-0 … --ei-color-heat-4`,
/// each name perhaps in backticks) is each of them.
fn properties_named(text: &str) -> BTreeSet<String> {
    let name = Regex::new(r"--ei-[a-z0-9-]*[a-z0-9]").unwrap();
    let range = Regex::new(r"--ei-([a-z-]+)-(\d)`? … `?--ei-[a-z-]+-(\d)").unwrap();
    let mut found: BTreeSet<String> = name
        .find_iter(text)
        .map(|m| m.as_str().to_owned())
        .collect();
    for caps in range.captures_iter(text) {
        let (first, last): (u32, u32) = (caps[2].parse().unwrap(), caps[3].parse().unwrap());
        for n in first..=last {
            found.insert(format!("--ei-{}-{n}", &caps[1]));
        }
    }
    found
}

/// The `--ei-*` properties the stylesheet's header lists.
fn listed_properties() -> BTreeSet<String> {
    properties_named(&STYLESHEET[..STYLESHEET.find("*/").unwrap()])
}

#[test]
fn the_stylesheets_header_lists_exactly_the_properties_it_reads() {
    let body = &STYLESHEET[STYLESHEET.find("*/").unwrap()..];
    let read = Regex::new(r"var\((--ei-[a-z0-9-]+)").unwrap();
    let used: BTreeSet<String> = read
        .captures_iter(body)
        .map(|c| c[1].to_owned())
        // Set by the host module from the page (its heading type), not by sites.
        .filter(|name| !name.starts_with("--ei-host-"))
        .collect();
    assert_eq!(listed_properties(), used);
}

#[test]
fn every_property_a_readme_names_is_real_and_readme_names_them_all() {
    let listed = listed_properties();
    for (which, readme) in [
        ("README.md", README),
        ("the package README", PACKAGE_README),
    ] {
        for found in properties_named(readme) {
            // "--ei-color-…" stands for the colours together.
            if found == "--ei-color" {
                continue;
            }
            assert!(
                listed.contains(&found),
                "{which} names {found}, which the widget has not"
            );
        }
    }
    let theming = &README[README.find("## Theming").unwrap()..];
    let theming = &theming[..theming[3..].find("\n## ").map_or(theming.len(), |n| n + 3)];
    let rows = properties_named(theming);
    let missing: Vec<_> = listed.difference(&rows).collect();
    assert!(missing.is_empty(), "README's Theming lacks {missing:?}");
}

#[test]
fn the_deploy_files_cache_every_hashed_file_for_a_year_and_nothing_else() {
    let hashed: Vec<String> = HASHED_STEMS
        .iter()
        .flat_map(|stem| {
            ["js", "css", "html"]
                .into_iter()
                .map(move |ext| hashed_name(stem, ext, "some text"))
        })
        // Trunk's own: its hashes may be shorter (no leading zeros), and the wasm's is `_bg`.
        .chain([
            "emotional-intimacy-widget-3f2a9b1c_bg.wasm".to_owned(),
            "emotional-intimacy-widget-3f2a9b1cd4e5f607.js".to_owned(),
        ])
        .collect();
    let stable = [
        "index.html",
        "frame.html",
        "snippet.html",
        "embed.js",
        "service-worker.js",
        "manifest.webmanifest",
        "icon-192.png",
    ];
    let files = deploy_files().unwrap();
    let text = |name: &str| {
        files
            .iter()
            .find(|(file, _)| *file == name)
            .map(|(_, text)| text.clone())
            .unwrap()
    };
    // Apache's and nginx's rules match the names' shape.
    let htaccess = text(".htaccess");
    let nginx = text("nginx.conf");
    let quoted = |text: &str, before: &str| -> Regex {
        let at = text.find(before).unwrap() + before.len();
        let rest = &text[at..];
        Regex::new(&rest[..rest.find('"').unwrap()]).unwrap()
    };
    let hashed_rules = &htaccess[htaccess.find("# Hashed files never change.").unwrap()..];
    let apache = quoted(hashed_rules, "<FilesMatch \"");
    let nginx = quoted(
        &nginx[nginx.find("# Hashed files never change.").unwrap()..],
        "location ~ \"",
    );
    for rule in [&apache, &nginx] {
        for name in &hashed {
            assert!(
                rule.is_match(name),
                "{rule} does not cache {name} for a year"
            );
        }
        for name in stable {
            assert!(!rule.is_match(name), "{rule} caches {name} for a year");
        }
    }
    // _headers names them by prefix, one rule per stem.
    let headers = text("_headers");
    for stem in HASHED_STEMS {
        assert!(
            headers.contains(&format!(
                "/{stem}-*\n  Cache-Control: public, max-age=31536000, immutable"
            )),
            "_headers: {stem}"
        );
    }
    for name in stable {
        assert!(
            !HASHED_STEMS
                .iter()
                .any(|stem| name.starts_with(&format!("{stem}-"))),
            "_headers would cache {name} for a year"
        );
    }
}

#[test]
fn the_wordpress_block_and_shortcode_take_every_option_of_the_table() {
    use emotional_intimacy_widget::build::wordpress::{block_json, camel_case, options_json};
    let block: serde_json::Value = serde_json::from_str(&block_json("9.8.7")).unwrap();
    assert_eq!(block["name"], "emotional-intimacy/guide");
    assert_eq!(block["version"], "9.8.7");
    let attributes = block["attributes"].as_object().unwrap();
    assert_eq!(attributes.len(), OPTIONS.len());
    let options: Vec<serde_json::Value> =
        serde_json::from_str(&options_json().expect("a label for every option")).unwrap();
    assert_eq!(options.len(), OPTIONS.len());
    for (option, given) in OPTIONS.iter().zip(&options) {
        let attribute = camel_case(option.name);
        assert!(
            attributes.contains_key(&attribute),
            "block.json lacks {attribute}"
        );
        assert_eq!(given["name"], option.name);
        assert_eq!(given["attribute"], attribute.as_str());
        assert_eq!(given["shortcode"], option.name.replace('-', "_"));
        assert_eq!(given["default"], option.default);
        assert!(!given["label"].as_str().unwrap().is_empty());
        // A choice shows words in the sidebar, one for each value the widget takes.
        if let Some(allowed) = given["values"]["allowed"].as_array() {
            let labels = given["values"]["labels"].as_array().expect("labels");
            assert_eq!(labels.len(), allowed.len(), "{}", option.name);
            assert!(labels.iter().all(|l| !l.as_str().unwrap().is_empty()));
        }
    }
    assert_eq!(camel_case("heading-level"), "headingLevel");
    // The sidebar names each value as the snippet builder does (its words, or where the
    // sidebar is narrow their start), so an owner who used both reads the same choices.
    for given in &options {
        let (Some(allowed), Some(labels)) = (
            given["values"]["allowed"].as_array(),
            given["values"]["labels"].as_array(),
        ) else {
            continue;
        };
        if allowed.iter().any(|v| v == "on") {
            continue; // a checkbox in the builder, Yes/No in the sidebar
        }
        for (value, label) in allowed.iter().zip(labels) {
            let at = BUILDER_HTML
                .find(&format!("value=\"{}\"", value.as_str().unwrap()))
                .unwrap_or_else(|| panic!("the builder has no {value}"));
            let words = &BUILDER_HTML[at..(at + 120).min(BUILDER_HTML.len())];
            let words = &words[words.find('>').unwrap() + 1..];
            assert!(
                words.trim_start().starts_with(label.as_str().unwrap()),
                "{}={value}: the sidebar says {label}, the builder {words}",
                given["name"]
            );
        }
    }
    // The sidebar's words are literal gettext calls translation tools find, one per label.
    let labels = emotional_intimacy_widget::build::wordpress::labels_php().unwrap();
    for given in &options {
        let label = given["label"].as_str().unwrap().replace('\'', "\\'");
        assert!(
            labels.contains(&format!("__( '{label}', 'emotional-intimacy' )")),
            "labels.php lacks {label}"
        );
    }
    // A title with a quote or a backslash stays a string in the plugin's PHP.
    use emotional_intimacy_widget::build::wordpress::php_single_quoted;
    assert_eq!(php_single_quoted(r"What's \ this"), r"What\'s \\ this");
    // The plugin's PHP reads what the generated file holds.
    let php = include_str!("../src/wordpress/emotional-intimacy.php");
    for key in [
        "'attribute'",
        "'shortcode'",
        "['name']",
        "['default']",
        "block/options.json",
    ] {
        assert!(php.contains(key), "the plugin does not read {key}");
    }
}
