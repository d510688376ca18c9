//! The guide as data: the content file parses into the model, word for word, and a broken
//! content file is reported with its line and problem.
#![cfg(not(target_arch = "wasm32"))]

use emotional_intimacy_widget::content::parse::{parse_guide, slugify};
use emotional_intimacy_widget::content::{GUIDE, SOURCE};

/// FNV-1a, 64-bit: enough to notice any edit to the content file.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[test]
fn the_content_file_is_the_seed_text_word_for_word() {
    // The guide's text is given (../shared/seed); any edit must be deliberate. These are the
    // seed's length and hash; where the seed itself sits beside the repository, compare too.
    assert_eq!(SOURCE.len(), 4800);
    assert_eq!(fnv1a(SOURCE.as_bytes()), 0x3238_a5cd_a412_c0a1);
    let seed = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/seed/what-is-emotional-intimacy.txt");
    if let Ok(text) = std::fs::read_to_string(&seed) {
        assert_eq!(SOURCE, text, "src/content differs from {}", seed.display());
    }
}

#[test]
fn the_model_holds_every_part_of_the_guide() {
    assert_eq!(GUIDE.title, "What is emotional intimacy?");
    assert!(GUIDE.summary.starts_with("A clear explanation"));
    assert_eq!(
        GUIDE.tags,
        ["Communication", "dating", "boundaries", "family dynamics"]
    );
    assert_eq!(GUIDE.quick_take_heading, "Quick take");
    assert_eq!(GUIDE.quick_take.len(), 4);
    assert_eq!(
        GUIDE.quick_take[3],
        "It grows gradually and cannot be forced or rushed."
    );
    assert_eq!(GUIDE.sections.len(), 6);
    assert_eq!(GUIDE.faq_heading, "Frequently Asked Questions");
    assert_eq!(GUIDE.faq.len(), 4);
    assert!(GUIDE.faq.iter().all(|q| q.heading.ends_with('?')));
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
