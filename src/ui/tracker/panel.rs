use yew::prelude::*;

use super::{
    use_store, CalendarReminder, CounsellorSummary, DayView, ExportReminder, History,
    ManagePractices, Place, PracticesOf, Starting, StorageNotices, TrackerContext, YourData,
};
use crate::embed::Shape;
use crate::storage::Notice;
use crate::ui::{strings, Heading};

#[derive(Properties, PartialEq)]
pub struct PracticeTrackerProps {
    /// The localStorage key (a namespace: two widgets with different keys keep apart).
    pub storage_key: AttrValue,
    /// Level of the tracker's heading.
    pub level: u8,
    /// Whether each day has a note field (a host may turn notes off).
    #[prop_or(true)]
    pub notes: bool,
    /// Where the widget is shown: what the visitor is told about where the data is kept.
    #[prop_or_default]
    pub shape: Shape,
    /// What a visitor with nothing saved starts with.
    #[prop_or_default]
    pub practices: Starting,
}

/// The daily practice tracker. The server (and the first, hydrating render) shows an inert
/// skeleton; `use_store` opens the store in an effect, since storage and the clock are web
/// APIs. Each part gets the data it shows as props (shared, compared by identity) and the
/// rest from the tracker's context, so a change renders only the parts it changed.
#[function_component(PracticeTracker)]
pub fn practice_tracker(props: &PracticeTrackerProps) -> Html {
    crate::ui::renders::rendered("PracticeTracker");
    let (ui, send) = use_store(
        props.storage_key.clone(),
        props.shape,
        props.practices.0.clone(),
    );
    let shown = &ui.shown;
    let pending = !ui.loaded;
    let context = TrackerContext {
        send,
        today: shown.today,
        pending,
        level: props.level + 1,
        notes: props.notes,
    };
    let tracker = &shown.tracker;
    let day = ui.day();
    // frame.html in a frame (opened by itself, it is a page of its own).
    let framed = props.shape == Shape::Frame
        && !matches!(ui.keeping.place, Place::OwnPage(_) | Place::Unknown);
    html! {
        <section class="ei-tracker" aria-labelledby="ei-tracker-heading">
            <Heading level={props.level} id="ei-tracker-heading" class="ei-tracker__heading">
                { strings::TRACKER_HEADING }
            </Heading>
            <p class="ei-tracker__intro">{ strings::TRACKER_INTRO }</p>
            <ContextProvider<TrackerContext> {context}>
                // Until storage and the clock are read (and on the server, and with
                // JavaScript off), the tracker shows its own skeleton: the same parts at
                // about their final size, inert, with a line saying what is happening.
                // Loading then fills it in without moving the page.
                if pending {
                    <p class="ei-tracker__loading">{ strings::TRACKER_NEEDS_JS }</p>
                } else {
                    <StorageNotices notices={shown.notices.clone()} />
                    <ExportReminder due={shown.reminder} />
                }
                <div class="ei-tracker__body" inert={pending}>
                    <DayView tracker={tracker.clone()} {day} refused={ui.refused.clone()} />
                    <History tracker={tracker.clone()} {day} />
                    <CounsellorSummary tracker={tracker.clone()} />
                    <ManagePractices practices={PracticesOf(tracker.0.clone())} />
                    <CalendarReminder storage_key={props.storage_key.clone()} {framed} />
                    <YourData tracker={tracker.clone()} memory_only={shown.memory_only}
                        keeping={ui.keeping.clone()} said={ui.said}
                        blocked={shown.notices.contains(&Notice::Blocked)} />
                </div>
            </ContextProvider<TrackerContext>>
        </section>
    }
}
