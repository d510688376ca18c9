use yew::prelude::*;

use crate::content::Guide;
use crate::ui::Heading;

#[derive(Properties, PartialEq)]
pub struct QuickTakeProps {
    pub guide: &'static Guide,
    pub level: u8,
}

/// The four-point summary, always visible.
#[function_component(QuickTake)]
pub fn quick_take(props: &QuickTakeProps) -> Html {
    crate::ui::renders::rendered("QuickTake");
    let guide = props.guide;
    html! {
        <section class="ei-quick-take" aria-labelledby="ei-quick-take-heading">
            <Heading level={props.level} id="ei-quick-take-heading" class="ei-quick-take__heading">
                { guide.quick_take_heading }
            </Heading>
            <ul class="ei-quick-take__list">
                { for guide.quick_take.iter().map(|point| html! { <li>{ *point }</li> }) }
            </ul>
        </section>
    }
}
