//! The send-time gate: decides, from the database as it is when a conditional delivery is
//! due, who it goes to or why it is skipped.

use chrono::{TimeZone, Utc};

use crate::course::{Badge, Course};
use crate::domain::languages::Recipients;
use crate::domain::outbox::{
    Addressed, BoxFuture, Decision, DeliveryGate, DeliveryPayload, Embed, Target,
};
use crate::domain::{badges, snapshots, Clock, DomainResult};
use crate::i18n::{self, tr, tr_args, Lang, Message};
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
        Condition::CohortChannel { .. } => {
            to_cohort_channel(store, &cohort, |_| message.clone(), due).await
        }
        Condition::Facilitators { .. } => {
            to_facilitators(store, &cohort, |_| message.clone()).await
        }
        Condition::Milestone { milestone, .. } => {
            let reminder = MilestoneReminder::read(store, &cohort, &milestone).await?;
            to_facilitators(store, &cohort, |lang| reminder.message(&message, lang)).await
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
            Some(digest) => to_facilitators(store, &cohort, |lang| digest.message(lang)).await,
            None => Ok(Decision::Skip("no listening stage in progress".into())),
        },
        Condition::VoteClose { vote, .. } => match vote_results(store, VoteId(vote)).await? {
            Some(results) => {
                to_cohort_channel(store, &cohort, |lang| results.message(lang), due).await
            }
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

/// `message` in the cohort channel as it is now, in the server's language; without a
/// channel, to each facilitator in theirs, saying so.
async fn to_cohort_channel(
    store: &Store,
    cohort: &Cohort,
    message: impl Fn(Lang) -> DeliveryPayload,
    due: UnixMillis,
) -> DomainResult<Decision> {
    if let Some(channel) = cohort.channel_id {
        let lang = Recipients::read(store, cohort.guild_id, &[], None)
            .await?
            .channel_lang();
        let message = message(lang);
        let thread_name = message
            .thread_name
            .as_deref()
            .map(|name| dated_thread_name(name, due, cohort.time_zone, lang));
        let only = Addressed {
            target: channel_target(channel),
            fallback_channel_id: None,
            message: DeliveryPayload {
                thread_name,
                ..message
            }
            .written_in(lang),
        };
        return Ok(Decision::Expand(vec![only]));
    }
    to_facilitators(store, cohort, |lang| {
        let note = tr_args(
            lang,
            "prompt-came-to-you",
            &[("cohort", (&cohort.name).into())],
        );
        let message = message(lang);
        DeliveryPayload {
            content: [note, message.content.clone()]
                .join("\n")
                .trim()
                .to_string(),
            ..message
        }
    })
    .await
}

/// `name — 12 March`, the day `due` on the cohort's clock, within Discord's limit (the name
/// is shortened, never the date).
pub(super) fn dated_thread_name(
    name: &str,
    due: UnixMillis,
    time_zone: chrono_tz::Tz,
    lang: Lang,
) -> String {
    let Some(at) = Utc.timestamp_millis_opt(due).single() else {
        return name.to_string();
    };
    let day = at.with_timezone(&time_zone).date_naive();
    let suffix = format!(" — {}", i18n::day_and_month(lang, day));
    let room = MAX_THREAD_NAME.saturating_sub(suffix.chars().count());
    let name: String = name.chars().take(room).collect();
    format!("{}{suffix}", name.trim_end())
}

/// `message` to each current facilitator by direct message, in their language, falling
/// back to the cohort channel; to the channel, in the server's language, when there are none.
async fn to_facilitators(
    store: &Store,
    cohort: &Cohort,
    message: impl Fn(Lang) -> DeliveryPayload,
) -> DomainResult<Decision> {
    let facilitators: Vec<UserId> = store
        .list_members(cohort.id, Some(CohortRole::Facilitator))
        .await?
        .iter()
        .map(|f| f.user_id)
        .collect();
    let readers = Recipients::read(store, cohort.guild_id, &facilitators, None).await?;
    let written = |lang| {
        DeliveryPayload {
            thread_name: None,
            ..message(lang)
        }
        .written_in(lang)
    };
    let mut recipients: Vec<Addressed> = facilitators
        .iter()
        .map(|&user| Addressed {
            target: Target {
                kind: TargetKind::Dm,
                id: user.0,
            },
            fallback_channel_id: cohort.channel_id,
            message: written(readers.lang(user)),
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
            message: written(readers.channel_lang()),
        });
    }
    Ok(Decision::Expand(recipients))
}

/// A milestone's reminder: its title and, when it awards a badge, who is ready for it and
/// what the others lack, read once and written in each facilitator's language.
struct MilestoneReminder {
    title: Option<String>,
    cohort: String,
    badge: Option<BadgeReadiness>,
}

struct BadgeReadiness {
    name: String,
    ready: Vec<String>,
    /// Each trainee not ready, and what they lack.
    lacking: Vec<(UserId, Vec<Message>)>,
}

impl MilestoneReminder {
    async fn read(
        store: &Store,
        cohort: &Cohort,
        milestone_id: &str,
    ) -> DomainResult<MilestoneReminder> {
        let course = snapshots::course_of(store, cohort).await?;
        let milestone = course.milestones.iter().find(|m| m.id == milestone_id);
        let badge = milestone
            .and_then(|m| m.badge.as_deref())
            .and_then(|b| course.badge(b));
        let badge = match badge {
            Some(badge) => Some(readiness(store, &course, cohort, badge).await?),
            None => None,
        };
        Ok(MilestoneReminder {
            title: milestone.map(|m| m.title.clone()),
            cohort: cohort.name.clone(),
            badge,
        })
    }

    /// The reminder in `lang`: the scheduled embed, retitled, and who is ready.
    fn message(&self, scheduled: &DeliveryPayload, lang: Lang) -> DeliveryPayload {
        let embed = scheduled.embed.clone().map(|embed| Embed {
            title: self
                .title
                .as_ref()
                .map(|title| tr_args(lang, "milestone-title", &[("title", title.into())]))
                .or(embed.title),
            ..embed
        });
        let content = self.badge.as_ref().map_or_else(
            || scheduled.content.clone(),
            |b| b.lines(&self.cohort, lang),
        );
        DeliveryPayload {
            content,
            embed,
            ..scheduled.clone()
        }
    }
}

impl BadgeReadiness {
    fn lines(&self, cohort: &str, lang: Lang) -> String {
        let award = [("badge", (&self.name).into()), ("cohort", cohort.into())];
        let mut lines = vec![tr_args(lang, "milestone-award", &award)];
        if self.ready.is_empty() {
            lines.push(tr(lang, "milestone-nobody-ready"));
        } else {
            let members = self.ready.join(", ");
            lines.push(tr_args(
                lang,
                "milestone-ready",
                &[("members", members.into())],
            ));
        }
        if !self.lacking.is_empty() {
            lines.push(tr(lang, "milestone-not-yet"));
            lines.extend(self.lacking.iter().map(|(user, lacks)| {
                let lacks: Vec<String> = lacks.iter().map(|lack| lack.render(lang)).collect();
                format!("- <@{user}>: {}", i18n::list(lang, &lacks))
            }));
        }
        lines.join("\n")
    }
}

/// Who of the cohort's trainees meets `badge`'s requirements, and what the others lack.
async fn readiness(
    store: &Store,
    course: &Course,
    cohort: &Cohort,
    badge: &Badge,
) -> DomainResult<BadgeReadiness> {
    let trainees = store
        .list_members(cohort.id, Some(CohortRole::Trainee))
        .await?;
    let mut ready = Vec::new();
    let mut lacking = Vec::new();
    for trainee in &trainees {
        let missing = badges::missing(store, course, cohort.id, trainee.user_id, badge).await?;
        if missing.is_empty() {
            ready.push(format!("<@{}>", trainee.user_id));
        } else {
            lacking.push((trainee.user_id, missing));
        }
    }
    Ok(BadgeReadiness {
        name: badge.name.clone(),
        ready,
        lacking,
    })
}
