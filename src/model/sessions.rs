//! Sessions: groups, mentoring pairs, sessions and who attends them.

use super::{
    ChannelId, CohortId, GroupId, MentorPairId, Rsvp, ScheduledEventId, SessionId, SessionKind,
    SessionStatus, UnixMillis, UserId,
};

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
