//! The hub's articles in Discord: each a post of the articles forum, its body split over
//! messages between Markdown blocks, edited in place (with messages added or deleted at the
//! end) when the pack changed it.

use poise::serenity_prelude as serenity;
use serde_json::json;

use super::answer::{discord_code, explain_refusal};
use super::replies::CONTENT_LIMIT;
use super::{Data, Error};
use crate::course::text::split_for_embeds;
use crate::course::Course;
use crate::domain::access::Caller;
use crate::domain::hub_articles::{self, ArticleAction, ArticleCounts, ArticlePlan};
use crate::domain::DomainError;
use crate::i18n::Message;
use crate::model::{ChannelId, Cohort, MessageId};

/// Discord's "Unknown Channel" and "Unknown Message".
const UNKNOWN: [isize; 2] = [10003, 10008];
const REASON: &str = "knowledge hub: an article";

/// Publishes the articles of `course` in `forum` that are not there yet and edits those
/// that changed, recording each as it goes.
pub async fn publish_all(
    http: &serenity::Http,
    data: &Data,
    caller: Caller,
    cohort: &Cohort,
    course: &Course,
    forum: ChannelId,
) -> Result<ArticleCounts, Error> {
    let mut plans = hub_articles::plan_articles(&data.store, caller, cohort, course, forum).await?;
    for plan in &mut plans {
        if let ArticleAction::Unchanged(before) = &plan.action {
            if post_is_gone(http, before.post_id).await? {
                plan.action = ArticleAction::Publish;
            }
        }
    }
    let to_do: Vec<&ArticlePlan> = plans
        .iter()
        .filter(|p| !matches!(p.action, ArticleAction::Unchanged(_)))
        .collect();
    if !to_do.is_empty() {
        let forum_channel = serenity::ChannelId::new(forum.0).to_channel(http).await?;
        let forum_channel = forum_channel.guild().ok_or_else(|| {
            let refusal = Message::new("hub-not-a-forum").arg("forum", forum.to_string());
            DomainError::Refused(refusal.into())
        })?;
        for plan in to_do {
            let now = data.clock.now_ms();
            hub_articles::begin_posting(&data.store, cohort, course, plan, forum, now).await?;
            let (post, messages) = match &plan.action {
                ArticleAction::Update(before) => {
                    update(
                        http,
                        &forum_channel,
                        plan,
                        before.post_id,
                        &before.message_ids,
                    )
                    .await?
                }
                ArticleAction::Resume => {
                    let title = &plan.article.title;
                    match posted_before(http, &forum_channel, title).await? {
                        Some((post, messages)) => {
                            let ids: Vec<MessageId> =
                                messages.iter().map(|m| MessageId(m.id.get())).collect();
                            update(http, &forum_channel, plan, post, &ids).await?
                        }
                        None => publish(http, &forum_channel, plan).await?,
                    }
                }
                _ => publish(http, &forum_channel, plan).await?,
            };
            let now = data.clock.now_ms();
            let post = (forum, post);
            hub_articles::record_article(&data.store, cohort, course, plan, post, messages, now)
                .await?;
        }
    }
    Ok(hub_articles::counts(&plans))
}

/// Whether an unchanged article's post was deleted behind the bot's back, so set-up
/// publishes it anew.
async fn post_is_gone(http: &serenity::Http, post: ChannelId) -> Result<bool, Error> {
    match serenity::ChannelId::new(post.0).to_channel(http).await {
        Ok(_) => Ok(false),
        Err(e) if discord_code(&e).is_some_and(|c| UNKNOWN.contains(&c)) => Ok(true),
        Err(e) => Err(e.into()),
    }
}

/// Opens the article's post with its first part and sends the rest in the post.
async fn publish(
    http: &serenity::Http,
    forum: &serenity::GuildChannel,
    plan: &ArticlePlan,
) -> Result<(ChannelId, Vec<MessageId>), Error> {
    let article = &plan.article;
    open_post(http, forum, &article.title, &article.tags, &parts(plan)).await
}

/// Opens a post of `forum` named `title`, with the forum's tags among `tags`, its first
/// message the first of `parts` and the rest sent in it; no one is pinged.
pub async fn open_post(
    http: &serenity::Http,
    forum: &serenity::GuildChannel,
    title: &str,
    tags: &[String],
    parts: &[String],
) -> Result<(ChannelId, Vec<MessageId>), Error> {
    let Some((first, rest)) = parts.split_first() else {
        let refusal = Message::new("hub-article-no-body").arg("title", title);
        return Err(DomainError::Refused(refusal.into()).into());
    };
    let body = json!({
        "name": title,
        "applied_tags": tag_ids(forum, tags),
        "message": { "content": first, "allowed_mentions": { "parse": [] } },
    });
    let post = http
        .create_forum_post(forum.id, &body, Some(REASON))
        .await
        .map_err(|e| refusal(e, forum.id))?;
    let mut messages = vec![MessageId(post.id.get())];
    for part in rest {
        messages.push(send(http, post.id, part).await?);
    }
    Ok((ChannelId(post.id.get()), messages))
}

/// The bot's post titled `title` in `forum`, with the bot's messages in it in order: one
/// opened by an attempt that never learnt it had succeeded.
pub(super) async fn posted_before(
    http: &serenity::Http,
    forum: &serenity::GuildChannel,
    title: &str,
) -> Result<Option<(ChannelId, Vec<serenity::Message>)>, Error> {
    let me = http.get_current_user().await?.id;
    let active = forum.guild_id.get_active_threads(http).await?;
    let mine = active
        .threads
        .into_iter()
        .find(|t| t.parent_id == Some(forum.id) && t.owner_id == Some(me) && t.name == title);
    let Some(post) = mine else {
        return Ok(None);
    };
    let mut messages = post
        .id
        .messages(http, serenity::GetMessages::new().limit(100))
        .await?;
    messages.retain(|m| m.author.id == me);
    messages.sort_by_key(|m| m.id);
    Ok(Some((ChannelId(post.id.get()), messages)))
}

/// Edits the post's title, tags and messages; adds or deletes messages at the end when the
/// number of parts changed. A post deleted behind the bot's back is published again.
async fn update(
    http: &serenity::Http,
    forum: &serenity::GuildChannel,
    plan: &ArticlePlan,
    post_id: ChannelId,
    existing: &[MessageId],
) -> Result<(ChannelId, Vec<MessageId>), Error> {
    let post = serenity::ChannelId::new(post_id.0);
    let tags = tag_ids(forum, &plan.article.tags);
    let thread = json!({ "name": plan.article.title, "applied_tags": tags });
    match http.edit_thread(post, &thread, Some(REASON)).await {
        Err(e) if discord_code(&e).is_some_and(|c| UNKNOWN.contains(&c)) => {
            return publish(http, forum, plan).await;
        }
        result => result.map_err(|e| refusal(e, forum.id))?,
    };
    let mut messages = vec![];
    for (at, part) in parts(plan).iter().enumerate() {
        match existing.get(at) {
            Some(&id) => {
                let edit = serenity::EditMessage::new().content(part);
                post.edit_message(http, serenity::MessageId::new(id.0), edit)
                    .await
                    .map_err(|e| refusal(e, forum.id))?;
                messages.push(id);
            }
            None => messages.push(send(http, post, part).await?),
        }
    }
    for id in existing.iter().skip(messages.len()) {
        post.delete_message(http, serenity::MessageId::new(id.0))
            .await
            .map_err(|e| refusal(e, forum.id))?;
    }
    Ok((post_id, messages))
}

async fn send(
    http: &serenity::Http,
    post: serenity::ChannelId,
    part: &str,
) -> Result<MessageId, Error> {
    let message = serenity::CreateMessage::new()
        .content(part)
        .allowed_mentions(serenity::CreateAllowedMentions::new());
    let sent = post
        .send_message(http, message)
        .await
        .map_err(|e| refusal(e, post))?;
    Ok(MessageId(sent.id.get()))
}

/// The article's body in messages Discord takes, split between Markdown blocks.
fn parts(plan: &ArticlePlan) -> Vec<String> {
    split_for_embeds(&plan.article.body, CONTENT_LIMIT)
}

/// The ids of the forum's tags among `names`.
pub(super) fn tag_ids(forum: &serenity::GuildChannel, names: &[String]) -> Vec<String> {
    names
        .iter()
        .filter_map(|name| {
            let mut tags = forum.available_tags.iter();
            tags.find(|t| t.name.eq_ignore_ascii_case(name))
                .map(|t| t.id.to_string())
        })
        .collect()
}

fn refusal(error: serenity::Error, place: serenity::ChannelId) -> Error {
    let refusal = Message::new("missing-perms-articles").arg("forum", place.to_string());
    explain_refusal(error, refusal)
}
