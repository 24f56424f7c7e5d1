//! The gateway URL, the bot's own user and application, other users, and DM channels.

use serde_json::json;
use serenity::all::UserId;

use super::messages::snowflake;
use super::{Answer, Outcome, Request};
use crate::errors::ApiError;
use crate::payloads;
use crate::state::State;

/// `GET /gateway`: where the bot connects (no token needed, as on Discord).
pub(crate) fn gateway(state: &mut State, _req: &Request) -> Outcome {
    Ok(Answer::json(json!({ "url": state.gateway_url() })))
}

/// Sessions a bot may start a day.
const SESSION_STARTS_A_DAY: u32 = 1000;

/// `GET /gateway/bot`: the URL with the recommended shard count, and how many sessions the
/// bot may still start today (each IDENTIFY counts; shards start one at a time).
pub(crate) fn gateway_bot(state: &mut State, _req: &Request) -> Outcome {
    let remaining = SESSION_STARTS_A_DAY.saturating_sub(state.gateway.identifies);
    Ok(Answer::json(json!({
        "url": state.gateway_url(),
        "shards": state.config.shards,
        "session_start_limit": {
            "total": SESSION_STARTS_A_DAY,
            "remaining": remaining,
            "reset_after": 86_400_000,
            "max_concurrency": 1,
        },
    })))
}

/// `GET /users/@me`.
pub(crate) fn current_user(state: &mut State, _req: &Request) -> Outcome {
    Ok(Answer::json(payloads::current_user(state)))
}

/// `GET /users/{user_id}`.
pub(crate) fn user(state: &mut State, req: &Request) -> Outcome {
    let user = state.user(UserId::new(req.id("user_id")?))?;
    Ok(Answer::json(payloads::user(user)))
}

/// `GET /oauth2/applications/@me`.
pub(crate) fn application(state: &mut State, _req: &Request) -> Outcome {
    Ok(Answer::json(payloads::application(state)))
}

/// `POST /users/@me/channels`: the DM channel with `recipient_id` (opening one always works;
/// sending into it is where closed DMs fail).
pub(crate) fn open_dm(state: &mut State, req: &Request) -> Outcome {
    let recipient = snowflake(&req.body["recipient_id"])
        .filter(|id| *id != 0)
        .map(UserId::new);
    let recipient = recipient.filter(|id| state.users.contains_key(id) && *id != state.bot_id);
    let user = recipient.ok_or_else(ApiError::invalid_recipient)?;
    let channel = state.dm_channel(user);
    let channel = state.channel(channel)?;
    Ok(Answer::json(payloads::channel(state, channel)))
}
