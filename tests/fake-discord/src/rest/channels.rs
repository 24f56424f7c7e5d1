//! Channels and threads: read a channel, create a text or voice channel with permission
//! overwrites, set an overwrite, start a thread from a message or on its own (public or
//! private), and add members to a thread.

use serde_json::json;
use serenity::all::{ChannelId, GuildId, MessageId, Permissions, UserId};

use super::{forums, Answer, Outcome, Request};
use crate::errors::{ApiError, Problem};
use crate::model::{Channel, ChannelKind};
use crate::script::specs::ChannelSpec;
use crate::state::State;
use crate::{payloads, permissions};

fn wrong_channel_type() -> ApiError {
    ApiError::new(400, 50024, "Cannot execute action on this channel type")
}

fn channel_of(state: &State, req: &Request) -> Result<Channel, ApiError> {
    let channel = state.channel(ChannelId::new(req.id("channel_id")?))?;
    if channel.guild_id.is_some() && !permissions::can_view(state, channel, state.bot_id) {
        return Err(ApiError::missing_access());
    }
    Ok(channel.clone())
}

/// `GET /channels/{channel_id}`.
pub(crate) fn get(state: &mut State, req: &Request) -> Outcome {
    let channel = channel_of(state, req)?;
    Ok(Answer::json(payloads::channel(state, &channel)))
}

/// `POST /guilds/{guild_id}/channels`: a text (default) or voice channel. Needs Manage
/// Channels; its overwrites may only use what the bot has in the guild (else 50013).
pub(crate) fn create(state: &mut State, req: &Request) -> Outcome {
    let guild = GuildId::new(req.id("guild_id")?);
    state.guild(guild)?;
    state.require(guild, Permissions::MANAGE_CHANNELS)?;
    let name = req.body["name"].as_str().unwrap_or_default();
    let mut spec = match req.body["type"].as_u64() {
        Some(0) | None => ChannelSpec::text(name),
        Some(2) => ChannelSpec::voice(name),
        Some(15) => ChannelSpec::forum(name, []),
        Some(_) => return Err(wrong_channel_type()),
    };
    spec.overwrites = permissions::from_body(state, guild, &req.body)?;
    let tags = forums::tags_from_body(state, &[], &req.body);
    spec.tags = tags.into_iter().map(|t| t.name).collect();
    let bot = state.bot_id;
    let id = state.insert_channel(spec.in_guild(guild), None, bot);
    let channel = state.channel(id)?;
    Ok(Answer::created(payloads::channel(state, channel)))
}

/// `PUT /channels/{channel_id}/permissions/{overwrite_id}`: adds or replaces one overwrite of
/// a text or voice channel (CHANNEL_UPDATE). Needs Manage Roles there, and may only use what
/// the bot has in the guild (else 50013).
pub(crate) fn set_overwrite(state: &mut State, req: &Request) -> Outcome {
    let channel = channel_of(state, req)?;
    let guild = channel
        .guild_id
        .filter(|_| !channel.kind.is_thread())
        .ok_or_else(wrong_channel_type)?;
    permissions::require_in(state, &channel, Permissions::MANAGE_ROLES)?;
    let mut entry = req.body.clone();
    entry["id"] = json!(req.param("overwrite_id"));
    let body = json!({ "permission_overwrites": [entry] });
    for overwrite in permissions::from_body(state, guild, &body)? {
        permissions::replace(state, channel.id, overwrite);
    }
    Ok(Answer::no_content())
}

/// Creates a thread under `parent` for the bot, announces it and answers 201.
fn start_thread(
    state: &mut State,
    parent: &Channel,
    spec: ChannelSpec,
    id: Option<ChannelId>,
) -> Outcome {
    if parent.guild_id.is_none() {
        return Err(wrong_channel_type());
    }
    let needed = if spec.kind == ChannelKind::PrivateThread {
        Permissions::CREATE_PRIVATE_THREADS
    } else {
        Permissions::CREATE_PUBLIC_THREADS
    };
    permissions::require_in(state, parent, needed)?;
    let bot = state.bot_id;
    let thread = state.insert_channel(spec, id, bot);
    let channel = state.channel(thread)?;
    Ok(Answer::created(payloads::channel(state, channel)))
}

/// `POST /channels/{channel_id}/messages/{message_id}/threads`: a public thread whose id is
/// the message's.
pub(crate) fn thread_from_message(state: &mut State, req: &Request) -> Outcome {
    let parent = channel_of(state, req)?;
    if parent.kind != ChannelKind::Text {
        return Err(wrong_channel_type());
    }
    let message = state.message(MessageId::new(req.id("message_id")?))?;
    if message.channel_id != parent.id || message.is_ephemeral() {
        return Err(ApiError::unknown_message());
    }
    let id = ChannelId::new(message.id.get());
    if state.channels.contains_key(&id) {
        return Err(ApiError::new(
            400,
            160_004,
            "A thread has already been created for this message",
        ));
    }
    let name = req.body["name"].as_str().unwrap_or_default();
    start_thread(
        state,
        &parent,
        ChannelSpec::thread(parent.id, name),
        Some(id),
    )
}

/// `POST /channels/{channel_id}/threads`: a post in a forum, or a thread without a message
/// (private by default, as in API v10).
pub(crate) fn thread(state: &mut State, req: &Request) -> Outcome {
    let parent = channel_of(state, req)?;
    if parent.kind == ChannelKind::Forum {
        return forums::create_post(state, &parent, req);
    }
    if req.body.get("message").is_some() {
        let problem = Problem::new(
            &["message"],
            "BASE_TYPE_INVALID",
            "Only a post in a forum starts with a message.",
        );
        return Err(ApiError::invalid_form_body(vec![problem]));
    }
    if parent.kind != ChannelKind::Text {
        return Err(wrong_channel_type());
    }
    let name = req.body["name"].as_str().unwrap_or_default();
    let spec = match req.body["type"].as_u64() {
        Some(11) => ChannelSpec::thread(parent.id, name),
        Some(12) | None => ChannelSpec::private_thread(parent.id, name),
        Some(_) => return Err(wrong_channel_type()),
    };
    start_thread(state, &parent, spec, None)
}

/// `PUT /channels/{channel_id}/thread-members/{user_id}`: the user must be a guild member.
pub(crate) fn add_thread_member(state: &mut State, req: &Request) -> Outcome {
    let thread = channel_of(state, req)?;
    let guild = thread
        .guild_id
        .filter(|_| thread.kind.is_thread())
        .ok_or_else(wrong_channel_type)?;
    let user = UserId::new(req.id("user_id")?);
    state.member(guild, user)?;
    let joined = thread.members.contains(&state.bot_id);
    if thread.kind == ChannelKind::PrivateThread && !joined {
        permissions::require_in(state, &thread, Permissions::MANAGE_THREADS)?;
    }
    permissions::require_in(state, &thread, Permissions::SEND_MESSAGES_IN_THREADS)?;
    if thread.members.contains(&user) {
        return Ok(Answer::no_content());
    }
    let member_count = thread.members.len() + 1;
    if let Some(channel) = state.channels.get_mut(&thread.id) {
        channel.members.push(user);
    }
    let update = json!({
        "id": thread.id.to_string(),
        "guild_id": guild.to_string(),
        "member_count": member_count.min(50),
        "added_members": [{
            "id": thread.id.to_string(),
            "user_id": user.to_string(),
            "join_timestamp": payloads::timestamp(chrono::Utc::now()),
            "flags": 0,
        }],
    });
    state.dispatch("THREAD_MEMBERS_UPDATE", update);
    Ok(Answer::no_content())
}
