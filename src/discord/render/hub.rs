//! What the knowledge hub's answers say.

use crate::domain::hub::ForumOutcome;
use crate::domain::hub_articles::ArticleCounts;
use crate::model::HubForumKind;

/// The answer to `/hub setup`: each forum, what was done to it, and its tags; then the
/// course's articles.
pub fn hub_set_up(outcomes: &[ForumOutcome], articles: ArticleCounts) -> String {
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
    lines.push(articles_line(articles));
    lines.join("\n")
}

fn articles_line(counts: ArticleCounts) -> String {
    let ArticleCounts {
        published,
        updated,
        unchanged,
    } = counts;
    if published + updated + unchanged == 0 {
        return "• The course ships no articles.".to_owned();
    }
    format!(
        "• The course's articles: {published} published, {updated} updated, {unchanged} unchanged."
    )
}
