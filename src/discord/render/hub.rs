//! What the knowledge hub's answers say.

use crate::domain::hub::ForumOutcome;
use crate::domain::hub_articles::ArticleCounts;
use crate::i18n::{tr, tr_args, Lang};

/// The answer to `/hub setup`, in `lang`: each forum, what was done to it, and its tags;
/// then the course's articles.
pub fn hub_set_up(outcomes: &[ForumOutcome], articles: ArticleCounts, lang: Lang) -> String {
    let mut lines = vec![tr(lang, "hub-set-up")];
    lines.extend(outcomes.iter().map(|outcome| forum_line(outcome, lang)));
    lines.push(articles_line(articles, lang));
    lines.join("\n")
}

fn forum_line(outcome: &ForumOutcome, lang: Lang) -> String {
    let done = match (outcome.created, outcome.replaced) {
        (true, true) => "created-again",
        (true, false) => "created",
        (false, true) => "adopted-again",
        (false, false) => "adopted",
    };
    let added: &[String] = if outcome.created {
        &[]
    } else {
        &outcome.tags_added
    };
    tr_args(
        lang,
        "hub-set-up-forum",
        &[
            ("kind", outcome.plan.kind.to_string().into()),
            ("forum", outcome.channel.to_string().into()),
            ("done", done.into()),
            ("tag_count", outcome.plan.tags.len().into()),
            ("tags", outcome.plan.tags.join(", ").into()),
            ("added_count", added.len().into()),
            ("added", added.join(", ").into()),
        ],
    )
}

fn articles_line(counts: ArticleCounts, lang: Lang) -> String {
    let ArticleCounts {
        published,
        updated,
        unchanged,
    } = counts;
    if published + updated + unchanged == 0 {
        return tr(lang, "hub-set-up-no-articles");
    }
    tr_args(
        lang,
        "hub-set-up-articles",
        &[
            ("published", published.into()),
            ("updated", updated.into()),
            ("unchanged", unchanged.into()),
        ],
    )
}
