use yew::prelude::*;

use super::{Disclosure, OnToggle, OpenState};
use crate::content::Guide;
use crate::ui::strings;

#[derive(Properties, PartialEq)]
pub struct SectionsProps {
    pub guide: &'static Guide,
    pub state: OpenState,
    pub level: u8,
    pub on_toggle: OnToggle,
}

/// The guide's expandable sections, in content order.
#[function_component(Sections)]
pub fn sections(props: &SectionsProps) -> Html {
    crate::ui::renders::rendered("Sections");
    html! {
        <div class="ei-sections" role="group" aria-label={strings::GUIDE_SECTIONS_LABEL}>
            { for props.guide.sections.iter().map(|item| html! {
                <Disclosure key={item.slug} {item} open={props.state.is_open(item.slug)}
                    level={props.level} on_toggle={props.on_toggle.clone()} />
            }) }
        </div>
    }
}
