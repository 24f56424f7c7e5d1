//! Due schedules become deliveries: insert the occurrence, then move the schedule on.

use chrono_tz::Tz;

use super::rule::ScheduleRule;
use super::{millis, Inner};
use crate::domain::outbox::{DeliveryPayload, SchedulePayload};
use crate::model::{DeliveryId, NewDelivery, Schedule, ScheduleId, UnixMillis};
use crate::store::StoreError;

/// The dedupe key of a schedule's occurrence at `at`.
pub fn occurrence_key(schedule: ScheduleId, at: UnixMillis) -> String {
    format!("schedule:{schedule}:{at}")
}

/// Materialises the schedules due at `now`; returns the deliveries this created.
pub(super) async fn materialise_due(
    inner: &Inner,
    now: UnixMillis,
) -> Result<Vec<DeliveryId>, StoreError> {
    let due = inner
        .store
        .due_schedules(now, inner.config.schedules_per_step)
        .await?;
    let mut enqueued = Vec::new();
    for schedule in due {
        enqueued.extend(materialise(inner, &schedule, now).await?);
    }
    Ok(enqueued)
}

/// What a due schedule does at `now`.
#[derive(Debug, PartialEq, Eq)]
struct Plan {
    /// The occurrence to send: the latest one due, if it is within the grace window.
    send: Option<UnixMillis>,
    /// The schedule's next occurrence after `now`.
    next: Option<UnixMillis>,
}

#[tracing::instrument(skip_all, fields(schedule = %schedule.id, cohort = %schedule.cohort_id))]
async fn materialise(
    inner: &Inner,
    schedule: &Schedule,
    now: UnixMillis,
) -> Result<Option<DeliveryId>, StoreError> {
    let Some(due) = schedule.next_fire_at else {
        return Ok(None);
    };
    let (rule, payload) = match read_schedule(schedule) {
        Ok(read) => read,
        Err(reason) => return deactivate_broken(inner, schedule, &reason).await,
    };
    let plan = plan(
        &rule,
        schedule.time_zone,
        due,
        now,
        millis(inner.config.grace),
    );
    let enqueued = match plan.send {
        Some(at) => {
            let late = now - at > millis(inner.config.late_after);
            if late {
                tracing::info!(due, at, "sending the latest missed occurrence late");
            }
            let new = occurrence(schedule, &payload, at, late);
            inner.store.enqueue_delivery(&new).await?
        }
        None => {
            tracing::warn!(due, "skipped occurrences older than the grace window");
            None
        }
    };
    if !inner
        .store
        .advance_schedule(schedule.id, due, plan.next)
        .await?
    {
        tracing::debug!("another instance moved this schedule on first");
        return Ok(enqueued);
    }
    if plan.next.is_none() {
        // A one-off, or a repeating rule past its end.
        inner.store.set_schedule_active(schedule.id, false).await?;
    }
    Ok(enqueued)
}

fn read_schedule(schedule: &Schedule) -> Result<(ScheduleRule, SchedulePayload), String> {
    let rule = schedule
        .rule
        .parse()
        .map_err(|e| format!("unreadable rule: {e}"))?;
    let payload = SchedulePayload::from_json(&schedule.payload)
        .map_err(|e| format!("unreadable payload: {e}"))?;
    Ok((rule, payload))
}

/// A schedule that cannot be read would fail every step: switch it off, loudly.
async fn deactivate_broken(
    inner: &Inner,
    schedule: &Schedule,
    reason: &str,
) -> Result<Option<DeliveryId>, StoreError> {
    tracing::error!(kind = %schedule.kind, "schedule switched off: {reason}");
    inner.store.set_schedule_active(schedule.id, false).await?;
    Ok(None)
}

/// Finds the latest occurrence at or before `now` (starting from `due`, the schedule's
/// `next_fire_at`) that is at most `grace_ms` old, and the first occurrence after `now`.
/// Occurrences before the grace window are never visited, so a long downtime costs nothing.
fn plan(rule: &ScheduleRule, tz: Tz, due: UnixMillis, now: UnixMillis, grace_ms: i64) -> Plan {
    let window_start = now.saturating_sub(grace_ms);
    let mut candidate = if due >= window_start {
        Some(due)
    } else {
        rule.next_after(window_start - 1, tz)
    };
    if matches!(rule, ScheduleRule::Once) {
        return Plan {
            send: candidate.filter(|&at| at <= now),
            next: None,
        };
    }
    let mut send = None;
    while let Some(at) = candidate.filter(|&at| at <= now) {
        send = Some(at);
        candidate = rule.next_after(at, tz);
    }
    Plan {
        send,
        next: candidate,
    }
}

fn occurrence(
    schedule: &Schedule,
    payload: &SchedulePayload,
    at: UnixMillis,
    late: bool,
) -> NewDelivery {
    let message = DeliveryPayload {
        was_due_at: late.then_some(at),
        ..payload.message.clone()
    };
    NewDelivery {
        schedule_id: Some(schedule.id),
        dedupe_key: occurrence_key(schedule.id, at),
        cohort_id: Some(schedule.cohort_id),
        target_kind: payload.target.kind,
        target_id: payload.target.id,
        fallback_channel_id: payload.fallback_channel(),
        payload: message.to_json(),
        due_at: at,
        expires_at: payload.expires_after_ms.map(|ms| at.saturating_add(ms)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOUR: i64 = 3_600_000;
    const DAY: i64 = 24 * HOUR;
    /// 2026-06-01T00:00:00Z, a Monday.
    const JUNE_1: UnixMillis = 1_780_272_000_000;

    fn daily_at_nine_utc() -> ScheduleRule {
        "0 9 * * *".parse().unwrap()
    }

    #[test]
    fn an_on_time_occurrence_is_sent_and_the_next_one_follows() {
        let nine = JUNE_1 + 9 * HOUR;
        let plan = plan(&daily_at_nine_utc(), Tz::UTC, nine, nine + 1000, HOUR);
        assert_eq!(
            plan,
            Plan {
                send: Some(nine),
                next: Some(nine + DAY)
            }
        );
    }

    #[test]
    fn after_downtime_an_occurrence_exactly_at_the_start_of_the_grace_window_is_sent() {
        let nine = JUNE_1 + 9 * HOUR;
        let now = nine + 2 * DAY + HOUR;
        let plan = plan(&daily_at_nine_utc(), Tz::UTC, nine, now, HOUR);
        assert_eq!(
            plan,
            Plan {
                send: Some(nine + 2 * DAY),
                next: Some(nine + 3 * DAY)
            }
        );
    }

    #[test]
    fn after_downtime_only_the_latest_occurrence_in_the_grace_window_is_sent() {
        let nine = JUNE_1 + 9 * HOUR;
        let now = nine + 5 * DAY + HOUR / 2;
        let plan = plan(&daily_at_nine_utc(), Tz::UTC, nine, now, HOUR);
        assert_eq!(
            plan,
            Plan {
                send: Some(nine + 5 * DAY),
                next: Some(nine + 6 * DAY)
            }
        );
    }

    #[test]
    fn beyond_the_grace_window_nothing_is_sent() {
        let nine = JUNE_1 + 9 * HOUR;
        let now = nine + 5 * DAY + 3 * HOUR;
        let plan = plan(&daily_at_nine_utc(), Tz::UTC, nine, now, HOUR);
        assert_eq!(
            plan,
            Plan {
                send: None,
                next: Some(nine + 6 * DAY)
            }
        );
        let once = plan_once(nine, now);
        assert_eq!(
            once,
            Plan {
                send: None,
                next: None
            }
        );
    }

    #[test]
    fn a_one_off_fires_once() {
        let at = JUNE_1 + 9 * HOUR;
        assert_eq!(
            plan_once(at, at + 10),
            Plan {
                send: Some(at),
                next: None
            }
        );
    }

    fn plan_once(at: UnixMillis, now: UnixMillis) -> Plan {
        plan(&ScheduleRule::Once, Tz::UTC, at, now, HOUR)
    }
}
