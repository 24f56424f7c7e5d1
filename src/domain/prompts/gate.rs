//! The send-time gate: decides, from the database as it is when a conditional delivery is
//! due, who it goes to or why it is skipped.

use chrono::{TimeZone, Utc};

use crate::domain::outbox::{
    Addressed, BoxFuture, Decision, DeliveryGate, DeliveryPayload, Target,
};
use crate::domain::{badges, snapshots, Clock, DomainResult};
use crate::model::listening::ListeningRecordId;
use crate::model::votes::VoteId;
use crate::model::*;
use crate::store::Store;

use super::listening::{listening_digest, listening_nudges};
use super::nudges::{check_nudge, nudges};
use super::payloads::{channel_target, Condition};
use super::vote_results::vote_results;

/// Decides conditional deliveries from the database at send time: who a group message
/// goes to, and whether a nudge is still due.
pub struct ProgressGate {
    store: Store,
    clock: std::sync::Arc<dyn Clock>,
}

impl ProgressGate {
    pub fn new(store: Store, clock: std::sync::Arc<dyn Clock>) -> ProgressGate {
        ProgressGate { store, clock }
    }
}

impl DeliveryGate for ProgressGate {
    fn decide<'a>(
        &'a self,
        delivery: &'a Delivery,
        payload: &'a DeliveryPayload,
    ) -> BoxFuture<'a, anyhow::Result<Decision>> {
        Box::pin(async move {
            let condition = serde_json::from_value(payload.condition.clone().unwrap_or_default())?;
            let now = self.clock.now_ms();
            let due = payload.was_due_at.unwrap_or(delivery.due_at);
            Ok(decide(&self.store, condition, payload, due, now).await?)
        })
    }
}

/// Discord's limit on a thread's name.
pub(super) const MAX_THREAD_NAME: usize = 100;

/// `due` is when the delivery was due, which dates a prompt's thread.
async fn decide(
    store: &Store,
    condition: Condition,
    payload: &DeliveryPayload,
    due: UnixMillis,
    now: UnixMillis,
) -> DomainResult<Decision> {
    let cohort = match store.cohort(condition.cohort()).await? {
        Some(c) if c.archived_at.is_none() => c,
        _ => return Ok(Decision::Skip("the cohort is archived or gone".into())),
    };
    let message = DeliveryPayload {
        condition: None,
        ..payload.clone()
    };
    match condition {
        Condition::CohortChannel { .. } => to_cohort_channel(store, &cohort, message, due).await,
        Condition::Facilitators { .. } => to_facilitators(store, &cohort, message).await,
        Condition::Milestone { milestone, .. } => {
            let message = milestone_message(store, &cohort, &milestone, message).await?;
            to_facilitators(store, &cohort, message).await
        }
        Condition::Nudges { .. } => nudges(store, &cohort, now).await,
        Condition::Nudge { user, module, .. } => {
            check_nudge(store, &cohort, UserId(user), &module, now).await
        }
        Condition::FollowUp { record, on, .. } => {
            check_follow_up(store, ListeningRecordId(record), on).await
        }
        Condition::ListeningNudges { .. } => listening_nudges(store, &cohort, now).await,
        Condition::ListeningDigest { .. } => match listening_digest(store, &cohort, now).await? {
            Some(digest) => to_facilitators(store, &cohort, digest).await,
            None => Ok(Decision::Skip("no listening stage in progress".into())),
        },
        Condition::VoteClose { vote, .. } => match vote_results(store, VoteId(vote)).await? {
            Some(results) => to_cohort_channel(store, &cohort, results, due).await,
            None => Ok(Decision::Skip("the vote was deleted".into())),
        },
    }
}

/// A follow-up is sent only if its conversation still exists and still asks for that day.
async fn check_follow_up(
    store: &Store,
    record: ListeningRecordId,
    on: chrono::NaiveDate,
) -> DomainResult<Decision> {
    let wanted = store
        .listening_record(record)
        .await?
        .is_some_and(|r| r.conversation.follow_up_on == Some(on));
    Ok(if wanted {
        Decision::Send
    } else {
        Decision::Skip("the conversation was deleted or its follow-up changed".into())
    })
}

async fn to_cohort_channel(
    store: &Store,
    cohort: &Cohort,
    message: DeliveryPayload,
    due: UnixMillis,
) -> DomainResult<Decision> {
    if let Some(channel) = cohort.channel_id {
        let thread_name = message
            .thread_name
            .as_deref()
            .map(|name| dated_thread_name(name, due, cohort.time_zone));
        let only = Addressed {
            target: channel_target(channel),
            fallback_channel_id: None,
            message: DeliveryPayload {
                thread_name,
                ..message
            },
        };
        return Ok(Decision::Expand(vec![only]));
    }
    let note = format!(
        "“{}” has no channel, so this prompt for the cohort came to you: please share it with the trainees.",
        cohort.name
    );
    let message = DeliveryPayload {
        content: [note, message.content.clone()]
            .join("\n")
            .trim()
            .to_string(),
        thread_name: None,
        ..message
    };
    to_facilitators(store, cohort, message).await
}

/// `name — 12 Mar`, the day `due` on the cohort's clock, within Discord's limit (the name
/// is shortened, never the date).
pub(super) fn dated_thread_name(name: &str, due: UnixMillis, time_zone: chrono_tz::Tz) -> String {
    let Some(at) = Utc.timestamp_millis_opt(due).single() else {
        return name.to_string();
    };
    let suffix = format!(" — {}", at.with_timezone(&time_zone).format("%-d %b"));
    let room = MAX_THREAD_NAME.saturating_sub(suffix.chars().count());
    let name: String = name.chars().take(room).collect();
    format!("{}{suffix}", name.trim_end())
}

async fn to_facilitators(
    store: &Store,
    cohort: &Cohort,
    message: DeliveryPayload,
) -> DomainResult<Decision> {
    let facilitators = store
        .list_members(cohort.id, Some(CohortRole::Facilitator))
        .await?;
    let message = DeliveryPayload {
        thread_name: None,
        ..message
    };
    let mut recipients: Vec<Addressed> = facilitators
        .iter()
        .map(|f| Addressed {
            target: Target {
                kind: TargetKind::Dm,
                id: f.user_id.0,
            },
            fallback_channel_id: cohort.channel_id,
            message: message.clone(),
        })
        .collect();
    if recipients.is_empty() {
        let Some(channel) = cohort.channel_id else {
            return Ok(Decision::Skip(
                "the cohort has no facilitators and no channel".into(),
            ));
        };
        recipients.push(Addressed {
            target: channel_target(channel),
            fallback_channel_id: None,
            message,
        });
    }
    Ok(Decision::Expand(recipients))
}

/// The milestone's reminder, with who is ready for its badge and what the others lack.
async fn milestone_message(
    store: &Store,
    cohort: &Cohort,
    milestone_id: &str,
    message: DeliveryPayload,
) -> DomainResult<DeliveryPayload> {
    let course = snapshots::course_of(store, cohort).await?;
    let milestone = course.milestones.iter().find(|m| m.id == milestone_id);
    let Some(badge) = milestone
        .and_then(|m| m.badge.as_deref())
        .and_then(|b| course.badge(b))
    else {
        return Ok(message);
    };
    let trainees = store
        .list_members(cohort.id, Some(CohortRole::Trainee))
        .await?;
    let mut ready = Vec::new();
    let mut lacking = Vec::new();
    for trainee in &trainees {
        let missing = badges::missing(store, &course, cohort.id, trainee.user_id, badge).await?;
        if missing.is_empty() {
            ready.push(format!("<@{}>", trainee.user_id));
        } else {
            lacking.push(format!("- <@{}>: {}", trainee.user_id, missing.join("; ")));
        }
    }
    let mut lines = vec![format!(
        "It is time to award **{}** in “{}”.",
        badge.name, cohort.name
    )];
    if ready.is_empty() {
        lines.push("Nobody meets its requirements yet.".to_string());
    } else {
        lines.push(format!(
            "Ready (every requirement met): {}",
            ready.join(", ")
        ));
    }
    if !lacking.is_empty() {
        lines.push("Not yet:".to_string());
        lines.extend(lacking);
    }
    Ok(DeliveryPayload {
        content: lines.join("\n"),
        ..message
    })
}
