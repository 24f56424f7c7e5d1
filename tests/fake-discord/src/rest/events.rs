//! Guild scheduled events: create, list, get, edit (including status changes), delete, and
//! the users interested in one. Changes are announced as GUILD_SCHEDULED_EVENT_* dispatches.

use chrono::{DateTime, Utc};
use serde_json::{json, Value};
use serenity::all::{
    ChannelId, GuildId, Permissions, ScheduledEventId, ScheduledEventStatus, ScheduledEventType,
};

use super::{Answer, Outcome, Request};
use crate::errors::{ApiError, Problem};
use crate::model::{ChannelKind, ScheduledEvent};
use crate::payloads;
use crate::state::State;

fn guild_of(state: &State, req: &Request) -> Result<GuildId, ApiError> {
    let guild = GuildId::new(req.id("guild_id")?);
    state.guild(guild)?;
    Ok(guild)
}

fn event_of(state: &State, req: &Request) -> Result<ScheduledEvent, ApiError> {
    let guild = guild_of(state, req)?;
    let id = ScheduledEventId::new(req.id("guild_scheduled_event_id")?);
    state
        .events
        .get(&id)
        .filter(|e| e.guild_id == guild)
        .cloned()
        .ok_or_else(ApiError::unknown_scheduled_event)
}

fn invalid(field: &str, message: &str) -> ApiError {
    ApiError::invalid_form_body(vec![Problem::new(&[field], "BASE_TYPE_INVALID", message)])
}

fn time(body: &Value, field: &str) -> Result<Option<DateTime<Utc>>, ApiError> {
    match body[field].as_str() {
        None => Ok(None),
        Some(text) => DateTime::parse_from_rfc3339(text)
            .map(|t| Some(t.with_timezone(&Utc)))
            .map_err(|_| invalid(field, "Could not parse the timestamp.")),
    }
}

/// Applies the fields a create or edit body sets; a channel must be a voice channel of the guild.
fn apply(state: &State, event: &mut ScheduledEvent, body: &Value) -> Result<(), ApiError> {
    if let Some(name) = body["name"].as_str() {
        name.clone_into(&mut event.name);
    }
    if let Some(description) = body.get("description") {
        event.description = description.as_str().map(str::to_owned);
    }
    if let Some(start) = time(body, "scheduled_start_time")? {
        event.start = start;
    }
    if body.get("scheduled_end_time").is_some() {
        event.end = time(body, "scheduled_end_time")?;
    }
    if let Some(kind) = body["entity_type"]
        .as_u64()
        .and_then(|k| u8::try_from(k).ok())
    {
        event.kind = ScheduledEventType::from(kind);
    }
    if let Some(location) = body["entity_metadata"]["location"].as_str() {
        event.location = Some(location.to_owned());
    }
    if let Some(channel) = body.get("channel_id") {
        event.channel_id = super::messages::snowflake(channel)
            .filter(|id| *id != 0)
            .map(ChannelId::new);
    }
    if event.kind == ScheduledEventType::External {
        event.channel_id = None;
    } else {
        event.location = None;
        let channel = event
            .channel_id
            .ok_or_else(|| invalid("channel_id", "This event needs a channel."))?;
        let channel = state.channel(channel)?;
        if channel.guild_id != Some(event.guild_id) || channel.kind != ChannelKind::Voice {
            return Err(invalid(
                "channel_id",
                "The channel must be a voice channel of this guild.",
            ));
        }
    }
    Ok(())
}

/// `GET /guilds/{guild_id}/scheduled-events`.
pub(crate) fn list(state: &mut State, req: &Request) -> Outcome {
    let guild = guild_of(state, req)?;
    let counts = req.query("with_user_count") == Some("true");
    let found = state
        .events
        .values()
        .filter(|e| e.guild_id == guild)
        .map(|e| payloads::scheduled_event(state, e, counts))
        .collect();
    Ok(Answer::json(Value::Array(found)))
}

/// `POST /guilds/{guild_id}/scheduled-events`.
pub(crate) fn create(state: &mut State, req: &Request) -> Outcome {
    let guild = guild_of(state, req)?;
    state.require(guild, Permissions::MANAGE_EVENTS)?;
    let mut event = ScheduledEvent {
        id: ScheduledEventId::new(state.next_id()),
        guild_id: guild,
        name: String::new(),
        description: None,
        start: Utc::now(),
        end: None,
        status: ScheduledEventStatus::Scheduled,
        kind: ScheduledEventType::External,
        location: None,
        channel_id: None,
        creator_id: state.bot_id,
        subscribers: vec![],
    };
    apply(state, &mut event, &req.body)?;
    let answer = payloads::scheduled_event(state, &event, false);
    state.events.insert(event.id, event);
    state.dispatch("GUILD_SCHEDULED_EVENT_CREATE", answer.clone());
    Ok(Answer::json(answer))
}

/// `GET /guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}`.
pub(crate) fn get(state: &mut State, req: &Request) -> Outcome {
    let event = event_of(state, req)?;
    let counts = req.query("with_user_count") == Some("true");
    Ok(Answer::json(payloads::scheduled_event(
        state, &event, counts,
    )))
}

/// `PATCH /guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}`: fields and status
/// (scheduled → active or canceled, active → completed).
pub(crate) fn edit(state: &mut State, req: &Request) -> Outcome {
    let mut event = event_of(state, req)?;
    state.require(event.guild_id, Permissions::MANAGE_EVENTS)?;
    apply(state, &mut event, &req.body)?;
    if let Some(status) = req.body["status"]
        .as_u64()
        .and_then(|s| u8::try_from(s).ok())
    {
        let next = ScheduledEventStatus::from(status);
        let allowed = matches!(
            (event.status, next),
            (
                ScheduledEventStatus::Scheduled,
                ScheduledEventStatus::Active | ScheduledEventStatus::Canceled
            ) | (
                ScheduledEventStatus::Active,
                ScheduledEventStatus::Completed
            )
        );
        if !allowed && event.status != next {
            return Err(invalid(
                "status",
                "Invalid scheduled event status transition.",
            ));
        }
        event.status = next;
    }
    let answer = payloads::scheduled_event(state, &event, false);
    state.events.insert(event.id, event);
    state.dispatch("GUILD_SCHEDULED_EVENT_UPDATE", answer.clone());
    Ok(Answer::json(answer))
}

/// `DELETE /guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}`.
pub(crate) fn delete(state: &mut State, req: &Request) -> Outcome {
    let event = event_of(state, req)?;
    state.require(event.guild_id, Permissions::MANAGE_EVENTS)?;
    let payload = payloads::scheduled_event(state, &event, false);
    state.events.remove(&event.id);
    state.dispatch("GUILD_SCHEDULED_EVENT_DELETE", payload);
    Ok(Answer::no_content())
}

/// `GET /guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}/users`: `limit`
/// (default 100), `with_member`, `before` / `after` a user id.
pub(crate) fn users(state: &mut State, req: &Request) -> Outcome {
    let event = event_of(state, req)?;
    let limit = req
        .query("limit")
        .and_then(|l| l.parse::<usize>().ok())
        .unwrap_or(100);
    let with_member = req.query("with_member") == Some("true");
    let before = req
        .query("before")
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(u64::MAX);
    let after = req
        .query("after")
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(0);
    let mut subscribers = event.subscribers.clone();
    subscribers.sort();
    let found = subscribers
        .into_iter()
        .filter(|u| u.get() > after && u.get() < before)
        .take(limit)
        .filter_map(|user| {
            let record = state.users.get(&user)?;
            let mut entry = json!({ "guild_scheduled_event_id": event.id.to_string(), "user": payloads::user(record) });
            if let (true, Ok(member)) = (with_member, state.member(event.guild_id, user)) {
                entry["member"] = payloads::member(state, member);
            }
            Some(entry)
        })
        .collect();
    Ok(Answer::json(Value::Array(found)))
}
