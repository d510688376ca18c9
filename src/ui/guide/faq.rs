use yew::prelude::*;

use super::{Disclosure, OnToggle, OpenState};
use crate::content::Guide;
use crate::ui::Heading;

#[derive(Properties, PartialEq)]
pub struct FaqProps {
    pub guide: &'static Guide,
    pub state: OpenState,
    /// Level of the "Frequently Asked Questions" heading; questions sit one level below.
    pub level: u8,
    pub on_toggle: OnToggle,
}

/// The questions, each with an expandable answer.
#[function_component(Faq)]
pub fn faq(props: &FaqProps) -> Html {
    crate::ui::renders::rendered("Faq");
    html! {
        <section class="ei-faq" aria-labelledby="ei-faq-heading">
            <Heading level={props.level} id="ei-faq-heading" class="ei-faq__heading">
                { props.guide.faq_heading }
            </Heading>
            { for props.guide.faq.iter().map(|item| html! {
                <Disclosure key={item.slug} {item} open={props.state.is_open(item.slug)}
                    level={props.level + 1} on_toggle={props.on_toggle.clone()} />
            }) }
        </section>
    }
}
