use yew::prelude::*;

use crate::content::Guide;
use crate::ui::{strings, Heading};

#[derive(Properties, PartialEq)]
pub struct GuideHeaderProps {
    pub guide: &'static Guide,
    pub level: u8,
}

/// Title, one-line summary and topic tags.
#[function_component(GuideHeader)]
pub fn guide_header(props: &GuideHeaderProps) -> Html {
    crate::ui::renders::rendered("GuideHeader");
    let guide = props.guide;
    html! {
        <header class="ei-header">
            <Heading level={props.level} class="ei-title">{ guide.title }</Heading>
            <p class="ei-summary">{ guide.summary }</p>
            <p class="ei-tags">
                <span class="ei-tags__label">{ strings::TOPICS_LABEL }</span>{ " " }
                <span class="ei-tags__list">{ guide.tags_line }</span>
            </p>
        </header>
    }
}
