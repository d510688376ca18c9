//! The widget rendered natively by Yew's `ServerRenderer`: the HTML a visitor (or a reader
//! with JavaScript off) gets, checked as HTML.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::HashSet;

use emotional_intimacy_widget::build::{render_app, without_component_names};
use emotional_intimacy_widget::content::{GUIDE, SOURCE};
use emotional_intimacy_widget::storage::DEFAULT_KEY;
use scraper::{Html, Selector};

fn rendered(heading_level: u8) -> Html {
    Html::parse_fragment(&render_app(heading_level, DEFAULT_KEY, false))
}

fn select<'a>(html: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    html.select(&Selector::parse(css).unwrap()).collect()
}

fn text(el: &scraper::ElementRef<'_>) -> String {
    el.text().collect()
}

#[test]
fn every_line_of_the_seed_appears_in_the_html() {
    let html = rendered(1);
    let all_text = text(&html.root_element());
    for line in SOURCE.lines() {
        let line = line.strip_prefix("- ").unwrap_or(line);
        assert!(all_text.contains(line), "missing from the HTML: {line:?}");
    }
}

#[test]
fn sections_and_questions_are_closed_details_with_their_slug_as_id() {
    let html = rendered(1);
    let details = select(&html, "details.ei-disclosure");
    let ids: Vec<&str> = details.iter().filter_map(|d| d.value().id()).collect();
    let slugs: Vec<&str> = GUIDE.items().map(|i| i.slug).collect();
    assert_eq!(ids, slugs);
    for d in &details {
        assert!(d.value().attr("open").is_none(), "closed by default");
        assert_eq!(select_in(d, "summary").len(), 1);
    }
}

fn select_in<'a>(el: &scraper::ElementRef<'a>, css: &str) -> Vec<scraper::ElementRef<'a>> {
    el.select(&Selector::parse(css).unwrap()).collect()
}

#[test]
fn each_summary_holds_its_heading_and_each_body_its_text() {
    let html = rendered(1);
    for (d, item) in select(&html, "details").iter().zip(GUIDE.items()) {
        let heading = select_in(d, "summary > h2, summary > h3");
        assert_eq!(
            heading.len(),
            1,
            "{}: one heading in the summary",
            item.slug
        );
        assert_eq!(text(&heading[0]), item.heading);
        assert_eq!(text(&select_in(d, ".ei-disclosure__body")[0]), item.body);
    }
}

fn heading_levels(html: &Html) -> Vec<u8> {
    select(html, "h1, h2, h3, h4, h5, h6")
        .iter()
        .map(|h| h.value().name()[1..].parse().unwrap())
        .collect()
}

#[test]
fn headings_keep_the_outline_without_skipping_levels() {
    let levels = heading_levels(&rendered(1));
    assert_eq!(levels[0], 1);
    for pair in levels.windows(2) {
        assert!(pair[1] <= pair[0] + 1, "a level is skipped: {levels:?}");
    }
    // Quick take, six sections, FAQ, tracker; then the four questions and the tracker's
    // day, history, summary for a counsellor, practices, the daily reminder and data (its
    // skeleton, on the server).
    assert_eq!(levels.iter().filter(|&&l| l == 2).count(), 9);
    assert_eq!(levels.iter().filter(|&&l| l == 3).count(), 10);
}

#[test]
fn the_top_heading_level_can_start_lower_for_host_pages() {
    let levels = heading_levels(&rendered(3));
    assert_eq!(levels[0], 3);
    assert_eq!(*levels.iter().min().unwrap(), 3);
    assert_eq!(*levels.iter().max().unwrap(), 5);
}

#[test]
fn aria_references_point_at_ids_that_exist_and_ids_are_unique() {
    let html = rendered(1);
    let mut ids = HashSet::new();
    for el in select(&html, "[id]") {
        assert!(
            ids.insert(el.value().id().unwrap().to_owned()),
            "duplicate id"
        );
    }
    let mut references = 0;
    for el in select(
        &html,
        "[aria-labelledby], [aria-controls], [aria-describedby]",
    ) {
        for attr in ["aria-labelledby", "aria-controls", "aria-describedby"] {
            for id in el.value().attr(attr).unwrap_or("").split_whitespace() {
                references += 1;
                assert!(ids.contains(id), "{attr}=\"{id}\" names no element");
            }
        }
    }
    assert!(
        references >= 2,
        "the quick take and FAQ are labelled by their headings"
    );
}

#[test]
fn the_expand_all_button_waits_for_the_wasm() {
    // On the server (and with JavaScript off) the button could not work, so it is hidden.
    let html = rendered(1);
    let toolbar = select(&html, ".ei-toolbar");
    assert_eq!(toolbar.len(), 1);
    assert!(toolbar[0]
        .value()
        .classes()
        .any(|c| c == "ei-toolbar--pending"));
    let button = select(&html, ".ei-toolbar button");
    assert_eq!(button[0].value().attr("type"), Some("button"));
    assert_eq!(text(&button[0]), "Expand all");
}

#[test]
fn hydration_markers_keep_their_marks_but_not_the_component_names() {
    let html = render_app(2, DEFAULT_KEY, true);
    assert!(html.contains("<!--<[]>-->") && html.contains("<!--</[]>-->"));
    assert!(
        !html.contains("emotional_intimacy_widget::"),
        "a type name is left"
    );
    // Same number of openings and closings, so the wasm can pair them up.
    assert_eq!(
        html.matches("<!--<[").count(),
        html.matches("<!--</[").count()
    );
    assert_eq!(
        without_component_names("a<!--<[x::Y]>-->b<!--</[x::Y]>--><!--<#>--><!--<[unclosed"),
        "a<!--<[]>-->b<!--</[]>--><!--<#>--><!--<[unclosed"
    );
}

#[test]
fn the_markup_is_counted_as_a_browser_parses_it() {
    use emotional_intimacy_widget::build::markup_counts;
    assert_eq!(markup_counts(""), (0, 0));
    assert_eq!(
        markup_counts("<!--<[]>--><p class=\"a\" id=\"b\">x<br>y</p><input disabled type=\"checkbox\"><!--</[]>-->"),
        (2, 3)
    );
    // `>` and `<` inside a value, a comment with a tag in it, a closing tag, text with `<`.
    assert_eq!(
        markup_counts("<p title=\"a > b <i>\" data-x='1>'>&lt;i&gt; 1 < 2</p><!-- <b> -->"),
        (1, 1)
    );
    // The widget as the build pre-renders it: every comment Yew wrote is counted.
    let html = render_app(1, DEFAULT_KEY, true);
    let (comments, elements) = markup_counts(&html);
    assert_eq!(comments, html.matches("<!--").count());
    assert!(elements > 200, "{elements}");
}

#[test]
fn the_tracker_renders_an_inert_skeleton_on_the_server() {
    // Storage and the clock are browser-only: the server says what the tracker needs, and
    // the wasm fills it in after hydration.
    let html = rendered(1);
    let tracker = select(&html, "section.ei-tracker");
    assert_eq!(tracker.len(), 1);
    let text = text(&tracker[0]);
    assert!(text.contains("Small signals: a daily practice"));
    assert!(text.contains("needs JavaScript"));
    // Its skeleton (the final layout, so loading moves nothing) is inert: nothing in it can
    // be focused or used until the wasm has read storage.
    let body = select(&html, "section.ei-tracker .ei-tracker__body");
    assert_eq!(body.len(), 1);
    assert!(body[0].value().attr("inert").is_some());
    assert_eq!(
        select(
            &html,
            ".ei-tracker__body[inert] .ei-day input[type=checkbox]"
        )
        .len(),
        7
    );
    assert_eq!(
        select(&html, "section.ei-tracker input").len(),
        select(&html, ".ei-tracker__body[inert] input").len()
    );
    // No date is shown before the visitor's own is known.
    assert!(!text.contains("1970"));
    // The calendar's skeleton is a row per week with nothing in it, not 84 empty days: far
    // fewer elements for the first paint (its rows are as tall as the days', in the
    // stylesheet; the browser tests measure that nothing moves).
    assert_eq!(select(&html, ".ei-heatmap tbody tr").len(), 12);
    assert_eq!(select(&html, ".ei-heatmap__skeleton").len(), 12);
    assert_eq!(select(&html, ".ei-heatmap tbody button").len(), 0);
    assert_eq!(select(&html, ".ei-heatmap tbody td").len(), 12);
}

#[test]
fn the_plain_page_for_the_benchmark_holds_every_line_of_the_guide() {
    use emotional_intimacy_widget::build::plain_page;
    let html = plain_page();
    let document = scraper::Html::parse_document(&html);
    let body = document.root_element().text().collect::<String>();
    for line in SOURCE.lines().map(|l| l.strip_prefix("- ").unwrap_or(l)) {
        assert!(body.contains(line), "missing: {line}");
    }
    assert!(!html.contains("<script"));
    assert!(!html.contains("<!--<"), "no hydration markers");
}

#[test]
fn the_pre_rendered_embed_is_the_html_of_any_widget_with_the_default_markup_options() {
    // embed.js shows the pre-rendered embed (then hydrates it) for any widget whose sections,
    // heading level and open state are the defaults: its storage key and URL syncing must not
    // change its HTML, or hydration would fail.
    use emotional_intimacy_widget::embed::{app_props, Options, Shape};
    let render = |options: Options| {
        let renderer =
            yew::ServerRenderer::<emotional_intimacy_widget::ui::App>::with_props(move || {
                app_props(&options, Shape::InPage)
            })
            .hydratable(true);
        futures::executor::block_on(renderer.render())
    };
    let other = Options {
        storage_key: "emotional-intimacy-widget:practice-a".into(),
        sync_url: true,
        ..Options::default()
    };
    assert!(other.markup_is_default());
    assert_eq!(render(other), render(Options::default()));
    assert!(!Options {
        heading_level: 3,
        ..Options::default()
    }
    .markup_is_default());
    // Notes off takes the note field away: another HTML, drawn afresh.
    let no_notes = Options {
        notes: false,
        ..Options::default()
    };
    assert!(!no_notes.markup_is_default());
    assert_ne!(render(no_notes), render(Options::default()));
}

/// The embedded widget's HTML with these options, as a document to query.
fn embedded(options: emotional_intimacy_widget::embed::Options) -> Html {
    use emotional_intimacy_widget::embed::{app_props, Shape};
    let renderer =
        yew::ServerRenderer::<emotional_intimacy_widget::ui::App>::with_props(move || {
            app_props(&options, Shape::InPage)
        })
        .hydratable(false);
    Html::parse_fragment(&futures::executor::block_on(renderer.render()))
}

#[test]
fn with_notes_off_the_tracker_has_no_note_field_and_the_summary_offers_no_notes() {
    use emotional_intimacy_widget::embed::Options;
    let with = embedded(Options::default());
    assert_eq!(select(&with, "textarea.ei-note__field").len(), 1);
    assert_eq!(
        select(&with, ".ei-counsellor__notes input[type=checkbox]").len(),
        1
    );
    let without = embedded(Options {
        notes: false,
        ..Options::default()
    });
    assert!(select(&without, "textarea").is_empty());
    assert!(select(&without, ".ei-note").is_empty());
    assert!(select(&without, ".ei-counsellor__notes").is_empty());
    // Nothing else of the tracker goes.
    assert_eq!(
        select(&without, ".ei-checkbox").len(),
        select(&with, ".ei-checkbox").len()
    );
    assert_eq!(select(&without, ".ei-data").len(), 1);
}

#[test]
fn the_summary_leaves_the_private_notes_out_until_the_visitor_ticks_them_in() {
    let html = rendered(1);
    let include = select(&html, ".ei-counsellor__notes input[type=checkbox]");
    assert_eq!(include.len(), 1);
    assert!(
        include[0].value().attr("checked").is_none(),
        "starts unticked"
    );
}

#[test]
fn where_the_data_is_kept_is_said_truly_for_each_shape() {
    use emotional_intimacy_widget::ui::strings::where_kept;
    use emotional_intimacy_widget::ui::tracker::Place;
    let host = || "practice.example".to_owned();
    // Before the tracker loads (and on the server): only what is true in every shape.
    let unknown = where_kept(&Place::Unknown, true);
    assert_eq!(
        unknown,
        "Your ticks and notes are kept in this browser. The tracker sends nothing anywhere."
    );
    let html = rendered(1);
    assert_eq!(text(&select(&html, ".ei-data__privacy")[0]), unknown);
    // The standalone page: the site's storage, named.
    let own = where_kept(&Place::OwnPage(host()), true);
    assert!(own.contains("in the storage of this website (practice.example)"));
    assert!(own.contains("scripts on its other pages can read too"));
    // frame.html framed by another site: that page cannot read it.
    let frame = where_kept(&Place::OwnFrame(host()), true);
    assert!(frame.contains("the page around it can't read them"));
    // In a page of the site (or framed by it): the site's own scripts can read it.
    let page = where_kept(&Place::HostPage(host()), true);
    assert!(page.contains("this website's storage (practice.example)"));
    assert!(page.contains("other scripts on this website"));
    assert!(page.contains("can read what is kept there"));
    // None of them claims more than the tracker's own behaviour.
    for said in [&unknown, &own, &frame, &page] {
        assert!(!said.contains("Nothing is sent anywhere"), "{said}");
        assert!(
            said.contains("The tracker sends nothing anywhere"),
            "{said}"
        );
    }
    assert!(where_kept(&Place::HostPage(host()), false).starts_with("Your ticks are kept"));
}

#[test]
fn suggested_practices_are_what_the_tracker_lists_before_it_loads_and_the_builder_writes_the_same()
{
    use emotional_intimacy_widget::embed::{app_props, Options, Shape};
    let names = [
        "Asked how their day <really> went",
        "Said \"thank you\" & meant it",
    ];
    let options = Options {
        practices: names.map(str::to_owned).to_vec(),
        ..Options::default()
    };
    assert!(!options.markup_is_default(), "drawn afresh, not hydrated");
    let html = embedded(options.clone());
    let listed: Vec<String> = select(&html, ".ei-checklist label")
        .iter()
        .map(text)
        .collect();
    assert_eq!(listed, names);
    let managed: Vec<String> = select(&html, ".ei-manage__name").iter().map(text).collect();
    assert_eq!(managed, names);

    // The builder's pre-rendered snippet swaps the default checklist for this one: its item
    // is the server's, character for character.
    let renderer =
        yew::ServerRenderer::<emotional_intimacy_widget::ui::App>::with_props(move || {
            app_props(&options, Shape::InPage)
        })
        .hydratable(true);
    let server = without_component_names(&futures::executor::block_on(renderer.render()));
    let start = server.find("<ul class=\"ei-checklist\">").unwrap();
    let end = start + server[start..].find("</ul>").unwrap() + "</ul>".len();
    let builder = include_str!("../builder/builder.js");
    let from = builder.find("`<li class=\"ei-checklist__item\">").unwrap() + 1;
    let item = &builder[from..from + builder[from..].find('`').unwrap()];
    let escape = |t: &str| {
        t.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let items: String = (names.iter().zip(1..))
        .map(|(name, n)| {
            item.replace("${i + 1}", &n.to_string())
                .replace("${escapeText(name)}", &escape(name))
        })
        .collect();
    assert_eq!(
        format!("<ul class=\"ei-checklist\">{items}</ul>"),
        server[start..end]
    );
}
