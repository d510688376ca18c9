use yew::prelude::*;

use crate::ui::strings;

#[derive(Properties, PartialEq)]
pub struct ExpandAllProps {
    /// Whether every section and answer is open now.
    pub all_open: bool,
    /// False until the wasm has taken over the page: a button that cannot work yet is hidden.
    pub ready: bool,
    pub on_click: Callback<()>,
}

/// One button that opens every section and answer, or closes them all when all are open.
#[function_component(ExpandAll)]
pub fn expand_all(props: &ExpandAllProps) -> Html {
    crate::ui::renders::rendered("ExpandAll");
    let onclick = props.on_click.reform(|_: MouseEvent| ());
    let label = if props.all_open {
        strings::COLLAPSE_ALL
    } else {
        strings::EXPAND_ALL
    };
    html! {
        <div class={classes!("ei-toolbar", (!props.ready).then_some("ei-toolbar--pending"))}>
            <button type="button" class="ei-button" {onclick}>{ label }</button>
        </div>
    }
}
