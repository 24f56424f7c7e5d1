//! Forum channels: their tags, posts (a thread opened with its first message), the tags
//! applied to a post, and pinning a message.

use serde_json::{json, Value};
use serenity::all::{ChannelId, ForumTagId, MessageId, Permissions};

use super::messages::{self, CHANNEL_FLAGS};
use super::{Answer, Outcome, Request};
use crate::errors::{ApiError, Problem};
use crate::model::{Channel, ChannelKind, ForumTag};
use crate::script::specs::ChannelSpec;
use crate::state::State;
use crate::{payloads, permissions};

/// Discord keeps at most 50 pinned messages in a channel.
const MAX_PINS: usize = 50;

/// The tags a create or edit body lists in `available_tags`: a listed `id` keeps that tag,
/// a tag without one is new.
pub(crate) fn tags_from_body(
    state: &mut State,
    existing: &[ForumTag],
    body: &Value,
) -> Vec<ForumTag> {
    let listed = body["available_tags"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    listed
        .iter()
        .map(|tag| {
            let kept = tag["id"]
                .as_str()
                .and_then(|id| id.parse::<u64>().ok())
                .filter(|id| existing.iter().any(|t| t.id.get() == *id));
            ForumTag {
                id: ForumTagId::new(kept.unwrap_or_else(|| state.next_id())),
                name: tag["name"].as_str().unwrap_or_default().to_owned(),
                moderated: tag["moderated"].as_bool().unwrap_or(false),
            }
        })
        .collect()
}

/// `POST /channels/{forum}/threads`: a post, whose first message has the thread's id. Needs
/// Send Messages in the forum; `applied_tags` must be the forum's own.
pub(crate) fn create_post(state: &mut State, forum: &Channel, req: &Request) -> Outcome {
    permissions::require_in(state, forum, Permissions::SEND_MESSAGES)?;
    let tags = applied_tags(forum, &req.body)?;
    let name = req.body["name"].as_str().unwrap_or_default();
    let id = ChannelId::new(state.next_id());
    let mut spec = ChannelSpec::thread(forum.id, name);
    spec.applied_tags = tags;
    let mut shell = forum.clone();
    shell.id = id;
    shell.kind = ChannelKind::PublicThread;
    let mut message = messages::build(
        state,
        &shell,
        &req.body["message"],
        &req.files,
        CHANNEL_FLAGS,
    )?;
    message.id = MessageId::new(id.get());
    let bot = state.bot_id;
    state.insert_channel(spec, Some(id), bot);
    let answer_message = payloads::message(state, &message);
    state.messages.insert(message.id, message);
    let mut answer = payloads::channel(state, state.channel(id)?);
    answer["message"] = answer_message;
    Ok(Answer::created(answer))
}

/// `PATCH /channels/{channel_id}`: a forum's `available_tags` (Manage Channels), or a post's
/// `applied_tags` (its owner, or Manage Threads; moderated tags need Manage Threads).
pub(crate) fn edit(state: &mut State, req: &Request) -> Outcome {
    let channel = state
        .channel(ChannelId::new(req.id("channel_id")?))?
        .clone();
    if !permissions::can_view(state, &channel, state.bot_id) {
        return Err(ApiError::missing_access());
    }
    let mut changed = channel.clone();
    if channel.kind == ChannelKind::Forum {
        permissions::require_in(state, &channel, Permissions::MANAGE_CHANNELS)?;
        if req.body.get("available_tags").is_some() {
            changed.tags = tags_from_body(state, &channel.tags, &req.body);
        }
    } else if channel.kind.is_thread() {
        if channel.owner_id != Some(state.bot_id) {
            permissions::require_in(state, &channel, Permissions::MANAGE_THREADS)?;
        }
        if req.body.get("applied_tags").is_some() {
            let forum = channel.parent_id.map(|p| state.channel(p)).transpose()?;
            let forum = forum.filter(|f| f.kind == ChannelKind::Forum);
            let forum = forum.ok_or_else(wrong_channel_type)?.clone();
            changed.applied_tags = applied_tags(&forum, &req.body)?;
            require_moderation(state, &forum, &channel, &changed)?;
        }
    } else {
        return Err(wrong_channel_type());
    }
    if let Some(name) = req.body["name"].as_str() {
        name.clone_into(&mut changed.name);
    }
    state.channels.insert(changed.id, changed.clone());
    let payload = payloads::channel(state, &changed);
    let event = if changed.kind.is_thread() {
        "THREAD_UPDATE"
    } else {
        "CHANNEL_UPDATE"
    };
    state.dispatch(event, payload.clone());
    Ok(Answer::json(payload))
}

/// `PUT /channels/{channel_id}/pins/{message_id}`: needs Manage Messages there; at most 50.
pub(crate) fn pin(state: &mut State, req: &Request) -> Outcome {
    let channel = state
        .channel(ChannelId::new(req.id("channel_id")?))?
        .clone();
    if channel.guild_id.is_some() && !permissions::can_view(state, &channel, state.bot_id) {
        return Err(ApiError::missing_access());
    }
    permissions::require_in(state, &channel, Permissions::MANAGE_MESSAGES)?;
    let id = MessageId::new(req.id("message_id")?);
    let message = state.message(id)?;
    if message.channel_id != channel.id || message.is_ephemeral() {
        return Err(ApiError::unknown_message());
    }
    if message.pinned {
        return Ok(Answer::no_content());
    }
    let pins = state
        .messages
        .values()
        .filter(|m| m.channel_id == channel.id && m.pinned)
        .count();
    if pins >= MAX_PINS {
        return Err(ApiError::new(
            400,
            30_003,
            "Maximum number of pins reached (50)",
        ));
    }
    if let Some(message) = state.messages.get_mut(&id) {
        message.pinned = true;
    }
    let event = json!({
        "guild_id": channel.guild_id.map(|g| g.to_string()),
        "channel_id": channel.id.to_string(),
        "last_pin_timestamp": payloads::timestamp(chrono::Utc::now()),
    });
    state.dispatch("CHANNEL_PINS_UPDATE", event);
    Ok(Answer::no_content())
}

fn wrong_channel_type() -> ApiError {
    ApiError::new(400, 50024, "Cannot execute action on this channel type")
}

/// The tag ids `body` applies, each one of `forum`'s tags (else 50035 on the field).
fn applied_tags(forum: &Channel, body: &Value) -> Result<Vec<ForumTagId>, ApiError> {
    let listed = body["applied_tags"].as_array().cloned().unwrap_or_default();
    let mut tags = vec![];
    for (at, value) in listed.iter().enumerate() {
        let id = value.as_str().and_then(|id| id.parse::<u64>().ok());
        let Some(tag) = id.and_then(|id| forum.tags.iter().find(|t| t.id.get() == id)) else {
            let at = at.to_string();
            let problem = Problem::new(
                &["applied_tags", &at],
                "FORUM_TAG_UNKNOWN",
                format!("Tag {value} is not one of this forum's tags."),
            );
            return Err(ApiError::invalid_form_body(vec![problem]));
        };
        if !tags.contains(&tag.id) {
            tags.push(tag.id);
        }
    }
    Ok(tags)
}

/// A moderated tag added or removed needs Manage Threads.
fn require_moderation(
    state: &State,
    forum: &Channel,
    before: &Channel,
    after: &Channel,
) -> Result<(), ApiError> {
    let touched = forum
        .tags
        .iter()
        .filter(|t| t.moderated)
        .any(|t| before.applied_tags.contains(&t.id) != after.applied_tags.contains(&t.id));
    if touched {
        permissions::require_in(state, before, Permissions::MANAGE_THREADS)?;
    }
    Ok(())
}
