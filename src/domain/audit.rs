//! The audit log: each change a facilitator makes to another member's standing (enrolment,
//! badges awarded and revoked, reflections reviewed) is recorded by the service that makes
//! it, right after the change; facilitators read the latest entries.

use crate::course::text::shorten;
use crate::model::*;
use crate::store::Store;

use super::access::{require_facilitator, Caller};
use super::{refuse, DomainResult};
use crate::i18n::Message;

/// The most entries shown at once: each is a line of one embed (4096 characters), at most
/// about 240 with a long badge name and reason.
pub const MAX_AUDIT_ENTRIES: u32 = 15;

/// How many entries are shown when the facilitator does not say.
pub const DEFAULT_AUDIT_ENTRIES: u32 = 10;

/// The longest reason kept in an entry's detail; the full reason stays with the award.
const MAX_REASON: usize = 60;

/// The latest entries of a cohort's audit log, newest first, and how many it holds.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditLog {
    pub cohort_name: String,
    pub entries: Vec<AuditEntry>,
    pub total: u64,
}

/// The cohort's latest `latest` audit entries (facilitators).
pub async fn audit_log(
    store: &Store,
    caller: Caller,
    cohort: &Cohort,
    latest: u32,
) -> DomainResult<AuditLog> {
    require_facilitator(store, caller, cohort).await?;
    if !(1..=MAX_AUDIT_ENTRIES).contains(&latest) {
        return refuse(Message::new("facil-audit-range").arg("max", MAX_AUDIT_ENTRIES));
    }
    Ok(AuditLog {
        cohort_name: cohort.name.clone(),
        entries: store.latest_audit_entries(cohort.id, latest).await?,
        total: store.count_audit_entries(cohort.id).await?,
    })
}

/// Records that `caller` did `action` to `subject` in `cohort`.
pub(super) async fn record(
    store: &Store,
    caller: Caller,
    cohort: &Cohort,
    subject: UserId,
    action: AuditAction,
    detail: String,
    now: UnixMillis,
) -> DomainResult<()> {
    store
        .record_audit(&AuditEntry {
            cohort_id: cohort.id,
            actor: caller.user,
            subject,
            action,
            detail,
            at: now,
        })
        .await?;
    Ok(())
}

/// A badge and the reason given for awarding or revoking it, as an entry's detail.
pub(super) fn badge_detail(badge_name: &str, reason: &str) -> String {
    match shorten(reason, MAX_REASON) {
        reason if reason.is_empty() => format!("“{badge_name}”"),
        reason => format!("“{badge_name}” ({reason})"),
    }
}
