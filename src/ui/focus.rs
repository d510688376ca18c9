use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

/// Where keyboard focus should go after the next render: for when the focused control
/// moves or disappears (a row hidden, a dialog closed, a button that no longer applies).
/// Set it *before* the change that re-renders: Yew may render at once.
#[derive(Clone)]
pub struct FocusAfterRender(Rc<RefCell<Option<String>>>);

impl FocusAfterRender {
    /// Focus the first element matching `selector` (inside the hook's root) after rendering.
    pub fn set(&self, selector: impl Into<String>) {
        *self.0.borrow_mut() = Some(selector.into());
    }
}

/// Focuses the element chosen with [`FocusAfterRender::set`] inside `root` once rendered.
#[hook]
pub fn use_focus_after_render(root: NodeRef) -> FocusAfterRender {
    let target = use_mut_ref(|| None::<String>);
    {
        let target = target.clone();
        use_effect(move || {
            if let (Some(selector), Some(root)) =
                (target.borrow_mut().take(), root.cast::<web_sys::Element>())
            {
                crate::web::focus_within(&root, &selector);
            }
        });
    }
    FocusAfterRender(target)
}
