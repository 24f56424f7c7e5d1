//! Listening reminders, decided when their schedules come round: each day, a nudge to every
//! trainee who has logged no conversation for [`LISTENING_NUDGE_AFTER_DAYS`] days of the stage
//! in progress (again after each further stretch as long); each week, a digest for the
//! facilitators. Nothing is sent outside a stage; no nudge once the trainee has met the
//! stage's target or muted reminders.

use std::collections::BTreeMap;

use chrono::{TimeZone, Utc};

use crate::course::{Course, Listening, ListeningStage, StageInProgress};
use crate::domain::languages::Recipients;
use crate::domain::outbox::{Addressed, Decision, DeliveryPayload};
use crate::domain::{snapshots, DomainResult};
use crate::i18n::{tr, tr_args, Lang};
use crate::model::listening::ListeningRecord;
use crate::model::*;
use crate::store::Store;

use super::payloads::dm_with_fallback;

/// A trainee is nudged after this many days without logging a conversation in a stage.
const LISTENING_NUDGE_AFTER_DAYS: i64 = 14;

const DAY_MS: i64 = 24 * 60 * 60 * 1000;
const WEEK_MS: i64 = 7 * DAY_MS;

/// One nudge per trainee who has been silent for a whole number of stretches.
pub(super) async fn listening_nudges(
    store: &Store,
    cohort: &Cohort,
    now: UnixMillis,
) -> DomainResult<Decision> {
    let course = snapshots::course_of(store, cohort).await?;
    let Some((listening, stage)) = in_progress(&course, cohort, now) else {
        return Ok(Decision::Skip("no listening stage in progress".into()));
    };
    let current = &listening.stages[stage.index];
    let records = store.listening_records(cohort.id, None).await?;
    let trainees = store
        .list_members(cohort.id, Some(CohortRole::Trainee))
        .await?;
    let users: Vec<UserId> = trainees.iter().map(|t| t.user_id).collect();
    let readers = Recipients::read(store, cohort.guild_id, &users, None).await?;
    let mut recipients = Vec::new();
    for trainee in trainees {
        let muted = readers.muted(trainee.user_id);
        let mine: Vec<&ListeningRecord> = records
            .iter()
            .filter(|r| r.author_id == trainee.user_id)
            .collect();
        if !muted && is_due(current, stage, &trainee, &mine, now) {
            let lang = readers.lang(trainee.user_id);
            recipients.push(nudge(cohort, current, trainee.user_id, &mine, lang));
        }
    }
    Ok(Decision::Expand(recipients))
}

/// The facilitators' weekly digest of a listening stage, gathered once and written in each
/// reader's language.
pub(super) struct ListeningDigest {
    cohort: String,
    stage: String,
    this_week: usize,
    new_themes: Vec<String>,
    unreached: Vec<String>,
}

/// The weekly digest of the stage in progress; `None` outside a stage.
pub(super) async fn listening_digest(
    store: &Store,
    cohort: &Cohort,
    now: UnixMillis,
) -> DomainResult<Option<ListeningDigest>> {
    let course = snapshots::course_of(store, cohort).await?;
    let Some((listening, stage)) = in_progress(&course, cohort, now) else {
        return Ok(None);
    };
    let records = store.listening_records(cohort.id, None).await?;
    let week_ago = now - WEEK_MS;
    let this_week = records.iter().filter(|r| r.created_at >= week_ago).count();
    let mut first_raised: BTreeMap<&str, UnixMillis> = BTreeMap::new();
    for record in &records {
        for theme in &record.conversation.issues {
            let first = first_raised.entry(theme).or_insert(record.created_at);
            *first = (*first).min(record.created_at);
        }
    }
    let new_themes = first_raised
        .iter()
        .filter(|(_, &first)| first >= week_ago)
        .map(|(theme, _)| (*theme).to_owned())
        .collect();
    let unreached = listening
        .groups
        .iter()
        .filter(|g| !records.iter().any(|r| r.conversation.group == g.id))
        .map(|g| g.name.clone())
        .collect();
    Ok(Some(ListeningDigest {
        cohort: cohort.name.clone(),
        stage: listening.stages[stage.index].name.clone(),
        this_week,
        new_themes,
        unreached,
    }))
}

impl ListeningDigest {
    pub(super) fn message(&self, lang: Lang) -> DeliveryPayload {
        let content = tr_args(
            lang,
            "listen-digest",
            &[
                ("cohort", (&self.cohort).into()),
                ("stage", (&self.stage).into()),
                ("count", self.this_week.into()),
                (
                    "themes",
                    list_or(lang, &self.new_themes, "listen-digest-no-themes").into(),
                ),
                (
                    "groups",
                    list_or(lang, &self.unreached, "listen-digest-all-groups").into(),
                ),
            ],
        );
        DeliveryPayload {
            content,
            ..DeliveryPayload::default()
        }
    }
}

// ------------------------------------------------------------------------------------------

fn in_progress<'c>(
    course: &'c Course,
    cohort: &Cohort,
    now: UnixMillis,
) -> Option<(&'c Listening, StageInProgress)> {
    let at = Utc.timestamp_millis_opt(now).single()?;
    let stage = course.listening_stage_at(cohort.starts_on, cohort.time_zone, at)?;
    Some((course.listening.as_ref()?, stage))
}

/// Whether `trainee`, short of the stage's target, has logged nothing in the stage for a
/// whole number of nudge stretches (counted from their last conversation, their joining or
/// the stage's start, whichever is latest).
fn is_due(
    current: &ListeningStage,
    stage: StageInProgress,
    trainee: &Member,
    mine: &[&ListeningRecord],
    now: UnixMillis,
) -> bool {
    let logged = logged_in(current, mine);
    if current
        .target
        .is_some_and(|target| logged >= target as usize)
    {
        return false;
    }
    let since = mine.iter().map(|r| r.created_at).fold(
        trainee.joined_at.max(stage.began.timestamp_millis()),
        i64::max,
    );
    let days = (now - since).div_euclid(DAY_MS);
    days >= LISTENING_NUDGE_AFTER_DAYS && days % LISTENING_NUDGE_AFTER_DAYS == 0
}

fn logged_in(stage: &ListeningStage, mine: &[&ListeningRecord]) -> usize {
    mine.iter()
        .filter(|r| r.conversation.stage == stage.id)
        .count()
}

fn nudge(
    cohort: &Cohort,
    current: &ListeningStage,
    user: UserId,
    mine: &[&ListeningRecord],
    lang: Lang,
) -> Addressed {
    let stage_line = match current.target {
        Some(target) => tr_args(
            lang,
            "listen-nudge-stage-target",
            &[
                ("stage", (&current.name).into()),
                ("target", target.into()),
                ("logged", logged_in(current, mine).into()),
            ],
        ),
        None => tr_args(
            lang,
            "listen-nudge-stage",
            &[("stage", (&current.name).into())],
        ),
    };
    let content = tr_args(
        lang,
        "listen-nudge",
        &[
            ("user", user.to_string().into()),
            ("cohort", (&cohort.name).into()),
            ("days", LISTENING_NUDGE_AFTER_DAYS.into()),
            ("stage_line", stage_line.into()),
        ],
    );
    let message = DeliveryPayload {
        content,
        ..DeliveryPayload::default()
    }
    .written_in(lang);
    dm_with_fallback(cohort, user, message)
}

fn list_or(lang: Lang, items: &[String], none: &str) -> String {
    if items.is_empty() {
        tr(lang, none)
    } else {
        items.join(", ")
    }
}
