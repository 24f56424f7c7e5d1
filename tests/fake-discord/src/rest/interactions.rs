//! Interaction responses: the callback (`POST /interactions/{id}/{token}/callback`, answered
//! 204), follow-ups (`POST /webhooks/{app}/{token}`) and the original response or a follow-up
//! by id (`GET/PATCH/DELETE /webhooks/{app}/{token}/messages/...`).
//!
//! As on Discord: the callback must come within the deadline (3 s) and only once; a token lives
//! 15 minutes; the first follow-up after a deferred response replaces the "thinking" message.

use serenity::all::{MessageFlags, MessageId};

use super::messages::{self, INTERACTION_FLAGS};
use super::{Answer, Outcome, Request};
use crate::errors::{ApiError, Problem};
use crate::model::{Choice, Message, Modal};
use crate::payloads;
use crate::state::{InteractionRecord, State, INTERACTION_TOKEN_LIFETIME};
use crate::violations::ViolationKind;

/// `POST /interactions/{interaction_id}/{interaction_token}/callback`.
pub(crate) fn callback(state: &mut State, req: &Request) -> Outcome {
    let id = req.id("interaction_id")?;
    let token = req.param("interaction_token").to_owned();
    let deadline = state.config.interaction_deadline;
    let record = state
        .interactions
        .get_mut(&token)
        .filter(|r| r.id.get() == id)
        .ok_or_else(ApiError::unknown_interaction)?;
    if record.callback.is_some() {
        return Err(ApiError::already_acknowledged());
    }
    if record.expired {
        return Err(ApiError::unknown_interaction());
    }
    if record.created.elapsed() > deadline {
        record.expired = true;
        return Err(
            ApiError::unknown_interaction().violation(ViolationKind::InteractionNotAnswered)
        );
    }
    let mut record = record.clone();
    let kind = req.body["type"]
        .as_u64()
        .and_then(|k| u8::try_from(k).ok())
        .unwrap_or(0);
    if !record
        .kind
        .allows_callback(kind, record.source_message.is_some())
    {
        let message = format!(
            "Callback type {kind} is not allowed for a {:?} interaction.",
            record.kind
        );
        let problem = Problem::new(&["type"], "INTERACTION_CALLBACK_TYPE_INVALID", message);
        return Err(
            ApiError::invalid_form_body(vec![problem]).violation(ViolationKind::WrongCallbackType)
        );
    }
    let data = &req.body["data"];
    match kind {
        4 | 5 => {
            let channel = state.channel(record.channel_id)?.clone();
            let mut message = if kind == 4 {
                messages::build(state, &channel, data, &req.files, INTERACTION_FLAGS)?
            } else {
                let ephemeral = data["flags"]
                    .as_u64()
                    .is_some_and(|f| f & MessageFlags::EPHEMERAL.bits() != 0);
                messages::placeholder(state, &channel, ephemeral)
            };
            message.interaction_id = Some(record.id);
            record.original = Some(message.id);
            state.messages.insert(message.id, message);
        }
        6 => record.original = record.source_message,
        7 => {
            let source = record
                .source_message
                .ok_or_else(ApiError::unknown_message)?;
            let mut message = state.message(source)?.clone();
            messages::edit(state, &mut message, data, &req.files)?;
            record.original = Some(source);
            state.messages.insert(source, message);
        }
        8 => record.choices = parse::<Vec<Choice>>(&data["choices"], "choices")?,
        9 => record.modal = Some(parse::<Modal>(data, "data")?),
        _ => {}
    }
    record.callback = Some(kind);
    record.callback_at = Some(req.arrived);
    state.interactions.insert(token, record);
    Ok(Answer::no_content())
}

fn parse<T: serde::de::DeserializeOwned>(
    value: &serde_json::Value,
    at: &str,
) -> Result<T, ApiError> {
    serde_json::from_value(value.clone()).map_err(|error| {
        ApiError::invalid_form_body(vec![Problem::new(
            &[at],
            "BASE_TYPE_INVALID",
            error.to_string(),
        )])
    })
}

/// The interaction behind a webhook URL: the application must be the bot, the token alive,
/// and the interaction already answered.
fn interaction_of(state: &State, req: &Request) -> Result<InteractionRecord, ApiError> {
    if req.id("webhook_id")? != state.bot_id.get() {
        return Err(ApiError::unknown_webhook());
    }
    let record = state
        .interactions
        .get(req.param("webhook_token"))
        .ok_or_else(ApiError::unknown_webhook)?;
    if record.expired {
        return Err(ApiError::unknown_webhook());
    }
    if record.created.elapsed() > INTERACTION_TOKEN_LIFETIME {
        return Err(ApiError::new(401, 50027, "Invalid Webhook Token"));
    }
    if record.callback.is_none() {
        return Err(ApiError::unknown_webhook().violation(ViolationKind::NotYetAcknowledged));
    }
    Ok(record.clone())
}

/// The message a webhook message URL names: `@original` or one of the follow-ups.
fn target(state: &State, req: &Request, record: &InteractionRecord) -> Result<Message, ApiError> {
    let id = if req.params.iter().any(|(name, _)| *name == "message_id") {
        let id = MessageId::new(req.id("message_id")?);
        let ours = record.original == Some(id) || record.followups.contains(&id);
        ours.then_some(id)
    } else {
        record.original
    };
    id.and_then(|id| state.messages.get(&id))
        .cloned()
        .ok_or_else(ApiError::unknown_message)
}

/// `POST /webhooks/{application_id}/{token}`: a follow-up message.
pub(crate) fn follow_up(state: &mut State, req: &Request) -> Outcome {
    let mut record = interaction_of(state, req)?;
    let loading = record
        .original
        .and_then(|id| state.messages.get(&id))
        .filter(|m| m.flags.contains(MessageFlags::LOADING))
        .cloned();
    let message = match loading {
        Some(mut original) => {
            messages::edit(state, &mut original, &req.body, &req.files)?;
            original.edited_at = None;
            original
        }
        None => {
            let channel = state.channel(record.channel_id)?.clone();
            let mut message =
                messages::build(state, &channel, &req.body, &req.files, INTERACTION_FLAGS)?;
            message.interaction_id = Some(record.id);
            record.followups.push(message.id);
            message
        }
    };
    record.answered_after_defer = true;
    let answer = payloads::message(state, &message);
    state.messages.insert(message.id, message);
    state.interactions.insert(record.token.clone(), record);
    Ok(Answer::json(answer))
}

/// `GET /webhooks/{application_id}/{token}/messages/{@original|message_id}`.
pub(crate) fn get_message(state: &mut State, req: &Request) -> Outcome {
    let record = interaction_of(state, req)?;
    let message = target(state, req, &record)?;
    Ok(Answer::json(payloads::message(state, &message)))
}

/// `PATCH /webhooks/{application_id}/{token}/messages/{@original|message_id}`.
pub(crate) fn edit_message(state: &mut State, req: &Request) -> Outcome {
    let mut record = interaction_of(state, req)?;
    let mut message = target(state, req, &record)?;
    messages::edit(state, &mut message, &req.body, &req.files)?;
    record.answered_after_defer = true;
    let answer = payloads::message(state, &message);
    state.messages.insert(message.id, message);
    state.interactions.insert(record.token.clone(), record);
    Ok(Answer::json(answer))
}

/// `DELETE /webhooks/{application_id}/{token}/messages/{@original|message_id}`.
pub(crate) fn delete_message(state: &mut State, req: &Request) -> Outcome {
    let mut record = interaction_of(state, req)?;
    let message = target(state, req, &record)?;
    state.messages.remove(&message.id);
    record.answered_after_defer = true;
    state.interactions.insert(record.token.clone(), record);
    Ok(Answer::no_content())
}
