//! The knowledge hub's part of a pack: its topics, which become tags on the hub's forums,
//! and its articles, which set-up publishes in the articles forum.

use std::collections::HashSet;
use std::path::Path;

use crate::course::raw::{RawArticle, RawCourse};
use crate::course::{
    Article, ANSWERED_TAG, MAX_ARTICLE_TAGS, MAX_ARTICLE_TITLE, MAX_HUB_TOPICS, MAX_TAG_CHARS,
};

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

/// The pack's `[[articles]]`: distinct ids, a title that fits a post's name, tags among the
/// hub topics, and a Markdown file with something in it.
pub(super) fn articles(
    c: &mut Check,
    dir: &Path,
    doc: &Doc,
    raw: &RawCourse,
    topics: &[String],
) -> Vec<Article> {
    let mut ids = HashSet::new();
    raw.articles
        .iter()
        .filter_map(|a| {
            let a: &RawArticle = a.get_ref();
            let id = c.unique_id(doc, &mut ids, &a.id, "article");
            let title = c.text(doc, &a.title, "article title", MAX_ARTICLE_TITLE);
            let tags = article_tags(c, doc, a, topics);
            let body = c.read_file(dir, doc, &a.file)?;
            Some(Article {
                id,
                title,
                tags,
                body: body.trim().to_owned(),
            })
        })
        .collect()
}

fn article_tags(c: &mut Check, doc: &Doc, article: &RawArticle, topics: &[String]) -> Vec<String> {
    let mut tags: Vec<String> = vec![];
    for (at, tag) in article.tags.iter().enumerate() {
        let name = tag.get_ref().trim();
        if at == MAX_ARTICLE_TAGS {
            c.report(
                doc,
                tag.span(),
                format!("more than {MAX_ARTICLE_TAGS} tags: a forum post holds {MAX_ARTICLE_TAGS}"),
            );
        }
        if !topics.iter().any(|t| t == name) {
            c.hint(
                doc,
                tag.span(),
                format!("article tag `{name}` is not a hub topic"),
                &format!("one of: {}", topics.join(", ")),
            );
        } else if tags.iter().any(|t| t == name) {
            c.report(
                doc,
                tag.span(),
                format!("article tag `{name}` is listed twice"),
            );
        } else {
            tags.push(name.to_owned());
        }
    }
    tags
}
