//! What the knowledge hub's answers say.

use crate::domain::hub::ForumOutcome;
use crate::model::HubForumKind;

/// The answer to `/hub setup`: each forum, what was done to it, and its tags.
pub fn hub_set_up(outcomes: &[ForumOutcome]) -> String {
    let mut lines = vec!["📚 The knowledge hub is set up.".to_owned()];
    for outcome in outcomes {
        let what = match outcome.plan.kind {
            HubForumKind::Articles => "Articles",
            HubForumKind::Questions => "Questions",
        };
        let done = match (outcome.created, outcome.replaced) {
            (true, true) => "created again: the one recorded before was gone",
            (true, false) => "created",
            (false, true) => "adopted in place of the one that was gone",
            (false, false) => "adopted",
        };
        let tags = if outcome.plan.tags.is_empty() {
            "no tags".to_owned()
        } else {
            format!("tags: {}", outcome.plan.tags.join(", "))
        };
        let added = if outcome.created || outcome.tags_added.is_empty() {
            String::new()
        } else {
            format!(" (added: {})", outcome.tags_added.join(", "))
        };
        lines.push(format!(
            "• {what}: <#{}>, {done}; {tags}{added}.",
            outcome.channel
        ));
    }
    lines.join("\n")
}
