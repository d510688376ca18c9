use std::rc::Rc;

use yew::prelude::*;

use crate::storage::Notice;
use crate::ui::strings;
use crate::web::download;

#[derive(Properties, PartialEq)]
pub struct StorageNoticesProps {
    /// Shared with the store: the same list until a notice comes or goes.
    pub notices: Rc<Vec<Notice>>,
}

/// What the visitor should know about where their data is (or isn't) being kept.
#[function_component(StorageNotices)]
pub fn storage_notices(props: &StorageNoticesProps) -> Html {
    crate::ui::renders::rendered("StorageNotices");
    // The live region is always there (empty when all is well), so a notice that appears
    // later, such as a failed save, is announced by screen readers.
    html! {
        <div class="ei-notices" role="status">
            { for props.notices.iter().map(|notice| match notice {
                Notice::Blocked => html! { <p class="ei-notice">{ strings::NOTICE_BLOCKED }</p> },
                Notice::WriteFailed => html! { <p class="ei-notice">{ strings::NOTICE_WRITE_FAILED }</p> },
                Notice::NewerVersion { .. } => html! { <p class="ei-notice">{ strings::NOTICE_NEWER }</p> },
                Notice::Unreadable { reason, backup_key, raw, part } => {
                    let kept = !raw.is_empty();
                    let raw = raw.clone();
                    let save = Callback::from(move |_: MouseEvent| {
                        download(strings::UNREADABLE_FILE_NAME, "text/plain", &raw);
                    });
                    html! {
                        <div class="ei-notice">
                            <p>{ strings::unreadable_notice(reason, backup_key.as_deref(), *part, kept) }</p>
                            if kept {
                                <button type="button" class="ei-button" onclick={save}>{ strings::DOWNLOAD_UNREADABLE }</button>
                            }
                        </div>
                    }
                }
            }) }
        </div>
    }
}
