//! The knowledge hub's part of a pack: its topics, which become tags on the hub's forums.

use std::collections::HashSet;

use crate::course::raw::RawCourse;
use crate::course::{ANSWERED_TAG, MAX_HUB_TOPICS, MAX_TAG_CHARS};

use super::{Check, Doc};

/// The pack's `hub_topics`: distinct, each fits a Discord forum tag, and room is left for
/// the `answered` tag.
pub(super) fn topics(c: &mut Check, doc: &Doc, raw: &RawCourse) -> Vec<String> {
    let mut seen = HashSet::new();
    let mut topics = vec![];
    for (at, topic) in raw.hub_topics.iter().enumerate() {
        let name = c.text(doc, topic, "hub topic", MAX_TAG_CHARS);
        if at == MAX_HUB_TOPICS {
            c.report(
                doc,
                topic.span(),
                format!("more than {MAX_HUB_TOPICS} hub topics: a forum holds 20 tags, one of them `{ANSWERED_TAG}`"),
            );
        }
        if name.eq_ignore_ascii_case(ANSWERED_TAG) {
            c.report(
                doc,
                topic.span(),
                format!("`{ANSWERED_TAG}` is the hub's own tag, not a topic"),
            );
        } else if !seen.insert(name.to_lowercase()) {
            c.report(
                doc,
                topic.span(),
                format!("hub topic `{name}` is listed twice"),
            );
        } else {
            topics.push(name);
        }
    }
    topics
}
