//! The articles a course pack ships, published by `/hub setup` as posts in the hub's
//! articles forum: each once per server, edited in place when the pack changes, and left
//! alone when it has not.

use sha2::{Digest, Sha256};

use crate::course::{Article, Course, Library};
use crate::model::hub::PublishedArticle;
use crate::model::*;
use crate::store::Store;

use super::access::{require_facilitator_or_manager, Caller};
use super::DomainResult;

/// What set-up must do with one article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArticleAction {
    /// Not in this forum yet: open a post.
    Publish,
    /// An earlier set-up began posting it here and recorded nothing (Discord's answer was
    /// lost, or the bot stopped): adopt the bot's post of this title if there is one, else
    /// open a post.
    Resume,
    /// Published before and changed since: edit that post.
    Update(PublishedArticle),
    /// Published as it is now, in this post.
    Unchanged(PublishedArticle),
}

/// One article of the course and what set-up must do with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticlePlan {
    pub article: Article,
    pub content_hash: String,
    pub action: ArticleAction,
}

/// How many articles set-up published, updated and left as they were.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ArticleCounts {
    pub published: usize,
    pub updated: usize,
    pub unchanged: usize,
}

/// The course whose articles set-up publishes: the pack as it is now, so that editing an
/// article reaches the forum, or the cohort's snapshot when the pack is no longer loaded.
pub fn pack_now<'a>(library: &'a Library, snapshot: &'a Course) -> &'a Course {
    library.get(&snapshot.id).unwrap_or(snapshot)
}

/// What set-up must do with each article of `course` in `forum`, the articles forum of
/// `cohort`'s server, once the caller may run it.
pub async fn plan_articles(
    store: &Store,
    caller: Caller,
    cohort: &Cohort,
    course: &Course,
    forum: ChannelId,
) -> DomainResult<Vec<ArticlePlan>> {
    require_facilitator_or_manager(store, caller, cohort).await?;
    let published = store
        .published_articles(cohort.guild_id, &course.id)
        .await?;
    let unfinished = store
        .unfinished_article_postings(cohort.guild_id, &course.id)
        .await?;
    let plans = course.articles.iter().map(|article| {
        let began_here = unfinished
            .iter()
            .any(|(a, f)| *a == article.id && *f == forum);
        let content_hash = content_hash(&article.title, &article.tags, &article.body);
        let before = published.iter().find(|p| p.article_id == article.id);
        let action = match before {
            Some(p) if p.forum_id == forum && p.content_hash == content_hash => {
                ArticleAction::Unchanged(p.clone())
            }
            Some(p) if p.forum_id == forum => ArticleAction::Update(p.clone()),
            _ if began_here => ArticleAction::Resume,
            _ => ArticleAction::Publish,
        };
        ArticlePlan {
            article: article.clone(),
            content_hash,
            action,
        }
    });
    Ok(plans.collect())
}

/// Notes that set-up is about to open the post of `plan`'s article in `forum`, so that a
/// post whose answer is lost is adopted next time, not posted twice.
pub async fn begin_posting(
    store: &Store,
    cohort: &Cohort,
    course: &Course,
    plan: &ArticlePlan,
    forum: ChannelId,
    now: UnixMillis,
) -> DomainResult<()> {
    let article = &plan.article.id;
    let guild = cohort.guild_id;
    Ok(store
        .begin_article_posting(guild, &course.id, article, forum, now)
        .await?)
}

/// Records the post an article was published in (or edited in) and its messages.
pub async fn record_article(
    store: &Store,
    cohort: &Cohort,
    course: &Course,
    plan: &ArticlePlan,
    post: (ChannelId, ChannelId),
    message_ids: Vec<MessageId>,
    now: UnixMillis,
) -> DomainResult<()> {
    let (forum_id, post_id) = post;
    let published = PublishedArticle {
        guild_id: cohort.guild_id,
        course_id: course.id.clone(),
        article_id: plan.article.id.clone(),
        forum_id,
        post_id,
        message_ids,
        title: plan.article.title.clone(),
        body: plan.article.body.clone(),
        content_hash: plan.content_hash.clone(),
        published_at: now,
    };
    Ok(store.set_published_article(&published).await?)
}

/// Counts what the plans asked for.
pub fn counts(plans: &[ArticlePlan]) -> ArticleCounts {
    let mut counts = ArticleCounts::default();
    for plan in plans {
        match plan.action {
            ArticleAction::Publish | ArticleAction::Resume => counts.published += 1,
            ArticleAction::Update(_) => counts.updated += 1,
            ArticleAction::Unchanged(_) => counts.unchanged += 1,
        }
    }
    counts
}

/// SHA-256 of what a post shows of an article: its title, tags and body, as hex.
pub(super) fn content_hash(title: &str, tags: &[String], body: &str) -> String {
    let mut hasher = Sha256::new();
    for part in [title, &tags.join("\n"), body] {
        hasher.update(part.as_bytes());
        hasher.update([0]);
    }
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
