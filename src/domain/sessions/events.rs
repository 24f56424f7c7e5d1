//! Cohort events: the course's events (graduation, training days, action camp) and any a
//! facilitator adds. Each is a session of kind `event`; the adapter mirrors it as a Discord
//! scheduled event and keeps that in step when the event moves or is cancelled.
//!
//! The course's events become sessions the first time a facilitator uses `/event` in the
//! cohort ([`sync_course_events`]), so a cohort created before this feature gets them too.

use crate::course::time::parse_minutes;
use crate::course::Course;
use crate::domain::access::Caller;
use crate::domain::{echo, refuse, DomainResult};
use crate::i18n::{tr, Lang, Message};
use crate::model::*;
use crate::store::Store;

use super::require_facilitator;

/// Discord's limits on a scheduled event's name, location and description.
pub const MAX_EVENT_TITLE: usize = 100;
pub const MAX_EVENT_LOCATION: usize = 100;
pub const MAX_EVENT_DESCRIPTION: usize = 1000;

/// An event with what its Discord scheduled event shows.
#[derive(Debug, Clone)]
pub struct EventView {
    pub session: Session,
    pub description: String,
    /// Where it happens, when someone said.
    pub location: Option<String>,
}

impl EventView {
    /// Where it happens, else a pointer to the cohort channel in `lang`.
    pub fn place(&self, lang: Lang) -> String {
        self.location
            .clone()
            .unwrap_or_else(|| tr(lang, "event-default-location"))
    }
}

/// What a facilitator fills in for an event of their own.
#[derive(Debug, Clone)]
pub struct EventRequest {
    pub title: String,
    pub starts_at: UnixMillis,
    pub duration_minutes: u32,
    pub location: Option<String>,
    pub description: Option<String>,
}

impl EventRequest {
    /// A request as typed in a command: `at` as `YYYY-MM-DD HH:MM` on `time_zone`'s clock,
    /// `duration` as 2h, 90m or 1h30m.
    pub fn typed(
        title: String,
        at: &str,
        duration: &str,
        location: Option<String>,
        description: Option<String>,
        time_zone: chrono_tz::Tz,
    ) -> DomainResult<EventRequest> {
        let Ok(duration_minutes) = parse_minutes(duration.trim()) else {
            return refuse(Message::new("event-duration-unreadable").arg("text", echo(duration)));
        };
        Ok(EventRequest {
            title,
            starts_at: super::parse_local_time(at, time_zone)?,
            duration_minutes,
            location,
            description,
        })
    }
}

/// Creates the sessions of the course's events that the cohort does not have yet, and
/// returns every event of the cohort, cancelled ones included (facilitators).
#[tracing::instrument(skip_all, fields(cohort = %cohort.id, user = %caller.user))]
pub async fn sync_course_events(
    store: &Store,
    course: &Course,
    caller: Caller,
    cohort: &Cohort,
    now: UnixMillis,
) -> DomainResult<Vec<EventView>> {
    require_facilitator(store, caller, cohort, "event-only-facilitators-manage").await?;
    let existing = store.list_sessions(cohort.id).await?;
    for event in &course.events {
        let key = course_event_key(&event.id);
        if existing
            .iter()
            .any(|s| s.series_id.as_deref() == Some(key.as_str()))
        {
            continue;
        }
        let Some(start) = event.at.resolve(cohort.starts_on, cohort.time_zone) else {
            continue;
        };
        let starts_at = start.timestamp_millis();
        store
            .create_session(&event_session(
                cohort,
                Some(key),
                &event.title,
                starts_at,
                event.duration_minutes,
                caller.user,
                now,
            ))
            .await?;
    }
    events_of(store, course, cohort).await
}

/// Adds a facilitator's own event.
#[tracing::instrument(skip_all, fields(cohort = %cohort.id, user = %caller.user))]
pub async fn create_event(
    store: &Store,
    caller: Caller,
    cohort: &Cohort,
    request: EventRequest,
    now: UnixMillis,
) -> DomainResult<EventView> {
    require_facilitator(store, caller, cohort, "event-only-facilitators-create").await?;
    let title = request.title.trim();
    if title.is_empty() || title.chars().count() > MAX_EVENT_TITLE {
        return refuse(Message::new("event-title-length").arg("max", MAX_EVENT_TITLE));
    }
    check_text(request.location.as_deref(), MAX_EVENT_LOCATION, "location")?;
    check_text(
        request.description.as_deref(),
        MAX_EVENT_DESCRIPTION,
        "description",
    )?;
    if request.starts_at <= now {
        return refuse(Message::new("session-time-passed"));
    }
    if request.duration_minutes == 0 {
        return refuse(Message::new("event-no-duration"));
    }
    let session = store
        .create_session(&event_session(
            cohort,
            None,
            title,
            request.starts_at,
            request.duration_minutes,
            caller.user,
            now,
        ))
        .await?;
    Ok(EventView {
        session,
        description: request.description.unwrap_or_default(),
        location: request.location,
    })
}

/// Moves an event, keeping its length (facilitators).
#[tracing::instrument(skip_all, fields(cohort = %cohort.id, user = %caller.user))]
pub async fn move_event(
    store: &Store,
    course: &Course,
    caller: Caller,
    cohort: &Cohort,
    name: &str,
    starts_at: UnixMillis,
    now: UnixMillis,
) -> DomainResult<EventView> {
    require_facilitator(store, caller, cohort, "event-only-facilitators-move").await?;
    let event = find_event(store, course, cohort, name).await?;
    if starts_at <= now {
        return refuse(Message::new("session-time-passed"));
    }
    let length = event.session.ends_at - event.session.starts_at;
    let session = store
        .reschedule_session(event.session.id, starts_at, starts_at + length)
        .await?;
    Ok(EventView { session, ..event })
}

/// Cancels an event (facilitators).
#[tracing::instrument(skip_all, fields(cohort = %cohort.id, user = %caller.user))]
pub async fn cancel_event(
    store: &Store,
    course: &Course,
    caller: Caller,
    cohort: &Cohort,
    name: &str,
) -> DomainResult<EventView> {
    require_facilitator(store, caller, cohort, "event-only-facilitators-cancel").await?;
    let event = find_event(store, course, cohort, name).await?;
    let session = store
        .set_session_status(event.session.id, SessionStatus::Cancelled)
        .await?;
    super::withdraw_reminders(store, session.id).await?;
    Ok(EventView { session, ..event })
}

/// Remembers the Discord scheduled event that mirrors an event.
pub async fn record_discord_event(
    store: &Store,
    session: SessionId,
    event: ScheduledEventId,
) -> DomainResult<Session> {
    Ok(store.set_session_event(session, Some(event)).await?)
}

/// Records the people interested in the Discord event as having said yes.
pub async fn record_interest(
    store: &Store,
    event: SessionId,
    people: &[UserId],
) -> DomainResult<()> {
    for person in people {
        store.set_rsvp(event, *person, Rsvp::Yes).await?;
    }
    Ok(())
}

/// An event of the cohort by its title or its course id (case-insensitive); cancelled
/// events are not found.
pub async fn find_event(
    store: &Store,
    course: &Course,
    cohort: &Cohort,
    name: &str,
) -> DomainResult<EventView> {
    let name = name.trim();
    let events = events_of(store, course, cohort).await?;
    let titles: Vec<String> = events
        .iter()
        .filter(|e| e.session.status != SessionStatus::Cancelled)
        .map(|e| format!("“{}”", e.session.title))
        .collect();
    let wanted = course_event_key(&name.to_ascii_lowercase());
    events
        .into_iter()
        .filter(|e| e.session.status != SessionStatus::Cancelled)
        .find(|e| {
            e.session.title.eq_ignore_ascii_case(name)
                || e.session.series_id.as_deref() == Some(wanted.as_str())
        })
        .map_or_else(
            || {
                refuse(
                    Message::new("event-unknown")
                        .arg("name", echo(name))
                        .arg("count", titles.len())
                        .arg("events", titles.join(", ")),
                )
            },
            Ok,
        )
}

/// Every event of the cohort, in order of start.
pub async fn events_of(
    store: &Store,
    course: &Course,
    cohort: &Cohort,
) -> DomainResult<Vec<EventView>> {
    Ok(store
        .list_sessions(cohort.id)
        .await?
        .into_iter()
        .filter(|s| s.kind == SessionKind::Event)
        .map(|session| {
            let from_course = session
                .series_id
                .as_deref()
                .and_then(|key| key.strip_prefix(COURSE_EVENT_PREFIX))
                .and_then(|id| course.events.iter().find(|e| e.id == id));
            EventView {
                description: from_course
                    .map(|e| e.description.clone())
                    .unwrap_or_default(),
                location: from_course.and_then(|e| e.location.clone()),
                session,
            }
        })
        .collect())
}

const COURSE_EVENT_PREFIX: &str = "event:";

/// The `series_id` that ties a session to the course's event `id`.
fn course_event_key(id: &str) -> String {
    format!("{COURSE_EVENT_PREFIX}{id}")
}

fn check_text(text: Option<&str>, max: usize, what: &str) -> DomainResult<()> {
    match text {
        Some(t) if t.chars().count() > max => refuse(
            Message::new("event-text-too-long")
                .arg("what", what)
                .arg("max", max),
        ),
        _ => Ok(()),
    }
}

fn event_session(
    cohort: &Cohort,
    series_id: Option<String>,
    title: &str,
    starts_at: UnixMillis,
    duration_minutes: u32,
    by: UserId,
    now: UnixMillis,
) -> NewSession {
    NewSession {
        cohort_id: cohort.id,
        kind: SessionKind::Event,
        series_id,
        seq: None,
        group_id: None,
        pair_id: None,
        title: title.to_string(),
        starts_at,
        ends_at: starts_at + i64::from(duration_minutes) * 60_000,
        status: SessionStatus::Scheduled,
        proposed_by: Some(by),
        presentations: false,
        created_at: now,
    }
}
