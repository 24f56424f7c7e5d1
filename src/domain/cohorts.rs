//! Cohorts: who may create them, who is in them, and which one a person means.

use std::sync::Arc;

use chrono::NaiveDate;
use chrono_tz::Tz;
use rand::Rng;

use super::access::{
    access_of, require_facilitator_or_manager, require_may_enroll, Access, Caller,
};
use super::snapshots::{course_of, snapshot};
use super::{audit, echo, languages, refuse, DomainError, DomainResult};
use crate::course::{Course, Library};
use crate::i18n::Message;
use crate::model::*;
use crate::store::{FactsWanted, Store, StoreError};

/// What a facilitator fills in to start a cohort.
#[derive(Debug, Clone)]
pub struct CohortRequest {
    pub course_id: String,
    pub name: String,
    pub starts_on: NaiveDate,
    pub time_zone: Tz,
    pub channel: Option<ChannelId>,
}

pub const MAX_COHORT_NAME: usize = 80;

/// Starts a cohort on a snapshot of the course as it is now, with the caller as facilitator.
#[tracing::instrument(skip_all, fields(guild = %caller.guild, user = %caller.user))]
pub async fn create_cohort(
    store: &Store,
    library: &Library,
    now: UnixMillis,
    caller: Caller,
    guild_name: &str,
    request: CohortRequest,
) -> DomainResult<Cohort> {
    if !caller.manages_server && access_of(store, caller).await? < Access::Facilitator {
        return refuse(Message::new("cohort-create-not-allowed"));
    }
    let name = request.name.trim();
    if name.is_empty() || name.chars().count() > MAX_COHORT_NAME {
        return refuse(Message::new("cohort-name-length").arg("max", MAX_COHORT_NAME));
    }
    let Some(course) = library.get(&request.course_id) else {
        let ids: Vec<&str> = library.courses().map(|c| c.id.as_str()).collect();
        return refuse(
            Message::new("cohort-no-such-course")
                .arg("course", echo(&request.course_id))
                .arg("available", ids.join(", ")),
        );
    };
    if store
        .list_cohorts(caller.guild, true)
        .await?
        .iter()
        .any(|c| c.name.eq_ignore_ascii_case(name))
    {
        return refuse(Message::new("cohort-name-taken").arg("name", name));
    }
    store.upsert_guild(caller.guild, guild_name, now).await?;
    let version = snapshot(store, course, now).await?;
    let cohort = insert_with_fresh_code(store, caller, now, name, version, &request).await?;
    store
        .enroll(cohort.id, caller.user, CohortRole::Facilitator, now)
        .await?;
    store
        .set_current_cohort(caller.guild, caller.user, Some(cohort.id))
        .await?;
    super::prompts::schedule_course(store, course, &cohort, now).await?;
    tracing::info!(cohort = %cohort.id, course = %course.id, "cohort created");
    Ok(cohort)
}

/// Join codes are random; on the rare clash, draw again.
async fn insert_with_fresh_code(
    store: &Store,
    caller: Caller,
    now: UnixMillis,
    name: &str,
    version: CourseVersionId,
    request: &CohortRequest,
) -> DomainResult<Cohort> {
    let mut last_error = None;
    for _ in 0..5 {
        let new = NewCohort {
            guild_id: caller.guild,
            name: name.to_string(),
            course_version_id: version,
            time_zone: request.time_zone,
            starts_on: request.starts_on,
            channel_id: request.channel,
            join_code: join_code(),
            created_by: caller.user,
            created_at: now,
        };
        match store.create_cohort(&new).await {
            Ok(cohort) => return Ok(cohort),
            Err(e @ StoreError::Conflict(_)) => last_error = Some(e),
            Err(e) => return Err(e.into()),
        }
    }
    Err(last_error.map_or_else(
        || DomainError::Refused(Message::new("cohort-try-again").into()),
        Into::into,
    ))
}

/// Eight characters that cannot be misread for one another (no 0/o, 1/l/i).
fn join_code() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut rng = rand::rng();
    (0..8)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect()
}

/// Adds people to a cohort in a role: the cohort's facilitators enrol anyone; a server
/// manager enrols facilitators only (how a cohort gets its first ones).
#[tracing::instrument(skip_all, fields(cohort = %cohort.id, user = %caller.user))]
pub async fn enroll(
    store: &Store,
    now: UnixMillis,
    caller: Caller,
    cohort: &Cohort,
    people: &[UserId],
    role: CohortRole,
) -> DomainResult<usize> {
    require_may_enroll(store, caller, cohort, role).await?;
    if people.is_empty() {
        return refuse(Message::new("cohort-nobody-to-enrol"));
    }
    for person in people {
        store.enroll(cohort.id, *person, role, now).await?;
        let detail = role.as_str().to_owned();
        audit::record(
            store,
            caller,
            cohort,
            *person,
            AuditAction::Enrol,
            detail,
            now,
        )
        .await?;
    }
    Ok(people.len())
}

/// Sets where the cohort's posts go (its facilitators, or a manager of its server setting
/// it up): prompts, congratulations, shared reflections and fallbacks for closed DMs.
pub async fn set_channel(
    store: &Store,
    caller: Caller,
    cohort: &Cohort,
    channel: ChannelId,
) -> DomainResult<()> {
    require_facilitator_or_manager(store, caller, cohort).await?;
    store.set_cohort_channel(cohort.id, channel).await?;
    Ok(())
}

/// A trainee joins with the code a facilitator shared.
#[tracing::instrument(skip_all, fields(guild = %caller.guild, user = %caller.user))]
pub async fn join(
    store: &Store,
    now: UnixMillis,
    caller: Caller,
    code: &str,
) -> DomainResult<Cohort> {
    let code = code.trim().to_ascii_lowercase();
    let cohort = match store.cohort_by_join_code(&code).await? {
        Some(c) if c.guild_id == caller.guild && c.archived_at.is_none() => c,
        _ => return refuse(Message::new("cohort-bad-join-code")),
    };
    if let Some(member) = store.member(cohort.id, caller.user).await? {
        if member.left_at.is_none() {
            return refuse(
                Message::new("cohort-already-in")
                    .arg("cohort", cohort.name)
                    .arg("role", member.role.as_str()),
            );
        }
    }
    store
        .enroll(cohort.id, caller.user, CohortRole::Trainee, now)
        .await?;
    store
        .set_current_cohort(caller.guild, caller.user, Some(cohort.id))
        .await?;
    Ok(cohort)
}

/// Leaves a cohort; progress is kept, so rejoining picks up where the person left off.
pub async fn leave(
    store: &Store,
    now: UnixMillis,
    caller: Caller,
    cohort: &Cohort,
) -> DomainResult<()> {
    if !store.leave(cohort.id, caller.user, now).await? {
        return refuse(Message::new("cohort-not-in").arg("cohort", &cohort.name));
    }
    let settings = store.member_settings(caller.guild, caller.user).await?;
    if settings.current_cohort_id == Some(cohort.id) {
        store
            .set_current_cohort(caller.guild, caller.user, None)
            .await?;
    }
    Ok(())
}

/// Which of their cohorts the caller means: the one named (remembered for next time), their
/// only one, or the one they chose before.
pub async fn choose_cohort(
    store: &Store,
    caller: Caller,
    named: Option<&str>,
) -> DomainResult<Cohort> {
    Ok(choose(store, caller, named, false, None).await?.0)
}

/// As [`choose_cohort`], for setting a cohort up: a server manager may also name any cohort
/// of the server they are not in.
pub async fn choose_cohort_to_set_up(
    store: &Store,
    caller: Caller,
    named: Option<&str>,
) -> DomainResult<Cohort> {
    Ok(choose(store, caller, named, caller.manages_server, None)
        .await?
        .0)
}

/// The cohort chosen, with the caller's settings in the server and, when `facts` asks for
/// them, their facts in it (read with their cohorts).
async fn choose(
    store: &Store,
    caller: Caller,
    named: Option<&str>,
    any_of_the_server: bool,
    facts: Option<FactsWanted>,
) -> DomainResult<(Cohort, MemberSettings, Option<MemberFacts>)> {
    let mine = store
        .cohorts_of_member_with_settings(caller.guild, caller.user, facts)
        .await?;
    choose_among(store, caller, mine, named, any_of_the_server).await
}

/// The cohort chosen among the caller's, `mine`.
async fn choose_among(
    store: &Store,
    caller: Caller,
    mine: CohortsOfMember,
    named: Option<&str>,
    any_of_the_server: bool,
) -> DomainResult<(Cohort, MemberSettings, Option<MemberFacts>)> {
    let CohortsOfMember {
        cohorts: mine,
        mut settings,
    } = mine;
    if let Some(name) = named {
        let is_named = |c: &Cohort| c.name.eq_ignore_ascii_case(name.trim());
        let found = if any_of_the_server {
            // Only setting a cohort up may name one the caller is not in, and it reads no facts.
            let all = store.list_cohorts(caller.guild, false).await?;
            all.into_iter().find(is_named).map(|c| (c, None))
        } else {
            mine.into_iter().find(|(c, _)| is_named(c))
        };
        let Some((cohort, facts)) = found else {
            return refuse(Message::new("cohort-not-yours").arg("name", echo(name)));
        };
        store
            .set_current_cohort(caller.guild, caller.user, Some(cohort.id))
            .await?;
        settings.current_cohort_id = Some(cohort.id);
        return Ok((cohort, settings, facts));
    }
    match mine.len() {
        0 => refuse(Message::new("cohort-none-yet")),
        1 => {
            let (cohort, facts) = mine.into_iter().next().expect("one cohort");
            Ok((cohort, settings, facts))
        }
        _ => {
            let current = settings.current_cohort_id;
            let names: Vec<String> = mine.iter().map(|(c, _)| format!("“{}”", c.name)).collect();
            mine.into_iter()
                .find(|(c, _)| Some(c.id) == current)
                .map_or_else(
                    || refuse(Message::new("cohort-several").arg("names", names.join(", "))),
                    |(cohort, facts)| Ok((cohort, settings, facts)),
                )
        }
    }
}

/// The caller's cohorts in their server, each with what they have done in it, and their
/// settings there, read in one statement and changing nothing: what
/// [`chosen_cohort_course_and_facts`] chooses among. Every count is read: the course, which
/// says which it needs, is not known before.
pub async fn cohorts_and_facts_of(store: &Store, caller: Caller) -> DomainResult<CohortsOfMember> {
    Ok(store
        .cohorts_of_member_with_settings(caller.guild, caller.user, Some(FactsWanted::EVERY))
        .await?)
}

/// The cohort of the caller's that they name (see [`choose_cohort`]) among `mine` (read by
/// [`cohorts_and_facts_of`]), its course as they read it, and what they have done there.
pub async fn chosen_cohort_course_and_facts(
    store: &Store,
    caller: Caller,
    mine: CohortsOfMember,
    named: Option<&str>,
    locale: Option<&str>,
) -> DomainResult<(Cohort, Arc<Course>, MemberFacts)> {
    let (cohort, settings, facts) = choose_among(store, caller, mine, named, false).await?;
    let course = languages::course_as_set(store, &cohort, &settings, locale).await?;
    Ok((cohort, course, facts.unwrap_or_default()))
}

/// The cohort a button names, if the caller is a current member of it (see
/// [`member_cohort`]), and its course as they read it; the cohort, the membership and the
/// caller's settings are read in one statement.
pub async fn member_cohort_and_course(
    store: &Store,
    caller: Caller,
    cohort: CohortId,
    locale: &str,
) -> DomainResult<(Cohort, Arc<Course>)> {
    let found = member_cohort_as_found(store, caller, cohort, None).await?;
    let course =
        languages::course_as_set(store, &found.cohort, &found.settings, Some(locale)).await?;
    Ok((found.cohort, course))
}

/// The cohort a button names, if the caller is a current member of it, with their settings
/// and what they have done there, read in one statement and changing nothing. Every count
/// is read: the course, which says which it needs, is not known before.
pub async fn member_cohort_with_facts(
    store: &Store,
    caller: Caller,
    cohort: CohortId,
) -> DomainResult<CohortOfMember> {
    member_cohort_as_found(store, caller, cohort, Some(FactsWanted::EVERY)).await
}

/// The cohort `found` (by [`member_cohort_with_facts`]), its course as the member reads it,
/// and what they have done there.
pub async fn course_and_facts_as_found(
    store: &Store,
    found: CohortOfMember,
    locale: &str,
) -> DomainResult<(Cohort, Arc<Course>, MemberFacts)> {
    let course =
        languages::course_as_set(store, &found.cohort, &found.settings, Some(locale)).await?;
    Ok((found.cohort, course, found.facts.unwrap_or_default()))
}

/// Cohort names the caller could mean, for autocomplete.
pub async fn cohort_names(store: &Store, caller: Caller) -> DomainResult<Vec<String>> {
    let cohorts = if caller.manages_server {
        store.list_cohorts(caller.guild, false).await?
    } else {
        store.cohorts_of_member(caller.guild, caller.user).await?
    };
    Ok(cohorts.into_iter().map(|c| c.name).collect())
}

/// What `/cohort info` shows.
#[derive(Debug, Clone)]
pub struct CohortView {
    pub cohort: Cohort,
    pub course_title: String,
    pub course_version: String,
    pub trainees: usize,
    pub mentors: usize,
    pub facilitators: usize,
    /// Shown only to facilitators, who share it.
    pub join_code: Option<String>,
    pub your_role: Option<CohortRole>,
}

pub async fn cohort_view(
    store: &Store,
    caller: Caller,
    cohort: Cohort,
) -> DomainResult<CohortView> {
    let course = course_of(store, &cohort).await?;
    let members = store.list_members(cohort.id, None).await?;
    let count = |role| members.iter().filter(|m| m.role == role).count();
    let your_role = members
        .iter()
        .find(|m| m.user_id == caller.user)
        .map(|m| m.role);
    let facilitating = caller.manages_server || your_role == Some(CohortRole::Facilitator);
    Ok(CohortView {
        course_title: course.title.clone(),
        course_version: course.version.clone(),
        trainees: count(CohortRole::Trainee),
        mentors: count(CohortRole::Mentor),
        facilitators: count(CohortRole::Facilitator),
        join_code: facilitating.then(|| cohort.join_code.clone()),
        your_role,
        cohort,
    })
}

/// The cohort a button names, if the person clicking is a current member of it.
pub async fn member_cohort(
    store: &Store,
    caller: Caller,
    cohort: CohortId,
) -> DomainResult<Cohort> {
    Ok(member_cohort_as_found(store, caller, cohort, None)
        .await?
        .cohort)
}

/// As [`member_cohort`], with the caller's settings in the cohort's server and, when asked
/// for, their facts there.
async fn member_cohort_as_found(
    store: &Store,
    caller: Caller,
    cohort: CohortId,
    facts: Option<FactsWanted>,
) -> DomainResult<CohortOfMember> {
    let Some(found) = store.cohort_with_member(cohort, caller.user, facts).await? else {
        return refuse(Message::new("cohort-gone"));
    };
    if found.cohort.guild_id != caller.guild || !found.is_current_member {
        return refuse(Message::new("cohort-button-not-yours"));
    }
    Ok(found)
}
