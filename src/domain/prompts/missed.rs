//! Pack prompts whose time passed before their cohort was created. As after downtime, one
//! only is sent: the latest is posted at once, saying it is late; the others are skipped,
//! and [`missed_prompts`] names them so the creator is told.

use super::payloads::PromptContent;
use crate::course::{Course, Prompt, PromptTiming};
use crate::domain::outbox::DeliveryPayload;
use crate::domain::DomainResult;
use crate::model::{Cohort, NewDelivery, UnixMillis};
use crate::store::Store;

/// The pack's one-off prompts whose time had passed when a cohort was created.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MissedPrompts {
    /// The latest of them, posted at once and marked late: its title and when it was due.
    pub posted_late: Option<(String, UnixMillis)>,
    /// The titles of the others, which are not sent, earliest first.
    pub skipped: Vec<String>,
}

/// Which of the pack's prompts a cohort created at `now` missed, as [`schedule_course`]
/// treats them.
///
/// [`schedule_course`]: super::schedule_course
pub fn missed_prompts(course: &Course, cohort: &Cohort, now: UnixMillis) -> MissedPrompts {
    let mut passed = passed_prompts(course, cohort, now);
    let posted_late = passed
        .pop()
        .map(|(prompt, due)| (prompt.title.clone(), due));
    MissedPrompts {
        posted_late,
        skipped: passed.into_iter().map(|(p, _)| p.title.clone()).collect(),
    }
}

/// The pack's one-off prompts whose time is at or before `now`, with that time, earliest
/// first.
pub(super) fn passed_prompts<'c>(
    course: &'c Course,
    cohort: &Cohort,
    now: UnixMillis,
) -> Vec<(&'c Prompt, UnixMillis)> {
    let mut passed: Vec<(&Prompt, UnixMillis)> = course
        .prompts
        .iter()
        .filter_map(|prompt| match &prompt.when {
            PromptTiming::At(expr) => {
                let at = expr.resolve(cohort.starts_on, cohort.time_zone)?;
                Some((prompt, at.timestamp_millis())).filter(|(_, at)| *at <= now)
            }
            PromptTiming::Every(_) => None,
        })
        .collect();
    passed.sort_by_key(|(_, at)| *at);
    passed
}

/// Queues a pack prompt that was due at `due`, before the cohort existed, to go at once
/// saying it is late.
pub(super) async fn post_late(
    store: &Store,
    cohort: &Cohort,
    prompt: &Prompt,
    due: UnixMillis,
    now: UnixMillis,
) -> DomainResult<()> {
    let payload = PromptContent::from_pack(prompt).payload(cohort);
    let message = DeliveryPayload {
        was_due_at: Some(due),
        ..payload.message.clone()
    };
    let late = NewDelivery {
        schedule_id: None,
        dedupe_key: format!("cohort:{}:late-prompt:{}", cohort.id, prompt.id),
        cohort_id: Some(cohort.id),
        target_kind: payload.target.kind,
        target_id: payload.target.id,
        fallback_channel_id: payload.fallback_channel(),
        payload: message.to_json(),
        due_at: now,
        expires_at: None,
    };
    store.enqueue_delivery(&late).await?;
    Ok(())
}
