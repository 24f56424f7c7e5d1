//! Discord's JSON for everything the fake sends: REST answers, gateway dispatches and
//! interactions. Each builder reads the state and returns the exact object Discord would; the
//! self-test (`tests/payloads_match_serenity.rs`) proves serenity's typed model accepts them.

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{json, Value};
use serenity::all::{GuildId, UserId};

use crate::model::{
    Attachment, Channel, ChannelKind, Command, ForumTag, Member, Message, Role, ScheduledEvent,
};
use crate::permissions;
use crate::state::{GuildRecord, InteractionRecord, State, UserRecord};

/// A timestamp as Discord writes it: `2024-05-01T18:00:00.000000+00:00`.
pub(crate) fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Micros, false)
}

/// A user object.
pub(crate) fn user(record: &UserRecord) -> Value {
    json!({
        "id": record.id.to_string(),
        "username": record.name,
        "discriminator": "0",
        "global_name": record.name,
        "avatar": null,
        "bot": record.bot,
        "system": false,
        "public_flags": 0,
        "flags": 0,
        "banner": null,
        "accent_color": null,
        "avatar_decoration_data": null,
    })
}

/// A user object for `id`, or a placeholder for an id the fake never saw.
pub(crate) fn user_by_id(state: &State, id: UserId) -> Value {
    state.users.get(&id).map_or_else(
        || {
            user(&UserRecord {
                id,
                name: "unknown-user".into(),
                bot: false,
                dms_open: false,
                locale: crate::state::DEFAULT_LOCALE,
            })
        },
        user,
    )
}

/// `GET /users/@me` and the user in READY.
pub(crate) fn current_user(state: &State) -> Value {
    let mut me = user_by_id(state, state.bot_id);
    me["verified"] = json!(true);
    me["mfa_enabled"] = json!(false);
    me["email"] = Value::Null;
    me["locale"] = json!("en-US");
    me
}

/// `GET /oauth2/applications/@me`.
pub(crate) fn application(state: &State) -> Value {
    let owner = state.guilds.get(&state.default_guild).map(|g| g.owner_id);
    json!({
        "id": state.bot_id.to_string(),
        "name": state.config.bot_name,
        "icon": null,
        "description": "",
        "summary": "",
        "rpc_origins": [],
        "bot_public": true,
        "bot_require_code_grant": false,
        "terms_of_service_url": null,
        "privacy_policy_url": null,
        "owner": owner.map(|id| user_by_id(state, id)),
        "verify_key": "0000000000000000000000000000000000000000000000000000000000000000",
        "team": null,
        "guild_id": null,
        "primary_sku_id": null,
        "slug": null,
        "cover_image": null,
        "flags": 0,
        "tags": [],
        "install_params": null,
        "custom_install_url": null,
        "role_connections_verification_url": null,
        "approximate_guild_count": state.guilds.len(),
        "interactions_endpoint_url": null,
        "redirect_uris": [],
        "bot": user_by_id(state, state.bot_id),
    })
}

/// A role object; the bot's own role is tagged with the bot's id.
pub(crate) fn role(state: &State, role: &Role) -> Value {
    let mut value = json!({
        "id": role.id.to_string(),
        "name": role.name,
        "color": role.color,
        "colors": { "primary_color": role.color, "secondary_color": null, "tertiary_color": null },
        "hoist": role.hoist,
        "icon": null,
        "unicode_emoji": null,
        "position": role.position,
        "permissions": role.permissions.bits().to_string(),
        "managed": role.managed,
        "mentionable": role.mentionable,
        "flags": 0,
    });
    if role.managed {
        value["tags"] = json!({ "bot_id": state.bot_id.to_string() });
    }
    value
}

/// `GUILD_ROLE_CREATE` / `GUILD_ROLE_UPDATE`.
pub(crate) fn role_event(state: &State, role_record: &Role) -> Value {
    json!({ "guild_id": role_record.guild_id.to_string(), "role": role(state, role_record) })
}

/// A guild member object (with its user).
pub(crate) fn member(state: &State, member: &Member) -> Value {
    json!({
        "user": user_by_id(state, member.user_id),
        "nick": member.nick,
        "avatar": null,
        "roles": member.roles.iter().map(ToString::to_string).collect::<Vec<_>>(),
        "joined_at": timestamp(member.joined_at),
        "premium_since": null,
        "deaf": false,
        "mute": false,
        "flags": 0,
        "pending": false,
        "communication_disabled_until": null,
    })
}

/// `GUILD_MEMBER_ADD`: the member with its guild.
pub(crate) fn member_event(state: &State, record: &Member) -> Value {
    let mut value = member(state, record);
    value["guild_id"] = json!(record.guild_id.to_string());
    value
}

/// `GUILD_MEMBER_UPDATE`.
pub(crate) fn member_update(state: &State, record: &Member) -> Value {
    member_event(state, record)
}

/// `GUILD_MEMBER_REMOVE`.
pub(crate) fn member_remove(state: &State, guild: GuildId, user: UserId) -> Value {
    json!({ "guild_id": guild.to_string(), "user": user_by_id(state, user) })
}

/// A channel object: guild text or voice channel, thread, or DM.
pub(crate) fn channel(state: &State, channel: &Channel) -> Value {
    let last_message_id = state
        .messages
        .values()
        .filter(|m| m.channel_id == channel.id)
        .map(|m| m.id.to_string())
        .next_back();
    let id = channel.id.to_string();
    let guild_id = channel.guild_id.map(|g| g.to_string());
    match channel.kind {
        ChannelKind::Dm => json!({
            "id": id,
            "type": 1,
            "last_message_id": last_message_id,
            "recipients": channel.members.iter().map(|u| user_by_id(state, *u)).collect::<Vec<_>>(),
            "flags": 0,
        }),
        ChannelKind::Text | ChannelKind::Voice | ChannelKind::Forum => {
            let mut value = json!({
                "id": id,
                "type": channel.kind.number(),
                "guild_id": guild_id,
                "name": channel.name,
                "position": channel.position,
                "permission_overwrites": permissions::to_json(&channel.overwrites),
                "nsfw": false,
                "rate_limit_per_user": 0,
                "parent_id": null,
                "last_message_id": last_message_id,
                "flags": 0,
            });
            if channel.kind == ChannelKind::Forum {
                value["topic"] = Value::Null;
                value["available_tags"] = forum_tags(&channel.tags);
                value["default_reaction_emoji"] = Value::Null;
                value["default_sort_order"] = Value::Null;
                value["default_forum_layout"] = json!(0);
                value["default_thread_rate_limit_per_user"] = json!(0);
            } else if channel.kind == ChannelKind::Text {
                value["topic"] = Value::Null;
            } else {
                value["bitrate"] = json!(64000);
                value["user_limit"] = json!(0);
                value["rtc_region"] = Value::Null;
            }
            value
        }
        ChannelKind::PublicThread | ChannelKind::PrivateThread => {
            let created = snowflake_time(channel.id.get());
            let count = state
                .messages
                .values()
                .filter(|m| m.channel_id == channel.id)
                .count();
            let mut metadata = json!({
                "archived": false,
                "auto_archive_duration": 1440,
                "archive_timestamp": timestamp(created),
                "locked": false,
                "create_timestamp": timestamp(created),
            });
            if channel.kind == ChannelKind::PrivateThread {
                metadata["invitable"] = json!(true);
            }
            json!({
                "id": id,
                "type": channel.kind.number(),
                "guild_id": guild_id,
                "parent_id": channel.parent_id.map(|p| p.to_string()),
                "owner_id": channel.owner_id.map(|o| o.to_string()),
                "name": channel.name,
                "last_message_id": last_message_id,
                "message_count": count,
                "total_message_sent": count,
                "member_count": channel.members.len().min(50),
                "rate_limit_per_user": 0,
                "thread_metadata": metadata,
                "applied_tags": channel.applied_tags.iter().map(|t| t.to_string()).collect::<Vec<_>>(),
                "flags": 0,
            })
        }
    }
}

fn forum_tags(tags: &[ForumTag]) -> Value {
    let tags: Vec<Value> = tags
        .iter()
        .map(|t| {
            json!({
                "id": t.id.to_string(),
                "name": t.name,
                "moderated": t.moderated,
                "emoji_id": null,
                "emoji_name": null,
            })
        })
        .collect();
    json!(tags)
}

/// The fields shared by `GET /guilds/{id}` and `GUILD_CREATE`.
fn guild_base(state: &State, guild: &GuildRecord) -> Value {
    json!({
        "id": guild.id.to_string(),
        "name": guild.name,
        "icon": null,
        "icon_hash": null,
        "splash": null,
        "discovery_splash": null,
        "owner_id": guild.owner_id.to_string(),
        "afk_channel_id": null,
        "afk_timeout": 300,
        "widget_enabled": false,
        "widget_channel_id": null,
        "verification_level": 1,
        "default_message_notifications": 1,
        "explicit_content_filter": 2,
        "roles": guild.roles_by_position().into_iter().map(|r| role(state, r)).collect::<Vec<_>>(),
        "emojis": [],
        "features": [],
        "mfa_level": 0,
        "application_id": null,
        "system_channel_id": guild.system_channel_id.map(|c| c.to_string()),
        "system_channel_flags": 0,
        "rules_channel_id": null,
        "max_presences": null,
        "max_members": 500_000,
        "vanity_url_code": null,
        "description": null,
        "banner": null,
        "premium_tier": 0,
        "premium_subscription_count": 0,
        "preferred_locale": guild.locale,
        "public_updates_channel_id": null,
        "max_video_channel_users": 25,
        "max_stage_video_channel_users": 50,
        "nsfw_level": 0,
        "stickers": [],
        "premium_progress_bar_enabled": false,
        "safety_alerts_channel_id": null,
        "incidents_data": null,
        "approximate_member_count": guild.members.len(),
        "approximate_presence_count": 0,
        "bot_id": state.bot_id.to_string(),
    })
}

/// `GET /guilds/{guild_id}`.
pub(crate) fn guild(state: &State, guild: &GuildRecord) -> Value {
    let mut value = guild_base(state, guild);
    if let Some(map) = value.as_object_mut() {
        map.remove("bot_id");
    }
    value
}

/// `GUILD_CREATE`: the guild with its channels, threads, members and scheduled events.
pub(crate) fn guild_create(state: &State, id: GuildId) -> Value {
    let Some(record) = state.guilds.get(&id) else {
        return json!({ "id": id.to_string(), "unavailable": true });
    };
    let mut value = guild(state, record);
    let guild_channels = state.channels.values().filter(|c| c.guild_id == Some(id));
    let (threads, channels): (Vec<&Channel>, Vec<&Channel>) =
        guild_channels.partition(|c| c.kind.is_thread());
    let events = state.events.values().filter(|e| e.guild_id == id);
    let extra = json!({
        "joined_at": timestamp(record.bot_joined_at),
        "large": false,
        "unavailable": false,
        "member_count": record.members.len(),
        "voice_states": [],
        "members": record.members.values().map(|m| member(state, m)).collect::<Vec<_>>(),
        "channels": channels.into_iter().map(|c| channel(state, c)).collect::<Vec<_>>(),
        "threads": threads.into_iter().map(|c| channel(state, c)).collect::<Vec<_>>(),
        "presences": [],
        "stage_instances": [],
        "guild_scheduled_events": events.map(|e| scheduled_event(state, e, false)).collect::<Vec<_>>(),
        "soundboard_sounds": [],
    });
    merge(&mut value, extra);
    value
}

/// `READY`.
pub(crate) fn ready(state: &State, session_id: &str, shard: [u32; 2]) -> Value {
    json!({
        "v": 10,
        "user": current_user(state),
        "guilds": state.guilds.keys()
            .filter(|id| crate::gateway::shard_of(id.get(), shard[1]) == shard[0])
            .map(|id| json!({ "id": id.to_string(), "unavailable": true }))
            .collect::<Vec<_>>(),
        "session_id": session_id,
        "session_type": "normal",
        "resume_gateway_url": state.gateway_url(),
        "shard": shard,
        "application": { "id": state.bot_id.to_string(), "flags": 0 },
        "private_channels": [],
        "relationships": [],
        "presences": [],
        "guild_join_requests": [],
        "geo_ordered_rtc_regions": [],
        "_trace": ["fake-discord"],
    })
}

/// A message object.
pub(crate) fn message(state: &State, message: &Message) -> Value {
    let embeds: Vec<Value> = message
        .embeds
        .iter()
        .map(|embed| {
            let mut value = serde_json::to_value(embed).unwrap_or_else(|_| json!({}));
            value["type"] = json!("rich");
            value
        })
        .collect();
    let mut value = json!({
        "id": message.id.to_string(),
        "channel_id": message.channel_id.to_string(),
        "author": user_by_id(state, message.author_id),
        "content": message.content,
        "timestamp": timestamp(message.created_at),
        "edited_timestamp": message.edited_at.map(timestamp),
        "tts": false,
        "mention_everyone": false,
        "mentions": [],
        "mention_roles": [],
        "attachments": message.attachments.iter().map(|a| attachment(state, message, a)).collect::<Vec<_>>(),
        "embeds": embeds,
        "pinned": message.pinned,
        "type": if message.interaction_id.is_some() { 20 } else { 0 },
        "flags": message.flags.bits(),
        "components": serde_json::to_value(&message.components).unwrap_or_else(|_| json!([])),
    });
    if let Some(guild) = message.guild_id {
        value["guild_id"] = json!(guild.to_string());
    }
    if let Some(nonce) = &message.nonce {
        value["nonce"] = json!(nonce);
    }
    if message.interaction_id.is_some() {
        value["webhook_id"] = json!(state.bot_id.to_string());
        value["application_id"] = json!(state.bot_id.to_string());
    }
    value
}

/// An attachment object, with a URL the fake serves the file from.
fn attachment(state: &State, message: &Message, file: &Attachment) -> Value {
    let url = format!(
        "{}/attachments/{}/{}/{}",
        state.base_url,
        message.channel_id,
        file.id,
        url_encode(&file.filename)
    );
    json!({
        "id": file.id.to_string(),
        "filename": file.filename,
        "description": file.description,
        "content_type": file.content_type,
        "size": file.data.len(),
        "url": url,
        "proxy_url": url,
        "ephemeral": message.is_ephemeral(),
    })
}

/// A guild scheduled event object.
pub(crate) fn scheduled_event(state: &State, event: &ScheduledEvent, with_count: bool) -> Value {
    let metadata = event
        .location
        .as_ref()
        .map(|location| json!({ "location": location }));
    let mut value = json!({
        "id": event.id.to_string(),
        "guild_id": event.guild_id.to_string(),
        "channel_id": event.channel_id.map(|c| c.to_string()),
        "creator_id": event.creator_id.to_string(),
        "creator": user_by_id(state, event.creator_id),
        "name": event.name,
        "description": event.description,
        "scheduled_start_time": timestamp(event.start),
        "scheduled_end_time": event.end.map(timestamp),
        "privacy_level": 2,
        "status": u8::from(event.status),
        "entity_type": u8::from(event.kind),
        "entity_id": null,
        "entity_metadata": metadata,
        "image": null,
        "recurrence_rule": null,
    });
    if with_count {
        value["user_count"] = json!(event.subscribers.len());
    }
    value
}

/// `GUILD_SCHEDULED_EVENT_USER_ADD` / `_REMOVE`.
pub(crate) fn scheduled_event_user(event: &ScheduledEvent, user: UserId) -> Value {
    json!({
        "guild_scheduled_event_id": event.id.to_string(),
        "user_id": user.to_string(),
        "guild_id": event.guild_id.to_string(),
    })
}

/// An application command object: the registration plus Discord's own fields.
pub(crate) fn command(state: &State, command: &Command) -> Value {
    let mut value = command.definition.clone();
    let defaults = json!({
        "type": 1,
        "default_member_permissions": null,
        "nsfw": false,
        "description": "",
    });
    if let (Some(map), Value::Object(defaults)) = (value.as_object_mut(), defaults) {
        for (key, default) in defaults {
            match map.get(&key) {
                Some(existing) if !existing.is_null() || key == "default_member_permissions" => {}
                _ => {
                    map.insert(key, default);
                }
            }
        }
    }
    merge(
        &mut value,
        json!({
            "id": command.id.to_string(),
            "application_id": state.bot_id.to_string(),
            "version": command.id.to_string(),
        }),
    );
    if let Some(guild) = command.guild_id {
        value["guild_id"] = json!(guild.to_string());
    }
    value
}

/// An `INTERACTION_CREATE` payload for a recorded interaction with its `data`.
pub(crate) fn interaction(state: &State, record: &InteractionRecord, data: Value) -> Value {
    let channel_value = state
        .channels
        .get(&record.channel_id)
        .map(|c| partial_channel(state, c, record.user_id))
        .unwrap_or(Value::Null);
    let mut value = json!({
        "id": record.id.to_string(),
        "application_id": state.bot_id.to_string(),
        "type": record.kind.number(),
        "data": data,
        "channel": channel_value,
        "channel_id": record.channel_id.to_string(),
        "token": record.token,
        "version": 1,
        "locale": record.locale,
        "entitlements": [],
        "attachment_size_limit": 10_485_760,
    });
    match record.guild_id {
        Some(guild) => {
            let mut member_value = state
                .member(guild, record.user_id)
                .map(|m| member(state, m))
                .unwrap_or_else(
                    |_| json!({ "user": user_by_id(state, record.user_id), "roles": [] }),
                );
            let permissions = state.permissions(guild, record.user_id).bits().to_string();
            let guild_locale = state
                .guilds
                .get(&guild)
                .map_or(crate::state::DEFAULT_LOCALE, |g| g.locale);
            member_value["permissions"] = json!(permissions);
            merge(
                &mut value,
                json!({
                    "guild_id": guild.to_string(),
                    "guild": { "id": guild.to_string(), "locale": guild_locale, "features": [] },
                    "guild_locale": guild_locale,
                    "member": member_value,
                    "app_permissions": state.permissions(guild, state.bot_id).bits().to_string(),
                    "authorizing_integration_owners": { "0": guild.to_string() },
                    "context": 0,
                }),
            );
        }
        None => merge(
            &mut value,
            json!({
                "user": user_by_id(state, record.user_id),
                "app_permissions": serenity::all::Permissions::all().bits().to_string(),
                "authorizing_integration_owners": { "0": "0", "1": record.user_id.to_string() },
                "context": 1,
            }),
        ),
    }
    if let Some(source) = record.source_message.and_then(|id| state.messages.get(&id)) {
        value["message"] = message(state, source);
    }
    value
}

/// The partial channel inside an interaction, with the user's permissions in it.
pub(crate) fn partial_channel(state: &State, channel_record: &Channel, user: UserId) -> Value {
    let mut value = channel(state, channel_record);
    if let Some(guild) = channel_record.guild_id {
        value["permissions"] = json!(state.permissions(guild, user).bits().to_string());
    }
    value
}

/// The `resolved` entry for a user (and their membership, if in `guild`).
pub(crate) fn resolve_user(
    state: &State,
    guild: Option<GuildId>,
    id: UserId,
    resolved: &mut Value,
) {
    resolved["users"][id.to_string()] = user_by_id(state, id);
    let member_record = guild.and_then(|g| state.member(g, id).ok());
    if let (Some(guild), Some(record)) = (guild, member_record) {
        let mut value = member(state, record);
        if let Some(map) = value.as_object_mut() {
            map.remove("user");
        }
        value["permissions"] = json!(state.permissions(guild, id).bits().to_string());
        resolved["members"][id.to_string()] = value;
    }
}

/// Copies every key of `extra` into `target`.
pub(crate) fn merge(target: &mut Value, extra: Value) {
    if let (Some(map), Value::Object(extra)) = (target.as_object_mut(), extra) {
        map.extend(extra);
    }
}

/// When a snowflake was made.
pub(crate) fn snowflake_time(id: u64) -> DateTime<Utc> {
    let ms = (id >> 22) + 1_420_070_400_000;
    DateTime::from_timestamp_millis(i64::try_from(ms).unwrap_or(0)).unwrap_or_default()
}

/// Percent-encodes a path segment.
fn url_encode(segment: &str) -> String {
    segment
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}
