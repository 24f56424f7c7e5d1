//! The model layer: plain types shared by the store, the services and the adapters above
//! them. No I/O and no async here; nothing in this folder imports from the layers above.
//!
//! Conventions: Discord snowflakes are `u64` newtypes; ids the database assigns are `i64`
//! newtypes; times are UTC unix milliseconds ([`UnixMillis`]); keys that a course pack
//! defines (course, module, exercise, badge, pathway, series ids) are plain strings;
//! JSON documents (course snapshots, answers, payloads) are kept as their JSON text.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use chrono_tz::Tz;

pub mod quiz;

pub use quiz::*;

/// A point in time as UTC unix milliseconds.
pub type UnixMillis = i64;

/// Declares a `Copy` id newtype that prints as its inner number.
macro_rules! id_type {
    ($($(#[$meta:meta])* $name:ident($inner:ty);)+) => {$(
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub $inner);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    )+};
}

/// Declares an enum stored as fixed text, with `as_str`, `FromStr` and `Display`.
macro_rules! text_enum {
    ($($(#[$meta:meta])* $name:ident { $($variant:ident => $text:literal,)+ })+) => {$(
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($variant,)+
        }

        impl $name {
            /// The text stored in the database and accepted by `from_str`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $text,)+
                }
            }
        }

        impl FromStr for $name {
            type Err = UnknownVariant;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($text => Ok(Self::$variant),)+
                    _ => Err(UnknownVariant { kind: stringify!($name), value: s.to_owned() }),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    )+};
}

id_type! {
    /// A Discord server.
    GuildId(u64);
    /// A Discord user.
    UserId(u64);
    /// A Discord channel or thread (threads are channels in Discord).
    ChannelId(u64);
    /// A Discord role.
    RoleId(u64);
    /// A Discord message.
    MessageId(u64);
    /// A Discord scheduled event.
    ScheduledEventId(u64);
    /// One stored version (snapshot) of a course pack.
    CourseVersionId(i64);
    CohortId(i64);
    AttemptId(i64);
    ReflectionId(i64);
    BadgeAwardId(i64);
    GroupId(i64);
    MentorPairId(i64);
    SessionId(i64);
    ScheduleId(i64);
    DeliveryId(i64);
}

text_enum! {
    /// What a member does in a cohort.
    CohortRole {
        Trainee => "trainee",
        Mentor => "mentor",
        Facilitator => "facilitator",
    }

    /// Where a member is with one module.
    ProgressState {
        InProgress => "in_progress",
        Done => "done",
    }

    /// Who may read a reflection.
    ReflectionVisibility {
        Facilitators => "facilitators",
        Cohort => "cohort",
    }

    /// What a session is: an action learning set, a mentoring meeting or a cohort event.
    SessionKind {
        Set => "set",
        Meeting => "meeting",
        Event => "event",
    }

    /// Where a session is in its life.
    SessionStatus {
        Proposed => "proposed",
        Scheduled => "scheduled",
        Held => "held",
        Cancelled => "cancelled",
    }

    /// A member's answer to "will you come?".
    Rsvp {
        Yes => "yes",
        No => "no",
        Maybe => "maybe",
    }

    /// Where a delivery is posted.
    TargetKind {
        Channel => "channel",
        Thread => "thread",
        Dm => "dm",
    }

    /// Where a delivery is in its life.
    DeliveryState {
        Pending => "pending",
        Running => "running",
        Sent => "sent",
        Dead => "dead",
        Expired => "expired",
    }
}

/// Text that names no variant of the enum `kind`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{value:?} is not a valid {kind}")]
pub struct UnknownVariant {
    pub kind: &'static str,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Guild {
    pub id: GuildId,
    pub name: String,
    pub created_at: UnixMillis,
}

/// A course pack as it was when saved: cohorts run on this snapshot, never on the files.
#[derive(Debug, Clone, PartialEq)]
pub struct CourseVersion {
    pub id: CourseVersionId,
    pub course_id: String,
    pub version_label: String,
    pub content_hash: String,
    /// The whole validated course pack as JSON.
    pub snapshot: String,
    pub created_at: UnixMillis,
}

/// What it takes to create a cohort; the course id comes from the course version.
#[derive(Debug, Clone, PartialEq)]
pub struct NewCohort {
    pub guild_id: GuildId,
    pub name: String,
    pub course_version_id: CourseVersionId,
    pub time_zone: Tz,
    pub starts_on: NaiveDate,
    pub channel_id: Option<ChannelId>,
    pub join_code: String,
    pub created_by: UserId,
    pub created_at: UnixMillis,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cohort {
    pub id: CohortId,
    pub guild_id: GuildId,
    pub name: String,
    pub course_version_id: CourseVersionId,
    pub course_id: String,
    pub time_zone: Tz,
    pub starts_on: NaiveDate,
    pub channel_id: Option<ChannelId>,
    pub join_code: String,
    pub created_by: UserId,
    pub created_at: UnixMillis,
    pub archived_at: Option<UnixMillis>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub cohort_id: CohortId,
    pub user_id: UserId,
    pub role: CohortRole,
    pub joined_at: UnixMillis,
    pub left_at: Option<UnixMillis>,
}

/// Per-server preferences of one person.
#[derive(Debug, Clone, PartialEq)]
pub struct MemberSettings {
    pub guild_id: GuildId,
    pub user_id: UserId,
    /// The cohort meant when someone in several cohorts does not name one.
    pub current_cohort_id: Option<CohortId>,
    pub reminders_muted: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ModuleProgress {
    pub cohort_id: CohortId,
    pub user_id: UserId,
    pub module_id: String,
    pub state: ProgressState,
    pub page_index: u32,
    pub started_at: UnixMillis,
    pub completed_at: Option<UnixMillis>,
    /// Best exercise score so far, in percent.
    pub best_score: Option<u8>,
    /// Finished exercise attempts.
    pub attempts_used: u32,
}

/// One go at a module's exercises.
#[derive(Debug, Clone, PartialEq)]
pub struct Attempt {
    pub id: AttemptId,
    pub cohort_id: CohortId,
    pub user_id: UserId,
    pub module_id: String,
    /// 1 for the first attempt at the module, then 2, 3, …
    pub attempt_no: u32,
    /// The question to resume at.
    pub current_index: u32,
    pub started_at: UnixMillis,
    pub finished_at: Option<UnixMillis>,
    /// Score in percent, set when finished.
    pub score: Option<u8>,
    pub passed: Option<bool>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    pub attempt_id: AttemptId,
    pub exercise_id: String,
    /// The answer given, as JSON.
    pub answer: String,
    /// Points earned, in thousandths of the exercise's maximum.
    pub points_permille: u32,
    pub answered_at: UnixMillis,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewReflection {
    pub cohort_id: CohortId,
    pub user_id: UserId,
    pub module_id: String,
    pub exercise_id: String,
    pub body: String,
    pub visibility: ReflectionVisibility,
    pub submitted_at: UnixMillis,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Reflection {
    pub id: ReflectionId,
    pub cohort_id: CohortId,
    pub user_id: UserId,
    pub module_id: String,
    pub exercise_id: String,
    pub body: String,
    pub visibility: ReflectionVisibility,
    pub submitted_at: UnixMillis,
    pub reviewed_at: Option<UnixMillis>,
    pub reviewed_by: Option<UserId>,
    pub reply: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewBadgeAward {
    pub cohort_id: CohortId,
    pub user_id: UserId,
    pub badge_id: String,
    /// `None` when a rule awarded it.
    pub awarded_by: Option<UserId>,
    pub reason: Option<String>,
    pub awarded_at: UnixMillis,
}

/// A badge given to a member; kept after revocation as history.
#[derive(Debug, Clone, PartialEq)]
pub struct BadgeAward {
    pub id: BadgeAwardId,
    pub cohort_id: CohortId,
    pub user_id: UserId,
    pub badge_id: String,
    /// `None` when a rule awarded it.
    pub awarded_by: Option<UserId>,
    pub reason: Option<String>,
    pub awarded_at: UnixMillis,
    pub revoked_at: Option<UnixMillis>,
    pub revoked_by: Option<UserId>,
    pub revoke_reason: Option<String>,
    /// When the Discord role last matched this award; `None` means the role needs updating.
    pub role_synced_at: Option<UnixMillis>,
    pub role_error: Option<String>,
}

/// The result of awarding a badge: the active award, and whether this call created it.
#[derive(Debug, Clone, PartialEq)]
pub struct AwardOutcome {
    pub award: BadgeAward,
    pub newly_awarded: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PathwayChoice {
    pub cohort_id: CohortId,
    pub user_id: UserId,
    pub pathway_id: String,
    pub option_id: String,
    pub chosen_at: UnixMillis,
}

/// A small group within a cohort, e.g. one action learning set of a series.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub id: GroupId,
    pub cohort_id: CohortId,
    pub series_id: String,
    pub name: String,
    pub thread_id: Option<ChannelId>,
    /// Sorted by user id.
    pub members: Vec<UserId>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MentorPair {
    pub id: MentorPairId,
    pub cohort_id: CohortId,
    pub mentor_id: UserId,
    pub trainee_id: UserId,
    pub thread_id: Option<ChannelId>,
    pub created_at: UnixMillis,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewSession {
    pub cohort_id: CohortId,
    pub kind: SessionKind,
    pub series_id: Option<String>,
    /// Position within the series (1 for the first set or meeting).
    pub seq: Option<u32>,
    pub group_id: Option<GroupId>,
    pub pair_id: Option<MentorPairId>,
    pub title: String,
    pub starts_at: UnixMillis,
    pub ends_at: UnixMillis,
    pub status: SessionStatus,
    pub proposed_by: Option<UserId>,
    /// Whether members present something at this session.
    pub presentations: bool,
    pub created_at: UnixMillis,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    pub id: SessionId,
    pub cohort_id: CohortId,
    pub kind: SessionKind,
    pub series_id: Option<String>,
    pub seq: Option<u32>,
    pub group_id: Option<GroupId>,
    pub pair_id: Option<MentorPairId>,
    pub title: String,
    pub starts_at: UnixMillis,
    pub ends_at: UnixMillis,
    pub status: SessionStatus,
    pub proposed_by: Option<UserId>,
    pub presentations: bool,
    pub discord_event_id: Option<ScheduledEventId>,
    pub notes: Option<String>,
    pub created_at: UnixMillis,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Attendance {
    pub session_id: SessionId,
    pub user_id: UserId,
    pub rsvp: Option<Rsvp>,
    /// `None` until someone records whether the member came.
    pub attended: Option<bool>,
    pub recorded_by: Option<UserId>,
    pub recorded_at: Option<UnixMillis>,
}

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
    pub due_at: UnixMillis,
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
