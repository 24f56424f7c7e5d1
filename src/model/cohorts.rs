//! Servers, course versions, cohorts and their members.

use chrono::NaiveDate;
use chrono_tz::Tz;

use super::{ChannelId, CohortId, CohortRole, CourseVersionId, GuildId, UnixMillis, UserId};

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

/// A cohort as one person finds it: whether they are a current member, their settings in its
/// server, and their work there when it was asked for.
#[derive(Debug, Clone)]
pub struct CohortOfMember {
    pub cohort: Cohort,
    pub is_current_member: bool,
    pub settings: MemberSettings,
    pub facts: Option<super::MemberFacts>,
}

/// One person's current cohorts in a server, oldest first, each with their work there when
/// it was asked for, and their settings in the server.
#[derive(Debug, Clone)]
pub struct CohortsOfMember {
    pub cohorts: Vec<(Cohort, Option<super::MemberFacts>)>,
    pub settings: MemberSettings,
}

/// Per-server preferences of one person.
#[derive(Debug, Clone, PartialEq)]
pub struct MemberSettings {
    pub guild_id: GuildId,
    pub user_id: UserId,
    /// The cohort meant when someone in several cohorts does not name one.
    pub current_cohort_id: Option<CohortId>,
    pub reminders_muted: bool,
    /// The language chosen with `/language`; `None` follows Discord's locale.
    pub language: Option<String>,
    /// The locale their Discord client sent last, for what is sent to them unasked.
    pub last_locale: Option<String>,
}
