//! Sessions: action learning sets, mentoring meetings and cohort events. Who may schedule,
//! answer, attend and log them, and the reminders the scheduler sends before each one.
//!
//! Reminders are deliveries queued when a session is scheduled, one per session, start time,
//! offset and recipient (`session:{id}:{start}:{offset}m:{kind}:{target}`), due `offset`
//! before the start and expiring at the start, so a late reminder is never sent after the
//! session began. Moving or cancelling a session withdraws the ones not yet sent.

pub mod events;
pub mod mentoring;
pub mod sets;

use chrono::NaiveDateTime;
use chrono_tz::Tz;

// Current facilitators of the cohort, asking from its own server; managing the server does
// not count.
use super::access::{is_facilitator, Caller};
use super::{echo, refuse, DomainResult};
use crate::course::time::local_to_utc;
use crate::course::Series;
use crate::domain::languages::Recipients;
use crate::domain::outbox::DeliveryPayload;
use crate::i18n::{tr_args, Lang, Message};
use crate::model::*;
use crate::store::Store;

/// Reminders before each session when the course names none: a day and an hour before.
pub const DEFAULT_REMINDERS_MINUTES: [u32; 2] = [24 * 60, 60];

/// Reads a date and time written in the cohort's time zone.
pub fn parse_local_time(text: &str, tz: Tz) -> DomainResult<UnixMillis> {
    let text = text.trim();
    match NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M") {
        Ok(local) => Ok(local_to_utc(local, tz).timestamp_millis()),
        Err(_) => refuse(
            Message::new("session-time-unreadable")
                .arg("text", echo(text))
                .arg("zone", tz.name()),
        ),
    }
}

/// A duration in words for reminders: "3 days", "24 hours", "1 hour", "90 minutes".
pub fn describe_minutes(minutes: u32, lang: Lang) -> String {
    let (id, n) = match minutes {
        m if m >= 48 * 60 && m % (24 * 60) == 0 => ("duration-days", m / (24 * 60)),
        m if m >= 60 && m % 60 == 0 => ("duration-hours", m / 60),
        m => ("duration-minutes", m),
    };
    tr_args(lang, id, &[("count", n.into())])
}

/// Records a member's answer to a set session or meeting; only the set's members or the
/// pair may answer.
#[tracing::instrument(skip_all, fields(session = %session, user = %caller.user))]
pub async fn answer_rsvp(
    store: &Store,
    caller: Caller,
    session: SessionId,
    answer: Rsvp,
    now: UnixMillis,
) -> DomainResult<Session> {
    let (found, _) = session_in_guild(store, caller, session).await?;
    if !is_invited(store, &found, caller.user).await? {
        return refuse(Message::new("session-invitation-not-yours"));
    }
    if found.status == SessionStatus::Cancelled {
        return refuse(Message::new("session-cancelled"));
    }
    if found.starts_at <= now {
        return refuse(Message::new("session-already-started"));
    }
    store.set_rsvp(found.id, caller.user, answer).await?;
    Ok(found)
}

/// The offsets before a session at which its reminders go, largest first.
fn reminder_offsets(series: Option<&Series>) -> Vec<u32> {
    match series {
        Some(s) if !s.reminders_minutes.is_empty() => s.reminders_minutes.clone(),
        _ => DEFAULT_REMINDERS_MINUTES.to_vec(),
    }
}

/// Who a reminder goes to, and where it goes when they cannot be reached.
#[derive(Debug, Clone, Copy)]
struct Recipient {
    kind: TargetKind,
    id: u64,
    fallback: Option<ChannelId>,
}

/// Queues the reminders of `session` that are still ahead of `now`, each in its reader's
/// language: a direct message in the member's, a thread's in the server's.
async fn queue_reminders(
    store: &Store,
    guild: GuildId,
    session: &Session,
    offsets: &[u32],
    recipients: &[Recipient],
    guild_lang: Option<Lang>,
    now: UnixMillis,
) -> DomainResult<usize> {
    let members: Vec<UserId> = recipients
        .iter()
        .filter(|r| r.kind == TargetKind::Dm)
        .map(|r| UserId(r.id))
        .collect();
    let readers = Recipients::read(store, guild, &members, guild_lang).await?;
    let mut queued = 0;
    for &offset in offsets {
        let due_at = session.starts_at - i64::from(offset) * 60_000;
        if due_at <= now {
            continue;
        }
        for recipient in recipients {
            let lang = match recipient.kind {
                TargetKind::Dm => readers.lang(UserId(recipient.id)),
                _ => readers.channel_lang(),
            };
            let new = NewDelivery {
                schedule_id: None,
                dedupe_key: format!(
                    "{}{}:{offset}m:{}:{}",
                    reminder_prefix(session.id),
                    session.starts_at,
                    recipient.kind,
                    recipient.id
                ),
                cohort_id: Some(session.cohort_id),
                target_kind: recipient.kind,
                target_id: recipient.id,
                fallback_channel_id: recipient.fallback,
                payload: reminder_payload(session, offset, lang).to_json(),
                due_at,
                expires_at: Some(session.starts_at),
            };
            if store.enqueue_delivery(&new).await?.is_some() {
                queued += 1;
            }
        }
    }
    Ok(queued)
}

fn reminder_prefix(session: SessionId) -> String {
    format!("session:{session}:")
}

fn reminder_payload(session: &Session, offset: u32, lang: Lang) -> DeliveryPayload {
    let args = [
        ("title", (&session.title).into()),
        ("in", describe_minutes(offset, lang).into()),
        ("start", session.starts_at.div_euclid(1000).into()),
    ];
    DeliveryPayload {
        content: tr_args(lang, "reminder-session", &args),
        ..DeliveryPayload::default()
    }
    .written_in(lang)
}

/// Withdraws the reminders of a session that have not gone out yet.
async fn withdraw_reminders(store: &Store, session: SessionId) -> DomainResult<u64> {
    Ok(store
        .withdraw_pending_deliveries(&reminder_prefix(session))
        .await?)
}

/// The caller's current role in the cohort, if they are in it.
async fn role_in(store: &Store, cohort: &Cohort, user: UserId) -> DomainResult<Option<CohortRole>> {
    Ok(store
        .member(cohort.id, user)
        .await?
        .filter(|m| m.left_at.is_none())
        .map(|m| m.role))
}

async fn require_facilitator(
    store: &Store,
    caller: Caller,
    cohort: &Cohort,
    what: &'static str,
) -> DomainResult<()> {
    if is_facilitator(store, caller, cohort).await? {
        return Ok(());
    }
    refuse(Message::new(what).arg("cohort", &cohort.name))
}

/// The session a button names, if it belongs to a cohort of the caller's server.
async fn session_in_guild(
    store: &Store,
    caller: Caller,
    session: SessionId,
) -> DomainResult<(Session, Cohort)> {
    let Some(found) = store.session(session).await? else {
        return refuse(Message::new("session-gone"));
    };
    match store.cohort(found.cohort_id).await? {
        Some(cohort) if cohort.guild_id == caller.guild => Ok((found, cohort)),
        _ => refuse(Message::new("session-gone")),
    }
}

/// Whether `user` is one of the people a set session or meeting is for.
async fn is_invited(store: &Store, session: &Session, user: UserId) -> DomainResult<bool> {
    if let Some(group) = session.group_id {
        let groups = store.list_groups(session.cohort_id).await?;
        return Ok(groups
            .iter()
            .any(|g| g.id == group && g.members.contains(&user)));
    }
    if let Some(pair) = session.pair_id {
        return Ok(store
            .mentor_pair(pair)
            .await?
            .is_some_and(|p| p.mentor_id == user || p.trainee_id == user));
    }
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_read_as_people_say_them() {
        assert_eq!(describe_minutes(3 * 24 * 60, Lang::En), "3 days");
        assert_eq!(describe_minutes(24 * 60, Lang::En), "24 hours");
        assert_eq!(describe_minutes(60, Lang::En), "1 hour");
        assert_eq!(describe_minutes(90, Lang::En), "90 minutes");
        assert_eq!(describe_minutes(60, Lang::Fr), "1 heure");
        assert_eq!(describe_minutes(2 * 24 * 60, Lang::Fr), "2 jours");
    }

    #[test]
    fn local_times_follow_the_cohort_time_zone() {
        let london: Tz = "Europe/London".parse().unwrap();
        let summer = parse_local_time("2026-07-01 19:00", london).unwrap();
        assert_eq!(summer, 1_782_928_800_000);
        assert!(parse_local_time("tomorrow at 7", london).is_err());
    }
}
