//! The hub's forum channels in Discord, for `/hub` and `/ask`: found, adopted or created
//! with the tags set-up asks for. Discord's refusals name the permission to grant.

use poise::serenity_prelude as serenity;
use serde_json::{json, Value};

use crate::discord::answer::explain_refusal;
use crate::discord::Error;
use crate::domain::hub::{forum_name, ForumOutcome, ForumPlan};
use crate::domain::DomainError;
use crate::i18n::{tr, Lang, Message};
use crate::model::{ChannelId, HubForumKind};

/// Discord's most tags on one forum.
const MAX_FORUM_TAGS: usize = 20;

/// Makes sure the forum `plan` asks for exists with its tags: the recorded one, else a forum
/// of the expected name, else a new one, its topic in the server's language `lang`.
pub async fn ensure(
    http: &serenity::Http,
    guild: serenity::GuildId,
    channels: &[serenity::GuildChannel],
    plan: ForumPlan,
    lang: Lang,
) -> Result<ForumOutcome, Error> {
    let is_forum = |c: &&serenity::GuildChannel| c.kind == serenity::ChannelType::Forum;
    let recorded = plan.recorded.and_then(|id| {
        channels
            .iter()
            .filter(is_forum)
            .find(|c| c.id.get() == id.0)
    });
    let named = || {
        channels
            .iter()
            .filter(is_forum)
            .find(|c| c.name == forum_name(plan.kind))
    };
    let replaced = plan.recorded.is_some() && recorded.is_none();
    let Some(forum) = recorded.or_else(named) else {
        let channel = create(http, guild, &plan, lang).await?;
        return Ok(ForumOutcome {
            tags_added: plan.tags.clone(),
            plan,
            channel,
            created: true,
            replaced,
        });
    };
    let tags_added = add_missing_tags(http, forum, &plan.tags).await?;
    Ok(ForumOutcome {
        plan,
        channel: ChannelId(forum.id.get()),
        created: false,
        replaced,
        tags_added,
    })
}

async fn create(
    http: &serenity::Http,
    guild: serenity::GuildId,
    plan: &ForumPlan,
    lang: Lang,
) -> Result<ChannelId, Error> {
    let tags: Vec<Value> = plan.tags.iter().map(|t| json!({ "name": t })).collect();
    let body = json!({
        "name": forum_name(plan.kind),
        "type": 15,
        "topic": topic(plan, lang),
        "available_tags": tags,
    });
    let forum = http
        .create_channel(guild, &body, Some("knowledge hub set-up"))
        .await
        .map_err(|e| explain_refusal(e, Message::new("missing-perms-hub-forums")))?;
    Ok(ChannelId(forum.id.get()))
}

fn topic(plan: &ForumPlan, lang: Lang) -> String {
    match plan.kind {
        HubForumKind::Articles => tr(lang, "hub-topic-articles"),
        HubForumKind::Questions => tr(lang, "hub-topic-questions"),
    }
}

/// Adds the tags `wanted` that `forum` lacks (by name, ignoring case), keeping its own.
async fn add_missing_tags(
    http: &serenity::Http,
    forum: &serenity::GuildChannel,
    wanted: &[String],
) -> Result<Vec<String>, Error> {
    let has = |name: &str| {
        forum
            .available_tags
            .iter()
            .any(|t| t.name.eq_ignore_ascii_case(name))
    };
    let missing: Vec<String> = wanted.iter().filter(|t| !has(t)).cloned().collect();
    if missing.is_empty() {
        return Ok(missing);
    }
    if forum.available_tags.len() + missing.len() > MAX_FORUM_TAGS {
        let refusal = Message::new("forum-too-many-tags")
            .arg("forum", forum.id.to_string())
            .arg("has", forum.available_tags.len())
            .arg("needs", missing.len())
            .arg("missing", missing.join(", "))
            .arg("max", MAX_FORUM_TAGS);
        return Err(DomainError::Refused(refusal.into()).into());
    }
    let mut tags: Vec<Value> = forum
        .available_tags
        .iter()
        .map(serde_json::to_value)
        .collect::<Result<_, _>>()?;
    tags.extend(missing.iter().map(|t| json!({ "name": t })));
    http.edit_channel(
        forum.id,
        &json!({ "available_tags": tags }),
        Some("knowledge hub set-up"),
    )
    .await
    .map_err(|e| {
        let refusal = Message::new("missing-perms-forum-tags").arg("forum", forum.id.to_string());
        explain_refusal(e, refusal)
    })?;
    Ok(missing)
}
