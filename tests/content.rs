//! The guide as data: the content file parses into the model, word for word, and a broken
//! content file is reported with its line and problem.
#![cfg(not(target_arch = "wasm32"))]

use emotional_intimacy_widget::content::parse::{parse_guide, slugify};
use emotional_intimacy_widget::content::{GUIDE, SOURCE};

// The content file may be edited (README: "Changing the guide's text"): nothing here pins its
// words. What is pinned is what others rely on: the section links (public URLs). How the
// parser maps lines to parts is checked on small files written here.

#[test]
fn a_file_parses_into_each_part_of_the_model() {
    let text = "Title?\nThe summary.\nOne, two words, three\nQuick take\n- First point.\n- Second point.\nA heading\nIts body.\nAnother heading\nAnother body.\nFrequently Asked Questions\nA question?\nAn answer.\n";
    let guide = parse_guide(text).unwrap();
    assert_eq!(guide.title, "Title?");
    assert_eq!(guide.summary, "The summary.");
    assert_eq!(guide.tags, ["One", "two words", "three"]);
    assert_eq!(guide.quick_take_heading, "Quick take");
    assert_eq!(guide.quick_take, ["First point.", "Second point."]);
    let sections: Vec<(&str, &str, &str)> = guide
        .sections
        .iter()
        .map(|s| (s.heading.as_str(), s.body.as_str(), s.slug.as_str()))
        .collect();
    assert_eq!(
        sections,
        [
            ("A heading", "Its body.", "a-heading"),
            ("Another heading", "Another body.", "another-heading")
        ]
    );
    assert_eq!(guide.faq_heading, "Frequently Asked Questions");
    assert_eq!(guide.faq[0].heading, "A question?");
    assert_eq!(guide.faq[0].body, "An answer.");
}

#[test]
fn the_guide_has_every_part() {
    assert!(!GUIDE.title.is_empty() && !GUIDE.summary.is_empty());
    assert!(!GUIDE.tags.is_empty());
    assert!(!GUIDE.quick_take.is_empty());
    assert!(!GUIDE.sections.is_empty());
    assert!(!GUIDE.faq.is_empty());
}

#[test]
fn every_line_of_the_content_file_is_in_the_model() {
    let mut model: Vec<&str> = vec![
        GUIDE.title,
        GUIDE.summary,
        GUIDE.tags_line,
        GUIDE.quick_take_heading,
    ];
    model.extend(GUIDE.quick_take.iter().copied());
    for item in GUIDE.sections {
        model.extend([item.heading, item.body]);
    }
    model.push(GUIDE.faq_heading);
    for item in GUIDE.faq {
        model.extend([item.heading, item.body]);
    }
    let lines: Vec<&str> = SOURCE
        .lines()
        .map(|l| l.strip_prefix("- ").unwrap_or(l))
        .collect();
    assert_eq!(lines, model);
}

#[test]
fn the_build_time_model_matches_a_fresh_parse() {
    let parsed = parse_guide(SOURCE).expect("the content file parses");
    assert_eq!(parsed.title, GUIDE.title);
    let slugs: Vec<&str> = parsed.sections.iter().map(|s| s.slug.as_str()).collect();
    let model: Vec<&str> = GUIDE.sections.iter().map(|s| s.slug).collect();
    assert_eq!(slugs, model);
}

#[test]
fn slugs_are_stable_and_unique() {
    // These are public URLs (deep links): changing one breaks links people have shared.
    let slugs: Vec<&str> = GUIDE.items().map(|i| i.slug).collect();
    assert_eq!(
        slugs,
        [
            "what-emotional-intimacy-actually-means",
            "how-emotional-intimacy-develops-over-time",
            "why-emotional-intimacy-matters-in-relationships",
            "where-emotional-intimacy-shows-up-daily",
            "common-misunderstandings-about-emotional-intimacy",
            "when-emotional-intimacy-feels-difficult",
            "is-emotional-intimacy-the-same-as-physical-intimacy",
            "can-emotional-intimacy-exist-in-friendships",
            "does-emotional-intimacy-require-constant-communication",
            "can-emotional-intimacy-be-rebuilt",
        ]
    );
    let mut unique = slugs.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), slugs.len());
}

#[test]
fn slugify_makes_clean_fragments() {
    assert_eq!(slugify("  Hello,   World!  "), "hello-world");
    assert_eq!(slugify("Is it 100% safe?"), "is-it-100-safe");
    assert_eq!(slugify("Ça va — très bien"), "a-va-tr-s-bien");
    assert_eq!(slugify("???"), "");
}

fn error_for(text: &str) -> String {
    parse_guide(text)
        .expect_err("should be rejected")
        .to_string()
}

const GOOD: &str = "Title\nSummary\nA, b\nQuick take\n- One\nHeading\nBody\nFrequently Asked Questions\nWhy?\nBecause.\n";

#[test]
fn a_small_well_formed_file_parses_with_crlf_or_lf() {
    let guide = parse_guide(GOOD).unwrap();
    assert_eq!(guide.sections[0].slug, "heading");
    assert_eq!(guide.faq[0].body, "Because.");
    assert_eq!(parse_guide(&GOOD.replace('\n', "\r\n")).unwrap(), guide);
}

#[test]
fn malformed_files_are_reported_with_line_and_problem() {
    assert_eq!(
        error_for(""),
        "content line 1: this line is blank; expected the title"
    );
    assert_eq!(
        error_for(&GOOD.replace("Quick take", "Quick takes")),
        "content line 4: expected the \"Quick take\" heading, found \"Quick takes\""
    );
    assert_eq!(
        error_for(&GOOD.replace("- One\n", "")),
        "content line 5: expected quick-take points starting with \"- \""
    );
    assert_eq!(
        error_for(&GOOD.replace("Heading\nBody\n", "Heading\n\n")),
        "content line 7: this line is blank; expected the text under \"Heading\""
    );
    assert_eq!(
        error_for(&GOOD.replace("Why?", "Why")),
        "content line 9: the question \"Why\" does not end with \"?\""
    );
    assert_eq!(
        error_for(&GOOD.replace("Because.\n", "")),
        "content line 10: the file ends where the text under \"Why?\" was expected"
    );
    assert_eq!(
        error_for(&GOOD.replace("Heading\nBody\n", "Heading\nBody\nHeading!\nMore\n")),
        "content line 8: \"Heading!\" gives the link #heading, which is already used"
    );
    assert_eq!(
        error_for(&GOOD.replace("Frequently Asked Questions\nWhy?\nBecause.\n", "")),
        "content line 8: the file ends where a section heading was expected"
    );
    assert_eq!(
        error_for(&GOOD.replace("A, b", "A,, b")),
        "content line 3: the topic tags have an empty tag between commas"
    );
    assert_eq!(
        error_for(&GOOD.replace("Body\n", "Body\n- Late\nText\n")),
        "content line 8: \"- Late\" looks like a quick-take point, but the quick take has ended"
    );
}

#[test]
fn the_guides_words_live_only_in_the_content_file() {
    // Product files that once repeated the guide's words (the page's title and description,
    // embed.js's message, the snippet's comment, the benchmark's own parser) now take them
    // from the content file (the WordPress plugin's header and readme.txt too). Editing the
    // guide is editing one file.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![
        root.join("index.html"),
        root.join("styles/widget.css"),
        root.join("src/embed/embed.template.js"),
        root.join("tests/e2e/bench-load.mjs"),
    ];
    let mut dirs = vec![root.join("src")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() && !path.ends_with("content") {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs" || e == "php")
                || path.ends_with("wordpress/readme.txt")
            {
                files.push(path);
            }
        }
    }
    let mut words: Vec<&str> = vec![GUIDE.title, GUIDE.summary, GUIDE.tags_line];
    words.extend(GUIDE.quick_take.iter().copied());
    words.extend(GUIDE.items().flat_map(|i| [i.heading, i.body]));
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for words in &words {
            assert!(
                !text.contains(words),
                "{} repeats the guide's words \"{words}\"",
                file.display()
            );
        }
    }
}
