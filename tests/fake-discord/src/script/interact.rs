//! Sending one interaction to the bot and collecting what it answered: wait for the callback
//! (recording a violation if the deadline passes), for the follow-up of a deferred response,
//! and for the bot to finish handling it.

use std::time::Instant;

use serde_json::Value;
use serenity::all::{ChannelId, GuildId, InteractionId, MessageId, UserId};

use super::reply::{CallbackType, Origin, Reply};
use crate::payloads;
use crate::server::Shared;
use crate::state::{InteractionKind, InteractionRecord, State};
use crate::violations::{Violation, ViolationKind};

/// An interaction to send.
pub(crate) struct Invocation {
    pub kind: InteractionKind,
    pub user: UserId,
    pub guild: Option<GuildId>,
    pub channel: ChannelId,
    pub source_message: Option<MessageId>,
    /// For a modal submission: the token of the interaction that opened the modal.
    pub parent: Option<String>,
    pub data: Value,
    /// The locale to send, when not the user's own.
    pub locale: Option<&'static str>,
}

/// Sends the interaction and returns the bot's answer once it has finished handling it.
pub(crate) async fn interact(shared: &Shared, invocation: Invocation) -> Reply {
    shared.ready().await;
    let (id, token, deadline, reply_timeout) = {
        let mut state = shared.lock();
        let record = InteractionRecord {
            id: InteractionId::new(state.next_id()),
            token: state.next_token(),
            kind: invocation.kind,
            user_id: invocation.user,
            guild_id: invocation.guild,
            channel_id: invocation.channel,
            source_message: invocation.source_message,
            parent: invocation.parent,
            locale: invocation
                .locale
                .or_else(|| state.users.get(&invocation.user).map(|u| u.locale))
                .unwrap_or(crate::state::DEFAULT_LOCALE)
                .to_owned(),
            created: Instant::now(),
            expired: false,
            callback: None,
            callback_at: None,
            original: None,
            followups: vec![],
            modal: None,
            choices: vec![],
            answered_after_defer: false,
            dispatched: Value::Null,
        };
        let payload = payloads::interaction(&state, &record, invocation.data);
        let (id, token) = (record.id, record.token.clone());
        state.interactions.insert(
            token.clone(),
            InteractionRecord {
                dispatched: payload.clone(),
                ..record
            },
        );
        state.dispatch("INTERACTION_CREATE", payload);
        (
            id,
            token,
            state.config.interaction_deadline,
            state.config.reply_timeout,
        )
    };
    shared.notify();
    let callback = shared
        .wait_for(deadline, |s| {
            s.interactions.get(&token).and_then(|r| r.callback)
        })
        .await;
    match callback {
        None => expire(&mut shared.lock(), &token),
        Some(5) => {
            let followed = |s: &mut State| {
                s.interactions
                    .get(&token)
                    .filter(|r| r.answered_after_defer)
                    .map(|_| ())
            };
            shared.wait_for(reply_timeout, followed).await;
        }
        Some(_) => {}
    }
    shared.after_interaction(id).await;
    let reply = reply(&shared.lock(), &token);
    shared.check_violations();
    reply
}

/// Dispatches an interaction again, as a gateway replay after a resume would, and returns its
/// reply once the bot has handled the repeat: a bot that answers twice gets Discord's 40060.
pub(crate) async fn replay(shared: &Shared, token: &str) -> Reply {
    {
        let mut state = shared.lock();
        let payload = state.interactions[token].dispatched.clone();
        state.dispatch("INTERACTION_CREATE", payload);
    }
    shared.notify();
    shared.after_events("INTERACTION_CREATE").await;
    let reply = reply(&shared.lock(), token);
    shared.check_violations();
    reply
}

/// The deadline passed without a callback: the token dies and a violation is recorded.
fn expire(state: &mut State, token: &str) {
    let deadline = state.config.interaction_deadline;
    let Some(record) = state.interactions.get_mut(token) else {
        return;
    };
    if record.callback.is_some() || record.expired {
        return;
    }
    record.expired = true;
    let since = record.created;
    let data = &record.dispatched["data"];
    let what = data["name"]
        .as_str()
        .or(data["custom_id"].as_str())
        .unwrap_or_default();
    let mut problems = vec![format!(
        "no callback within {deadline:?} of INTERACTION_CREATE ({what}); the user sees \"This interaction failed\""
    )];
    problems.extend(
        state
            .requests
            .iter()
            .filter(|r| r.at >= since)
            .map(|r| format!("meanwhile: {} {} answered {}", r.method, r.path, r.status)),
    );
    let violation = Violation {
        kind: ViolationKind::InteractionNotAnswered,
        method: "POST".into(),
        path: format!(
            "/interactions/{}/{token}/callback",
            state.interactions[token].id
        ),
        body: None,
        problems,
    };
    state.violations.push(violation);
}

/// The reply as it stands now (interactions are never forgotten, so the token is known). A
/// modal submission also shows the follow-ups sent since on the interaction that opened the
/// modal, where frameworks such as poise answer it.
fn reply(state: &State, token: &str) -> Reply {
    let record = &state.interactions[token];
    let message = |id: &MessageId| state.messages.get(id).cloned();
    let later_on_parent = record
        .parent
        .as_ref()
        .and_then(|parent| state.interactions.get(parent))
        .map_or(vec![], |parent| {
            parent
                .followups
                .iter()
                .filter(|id| id.get() > record.id.get())
                .copied()
                .collect()
        });
    Reply {
        interaction_id: record.id,
        token: record.token.clone(),
        origin: Origin {
            guild_id: record.guild_id,
            channel_id: record.channel_id,
            source_message: record.source_message,
        },
        callback: record.callback.map(CallbackType::from),
        sent_at: record.created,
        answered_at: record.callback_at,
        original: record.original.as_ref().and_then(message),
        followups: record
            .followups
            .iter()
            .chain(&later_on_parent)
            .filter_map(message)
            .collect(),
        modal: record.modal.clone(),
        choices: record.choices.clone(),
    }
}
