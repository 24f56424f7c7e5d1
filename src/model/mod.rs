//! The model layer: plain types shared by the store, the services and the adapters above
//! them. No I/O and no async here; nothing in this folder imports from the layers above.
//!
//! Conventions: Discord snowflakes are `u64` newtypes; ids the database assigns are `i64`
//! newtypes; times are UTC unix milliseconds ([`UnixMillis`]); keys that a course pack
//! defines (course, module, exercise, badge, pathway, series ids) are plain strings;
//! JSON documents (course snapshots, answers, payloads) are kept as their JSON text.

use std::fmt;
use std::str::FromStr;

pub use cohorts::*;
pub use deliveries::*;
pub use learning::*;
pub use quiz::*;
pub use sessions::*;

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

// Declared after the macros above, which they use.
pub mod campaigns;
pub mod cohorts;
pub mod deliveries;
pub mod hub;
pub mod hub_proposals;
pub mod hub_qa;
pub mod learning;
pub mod listening;
pub mod profiles;
pub mod quiz;
pub mod sessions;
pub mod votes;

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

    /// One of the knowledge hub's two forums.
    HubForumKind {
        Articles => "articles",
        Questions => "questions",
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
