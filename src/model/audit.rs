//! The audit log: what facilitators did to other members' standing in a cohort.

use std::fmt;
use std::str::FromStr;

use super::{CohortId, UnixMillis, UnknownVariant, UserId};

text_enum! {
    /// A change to a member's standing that the audit log records.
    AuditAction {
        Enrol => "enrol",
        Award => "award",
        Revoke => "revoke",
        Review => "review",
    }
}

/// One recorded action: `actor` did `action` to `subject` at `at`; `detail` says what
/// (the role, the badge and reason, the reflection).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub cohort_id: CohortId,
    pub actor: UserId,
    pub subject: UserId,
    pub action: AuditAction,
    pub detail: String,
    pub at: UnixMillis,
}
