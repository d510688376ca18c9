use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HeadingProps {
    /// 1 to 6; anything else is clamped, so a bad level never breaks the outline.
    pub level: u8,
    #[prop_or_default]
    pub id: Option<AttrValue>,
    #[prop_or_default]
    pub class: Classes,
    #[prop_or_default]
    pub children: Html,
}

/// An `<h1>`–`<h6>` whose level is chosen by the parent, so the widget's outline can start
/// at whatever level the host page needs.
#[function_component(Heading)]
pub fn heading(props: &HeadingProps) -> Html {
    let tag = match props.level.clamp(1, 6) {
        1 => "h1",
        2 => "h2",
        3 => "h3",
        4 => "h4",
        5 => "h5",
        _ => "h6",
    };
    html! {
        <@{tag} id={props.id.clone()} class={props.class.clone()}>{ props.children.clone() }</@>
    }
}
