//! Channel messages: create (honouring `nonce` + `enforce_nonce`), list, get, edit, delete; and
//! the message building shared with interaction responses and follow-ups.

use chrono::Utc;
use serde::de::DeserializeOwned;
use serde_json::Value;
use serenity::all::{AttachmentId, ChannelId, MessageFlags, MessageId, Permissions};

use super::{Answer, Outcome, Request, Upload};
use crate::errors::{ApiError, Problem};
use crate::model::{Attachment, Channel, ChannelKind, Component, Embed, Message, Pings};
use crate::state::{NonceRecord, State, NONCE_WINDOW};
use crate::{payloads, permissions};

/// Flags a bot may set on a channel message: suppress embeds, suppress notifications, voice
/// message, Components V2.
pub(crate) const CHANNEL_FLAGS: u64 = (1 << 2) | (1 << 12) | (1 << 13) | (1 << 15);

/// Interaction responses and follow-ups may also be ephemeral.
pub(crate) const INTERACTION_FLAGS: u64 = CHANNEL_FLAGS | (1 << 6);

/// A new message in `channel` from a create body and its files, not yet stored.
pub(crate) fn build(
    state: &mut State,
    channel: &Channel,
    body: &Value,
    files: &[Upload],
    allowed_flags: u64,
) -> Result<Message, ApiError> {
    let requested = body["flags"].as_u64().unwrap_or(0);
    if requested & !allowed_flags != 0 {
        let problem = Problem::new(
            &["flags"],
            "MESSAGE_FLAGS_INVALID",
            format!("Flags {requested} are not allowed here."),
        );
        return Err(ApiError::invalid_form_body(vec![problem]));
    }
    let mut message = Message {
        id: MessageId::new(state.next_id()),
        channel_id: channel.id,
        guild_id: channel.guild_id,
        author_id: state.bot_id,
        content: String::new(),
        embeds: vec![],
        components: vec![],
        flags: MessageFlags::from_bits_truncate(requested),
        attachments: vec![],
        nonce: nonce(body),
        interaction_id: None,
        created_at: Utc::now(),
        edited_at: None,
        pings: Pings::default(),
        pinned: false,
    };
    apply(state, &mut message, body, files)?;
    let allowed = body.get("allowed_mentions").filter(|a| a.is_object());
    message.pings = Pings::of(&message.content, allowed);
    require_not_empty(&message, body)?;
    Ok(message)
}

/// The "thinking…" message a deferred interaction response shows.
pub(crate) fn placeholder(state: &mut State, channel: &Channel, ephemeral: bool) -> Message {
    let mut flags = MessageFlags::LOADING;
    if ephemeral {
        flags |= MessageFlags::EPHEMERAL;
    }
    Message {
        id: MessageId::new(state.next_id()),
        channel_id: channel.id,
        guild_id: channel.guild_id,
        author_id: state.bot_id,
        content: String::new(),
        embeds: vec![],
        components: vec![],
        flags,
        attachments: vec![],
        nonce: None,
        interaction_id: None,
        created_at: Utc::now(),
        edited_at: None,
        pings: Pings::default(),
        pinned: false,
    }
}

/// Applies the fields a create or edit body sets: content, embeds, components, attachments
/// (listed existing ones are kept, uploaded files added).
pub(crate) fn apply(
    state: &mut State,
    message: &mut Message,
    body: &Value,
    files: &[Upload],
) -> Result<(), ApiError> {
    if let Some(content) = body.get("content") {
        content
            .as_str()
            .unwrap_or_default()
            .clone_into(&mut message.content);
    }
    if let Some(embeds) = field::<Vec<Embed>>(body, "embeds")? {
        message.embeds = embeds;
    }
    if let Some(components) = field::<Vec<Component>>(body, "components")? {
        message.components = components;
    }
    let declared = body.get("attachments").and_then(Value::as_array);
    if let Some(list) = declared {
        message.attachments.retain(|a| {
            list.iter()
                .any(|entry| snowflake(&entry["id"]) == Some(a.id.get()))
        });
    }
    for upload in files {
        let entry = declared.and_then(|list| {
            list.iter()
                .find(|entry| upload.index.is_some() && snowflake(&entry["id"]) == upload.index)
        });
        let filename = entry
            .and_then(|e| e["filename"].as_str())
            .unwrap_or(&upload.filename);
        message.attachments.push(Attachment {
            id: AttachmentId::new(state.next_id()),
            filename: filename.to_owned(),
            description: entry
                .and_then(|e| e["description"].as_str())
                .map(str::to_owned),
            content_type: upload.content_type.clone(),
            data: upload.data.clone(),
        });
    }
    Ok(())
}

/// An edit: the fields the body sets, the edit time, and the message must not end up empty.
pub(crate) fn edit(
    state: &mut State,
    message: &mut Message,
    body: &Value,
    files: &[Upload],
) -> Result<(), ApiError> {
    apply(state, message, body, files)?;
    message.flags.remove(MessageFlags::LOADING);
    message.edited_at = Some(Utc::now());
    require_not_empty(message, body)
}

/// Discord refuses a message with nothing to show (code 50006).
fn require_not_empty(message: &Message, body: &Value) -> Result<(), ApiError> {
    let has_stickers = body["sticker_ids"]
        .as_array()
        .is_some_and(|ids| !ids.is_empty());
    let has_extras = has_stickers || body["poll"].is_object();
    let empty = message.content.trim().is_empty()
        && message.embeds.is_empty()
        && message.components.is_empty()
        && message.attachments.is_empty()
        && !has_extras;
    if empty {
        Err(ApiError::empty_message())
    } else {
        Ok(())
    }
}

/// A body field parsed into the fake's model; `None` if absent, the default if `null`.
fn field<T: DeserializeOwned + Default>(body: &Value, key: &str) -> Result<Option<T>, ApiError> {
    match body.get(key) {
        None => Ok(None),
        Some(Value::Null) => Ok(Some(T::default())),
        Some(value) => serde_json::from_value(value.clone())
            .map(Some)
            .map_err(|error| {
                let problem = Problem::new(&[key], "BASE_TYPE_INVALID", error.to_string());
                ApiError::invalid_form_body(vec![problem])
            }),
    }
}

/// A snowflake given as a string or a number.
pub(crate) fn snowflake(value: &Value) -> Option<u64> {
    match value {
        Value::String(s) => s.parse().ok(),
        Value::Number(n) => n.as_u64(),
        _ => None,
    }
}

fn nonce(body: &Value) -> Option<String> {
    match &body["nonce"] {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Whether the bot may post in `channel`: DMs need a recipient who shares a guild with the
/// bot and accepts DMs (else 50007); guild channels need View Channel there (else 50001; for
/// a private thread, being in it or Manage Threads) and Send Messages, or Send Messages in
/// Threads (else 50013), overwrites applied.
fn check_can_send(state: &State, channel: &Channel, with_files: bool) -> Result<(), ApiError> {
    if channel.guild_id.is_none() {
        let recipient = state
            .dm_recipient(channel)
            .and_then(|id| state.users.get(&id));
        let shares_guild = |id| state.guilds.values().any(|g| g.members.contains_key(&id));
        return match recipient {
            Some(user) if user.dms_open && !user.bot && shares_guild(user.id) => Ok(()),
            _ => Err(ApiError::cannot_dm()),
        };
    }
    if channel.kind == ChannelKind::Forum {
        return Err(ApiError::new(
            400,
            50_008,
            "Cannot send messages in a non-text channel",
        ));
    }
    let mut needed = if channel.kind.is_thread() {
        Permissions::SEND_MESSAGES_IN_THREADS
    } else {
        Permissions::SEND_MESSAGES
    };
    if with_files {
        needed |= Permissions::ATTACH_FILES;
    }
    permissions::require_in(state, channel, needed)
}

/// Whether the bot may read `channel`'s history.
fn check_can_read(state: &State, channel: &Channel) -> Result<(), ApiError> {
    match channel.guild_id {
        Some(_) => permissions::require_in(state, channel, Permissions::READ_MESSAGE_HISTORY),
        None => Ok(()),
    }
    .map_err(|_| ApiError::missing_access())
}

fn channel_of(state: &State, req: &Request) -> Result<Channel, ApiError> {
    state
        .channel(ChannelId::new(req.id("channel_id")?))
        .cloned()
}

/// A non-ephemeral message of the request's channel (ephemeral ones are not reachable here).
fn message_of(state: &State, req: &Request) -> Result<Message, ApiError> {
    let channel = channel_of(state, req)?;
    let message = state.message(MessageId::new(req.id("message_id")?))?;
    if message.channel_id != channel.id || message.is_ephemeral() {
        return Err(ApiError::unknown_message());
    }
    Ok(message.clone())
}

/// `POST /channels/{channel_id}/messages`.
pub(crate) fn create(state: &mut State, req: &Request) -> Outcome {
    let channel = channel_of(state, req)?;
    check_can_send(state, &channel, !req.files.is_empty())?;
    let nonce = nonce(&req.body);
    if req.body["enforce_nonce"] == true {
        let earlier = nonce
            .as_ref()
            .and_then(|n| state.nonces.get(n))
            .filter(|r| state.config.clock.now() - r.at < NONCE_WINDOW);
        if let Some(existing) = earlier.and_then(|r| state.messages.get(&r.message_id)) {
            return Ok(Answer::json(payloads::message(state, existing)));
        }
    }
    let message = build(state, &channel, &req.body, &req.files, CHANNEL_FLAGS)?;
    if let Some(nonce) = nonce {
        state.nonces.insert(
            nonce,
            NonceRecord {
                message_id: message.id,
                at: state.config.clock.now(),
            },
        );
    }
    let answer = payloads::message(state, &message);
    state.messages.insert(message.id, message);
    Ok(Answer::json(answer))
}

/// `GET /channels/{channel_id}/messages`: newest first, `limit` (default 50), `before`, `after`.
/// As on Discord, `after` gives the `limit` messages right after it, and a message read back
/// carries no `nonce` (only the answer to its creation and the gateway's event do).
pub(crate) fn list(state: &mut State, req: &Request) -> Outcome {
    let channel = channel_of(state, req)?;
    check_can_read(state, &channel)?;
    let limit = req
        .query("limit")
        .and_then(|l| l.parse::<usize>().ok())
        .unwrap_or(50);
    let before = req
        .query("before")
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(u64::MAX);
    let after = req.query("after").and_then(|v| v.parse::<u64>().ok());
    let in_range = state
        .messages
        .values()
        .filter(|m| m.channel_id == channel.id && !m.is_ephemeral())
        .filter(|m| m.id.get() < before && m.id.get() > after.unwrap_or(0));
    let mut chosen: Vec<&Message> = match after {
        Some(_) => in_range.take(limit).collect(),
        None => in_range.rev().take(limit).collect(),
    };
    chosen.sort_by_key(|m| std::cmp::Reverse(m.id));
    let found = chosen.into_iter().map(|m| read_back(state, m)).collect();
    Ok(Answer::json(Value::Array(found)))
}

/// A message as a read answers it: without the nonce it was created with.
fn read_back(state: &State, message: &Message) -> Value {
    let mut value = payloads::message(state, message);
    if let Some(fields) = value.as_object_mut() {
        fields.remove("nonce");
    }
    value
}

/// `GET /channels/{channel_id}/messages/{message_id}`.
pub(crate) fn get(state: &mut State, req: &Request) -> Outcome {
    let channel = channel_of(state, req)?;
    check_can_read(state, &channel)?;
    let message = message_of(state, req)?;
    Ok(Answer::json(read_back(state, &message)))
}

/// `PATCH /channels/{channel_id}/messages/{message_id}`: only the bot's own messages.
pub(crate) fn edit_message(state: &mut State, req: &Request) -> Outcome {
    let mut message = message_of(state, req)?;
    if message.author_id != state.bot_id {
        return Err(ApiError::cannot_edit_others_message());
    }
    edit(state, &mut message, &req.body, &req.files)?;
    let answer = payloads::message(state, &message);
    state.messages.insert(message.id, message);
    Ok(Answer::json(answer))
}

/// `DELETE /channels/{channel_id}/messages/{message_id}`.
pub(crate) fn delete(state: &mut State, req: &Request) -> Outcome {
    let message = message_of(state, req)?;
    if message.author_id != state.bot_id {
        if let Some(guild) = message.guild_id {
            state.require(guild, Permissions::MANAGE_MESSAGES)?;
        }
    }
    state.messages.remove(&message.id);
    Ok(Answer::no_content())
}
