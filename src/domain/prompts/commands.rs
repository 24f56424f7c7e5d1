//! The facilitators' prompt commands: post one now, schedule, list, move and cancel.

use chrono::NaiveDateTime;

use crate::course::repeat::Repeat;
use crate::course::time::{local_to_utc, CronRule};
use crate::course::Audience;
use crate::domain::access::{self, Caller};
use crate::domain::outbox::SchedulePayload;
use crate::domain::{echo, refuse, snapshots, DomainResult};
use crate::i18n::Message;
use crate::model::*;
use crate::store::Store;

use super::payloads::PromptContent;
use super::planning::{
    create, next_of, Planned, LISTENING_DIGEST_KIND, LISTENING_NUDGE_KIND, MILESTONE_KIND,
    NUDGE_KIND, PROMPT_KIND,
};

/// What a facilitator asks to post: a prompt of the pack, or their own title and text.
#[derive(Debug, Clone, Default)]
pub struct PromptRequest {
    pub pack_prompt: Option<String>,
    pub title: Option<String>,
    pub text: Option<String>,
    /// Open a thread for replies; default: the pack prompt's setting, or yes.
    pub thread: Option<bool>,
}

/// A scheduled prompt, milestone reminder or nudge, as `/prompt list` shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ScheduledPrompt {
    pub id: ScheduleId,
    pub kind: String,
    pub title: String,
    /// `None` once it has nothing more to send.
    pub next_at: Option<UnixMillis>,
    /// The cron rule of a repeating one.
    pub repeats: Option<String>,
    /// When a repeating one stops, if it does.
    pub until: Option<UnixMillis>,
    pub active: bool,
}

/// Where `/prompt now` posted.
#[derive(Debug, Clone, PartialEq)]
pub struct PostedPrompt {
    pub title: String,
    pub channel: ChannelId,
}

/// Posts a prompt in the cohort channel right away (through the scheduler, so it is paced
/// and sent once). Facilitators only.
#[tracing::instrument(skip_all, fields(cohort = %cohort.id, user = %caller.user))]
pub async fn post_now(
    store: &Store,
    now: UnixMillis,
    caller: Caller,
    cohort: &Cohort,
    request: &PromptRequest,
) -> DomainResult<PostedPrompt> {
    access::require_facilitator(store, caller, cohort).await?;
    let content = resolve_request(store, cohort, request).await?;
    let Some(channel) = cohort.channel_id else {
        return refuse(Message::new("prompt-no-channel").arg("cohort", &cohort.name));
    };
    let payload = content.payload(cohort);
    let delivery = NewDelivery {
        schedule_id: None,
        dedupe_key: format!(
            "prompt:now:{}:{now}:{:08x}",
            cohort.id,
            rand::random::<u32>()
        ),
        cohort_id: Some(cohort.id),
        target_kind: payload.target.kind,
        target_id: payload.target.id,
        fallback_channel_id: payload.fallback_channel(),
        payload: payload.message.to_json(),
        due_at: now,
        expires_at: None,
    };
    store.enqueue_delivery(&delivery).await?;
    Ok(PostedPrompt {
        title: content.title,
        channel,
    })
}

/// Schedules a prompt at `when`: a date and time on the cohort's clock (`YYYY-MM-DD HH:MM`)
/// or a 5-field cron rule. Facilitators only.
#[tracing::instrument(skip_all, fields(cohort = %cohort.id, user = %caller.user))]
pub async fn schedule_prompt(
    store: &Store,
    now: UnixMillis,
    caller: Caller,
    cohort: &Cohort,
    when: &str,
    request: &PromptRequest,
) -> DomainResult<ScheduledPrompt> {
    access::require_facilitator(store, caller, cohort).await?;
    let content = resolve_request(store, cohort, request).await?;
    let (rule, at) = match parse_when(when, cohort, now)? {
        When::At(at) => ("once".to_string(), at),
        When::Repeat(rule) => {
            let Some(at) = next_of(&rule, cohort, now) else {
                return refuse(Message::new("prompt-never-again").arg("rule", echo(when)));
            };
            (rule.source().to_string(), at)
        }
    };
    let planned = Planned {
        kind: PROMPT_KIND,
        rule,
        at,
        payload: content.payload(cohort),
    };
    let schedule = create(store, cohort, planned, now).await?;
    Ok(view(&schedule))
}

/// The cohort's scheduled prompts, milestone reminders and nudges still to come, soonest
/// first. Facilitators only.
pub async fn list_prompts(
    store: &Store,
    caller: Caller,
    cohort: &Cohort,
) -> DomainResult<Vec<ScheduledPrompt>> {
    access::require_facilitator(store, caller, cohort).await?;
    let all = store.schedules_of_cohort(cohort.id).await?;
    Ok(all.iter().filter(|s| is_ours(s)).map(view).collect())
}

/// Moves the next occurrence of a scheduled prompt to `when` (`YYYY-MM-DD HH:MM` on the
/// cohort's clock); later occurrences of a repeating one follow its rule. Facilitators only.
#[tracing::instrument(skip_all, fields(cohort = %cohort.id, user = %caller.user))]
pub async fn move_prompt(
    store: &Store,
    now: UnixMillis,
    caller: Caller,
    cohort: &Cohort,
    id: ScheduleId,
    when: &str,
) -> DomainResult<ScheduledPrompt> {
    access::require_facilitator(store, caller, cohort).await?;
    let schedule = scheduled(store, cohort, id).await?;
    let When::At(at) = parse_when(when, cohort, now)? else {
        return refuse(Message::new("prompt-move-needs-date"));
    };
    let moved = match schedule.next_fire_at {
        Some(current) => store.advance_schedule(id, current, Some(at)).await?,
        None => false,
    };
    if !moved {
        return refuse(Message::new("prompt-not-movable").arg("number", id.to_string()));
    }
    let schedule = scheduled(store, cohort, id).await?;
    Ok(view(&schedule))
}

/// Cancels a scheduled prompt, milestone reminder or nudge: nothing more of it is sent.
/// Facilitators only.
#[tracing::instrument(skip_all, fields(cohort = %cohort.id, user = %caller.user))]
pub async fn cancel_prompt(
    store: &Store,
    caller: Caller,
    cohort: &Cohort,
    id: ScheduleId,
) -> DomainResult<ScheduledPrompt> {
    access::require_facilitator(store, caller, cohort).await?;
    let schedule = scheduled(store, cohort, id).await?;
    store.set_schedule_active(id, false).await?;
    Ok(ScheduledPrompt {
        active: false,
        ..view(&schedule)
    })
}

/// The ids and titles of the cohort's pack prompts, for autocomplete.
pub async fn pack_prompts(store: &Store, cohort: &Cohort) -> DomainResult<Vec<(String, String)>> {
    let course = snapshots::course_of(store, cohort).await?;
    Ok(course
        .prompts
        .iter()
        .map(|p| (p.id.clone(), p.title.clone()))
        .collect())
}

/// A date and time, or a repeating rule, as a facilitator writes it.
pub(super) enum When {
    At(UnixMillis),
    Repeat(CronRule),
}

pub(super) fn parse_when(text: &str, cohort: &Cohort, now: UnixMillis) -> DomainResult<When> {
    let text = text.trim();
    if let Ok(local) = NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M") {
        let at = local_to_utc(local, cohort.time_zone).timestamp_millis();
        if at <= now {
            return refuse(
                Message::new("prompt-time-passed")
                    .arg("typed", echo(text))
                    .arg("zone", cohort.time_zone.to_string()),
            );
        }
        return Ok(When::At(at));
    }
    match text.parse::<CronRule>() {
        Ok(rule) => Ok(When::Repeat(rule)),
        Err(problem) => refuse(
            Message::new("prompt-bad-when")
                .arg("zone", cohort.time_zone.to_string())
                .arg("problem", problem.to_string()),
        ),
    }
}

async fn resolve_request(
    store: &Store,
    cohort: &Cohort,
    request: &PromptRequest,
) -> DomainResult<PromptContent> {
    let text = request
        .text
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty());
    let mut content = match (&request.pack_prompt, text) {
        (Some(id), None) => {
            let course = snapshots::course_of(store, cohort).await?;
            let Some(prompt) = course.prompts.iter().find(|p| &p.id == id) else {
                return refuse(Message::new("prompt-no-such-prompt").arg("prompt", echo(id)));
            };
            PromptContent::from_pack(prompt)
        }
        (None, Some(text)) => PromptContent {
            title: request.title.clone().unwrap_or_else(|| "Prompt".into()),
            body: text.to_string(),
            thread: true,
            audience: Audience::Cohort,
        },
        _ => return refuse(Message::new("prompt-either-or")),
    };
    if let Some(thread) = request.thread {
        content.thread = thread;
    }
    Ok(content)
}

/// A schedule of this module's kinds in `cohort`, or a refusal that says where to look.
async fn scheduled(store: &Store, cohort: &Cohort, id: ScheduleId) -> DomainResult<Schedule> {
    match store.schedule(id).await? {
        Some(s) if s.cohort_id == cohort.id && s.active && is_ours(&s) => Ok(s),
        _ => refuse(
            Message::new("prompt-no-such-schedule")
                .arg("cohort", &cohort.name)
                .arg("number", id.to_string()),
        ),
    }
}

fn is_ours(schedule: &Schedule) -> bool {
    [
        PROMPT_KIND,
        MILESTONE_KIND,
        NUDGE_KIND,
        LISTENING_NUDGE_KIND,
        LISTENING_DIGEST_KIND,
    ]
    .contains(&schedule.kind.as_str())
}

pub(super) fn view(schedule: &Schedule) -> ScheduledPrompt {
    let payload = SchedulePayload::from_json(&schedule.payload).ok();
    let title = payload
        .and_then(|p| p.message.embed.and_then(|e| e.title))
        .unwrap_or_else(|| schedule.kind.clone());
    let repeat = schedule.rule.parse::<Repeat>().ok();
    ScheduledPrompt {
        id: schedule.id,
        kind: schedule.kind.clone(),
        title,
        next_at: schedule.next_fire_at,
        repeats: repeat.as_ref().map(|r| r.rule.source().to_string()),
        until: repeat.and_then(|r| r.until).map(|t| t.timestamp_millis()),
        active: schedule.active,
    }
}
