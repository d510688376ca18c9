use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HeadingProps {
    /// 1 and up: the widget's outline starts at whatever level the host page needs, and its
    /// deepest parts may go past 6.
    pub level: u8,
    #[prop_or_default]
    pub id: Option<AttrValue>,
    #[prop_or_default]
    pub class: Classes,
    #[prop_or_default]
    pub children: Html,
}

/// An `<h1>`–`<h6>` whose level is chosen by the parent. Past 6 (the summary for a
/// counsellor under a title at level 4), a heading by role with its true `aria-level`, so
/// the outline never flattens several levels into one.
#[function_component(Heading)]
pub fn heading(props: &HeadingProps) -> Html {
    let level = props.level.max(1);
    if level > 6 {
        return html! {
            <div role="heading" aria-level={level.to_string()} id={props.id.clone()}
                class={classes!(props.class.clone(), "ei-heading-deep")}>{ props.children.clone() }</div>
        };
    }
    let tag = ["h1", "h2", "h3", "h4", "h5", "h6"][usize::from(level) - 1];
    html! {
        <@{tag} id={props.id.clone()} class={props.class.clone()}>{ props.children.clone() }</@>
    }
}
