use yew::prelude::*;

use super::delete_all::use_delete_all;
use super::import::use_import_file;
use super::{use_tracker, Keeping, Request, SharedTracker};
use crate::ui::{strings, Heading};

#[derive(Properties, PartialEq)]
pub struct YourDataProps {
    pub tracker: SharedTracker,
    /// True when nothing is being saved (blocked storage): exporting is the only way to keep it.
    pub memory_only: bool,
    pub keeping: Keeping,
    /// What was last said of an import or a deletion.
    pub said: Option<&'static str>,
    /// The browser keeps nothing (storage blocked): the tracker lives on this page only.
    #[prop_or_default]
    pub blocked: bool,
}

/// Where the data lives, export, import with a preview, and deleting everything.
#[function_component(YourData)]
pub fn your_data(props: &YourDataProps) -> Html {
    crate::ui::renders::rendered("YourData");
    let context = use_tracker();
    let import_file = use_import_file(&props.tracker);
    let delete_all = use_delete_all();
    let export = |csv: bool| {
        let send = context.send.clone();
        Callback::from(move |_: MouseEvent| send.emit(Request::Export { csv }))
    };
    html! {
        <section class="ei-data" aria-labelledby="ei-data-heading">
            <Heading level={context.level} id="ei-data-heading" class="ei-data__heading">{ strings::YOUR_DATA }</Heading>
            <p class="ei-data__privacy">
                if props.blocked {
                    { strings::NOT_KEPT }
                } else {
                    { strings::where_kept(&props.keeping.place, context.notes) }
                }
            </p>
            if !context.notes && props.tracker.days.values().any(|e| !e.note.is_empty()) {
                <p class="ei-data__notes-off">{ strings::NOTES_OFF_KEPT }</p>
            }
            if !props.memory_only {
                <p class="ei-data__kept">{ kept_line(&props.keeping) }</p>
            }
            <div class="ei-actions">
                <button type="button" class="ei-button" onclick={export(false)}>{ strings::EXPORT_JSON }</button>
                <button type="button" class="ei-button" onclick={export(true)}>{ strings::EXPORT_CSV }</button>
            </div>
            { import_file }
            { delete_all }
            if let Some(said) = props.said {
                <p class="ei-data__status" role="status">{ said }</p>
            }
            if props.memory_only {
                <p class="ei-data__memory">{ strings::MEMORY_ONLY }</p>
            }
        </section>
    }
}

/// Whether the browser has promised to keep the data, and, where it may not, what helps.
fn kept_line(keeping: &Keeping) -> String {
    if keeping.persisted == Some(true) {
        strings::KEPT_PROMISED.to_owned()
    } else if keeping.installed {
        strings::KEPT_INSTALLED.to_owned()
    } else {
        let help = if keeping.installable {
            strings::KEEP_BY_INSTALLING
        } else {
            strings::KEEP_BY_EXPORTING
        };
        format!("{} {help}", strings::KEPT_NOT_PROMISED)
    }
}
