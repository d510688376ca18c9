use web_sys::HtmlDetailsElement;
use yew::prelude::*;

use super::OnToggle;
use crate::content::Item;
use crate::ui::Heading;

#[derive(Properties, PartialEq)]
pub struct DisclosureProps {
    pub item: &'static Item,
    pub open: bool,
    /// Heading level of the item's title, so headings keep the page outline.
    pub level: u8,
    pub on_toggle: OnToggle,
}

/// One expandable item as a native `<details>`: keyboard operable and announced as
/// expanded/collapsed by the browser, opened by find-in-page, and readable without
/// JavaScript. The heading sits inside `<summary>` (which HTML allows) so it stays in the
/// page's outline. The element id is the item's slug, which makes deep links work.
#[function_component(Disclosure)]
pub fn disclosure(props: &DisclosureProps) -> Html {
    crate::ui::renders::rendered("Disclosure");
    let item = props.item;
    let ontoggle = {
        let on_toggle = props.on_toggle.clone();
        let open = props.open;
        Callback::from(move |event: Event| {
            let details: HtmlDetailsElement = event.target_unchecked_into();
            // `toggle` also fires after Yew changes `open` itself; only report the visitor's.
            if details.open() != open {
                on_toggle.emit((item.slug, details.open()));
            }
        })
    };
    html! {
        <details id={item.slug} class="ei-disclosure" open={props.open} {ontoggle}>
            <summary class="ei-disclosure__summary">
                <Heading level={props.level} class="ei-disclosure__heading">{ item.heading }</Heading>
            </summary>
            <div class="ei-disclosure__body">
                <p>{ item.body }</p>
            </div>
        </details>
    }
}
