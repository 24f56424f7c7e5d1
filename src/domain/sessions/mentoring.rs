//! Mentoring: pairs, meetings proposed by one side and confirmed by the other, reminders to
//! both (by DM, falling back to the pair's thread), logging by the mentor, and a nudge to a
//! mentor whose trainee has gone without a meeting for a number of weeks.
//!
//! Nudges: when a pair is made and whenever a meeting is logged, one nudge is queued for
//! `nudge_weeks` later (default [`DEFAULT_NUDGE_WEEKS`], set per pair with `/mentor pair`);
//! the previous nudge, if not yet sent, is withdrawn. Once the trainee has had the meetings
//! the course asks for, the last nudge is withdrawn and none follows. The weeks travel in the nudge's dedupe
//! key (`nudge:{pair}:w{weeks}:{due}`), so the next one keeps the pair's setting.

use crate::course::{Badge, Course, Series, SeriesKind};
use crate::domain::access::Caller;
use crate::domain::badges;
use crate::domain::languages::{self, Recipients};
use crate::domain::outbox::DeliveryPayload;
use crate::domain::{refuse, DomainResult};
use crate::i18n::{self, tr_args, Lang, Message};
use crate::model::*;
use crate::store::Store;

use super::{
    is_facilitator, queue_reminders, reminder_offsets, require_facilitator, role_in,
    session_in_guild, Recipient,
};

/// Weeks without a meeting before the mentor is nudged, unless the pair says otherwise.
pub const DEFAULT_NUDGE_WEEKS: u32 = 6;
/// Private notes are kept to what a Discord text box holds.
pub const MAX_NOTES: usize = 4000;

const WEEK_MS: i64 = 7 * 24 * 60 * 60 * 1000;

/// A meeting with its pair; `notes` only when the viewer may read them.
#[derive(Debug, Clone)]
pub struct MeetingView {
    pub session: Session,
    pub pair: MentorPair,
    pub notes: Option<String>,
}

/// What a mentor says about a meeting that happened.
#[derive(Debug, Clone, Default)]
pub struct MeetingReport {
    /// The trainee, when the mentor has several.
    pub with: Option<UserId>,
    /// The meeting's number; default the latest one that has started.
    pub number: Option<u32>,
    /// Private notes: only facilitators and this mentor read them.
    pub notes: Option<String>,
}

/// A logged meeting and the badges it earned the trainee.
#[derive(Debug, Clone)]
pub struct MeetingLogged {
    pub meeting: MeetingView,
    pub badges: Vec<Badge>,
    pub held: u32,
    pub required: u32,
}

/// Pairs a mentor with a trainee (facilitators). The adapter opens the pair's private
/// thread and records it with [`record_pair_thread`], which also queues the first nudge.
#[tracing::instrument(skip_all, fields(cohort = %cohort.id, user = %caller.user))]
pub async fn pair(
    store: &Store,
    course: &Course,
    caller: Caller,
    cohort: &Cohort,
    mentor: UserId,
    trainee: UserId,
    now: UnixMillis,
) -> DomainResult<MentorPair> {
    require_facilitator(store, caller, cohort, "meeting-only-facilitators-pair").await?;
    mentoring_series(course)?;
    if cohort.channel_id.is_none() {
        return refuse(Message::new("meeting-no-channel"));
    }
    if role_in(store, cohort, mentor).await? != Some(CohortRole::Mentor) {
        return refuse(
            Message::new("meeting-not-a-mentor")
                .arg("user", mentor.to_string())
                .arg("cohort", &cohort.name),
        );
    }
    if role_in(store, cohort, trainee).await? != Some(CohortRole::Trainee) {
        return refuse(
            Message::new("meeting-not-a-trainee")
                .arg("user", trainee.to_string())
                .arg("cohort", &cohort.name),
        );
    }
    Ok(store
        .create_mentor_pair(cohort.id, mentor, trainee, now)
        .await?)
}

/// Remembers the private thread where the pair meets, and queues the first nudge (with the
/// thread as the place to post it when the mentor's DMs are closed).
pub async fn record_pair_thread(
    store: &Store,
    guild: GuildId,
    pair: &MentorPair,
    thread: ChannelId,
    nudge_weeks: Option<u32>,
) -> DomainResult<()> {
    store.set_pair_thread(pair.id, thread).await?;
    let with_thread = MentorPair {
        thread_id: Some(thread),
        ..pair.clone()
    };
    let weeks = nudge_weeks.unwrap_or(DEFAULT_NUDGE_WEEKS).clamp(1, 52);
    queue_nudge(store, guild, &with_thread, weeks, pair.created_at).await
}

/// One side of a pair proposes a meeting at `at`; the other side confirms it.
#[tracing::instrument(skip_all, fields(cohort = %cohort.id, user = %caller.user))]
pub async fn propose_meeting(
    store: &Store,
    course: &Course,
    caller: Caller,
    cohort: &Cohort,
    with: Option<UserId>,
    at: UnixMillis,
    now: UnixMillis,
) -> DomainResult<MeetingView> {
    let series = mentoring_series(course)?;
    let pair = own_pair(store, caller, cohort, with).await?;
    if at <= now {
        return refuse(Message::new("session-time-passed"));
    }
    let seq = meetings_of(store, cohort, pair.id).await?.len() as u32 + 1;
    // Both sides and their thread see the title: it is in the server's language.
    let lang = i18n::for_member(None, languages::server_lang(store, cohort.guild_id).await?);
    let session = store
        .create_session(&NewSession {
            cohort_id: cohort.id,
            kind: SessionKind::Meeting,
            series_id: Some(series.id.clone()),
            seq: Some(seq),
            group_id: None,
            pair_id: Some(pair.id),
            title: tr_args(lang, "meeting-title", &[("seq", seq.into())]),
            starts_at: at,
            ends_at: at + i64::from(series.duration_minutes) * 60_000,
            status: SessionStatus::Proposed,
            proposed_by: Some(caller.user),
            presentations: false,
            created_at: now,
        })
        .await?;
    Ok(MeetingView {
        session,
        pair,
        notes: None,
    })
}

/// The other side of the pair confirms a proposed meeting; reminders then go to both.
#[tracing::instrument(skip_all, fields(session = %session, user = %caller.user))]
pub async fn confirm_meeting(
    store: &Store,
    caller: Caller,
    session: SessionId,
    guild_lang: Option<Lang>,
    now: UnixMillis,
) -> DomainResult<MeetingView> {
    let (found, cohort) = session_in_guild(store, caller, session).await?;
    let pair = match found.pair_id {
        Some(pair) => store.mentor_pair(pair).await?,
        None => return refuse(Message::new("meeting-not-a-meeting")),
    };
    let Some(pair) = pair else {
        return refuse(Message::new("meeting-pair-gone"));
    };
    if caller.user != pair.mentor_id && caller.user != pair.trainee_id {
        return refuse(Message::new("meeting-confirm-not-yours"));
    }
    if found.proposed_by == Some(caller.user) {
        return refuse(Message::new("meeting-confirm-own"));
    }
    if found.status != SessionStatus::Proposed {
        return refuse(Message::new("meeting-already").arg("status", found.status.to_string()));
    }
    if found.starts_at <= now {
        return refuse(Message::new("meeting-time-passed"));
    }
    let session = store
        .set_session_status(found.id, SessionStatus::Scheduled)
        .await?;
    let course = crate::domain::snapshots::course_of(store, &cohort).await?;
    let recipients: Vec<Recipient> = [pair.mentor_id, pair.trainee_id]
        .into_iter()
        .map(|user| Recipient {
            kind: TargetKind::Dm,
            id: user.0,
            fallback: pair.thread_id,
        })
        .collect();
    let series = course
        .series
        .iter()
        .find(|s| Some(&s.id) == session.series_id.as_ref());
    let offsets = reminder_offsets(series);
    queue_reminders(
        store,
        cohort.guild_id,
        &session,
        &offsets,
        &recipients,
        guild_lang,
        now,
    )
    .await?;
    Ok(MeetingView {
        session,
        pair,
        notes: None,
    })
}

/// The mentor logs that a meeting happened (the latest one that has started, or meeting
/// `number`), with optional private notes. Counts toward the trainee's badges.
#[tracing::instrument(skip_all, fields(cohort = %cohort.id, user = %caller.user))]
pub async fn log_meeting(
    store: &Store,
    course: &Course,
    caller: Caller,
    cohort: &Cohort,
    report: &MeetingReport,
    now: UnixMillis,
) -> DomainResult<MeetingLogged> {
    let notes = report
        .notes
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty());
    let series = mentoring_series(course)?;
    let pair = own_pair(store, caller, cohort, report.with).await?;
    if pair.mentor_id != caller.user {
        return refuse(Message::new("meeting-log-mentor-only"));
    }
    if notes.is_some_and(|n| n.chars().count() > MAX_NOTES) {
        return refuse(Message::new("meeting-notes-too-long").arg("max", MAX_NOTES));
    }
    let meeting = meeting_to_log(store, cohort, &pair, report.number, now).await?;
    let session = store
        .set_session_status(meeting.id, SessionStatus::Held)
        .await?;
    store.set_session_notes(session.id, notes).await?;
    store
        .record_attendance(session.id, pair.trainee_id, true, caller.user, now)
        .await?;
    let held = store
        .count_attended(cohort.id, pair.trainee_id, &series.id)
        .await?;
    let required = required_meetings(course, series);
    if held >= required {
        withdraw_nudge(store, pair.id).await?;
    } else {
        let weeks = nudge_weeks_of(store, pair.id).await?;
        queue_nudge(store, cohort.guild_id, &pair, weeks, now).await?;
    }
    let earned = badges::award_earned(store, course, cohort.id, pair.trainee_id, now).await?;
    Ok(MeetingLogged {
        meeting: MeetingView {
            notes: notes.map(str::to_owned),
            session,
            pair,
        },
        badges: earned.awarded,
        held,
        required,
    })
}

/// Meetings the caller may see: a facilitator every pair's (or one mentor's), a mentor
/// only their own trainees', a trainee only their own. Notes go to facilitators and the
/// pair's mentor.
pub async fn list_meetings(
    store: &Store,
    caller: Caller,
    cohort: &Cohort,
    mentor: Option<UserId>,
) -> DomainResult<Vec<MeetingView>> {
    let facilitating = is_facilitator(store, caller, cohort).await?;
    if !facilitating && mentor.is_some_and(|m| m != caller.user) {
        return refuse(Message::new("meeting-list-own-only"));
    }
    let pairs: Vec<MentorPair> = store
        .list_mentor_pairs(cohort.id)
        .await?
        .into_iter()
        .filter(|p| match (facilitating, mentor) {
            (true, None) => true,
            (true, Some(m)) => p.mentor_id == m,
            (false, _) => p.mentor_id == caller.user || p.trainee_id == caller.user,
        })
        .collect();
    let sessions = store.list_sessions(cohort.id).await?;
    let mut views = Vec::new();
    for pair in pairs {
        let may_read_notes = facilitating || pair.mentor_id == caller.user;
        for session in sessions.iter().filter(|s| s.pair_id == Some(pair.id)) {
            views.push(MeetingView {
                notes: session.notes.clone().filter(|_| may_read_notes),
                session: session.clone(),
                pair: pair.clone(),
            });
        }
    }
    views.sort_by_key(|v| (v.session.starts_at, v.session.id));
    Ok(views)
}

/// The course's mentoring series.
pub fn mentoring_series(course: &Course) -> DomainResult<&Series> {
    course
        .series
        .iter()
        .find(|s| s.kind == SeriesKind::Mentoring)
        .map_or_else(
            || refuse(Message::new("meeting-no-mentoring").arg("course", &course.title)),
            Ok,
        )
}

/// How many meetings a badge asks for (the series' count when no badge does).
fn required_meetings(course: &Course, series: &Series) -> u32 {
    course
        .badges
        .iter()
        .flat_map(|b| &b.requires.attended)
        .filter(|need| need.series == series.id)
        .map(|need| need.count)
        .max()
        .unwrap_or(series.count)
}

/// The caller's pair: as the mentor (naming the trainee when they have several) or as the
/// trainee.
async fn own_pair(
    store: &Store,
    caller: Caller,
    cohort: &Cohort,
    with: Option<UserId>,
) -> DomainResult<MentorPair> {
    let mut pairs = store.pairs_of_mentor(cohort.id, caller.user).await?;
    pairs.extend(store.pairs_of_trainee(cohort.id, caller.user).await?);
    if let Some(other) = with {
        pairs.retain(|p| p.mentor_id == other || p.trainee_id == other);
    }
    match (pairs.len(), with) {
        (0, Some(other)) => {
            refuse(Message::new("meeting-not-paired-with").arg("user", other.to_string()))
        }
        (0, None) => refuse(Message::new("meeting-no-pair")),
        (1, _) => Ok(pairs.remove(0)),
        _ => refuse(Message::new("meeting-several-pairs")),
    }
}

async fn meetings_of(
    store: &Store,
    cohort: &Cohort,
    pair: MentorPairId,
) -> DomainResult<Vec<Session>> {
    Ok(store
        .list_sessions(cohort.id)
        .await?
        .into_iter()
        .filter(|s| s.pair_id == Some(pair) && s.status != SessionStatus::Cancelled)
        .collect())
}

async fn meeting_to_log(
    store: &Store,
    cohort: &Cohort,
    pair: &MentorPair,
    number: Option<u32>,
    now: UnixMillis,
) -> DomainResult<Session> {
    let meetings = meetings_of(store, cohort, pair.id).await?;
    let chosen = match number {
        Some(n) => meetings.into_iter().find(|s| s.seq == Some(n)),
        None => meetings
            .into_iter()
            .rfind(|s| s.status != SessionStatus::Held && s.starts_at <= now),
    };
    match chosen {
        None => refuse(Message::new("meeting-none-to-log")),
        Some(s) if s.starts_at > now => refuse(Message::new("meeting-not-started")),
        Some(s) if s.status == SessionStatus::Held => {
            refuse(Message::new("meeting-logged-already"))
        }
        Some(s) => Ok(s),
    }
}

fn nudge_prefix(pair: MentorPairId) -> String {
    format!("nudge:{pair}:")
}

/// Withdraws the pair's unsent nudge: the series is complete, or a new one replaces it.
async fn withdraw_nudge(store: &Store, pair: MentorPairId) -> DomainResult<()> {
    store
        .withdraw_pending_deliveries(&nudge_prefix(pair))
        .await?;
    Ok(())
}

/// Withdraws the pair's unsent nudge and queues the next, `weeks` from `now`, in the
/// mentor's language.
async fn queue_nudge(
    store: &Store,
    guild: GuildId,
    pair: &MentorPair,
    weeks: u32,
    now: UnixMillis,
) -> DomainResult<()> {
    withdraw_nudge(store, pair.id).await?;
    let due_at = now + i64::from(weeks) * WEEK_MS;
    let lang = Recipients::read(store, guild, &[pair.mentor_id], None)
        .await?
        .lang(pair.mentor_id);
    let args = [
        ("mentor", pair.mentor_id.to_string().into()),
        ("trainee", pair.trainee_id.to_string().into()),
        ("weeks", weeks.into()),
    ];
    let payload = DeliveryPayload {
        content: tr_args(lang, "meeting-nudge", &args),
        ..DeliveryPayload::default()
    }
    .written_in(lang);
    store
        .enqueue_delivery(&NewDelivery {
            schedule_id: None,
            dedupe_key: format!("{}w{weeks}:{due_at}", nudge_prefix(pair.id)),
            cohort_id: Some(pair.cohort_id),
            target_kind: TargetKind::Dm,
            target_id: pair.mentor_id.0,
            fallback_channel_id: pair.thread_id,
            payload: payload.to_json(),
            due_at,
            expires_at: None,
        })
        .await?;
    Ok(())
}

/// The pair's nudge interval, read back from its latest nudge.
async fn nudge_weeks_of(store: &Store, pair: MentorPairId) -> DomainResult<u32> {
    let key = store.latest_delivery_key(&nudge_prefix(pair)).await?;
    Ok(key
        .as_deref()
        .and_then(|k| k.strip_prefix(&nudge_prefix(pair)))
        .and_then(|rest| rest.strip_prefix('w'))
        .and_then(|rest| rest.split(':').next())
        .and_then(|weeks| weeks.parse().ok())
        .unwrap_or(DEFAULT_NUDGE_WEEKS))
}
