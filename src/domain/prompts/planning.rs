//! Planning: a pack's prompts and milestones, and the weekly nudge, become a cohort's
//! schedules when it is created.

use chrono::{DateTime, TimeZone, Utc};

use crate::course::repeat::Repeat;
use crate::course::time::{local_to_utc, CronRule};
use crate::course::{Audience, Course, Prompt, PromptTiming};
use crate::domain::languages::Recipients;
use crate::domain::outbox::{DeliveryPayload, SchedulePayload};
use crate::domain::DomainResult;
use crate::i18n::{tr_args, Lang};
use crate::model::*;
use crate::store::Store;

use super::missed;
use super::payloads::{listening_payload, milestone_payload, nudge_payload, PromptContent};

/// The weekly nudge: Mondays at 10:00 on the cohort's clock.
pub const NUDGE_RULE: &str = "0 10 * * MON";

/// `schedules.kind` of a prompt, a milestone reminder and the weekly nudge.
pub const PROMPT_KIND: &str = "prompt";

pub const MILESTONE_KIND: &str = "milestone";

pub const NUDGE_KIND: &str = "nudge";

/// The daily listening nudge, at 10:00 on the cohort's clock, and its kind.
const LISTENING_NUDGE_RULE: &str = "0 10 * * *";
pub const LISTENING_NUDGE_KIND: &str = "listening-nudge";

/// The weekly listening digest to facilitators, Mondays at 09:00, and its kind.
const LISTENING_DIGEST_RULE: &str = "0 9 * * MON";
pub const LISTENING_DIGEST_KIND: &str = "listening-digest";

/// Turns the pack's prompts and milestones, and the weekly nudge, into the cohort's
/// schedules. Times already past are left out, but the latest one-off prompt among them is
/// posted at once, marked late (see [`missed_prompts`]). A cohort without a channel gets
/// its creator told, by direct message in their language, where its prompts will go. The
/// reminders are titled in the server's language, as `/prompt list` shows them.
///
/// [`missed_prompts`]: super::missed_prompts
#[tracing::instrument(skip_all, fields(cohort = %cohort.id))]
pub async fn schedule_course(
    store: &Store,
    course: &Course,
    cohort: &Cohort,
    now: UnixMillis,
) -> DomainResult<()> {
    let creator = cohort.created_by;
    let readers = Recipients::read(store, cohort.guild_id, &[creator], None).await?;
    for planned in plan_course(course, cohort, now, readers.channel_lang()) {
        create(store, cohort, planned, now).await?;
    }
    if let Some((prompt, due)) = missed::passed_prompts(course, cohort, now).pop() {
        missed::post_late(store, cohort, prompt, due, now).await?;
    }
    if cohort.channel_id.is_none()
        && course
            .prompts
            .iter()
            .any(|p| p.audience == Audience::Cohort)
    {
        tell_creator_about_channel(store, cohort, readers.lang(creator), now).await?;
    }
    Ok(())
}

/// One schedule to create: what it is, `once` or a cron rule, its first time, its payload.
pub(super) struct Planned {
    pub(super) kind: &'static str,
    pub(super) rule: String,
    pub(super) at: UnixMillis,
    pub(super) payload: SchedulePayload,
}

/// The schedules a cohort gets from its course: prompts and milestones still to come, and
/// the weekly nudge; the reminders are titled in `lang`.
pub(super) fn plan_course(
    course: &Course,
    cohort: &Cohort,
    now: UnixMillis,
    lang: Lang,
) -> Vec<Planned> {
    let prompts = course.prompts.iter().filter_map(|prompt| {
        let (rule, at) = first_occurrence(prompt, cohort, now)?;
        let payload = PromptContent::from_pack(prompt).payload(cohort);
        Some(Planned {
            kind: PROMPT_KIND,
            rule,
            at,
            payload,
        })
    });
    let milestones = course.milestones.iter().filter_map(|milestone| {
        let at = milestone.at.resolve(cohort.starts_on, cohort.time_zone)?;
        let at = Some(at.timestamp_millis()).filter(|&at| at > now)?;
        let payload = milestone_payload(cohort, milestone, lang);
        Some(Planned {
            kind: MILESTONE_KIND,
            rule: "once".into(),
            at,
            payload,
        })
    });
    let nudge = repeating(NUDGE_RULE, cohort, now).map(|(rule, at)| Planned {
        kind: NUDGE_KIND,
        rule,
        at,
        payload: nudge_payload(cohort, lang),
    });
    prompts
        .chain(milestones)
        .chain(nudge)
        .chain(listening_reminders(course, cohort, now, lang))
        .collect()
}

/// The daily listening nudge and weekly digest, for a course with a listening campaign.
fn listening_reminders(
    course: &Course,
    cohort: &Cohort,
    now: UnixMillis,
    lang: Lang,
) -> Vec<Planned> {
    if course.listening.is_none() {
        return Vec::new();
    }
    let kinds = [
        (LISTENING_NUDGE_KIND, LISTENING_NUDGE_RULE, false),
        (LISTENING_DIGEST_KIND, LISTENING_DIGEST_RULE, true),
    ];
    kinds
        .into_iter()
        .filter_map(|(kind, rule, digest)| {
            let (rule, at) = repeating(rule, cohort, now)?;
            Some(Planned {
                kind,
                rule,
                at,
                payload: listening_payload(cohort, digest, lang),
            })
        })
        .collect()
}

pub(super) async fn create(
    store: &Store,
    cohort: &Cohort,
    planned: Planned,
    now: UnixMillis,
) -> DomainResult<Schedule> {
    let new = NewSchedule {
        cohort_id: cohort.id,
        kind: planned.kind.to_string(),
        rule: planned.rule,
        time_zone: cohort.time_zone,
        next_fire_at: Some(planned.at),
        payload: planned.payload.to_json(),
        created_at: now,
    };
    Ok(store.create_schedule(&new).await?)
}

/// The schedule rule and first time of a pack prompt, if it has one still to come.
fn first_occurrence(
    prompt: &Prompt,
    cohort: &Cohort,
    now: UnixMillis,
) -> Option<(String, UnixMillis)> {
    match &prompt.when {
        PromptTiming::At(expr) => {
            let at = expr.resolve(cohort.starts_on, cohort.time_zone)?;
            Some(("once".into(), at.timestamp_millis())).filter(|(_, at)| *at > now)
        }
        PromptTiming::Every(rule) => {
            let repeat = Repeat {
                rule: rule.clone(),
                until: repeat_end(prompt, rule, cohort),
            };
            let first = next_of(rule, cohort, now)?;
            let ended = repeat
                .until
                .is_some_and(|end| first > end.timestamp_millis());
            (!ended).then(|| (repeat.to_string(), first))
        }
    }
}

/// The last moment a repeating prompt may post at for the cohort: its `until`, or its
/// `count`-th occurrence from the cohort's start, whichever comes first.
fn repeat_end(prompt: &Prompt, rule: &CronRule, cohort: &Cohort) -> Option<DateTime<Utc>> {
    let until = prompt
        .until
        .and_then(|u| u.resolve(cohort.starts_on, cohort.time_zone));
    let last_counted = prompt.count.and_then(|count| {
        // Any time before the start counts from the start.
        let first = next_of(rule, cohort, 0)?;
        let mut at = Utc.timestamp_millis_opt(first).single()?;
        for _ in 1..count {
            at = rule.next_after(at, cohort.time_zone)?;
        }
        Some(at)
    });
    match (until, last_counted) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// A cron rule and its first occurrence for the cohort.
fn repeating(rule: &str, cohort: &Cohort, now: UnixMillis) -> Option<(String, UnixMillis)> {
    let parsed: CronRule = rule.parse().ok()?;
    Some((rule.to_string(), next_of(&parsed, cohort, now)?))
}

/// The rule's first occurrence after both `now` and the start of the cohort's first day.
pub(super) fn next_of(rule: &CronRule, cohort: &Cohort, now: UnixMillis) -> Option<UnixMillis> {
    let start = local_to_utc(cohort.starts_on.and_hms_opt(0, 0, 0)?, cohort.time_zone);
    let after = Utc.timestamp_millis_opt(now).single()?.max(start);
    rule.next_after(after, cohort.time_zone)
        .map(|t| t.timestamp_millis())
}

async fn tell_creator_about_channel(
    store: &Store,
    cohort: &Cohort,
    lang: Lang,
    now: UnixMillis,
) -> DomainResult<()> {
    let content = tr_args(
        lang,
        "prompt-no-channel-yet",
        &[("cohort", (&cohort.name).into())],
    );
    let notice = NewDelivery {
        schedule_id: None,
        dedupe_key: format!("cohort:{}:no-channel", cohort.id),
        cohort_id: Some(cohort.id),
        target_kind: TargetKind::Dm,
        target_id: cohort.created_by.0,
        fallback_channel_id: None,
        payload: DeliveryPayload {
            content,
            ..DeliveryPayload::default()
        }
        .written_in(lang)
        .to_json(),
        due_at: now,
        expires_at: None,
    };
    store.enqueue_delivery(&notice).await?;
    Ok(())
}
