//! Action learning sets: proposing and forming balanced groups, scheduling their sessions,
//! and recording who came.

use crate::course::time::local_to_utc;
use crate::course::{Badge, Course, Series, SeriesKind};
use crate::domain::access::Caller;
use crate::domain::badges;
use crate::domain::{refuse, DomainResult};
use crate::i18n::Lang;
use crate::i18n::Message;
use crate::model::*;
use crate::store::Store;

use super::{
    echo, is_facilitator, queue_reminders, reminder_offsets, require_facilitator, role_in,
    Recipient,
};

/// Groups of trainees the bot suggests for a series.
#[derive(Debug, Clone)]
pub struct SetProposal {
    pub series_title: String,
    pub group_size: u32,
    /// Each group sorted by user id; sizes differ by at most one.
    pub groups: Vec<Vec<UserId>>,
    /// Trainees already in a set of this series, left out of the proposal.
    pub already_placed: usize,
}

/// A set with its sessions, for listing.
#[derive(Debug, Clone)]
pub struct SetView {
    pub group: Group,
    pub sessions: Vec<Session>,
}

/// Who came to which session of a set: every member but `absent`.
#[derive(Debug, Clone)]
pub struct AttendanceRecord {
    pub set: String,
    pub seq: u32,
    pub absent: Vec<UserId>,
}

/// Which session of a set moves, and to when.
#[derive(Debug, Clone)]
pub struct SessionMove {
    pub set: String,
    pub seq: u32,
    pub to: UnixMillis,
}

/// Attendance recorded for one session, and the badges it earned.
#[derive(Debug, Clone)]
pub struct AttendanceNews {
    pub session: Session,
    pub present: Vec<UserId>,
    pub absent: Vec<UserId>,
    pub badges: Vec<(UserId, Vec<Badge>)>,
}

/// Proposes balanced groups of about the series' `group_size` from the trainees not yet in
/// a set of the series (facilitators).
#[tracing::instrument(skip_all, fields(cohort = %cohort.id, user = %caller.user))]
pub async fn propose_sets(
    store: &Store,
    course: &Course,
    caller: Caller,
    cohort: &Cohort,
) -> DomainResult<SetProposal> {
    require_facilitator(store, caller, cohort, "set-only-facilitators-propose").await?;
    let series = set_series(course)?;
    let placed = placed_trainees(store, cohort, &series.id).await?;
    let mut free: Vec<UserId> = store
        .list_members(cohort.id, Some(CohortRole::Trainee))
        .await?
        .into_iter()
        .filter(|m| m.left_at.is_none() && !placed.contains(&m.user_id))
        .map(|m| m.user_id)
        .collect();
    free.sort();
    let size = series.group_size.unwrap_or(5).max(2);
    Ok(SetProposal {
        series_title: series.title.clone(),
        group_size: size,
        groups: balanced_groups(&free, size as usize),
        already_placed: placed.len(),
    })
}

/// Forms sets: the named members as one set, or else every group of the proposal. The
/// adapter then opens each set's thread and records it with [`record_set_thread`].
#[tracing::instrument(skip_all, fields(cohort = %cohort.id, user = %caller.user))]
pub async fn form_sets(
    store: &Store,
    course: &Course,
    caller: Caller,
    cohort: &Cohort,
    named: &[UserId],
) -> DomainResult<Vec<Group>> {
    require_facilitator(store, caller, cohort, "set-only-facilitators-form").await?;
    if cohort.channel_id.is_none() {
        return refuse(Message::new("set-no-channel"));
    }
    let series = set_series(course)?;
    let groups = if named.is_empty() {
        propose_sets(store, course, caller, cohort).await?.groups
    } else {
        vec![check_named(store, cohort, &series.id, named).await?]
    };
    if groups.is_empty() {
        return refuse(Message::new("set-everyone-placed"));
    }
    let mut number = store
        .list_groups(cohort.id)
        .await?
        .iter()
        .filter(|g| g.series_id == series.id)
        .count();
    let mut formed = Vec::new();
    for members in groups {
        number += 1;
        let group = store
            .create_group(cohort.id, &series.id, &format!("Set {number}"))
            .await?;
        for member in &members {
            store.add_group_member(group.id, *member).await?;
        }
        formed.push(Group { members, ..group });
    }
    Ok(formed)
}

/// Remembers the private thread where a set meets.
pub async fn record_set_thread(
    store: &Store,
    group: GroupId,
    thread: ChannelId,
) -> DomainResult<()> {
    store.set_group_thread(group, thread).await?;
    Ok(())
}

/// The cohort's sets with their sessions; a trainee sees only their own set.
pub async fn list_sets(
    store: &Store,
    course: &Course,
    caller: Caller,
    cohort: &Cohort,
) -> DomainResult<Vec<SetView>> {
    let series = set_series(course)?;
    let everyone = is_facilitator(store, caller, cohort).await?
        || role_in(store, cohort, caller.user).await? == Some(CohortRole::Mentor);
    let sessions = store.list_sessions(cohort.id).await?;
    Ok(store
        .list_groups(cohort.id)
        .await?
        .into_iter()
        .filter(|g| g.series_id == series.id && (everyone || g.members.contains(&caller.user)))
        .map(|group| SetView {
            sessions: sessions
                .iter()
                .filter(|s| s.group_id == Some(group.id))
                .cloned()
                .collect(),
            group,
        })
        .collect())
}

/// Schedules a set's sessions (facilitators): one at `at` (epoch ms), or else the rest of
/// the course's series from its `first` and `every`. Queues each session's reminders.
#[tracing::instrument(skip_all, fields(cohort = %cohort.id, user = %caller.user))]
#[allow(clippy::too_many_arguments)] // the command's options, and where it was asked from
pub async fn schedule_sessions(
    store: &Store,
    course: &Course,
    caller: Caller,
    cohort: &Cohort,
    set_name: &str,
    at: Option<UnixMillis>,
    guild_lang: Option<Lang>,
    now: UnixMillis,
) -> DomainResult<(Group, Vec<Session>)> {
    require_facilitator(store, caller, cohort, "set-only-facilitators-schedule").await?;
    let series = set_series(course)?;
    let group = find_set(store, cohort, &series.id, set_name).await?;
    let existing = live_sessions(store, cohort, group.id).await?;
    let starts = match at {
        Some(at) => vec![at],
        None => series_starts(series, cohort, existing.len())?,
    };
    if starts.iter().any(|&s| s <= now) {
        return refuse(Message::new("session-time-passed"));
    }
    let mut created = Vec::new();
    for (i, starts_at) in starts.into_iter().enumerate() {
        let seq = existing.len() as u32 + i as u32 + 1;
        let session =
            create_set_session(store, series, cohort, &group, seq, starts_at, now).await?;
        let recipient = thread_recipient(&group, cohort);
        queue_reminders(
            store,
            cohort.guild_id,
            &session,
            &reminder_offsets(Some(series)),
            recipient.as_slice(),
            guild_lang,
            now,
        )
        .await?;
        created.push(session);
    }
    Ok((group, created))
}

/// Moves a session of a set (facilitators), keeping its length; its reminders not yet sent
/// are withdrawn and queued again for the new time.
#[tracing::instrument(skip_all, fields(cohort = %cohort.id, user = %caller.user))]
pub async fn move_session(
    store: &Store,
    course: &Course,
    caller: Caller,
    cohort: &Cohort,
    change: &SessionMove,
    guild_lang: Option<Lang>,
    now: UnixMillis,
) -> DomainResult<(Group, Session)> {
    require_facilitator(store, caller, cohort, "set-only-facilitators-move").await?;
    let series = set_series(course)?;
    let group = find_set(store, cohort, &series.id, &change.set).await?;
    let Some(session) = live_sessions(store, cohort, group.id)
        .await?
        .into_iter()
        .find(|s| s.seq == Some(change.seq))
    else {
        return refuse(
            Message::new("set-no-such-session")
                .arg("set", &group.name)
                .arg("number", change.seq),
        );
    };
    if session.starts_at <= now || change.to <= now {
        return refuse(Message::new("set-move-past"));
    }
    let length = session.ends_at - session.starts_at;
    let moved = store
        .reschedule_session(session.id, change.to, change.to + length)
        .await?;
    super::withdraw_reminders(store, moved.id).await?;
    let recipient = thread_recipient(&group, cohort);
    queue_reminders(
        store,
        cohort.guild_id,
        &moved,
        &reminder_offsets(Some(series)),
        recipient.as_slice(),
        guild_lang,
        now,
    )
    .await?;
    Ok((group, moved))
}

/// Records who came to a session of a set, once it has started. Attended sessions count
/// toward badges, so only the cohort's facilitators record them, never a set member.
#[tracing::instrument(skip_all, fields(cohort = %cohort.id, user = %caller.user))]
pub async fn record_attendance(
    store: &Store,
    course: &Course,
    caller: Caller,
    cohort: &Cohort,
    record: &AttendanceRecord,
    now: UnixMillis,
) -> DomainResult<AttendanceNews> {
    let (seq, absent) = (record.seq, &record.absent);
    let series = set_series(course)?;
    if !is_facilitator(store, caller, cohort).await? {
        return refuse(Message::new("set-attendance-facilitators").arg("cohort", &cohort.name));
    }
    let group = find_set(store, cohort, &series.id, &record.set).await?;
    let Some(session) = live_sessions(store, cohort, group.id)
        .await?
        .into_iter()
        .find(|s| s.seq == Some(seq))
    else {
        return refuse(
            Message::new("set-no-such-session")
                .arg("set", &group.name)
                .arg("number", seq),
        );
    };
    if session.starts_at > now {
        return refuse(Message::new("set-attendance-not-started"));
    }
    let mut news = AttendanceNews {
        session: store
            .set_session_status(session.id, SessionStatus::Held)
            .await?,
        present: Vec::new(),
        absent: Vec::new(),
        badges: Vec::new(),
    };
    for member in &group.members {
        let came = !absent.contains(member);
        store
            .record_attendance(session.id, *member, came, caller.user, now)
            .await?;
        if came {
            news.present.push(*member);
        } else {
            news.absent.push(*member);
        }
        let earned = badges::award_earned(store, course, cohort.id, *member, now).await?;
        if !earned.awarded.is_empty() {
            news.badges.push((*member, earned.awarded));
        }
    }
    Ok(news)
}

/// The course's action learning set series.
pub fn set_series(course: &Course) -> DomainResult<&Series> {
    course
        .series
        .iter()
        .find(|s| s.kind == SeriesKind::ActionLearningSet)
        .map_or_else(
            || refuse(Message::new("set-no-sets-in-course").arg("course", &course.title)),
            Ok,
        )
}

/// A set of the series by its name (case-insensitive).
pub async fn find_set(
    store: &Store,
    cohort: &Cohort,
    series: &str,
    name: &str,
) -> DomainResult<Group> {
    let groups: Vec<Group> = store
        .list_groups(cohort.id)
        .await?
        .into_iter()
        .filter(|g| g.series_id == series)
        .collect();
    let names: Vec<String> = groups.iter().map(|g| g.name.clone()).collect();
    match groups
        .into_iter()
        .find(|g| g.name.eq_ignore_ascii_case(name.trim()))
    {
        Some(group) => Ok(group),
        None if names.is_empty() => refuse(Message::new("set-none-yet")),
        None => refuse(
            Message::new("set-unknown")
                .arg("name", echo(name))
                .arg("sets", names.join(", ")),
        ),
    }
}

/// A set's reminders go to its thread, or to the cohort channel when the thread refuses.
fn thread_recipient(group: &Group, cohort: &Cohort) -> Option<Recipient> {
    group.thread_id.map(|t| Recipient {
        kind: TargetKind::Thread,
        id: t.0,
        fallback: cohort.channel_id,
    })
}

/// Splits `people` into `ceil(n / size)` groups whose sizes differ by at most one.
fn balanced_groups(people: &[UserId], size: usize) -> Vec<Vec<UserId>> {
    if people.is_empty() {
        return Vec::new();
    }
    let count = people.len().div_ceil(size.max(1));
    let mut groups = vec![Vec::new(); count];
    for (i, person) in people.iter().enumerate() {
        groups[i % count].push(*person);
    }
    for group in &mut groups {
        group.sort();
    }
    groups
}

async fn placed_trainees(
    store: &Store,
    cohort: &Cohort,
    series: &str,
) -> DomainResult<Vec<UserId>> {
    Ok(store
        .list_groups(cohort.id)
        .await?
        .into_iter()
        .filter(|g| g.series_id == series)
        .flat_map(|g| g.members)
        .collect())
}

async fn check_named(
    store: &Store,
    cohort: &Cohort,
    series: &str,
    named: &[UserId],
) -> DomainResult<Vec<UserId>> {
    let placed = placed_trainees(store, cohort, series).await?;
    let mut members = Vec::new();
    for person in named {
        if role_in(store, cohort, *person).await? != Some(CohortRole::Trainee) {
            return refuse(
                Message::new("meeting-not-a-trainee")
                    .arg("user", person.to_string())
                    .arg("cohort", &cohort.name),
            );
        }
        if placed.contains(person) {
            return refuse(Message::new("set-already-placed").arg("user", person.to_string()));
        }
        members.push(*person);
    }
    members.sort();
    members.dedup();
    Ok(members)
}

async fn live_sessions(
    store: &Store,
    cohort: &Cohort,
    group: GroupId,
) -> DomainResult<Vec<Session>> {
    Ok(store
        .list_sessions(cohort.id)
        .await?
        .into_iter()
        .filter(|s| s.group_id == Some(group) && s.status != SessionStatus::Cancelled)
        .collect())
}

/// The starts of the series' sessions after the first `done`, from the course's timing.
/// Sessions keep their local time of day across a change of clocks.
fn series_starts(series: &Series, cohort: &Cohort, done: usize) -> DomainResult<Vec<UnixMillis>> {
    let Some(first) = series.first.and_then(|f| f.local(cohort.starts_on)) else {
        return refuse(Message::new("set-no-first-time"));
    };
    let every = i64::from(series.every_minutes.unwrap_or(0));
    if every == 0 && series.count > 1 {
        return refuse(Message::new("set-no-spacing"));
    }
    let starts: Vec<UnixMillis> = (done as u32..series.count)
        .map(|n| {
            let local = first + chrono::Duration::minutes(every * i64::from(n));
            local_to_utc(local, cohort.time_zone).timestamp_millis()
        })
        .collect();
    if starts.is_empty() {
        return refuse(Message::new("set-series-complete").arg("count", series.count));
    }
    Ok(starts)
}

async fn create_set_session(
    store: &Store,
    series: &Series,
    cohort: &Cohort,
    group: &Group,
    seq: u32,
    starts_at: UnixMillis,
    now: UnixMillis,
) -> DomainResult<Session> {
    let presentations = series.presentations_in_last && seq == series.count;
    let title = format!(
        "{} · session {seq} of {}",
        group.name,
        series.count.max(seq)
    );
    Ok(store
        .create_session(&NewSession {
            cohort_id: cohort.id,
            kind: SessionKind::Set,
            series_id: Some(series.id.clone()),
            seq: Some(seq),
            group_id: Some(group.id),
            pair_id: None,
            title,
            starts_at,
            ends_at: starts_at + i64::from(series.duration_minutes) * 60_000,
            status: SessionStatus::Scheduled,
            proposed_by: None,
            presentations,
            created_at: now,
        })
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_are_balanced() {
        let people: Vec<UserId> = (1..=11).map(UserId).collect();
        let sizes: Vec<usize> = balanced_groups(&people, 5).iter().map(Vec::len).collect();
        assert_eq!(sizes, vec![4, 4, 3]);
        let six: Vec<UserId> = (1..=6).map(UserId).collect();
        assert_eq!(balanced_groups(&six, 5).len(), 2);
        assert!(balanced_groups(&[], 5).is_empty());
    }
}
