//! Schedules and the deliveries they turn into.

use chrono_tz::Tz;

use super::{
    ChannelId, CohortId, DeliveryId, DeliveryState, MessageId, ScheduleId, TargetKind, UnixMillis,
};

#[derive(Debug, Clone, PartialEq)]
pub struct NewSchedule {
    pub cohort_id: CohortId,
    /// What the schedule produces, as the scheduler names it.
    pub kind: String,
    /// `once`, or a repeating rule in the course-pack syntax (5-field cron, see `CronRule`).
    pub rule: String,
    pub time_zone: Tz,
    pub next_fire_at: Option<UnixMillis>,
    /// What each occurrence sends, as JSON.
    pub payload: String,
    pub created_at: UnixMillis,
}

/// A recurring (or one-off) rule that turns into deliveries.
#[derive(Debug, Clone, PartialEq)]
pub struct Schedule {
    pub id: ScheduleId,
    pub cohort_id: CohortId,
    pub kind: String,
    pub rule: String,
    pub time_zone: Tz,
    /// `None` once there is no further occurrence.
    pub next_fire_at: Option<UnixMillis>,
    pub payload: String,
    pub active: bool,
    pub created_at: UnixMillis,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewDelivery {
    pub schedule_id: Option<ScheduleId>,
    /// Identifies the message across retries and restarts; a second enqueue is ignored.
    pub dedupe_key: String,
    pub cohort_id: Option<CohortId>,
    pub target_kind: TargetKind,
    /// The channel, thread or user the message goes to.
    pub target_id: u64,
    /// Where to post instead when the target refuses the message.
    pub fallback_channel_id: Option<ChannelId>,
    /// What to send, as JSON.
    pub payload: String,
    pub due_at: UnixMillis,
    /// After this the message is pointless and is not sent.
    pub expires_at: Option<UnixMillis>,
}

/// One message to send, with its sending state.
#[derive(Debug, Clone, PartialEq)]
pub struct Delivery {
    pub id: DeliveryId,
    pub schedule_id: Option<ScheduleId>,
    pub dedupe_key: String,
    pub cohort_id: Option<CohortId>,
    pub target_kind: TargetKind,
    pub target_id: u64,
    pub fallback_channel_id: Option<ChannelId>,
    pub payload: String,
    /// When it was first due; a retry keeps it, so it goes ahead of later work.
    pub due_at: UnixMillis,
    /// After a failed send: not before this.
    pub retry_at: Option<UnixMillis>,
    /// When it was first claimed for sending: set before the first attempt, kept after.
    pub first_attempt_at: Option<UnixMillis>,
    pub expires_at: Option<UnixMillis>,
    pub state: DeliveryState,
    /// Failed sends so far.
    pub attempts: u32,
    pub last_error: Option<String>,
    /// The worker holding the lease while `state` is running.
    pub locked_by: Option<String>,
    pub lease_expires_at: Option<UnixMillis>,
    pub sent_at: Option<UnixMillis>,
    pub message_id: Option<MessageId>,
}

impl Delivery {
    /// `new` as it stands once queued under `id`: pending, never tried.
    pub fn queued(id: DeliveryId, new: NewDelivery) -> Delivery {
        Delivery {
            id,
            schedule_id: new.schedule_id,
            dedupe_key: new.dedupe_key,
            cohort_id: new.cohort_id,
            target_kind: new.target_kind,
            target_id: new.target_id,
            fallback_channel_id: new.fallback_channel_id,
            payload: new.payload,
            due_at: new.due_at,
            retry_at: None,
            first_attempt_at: None,
            expires_at: new.expires_at,
            state: DeliveryState::Pending,
            attempts: 0,
            last_error: None,
            locked_by: None,
            lease_expires_at: None,
            sent_at: None,
            message_id: None,
        }
    }
}
