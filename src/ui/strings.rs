//! Every UI label the widget shows that is not guide content, in one place.

pub const TOPICS_LABEL: &str = "Topics:";
pub const EXPAND_ALL: &str = "Expand all";
pub const COLLAPSE_ALL: &str = "Collapse all";
pub const GUIDE_SECTIONS_LABEL: &str = "Guide sections";
