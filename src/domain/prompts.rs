//! Scheduled prompts, milestone reminders and nudges, and muting them.
//!
//! When a cohort is created, its pack's prompts and milestones, and a weekly nudge, become
//! schedules. Who receives a message is often known only when it is sent (the cohort's
//! facilitators then, the trainees whose work has stalled then), so such schedules carry a
//! `condition` that [`ProgressGate`] reads at send time: it addresses the message to the
//! people it concerns, or skips it (the reason recorded) when the work is done or the member
//! muted reminders.
//!
//! - A cohort prompt posts in the channel the cohort has when it is due (so `/cohort
//!   channel` moves prompts already queued) as an embed (title and body) and, when the
//!   pack says `thread = true`, opens a thread for replies named after it and the day it
//!   was due ("Weekly check-in — 12 Mar").
//! - A cohort without a channel: its cohort prompts go to its facilitators by direct
//!   message, saying so, and are posted in the cohort channel instead if one is set by
//!   the time they are due. The creator is told at creation.
//! - A one-off pack prompt whose time passed before the cohort was created: the latest
//!   such is posted at once, marked late (one only, as after downtime); the others are
//!   skipped, and [`missed_prompts`] names them for the creator.
//! - A facilitator prompt goes to each current facilitator by direct message, falling back
//!   to the cohort channel when a DM is refused.
//! - A milestone reminds the facilitators, at its time, to award its badge, listing who
//!   meets the badge's requirements and what the others still lack.
//! - The weekly nudge ([`NUDGE_RULE`], Mondays 10:00 in the cohort's time zone) reaches each
//!   trainee whose learning has not moved (no module started or completed) for
//!   [`NUDGE_AFTER_DAYS`] days, naming the module to pick up; never one who has finished
//!   every open module or muted reminders (`/reminders`).

mod missed;

pub use missed::{missed_prompts, MissedPrompts};

use chrono::{NaiveDateTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};

use super::cohorts::{self, Caller};
use super::learning::{self, ModuleStatus};
use super::model::*;
use super::{badges, echo, refuse, Clock, DomainResult};
use crate::course::time::{local_to_utc, CronRule};
use crate::course::{Audience, Course, Milestone, Prompt, PromptTiming};
use crate::domain::outbox::{
    Addressed, BoxFuture, Decision, DeliveryGate, DeliveryPayload, Embed, SchedulePayload, Target,
};
use crate::model::listening::ListeningRecordId;
use crate::store::Store;

/// The weekly nudge: Mondays at 10:00 on the cohort's clock.
pub const NUDGE_RULE: &str = "0 10 * * MON";
/// A trainee is nudged once their learning has not moved for this many days.
pub const NUDGE_AFTER_DAYS: i64 = 7;
/// `schedules.kind` of a prompt, a milestone reminder and the weekly nudge.
pub const PROMPT_KIND: &str = "prompt";
pub const MILESTONE_KIND: &str = "milestone";
pub const NUDGE_KIND: &str = "nudge";
/// The colour of prompt embeds.
pub const PROMPT_COLOUR: u32 = 0x2E86AB;

/// Turns the pack's prompts and milestones, and the weekly nudge, into the cohort's
/// schedules. Times already past are left out, but the latest one-off prompt among them is
/// posted at once, marked late (see [`missed_prompts`]). A cohort without a channel gets
/// its creator told, by direct message, where its prompts will go.
#[tracing::instrument(skip_all, fields(cohort = %cohort.id))]
pub async fn schedule_course(
    store: &Store,
    course: &Course,
    cohort: &Cohort,
    now: UnixMillis,
) -> DomainResult<()> {
    for planned in plan_course(course, cohort, now) {
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
        tell_creator_about_channel(store, cohort, now).await?;
    }
    Ok(())
}

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
    cohorts::require_facilitator(store, caller, cohort).await?;
    let content = resolve_request(store, cohort, request).await?;
    let Some(channel) = cohort.channel_id else {
        return refuse(format!(
            "“{}” has no channel, so there is nowhere to post. Schedule the prompt instead: without a channel it goes to the facilitators.",
            cohort.name
        ));
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
    cohorts::require_facilitator(store, caller, cohort).await?;
    let content = resolve_request(store, cohort, request).await?;
    let (rule, at) = match parse_when(when, cohort, now)? {
        When::At(at) => ("once".to_string(), at),
        When::Repeat(rule) => {
            let Some(at) = next_of(&rule, cohort, now) else {
                return refuse(format!("`{}` never happens again.", echo(when)));
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
    cohorts::require_facilitator(store, caller, cohort).await?;
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
    cohorts::require_facilitator(store, caller, cohort).await?;
    let schedule = scheduled(store, cohort, id).await?;
    let When::At(at) = parse_when(when, cohort, now)? else {
        return refuse("Move a prompt to a date and time, written as YYYY-MM-DD HH:MM. To repeat it on another rule, cancel it and schedule it again.");
    };
    let moved = match schedule.next_fire_at {
        Some(current) => store.advance_schedule(id, current, Some(at)).await?,
        None => false,
    };
    if !moved {
        return refuse(format!(
            "#{id} is being sent right now or has nothing more to send; see `/prompt list`."
        ));
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
    cohorts::require_facilitator(store, caller, cohort).await?;
    let schedule = scheduled(store, cohort, id).await?;
    store.set_schedule_active(id, false).await?;
    Ok(ScheduledPrompt {
        active: false,
        ..view(&schedule)
    })
}

/// The ids and titles of the cohort's pack prompts, for autocomplete.
pub async fn pack_prompts(store: &Store, cohort: &Cohort) -> DomainResult<Vec<(String, String)>> {
    let course = cohorts::course_of(store, cohort).await?;
    Ok(course
        .prompts
        .iter()
        .map(|p| (p.id.clone(), p.title.clone()))
        .collect())
}

/// Mutes or unmutes the caller's reminders in this server; returns the new setting. Only
/// someone in a cohort here has reminders: managing the server is not enough.
#[tracing::instrument(skip_all, fields(guild = %caller.guild, user = %caller.user))]
pub async fn set_reminders_muted(store: &Store, caller: Caller, muted: bool) -> DomainResult<bool> {
    if store
        .cohorts_of_member(caller.guild, caller.user)
        .await?
        .is_empty()
    {
        return refuse("You are not in a cohort in this server, so there is nothing to mute.");
    }
    Ok(store
        .set_reminders_muted(caller.guild, caller.user, muted)
        .await?
        .reminders_muted)
}

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

// ------------------------------------------------------------------------------------------

const DAY_MS: i64 = 24 * 60 * 60 * 1000;
/// Discord's limit on a thread's name.
const MAX_THREAD_NAME: usize = 100;

/// One schedule to create: what it is, `once` or a cron rule, its first time, its payload.
struct Planned {
    kind: &'static str,
    rule: String,
    at: UnixMillis,
    payload: SchedulePayload,
}

/// The schedules a cohort gets from its course: prompts and milestones still to come, and
/// the weekly nudge.
fn plan_course(course: &Course, cohort: &Cohort, now: UnixMillis) -> Vec<Planned> {
    let prompts = course.prompts.iter().filter_map(|prompt| {
        let (rule, at) = first_occurrence(&prompt.when, cohort, now)?;
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
        let payload = milestone_payload(cohort, milestone);
        Some(Planned {
            kind: MILESTONE_KIND,
            rule: "once".into(),
            at,
            payload,
        })
    });
    let nudge = nudge_occurrence(cohort, now).map(|(rule, at)| Planned {
        kind: NUDGE_KIND,
        rule,
        at,
        payload: nudge_payload(cohort),
    });
    prompts.chain(milestones).chain(nudge).collect()
}

/// What a conditional delivery asks of [`ProgressGate`]: the JSON in its `condition`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "check", rename_all = "snake_case")]
enum Condition {
    /// Post in the cohort channel as it is at send time; without one, to the facilitators.
    CohortChannel { cohort: i64 },
    /// To each current facilitator, by DM, falling back to the cohort channel.
    Facilitators { cohort: i64 },
    /// To the facilitators, with who is ready for the milestone's badge.
    Milestone { cohort: i64, milestone: String },
    /// One nudge per trainee whose learning has stalled.
    Nudges { cohort: i64 },
    /// A nudge to one trainee about one module: sent only if it is still stalled there.
    Nudge {
        cohort: i64,
        user: u64,
        module: String,
    },
    /// A listening follow-up: sent only if the conversation still asks for it that day.
    FollowUp {
        cohort: i64,
        record: i64,
        on: chrono::NaiveDate,
    },
}

impl Condition {
    fn cohort(&self) -> CohortId {
        match self {
            Condition::CohortChannel { cohort }
            | Condition::Facilitators { cohort }
            | Condition::Milestone { cohort, .. }
            | Condition::Nudges { cohort }
            | Condition::Nudge { cohort, .. }
            | Condition::FollowUp { cohort, .. } => CohortId(*cohort),
        }
    }

    fn to_json(&self) -> Option<serde_json::Value> {
        serde_json::to_value(self).ok()
    }
}

/// The condition of a listening follow-up reminder, checked when it is due.
pub(super) fn follow_up_condition(
    cohort: CohortId,
    record: ListeningRecordId,
    on: chrono::NaiveDate,
) -> Option<serde_json::Value> {
    Condition::FollowUp {
        cohort: cohort.0,
        record: record.0,
        on,
    }
    .to_json()
}

/// A prompt's title, body, thread setting and audience.
struct PromptContent {
    title: String,
    body: String,
    thread: bool,
    audience: Audience,
}

impl PromptContent {
    fn from_pack(prompt: &Prompt) -> PromptContent {
        PromptContent {
            title: prompt.title.clone(),
            body: prompt.body.clone(),
            thread: prompt.thread,
            audience: prompt.audience,
        }
    }

    /// What each occurrence posts: an embed, and a thread named after the title (and dated
    /// at send time). Cohort prompts find the cohort channel at send time.
    fn payload(&self, cohort: &Cohort) -> SchedulePayload {
        let message = DeliveryPayload {
            embed: Some(Embed {
                title: Some(self.title.clone()),
                description: Some(self.body.clone()),
                colour: Some(PROMPT_COLOUR),
            }),
            thread_name: self.thread.then(|| self.title.clone()),
            ..DeliveryPayload::default()
        };
        let id = cohort.id.0;
        let condition = match self.audience {
            Audience::Cohort => Condition::CohortChannel { cohort: id },
            Audience::Facilitators => Condition::Facilitators { cohort: id },
        };
        conditional(cohort, message, condition)
    }
}

/// A schedule whose recipients the gate works out at send time; its own target (the
/// cohort channel, or the creator) is where it would go without a gate.
fn conditional(cohort: &Cohort, message: DeliveryPayload, condition: Condition) -> SchedulePayload {
    let target = cohort.channel_id.map_or(
        Target {
            kind: TargetKind::Dm,
            id: cohort.created_by.0,
        },
        channel_target,
    );
    SchedulePayload {
        target,
        fallback_channel_id: None,
        expires_after_ms: None,
        message: DeliveryPayload {
            condition: condition.to_json(),
            ..message
        },
    }
}

fn channel_target(channel: ChannelId) -> Target {
    Target {
        kind: TargetKind::Channel,
        id: channel.0,
    }
}

fn milestone_payload(cohort: &Cohort, milestone: &Milestone) -> SchedulePayload {
    let message = DeliveryPayload {
        embed: Some(Embed {
            title: Some(format!("Milestone: {}", milestone.title)),
            description: Some(milestone.description.clone()),
            colour: Some(PROMPT_COLOUR),
        }),
        ..DeliveryPayload::default()
    };
    let condition = Condition::Milestone {
        cohort: cohort.id.0,
        milestone: milestone.id.clone(),
    };
    conditional(cohort, message, condition)
}

fn nudge_payload(cohort: &Cohort) -> SchedulePayload {
    let message = DeliveryPayload {
        embed: Some(Embed {
            title: Some("Weekly nudge to trainees whose module has stalled".into()),
            description: None,
            colour: Some(PROMPT_COLOUR),
        }),
        ..DeliveryPayload::default()
    };
    conditional(
        cohort,
        message,
        Condition::Nudges {
            cohort: cohort.id.0,
        },
    )
}

async fn create(
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
    when: &PromptTiming,
    cohort: &Cohort,
    now: UnixMillis,
) -> Option<(String, UnixMillis)> {
    match when {
        PromptTiming::At(expr) => {
            let at = expr.resolve(cohort.starts_on, cohort.time_zone)?;
            Some(("once".into(), at.timestamp_millis())).filter(|(_, at)| *at > now)
        }
        PromptTiming::Every(rule) => Some((rule.source().into(), next_of(rule, cohort, now)?)),
    }
}

fn nudge_occurrence(cohort: &Cohort, now: UnixMillis) -> Option<(String, UnixMillis)> {
    let rule: CronRule = NUDGE_RULE.parse().ok()?;
    Some((NUDGE_RULE.to_string(), next_of(&rule, cohort, now)?))
}

/// The rule's first occurrence after both `now` and the start of the cohort's first day.
fn next_of(rule: &CronRule, cohort: &Cohort, now: UnixMillis) -> Option<UnixMillis> {
    let start = local_to_utc(cohort.starts_on.and_hms_opt(0, 0, 0)?, cohort.time_zone);
    let after = Utc.timestamp_millis_opt(now).single()?.max(start);
    rule.next_after(after, cohort.time_zone)
        .map(|t| t.timestamp_millis())
}

async fn tell_creator_about_channel(
    store: &Store,
    cohort: &Cohort,
    now: UnixMillis,
) -> DomainResult<()> {
    let content = format!(
        "“{}” has no channel, so its scheduled prompts for the cohort will come to its facilitators by direct message, to share with the trainees. If the cohort has a channel by the time a prompt is due, it is posted there instead.",
        cohort.name
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
        .to_json(),
        due_at: now,
        expires_at: None,
    };
    store.enqueue_delivery(&notice).await?;
    Ok(())
}

/// A date and time, or a repeating rule, as a facilitator writes it.
enum When {
    At(UnixMillis),
    Repeat(CronRule),
}

fn parse_when(text: &str, cohort: &Cohort, now: UnixMillis) -> DomainResult<When> {
    let text = text.trim();
    if let Ok(local) = NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M") {
        let at = local_to_utc(local, cohort.time_zone).timestamp_millis();
        if at <= now {
            return refuse(format!(
                "{} ({}) has already passed.",
                echo(text),
                cohort.time_zone
            ));
        }
        return Ok(When::At(at));
    }
    match text.parse::<CronRule>() {
        Ok(rule) => Ok(When::Repeat(rule)),
        Err(problem) => refuse(format!(
            "Write a date and time as YYYY-MM-DD HH:MM (in {}), e.g. 2026-10-07 18:00, or a repeating rule as five cron fields, e.g. `0 18 * * TUE`. ({problem})",
            cohort.time_zone
        )),
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
            let course = cohorts::course_of(store, cohort).await?;
            let Some(prompt) = course.prompts.iter().find(|p| &p.id == id) else {
                return refuse(format!(
                    "The course has no prompt `{}`. Pick one from the list.",
                    echo(id)
                ));
            };
            PromptContent::from_pack(prompt)
        }
        (None, Some(text)) => PromptContent {
            title: request.title.clone().unwrap_or_else(|| "Prompt".into()),
            body: text.to_string(),
            thread: true,
            audience: Audience::Cohort,
        },
        _ => {
            return refuse(
                "Give either `prompt` (one of the course's) or `text` (your own), not both.",
            )
        }
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
        _ => refuse(format!(
            "“{}” has no scheduled prompt #{id} still to come. See `/prompt list`.",
            cohort.name
        )),
    }
}

fn is_ours(schedule: &Schedule) -> bool {
    [PROMPT_KIND, MILESTONE_KIND, NUDGE_KIND].contains(&schedule.kind.as_str())
}

fn view(schedule: &Schedule) -> ScheduledPrompt {
    let payload = SchedulePayload::from_json(&schedule.payload).ok();
    let title = payload
        .and_then(|p| p.message.embed.and_then(|e| e.title))
        .unwrap_or_else(|| schedule.kind.clone());
    ScheduledPrompt {
        id: schedule.id,
        kind: schedule.kind.clone(),
        title,
        next_at: schedule.next_fire_at,
        repeats: (schedule.rule != "once").then(|| schedule.rule.clone()),
        active: schedule.active,
    }
}

// ------------------------------------------------------------------------------------------
// Send-time decisions.

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
            super::listening::follow_up_decision(store, ListeningRecordId(record), on).await
        }
    }
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
fn dated_thread_name(name: &str, due: UnixMillis, time_zone: chrono_tz::Tz) -> String {
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
    let course = cohorts::course_of(store, cohort).await?;
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

/// One nudge per current trainee whose learning has stalled, each checked again when sent.
async fn nudges(store: &Store, cohort: &Cohort, now: UnixMillis) -> DomainResult<Decision> {
    let course = cohorts::course_of(store, cohort).await?;
    let trainees = store
        .list_members(cohort.id, Some(CohortRole::Trainee))
        .await?;
    let mut recipients = Vec::new();
    for trainee in &trainees {
        if let Some(module) = stalled_module(store, &course, trainee, now).await? {
            recipients.push(nudge_for(cohort, trainee.user_id, &module));
        }
    }
    Ok(Decision::Expand(recipients))
}

fn nudge_for(cohort: &Cohort, user: UserId, module: &ModuleStatus) -> Addressed {
    let content = format!(
        "<@{user}>, your module “{}” in “{}” has not moved for a week or more. Pick it up again with `/module`. (To stop these reminders, use `/reminders mute`.)",
        module.title, cohort.name
    );
    let condition = Condition::Nudge {
        cohort: cohort.id.0,
        user: user.0,
        module: module.id.clone(),
    };
    Addressed {
        target: Target {
            kind: TargetKind::Dm,
            id: user.0,
        },
        fallback_channel_id: cohort.channel_id,
        message: DeliveryPayload {
            content,
            condition: condition.to_json(),
            ..DeliveryPayload::default()
        },
    }
}

/// Sends a nudge only while its trainee is still in the cohort, has not muted reminders,
/// and is still stuck on the module it names.
async fn check_nudge(
    store: &Store,
    cohort: &Cohort,
    user: UserId,
    module: &str,
    now: UnixMillis,
) -> DomainResult<Decision> {
    let Some(trainee) = store
        .member(cohort.id, user)
        .await?
        .filter(|m| m.left_at.is_none())
    else {
        return Ok(Decision::Skip("no longer in the cohort".into()));
    };
    if store
        .member_settings(cohort.guild_id, user)
        .await?
        .reminders_muted
    {
        return Ok(Decision::Skip("reminders muted".into()));
    }
    let course = cohorts::course_of(store, cohort).await?;
    Ok(match stalled_module(store, &course, &trainee, now).await? {
        Some(stalled) if stalled.id == module => Decision::Send,
        Some(_) | None => Decision::Skip(format!("the work on `{module}` moved or is done")),
    })
}

/// The module a trainee should be working on, if nothing (a module started or completed,
/// joining the cohort) has happened for [`NUDGE_AFTER_DAYS`] days.
async fn stalled_module(
    store: &Store,
    course: &Course,
    trainee: &Member,
    now: UnixMillis,
) -> DomainResult<Option<ModuleStatus>> {
    let (cohort, user) = (trainee.cohort_id, trainee.user_id);
    let statuses = learning::module_statuses(store, course, cohort, user).await?;
    let Some(next) = learning::next_module(&statuses) else {
        return Ok(None);
    };
    let progress = store.progress_of_member(cohort, user).await?;
    let last_moved = progress
        .iter()
        .flat_map(|p| [Some(p.started_at), p.completed_at])
        .flatten()
        .fold(trainee.joined_at, i64::max);
    let stalled = now - last_moved >= NUDGE_AFTER_DAYS * DAY_MS;
    Ok(stalled.then(|| next.clone()))
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, NaiveDate};

    use super::*;

    fn cohort() -> Cohort {
        Cohort {
            id: CohortId(3),
            guild_id: GuildId(1),
            name: "Autumn".into(),
            course_version_id: CourseVersionId(1),
            course_id: "course".into(),
            time_zone: chrono_tz::Europe::London,
            starts_on: NaiveDate::from_ymd_opt(2026, 9, 7).unwrap(),
            channel_id: None,
            join_code: "code".into(),
            created_by: UserId(9),
            created_at: 0,
            archived_at: None,
        }
    }

    #[test]
    fn conditions_are_stored_as_tagged_json() {
        let nudge = Condition::Nudge {
            cohort: 3,
            user: 42,
            module: "basics".into(),
        };
        let json = nudge.to_json().unwrap();
        assert_eq!(
            json,
            serde_json::json!({"check": "nudge", "cohort": 3, "user": 42, "module": "basics"})
        );
        assert_eq!(serde_json::from_value::<Condition>(json).unwrap(), nudge);
    }

    #[test]
    fn facilitators_write_a_local_date_and_time_or_a_cron_rule() {
        let now = Utc
            .with_ymd_and_hms(2026, 9, 1, 0, 0, 0)
            .unwrap()
            .timestamp_millis();
        let Ok(When::At(at)) = parse_when(" 2026-09-10 18:00 ", &cohort(), now) else {
            panic!("a date and time");
        };
        // 18:00 BST is 17:00 UTC.
        let expected = Utc.with_ymd_and_hms(2026, 9, 10, 17, 0, 0).unwrap();
        assert_eq!(at, expected.timestamp_millis());
        assert!(matches!(
            parse_when("0 18 * * TUE", &cohort(), now),
            Ok(When::Repeat(_))
        ));
        assert!(
            parse_when("2026-08-01 18:00", &cohort(), now).is_err(),
            "past"
        );
        assert!(parse_when("next tuesday", &cohort(), now).is_err());
    }

    #[test]
    fn a_course_plans_its_prompts_and_milestones_still_to_come_and_a_weekly_nudge() {
        let course: Course = serde_json::from_value(serde_json::json!({
            "id": "c", "title": "C", "summary": "", "version": "1", "content_hash": "h",
            "time_zone": null, "path": [], "modules": [], "badges": [], "pathways": [],
            "series": [], "events": [],
            "milestones": [{"id": "m", "title": "M", "description": "", "at": "after 6 months",
                            "badge": null}],
            "prompts": [
                {"id": "past", "title": "Past", "when": {"at": "day 1"}, "body": "",
                 "thread": true, "audience": "cohort"},
                {"id": "e1", "title": "E1", "when": {"at": "week 4, Wednesday 10:00"},
                 "body": "", "thread": true, "audience": "cohort"},
                {"id": "weekly", "title": "W", "when": {"every": "0 18 * * TUE"}, "body": "",
                 "thread": false, "audience": "facilitators"}
            ]
        }))
        .unwrap();
        let now = Utc.with_ymd_and_hms(2026, 9, 8, 12, 0, 0).unwrap();
        let planned = plan_course(&course, &cohort(), now.timestamp_millis());
        let summary: Vec<(&str, &str, DateTime<Utc>)> = planned
            .iter()
            .map(|p| {
                (
                    p.kind,
                    p.rule.as_str(),
                    Utc.timestamp_millis_opt(p.at).unwrap(),
                )
            })
            .collect();
        let utc = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
        assert_eq!(
            summary,
            [
                (PROMPT_KIND, "once", utc("2026-09-30T09:00:00Z")),
                (PROMPT_KIND, "0 18 * * TUE", utc("2026-09-08T17:00:00Z")),
                (MILESTONE_KIND, "once", utc("2027-03-07T09:00:00Z")),
                (NUDGE_KIND, NUDGE_RULE, utc("2026-09-14T09:00:00Z")),
            ]
        );
        let missed = missed_prompts(&course, &cohort(), now.timestamp_millis());
        let day_one = utc("2026-09-07T08:00:00Z").timestamp_millis();
        assert_eq!(
            missed,
            MissedPrompts {
                posted_late: Some(("Past".into(), day_one)),
                skipped: vec![],
            }
        );
    }

    #[test]
    fn thread_names_carry_the_local_date_and_keep_it_within_discords_limit() {
        // 23:30 UTC on 11 March is already 12 March in Auckland.
        let due = Utc
            .with_ymd_and_hms(2026, 3, 11, 23, 30, 0)
            .unwrap()
            .timestamp_millis();
        assert_eq!(
            dated_thread_name("Weekly check-in", due, chrono_tz::Europe::London),
            "Weekly check-in — 11 Mar"
        );
        assert_eq!(
            dated_thread_name("Weekly check-in", due, chrono_tz::Pacific::Auckland),
            "Weekly check-in — 12 Mar"
        );
        let long = dated_thread_name(&"x".repeat(150), due, chrono_tz::Europe::London);
        assert_eq!(long.chars().count(), MAX_THREAD_NAME);
        assert!(long.ends_with(" — 11 Mar"), "{long}");
    }

    #[test]
    fn cohort_prompts_are_addressed_at_send_time_with_or_without_a_channel() {
        let content = PromptContent {
            title: "E1".into(),
            body: "Talk.".into(),
            thread: true,
            audience: Audience::Cohort,
        };
        let payload = content.payload(&cohort());
        assert_eq!(
            payload.message.condition,
            Condition::CohortChannel { cohort: 3 }.to_json()
        );
        let with_channel = Cohort {
            channel_id: Some(ChannelId(5)),
            ..cohort()
        };
        let payload = content.payload(&with_channel);
        assert_eq!(payload.target, channel_target(ChannelId(5)));
        assert_eq!(
            payload.message.condition,
            Condition::CohortChannel { cohort: 3 }.to_json()
        );
        assert_eq!(payload.message.thread_name.as_deref(), Some("E1"));
    }
}
