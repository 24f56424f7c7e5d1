//! Nudges: the weekly reminder to trainees whose learning has stalled, checked again for
//! each trainee when sent, and muting reminders.

use crate::course::Course;
use crate::domain::access::Caller;
use crate::domain::languages::{self, Recipients};
use crate::domain::learning::{self, ModuleStatus};
use crate::domain::outbox::{Addressed, Decision, DeliveryPayload};
use crate::domain::{refuse, snapshots, DomainResult};
use crate::i18n::{tr_args, Lang, Message};
use crate::model::*;
use crate::store::Store;

use super::payloads::{dm_with_fallback, Condition};

/// A trainee is nudged once their learning has not moved for this many days.
pub const NUDGE_AFTER_DAYS: i64 = 7;

/// Mutes or unmutes the caller's reminders in this server; returns the new setting. Only
/// someone in a cohort here has reminders: managing the server is not enough.
#[tracing::instrument(skip_all, fields(guild = %caller.guild, user = %caller.user))]
pub async fn set_reminders_muted(store: &Store, caller: Caller, muted: bool) -> DomainResult<bool> {
    if store
        .cohorts_of_member(caller.guild, caller.user)
        .await?
        .is_empty()
    {
        return refuse(Message::new("reminders-mute-not-in-cohort"));
    }
    Ok(store
        .set_reminders_muted(caller.guild, caller.user, muted)
        .await?
        .reminders_muted)
}

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// One nudge per current trainee whose learning has stalled, each checked again when sent.
pub(super) async fn nudges(
    store: &Store,
    cohort: &Cohort,
    now: UnixMillis,
) -> DomainResult<Decision> {
    let course = snapshots::course_of(store, cohort).await?;
    let trainees = store
        .list_members(cohort.id, Some(CohortRole::Trainee))
        .await?;
    let users: Vec<UserId> = trainees.iter().map(|t| t.user_id).collect();
    let readers = Recipients::read(store, cohort.guild_id, &users, None).await?;
    let mut recipients = Vec::new();
    for trainee in &trainees {
        if let Some(mut module) = stalled_module(store, &course, trainee, now).await? {
            // A nudge goes to one member: it names the module in their language.
            let theirs = languages::course_for_recipient(store, cohort, trainee.user_id).await?;
            if let Some(translated) = theirs.module(&module.id) {
                module.title.clone_from(&translated.title);
            }
            let lang = readers.lang(trainee.user_id);
            recipients.push(nudge_for(cohort, trainee.user_id, &module, lang));
        }
    }
    Ok(Decision::Expand(recipients))
}

fn nudge_for(cohort: &Cohort, user: UserId, module: &ModuleStatus, lang: Lang) -> Addressed {
    let content = tr_args(
        lang,
        "nudge-module-stalled",
        &[
            ("user", user.to_string().into()),
            ("module", (&module.title).into()),
            ("cohort", (&cohort.name).into()),
        ],
    );
    let condition = Condition::Nudge {
        cohort: cohort.id.0,
        user: user.0,
        module: module.id.clone(),
    };
    let message = DeliveryPayload {
        content,
        condition: condition.to_json(),
        ..DeliveryPayload::default()
    }
    .written_in(lang);
    dm_with_fallback(cohort, user, message)
}

/// Sends a nudge only while its trainee is still in the cohort, has not muted reminders,
/// and is still stuck on the module it names.
pub(super) async fn check_nudge(
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
    let course = snapshots::course_of(store, cohort).await?;
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
