//! Who may do what: the person asking, how much they may do in a server, and the checks
//! every service runs before it reads what members wrote or acts for them.

use crate::model::*;
use crate::store::Store;

use super::{refuse, DomainResult};
use crate::i18n::Message;

/// The person asking, as the Discord adapter sees them.
#[derive(Debug, Clone, Copy)]
pub struct Caller {
    pub guild: GuildId,
    pub user: UserId,
    /// Holds Discord's Manage Server permission: may set a cohort up (create it, enrol its
    /// facilitators, choose its channel), never read what its members wrote.
    pub manages_server: bool,
}

/// How much a person may do in a server, from the bot's own records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Access {
    Everyone,
    Trainee,
    Mentor,
    Facilitator,
}

impl From<CohortRole> for Access {
    fn from(role: CohortRole) -> Self {
        match role {
            CohortRole::Trainee => Access::Trainee,
            CohortRole::Mentor => Access::Mentor,
            CohortRole::Facilitator => Access::Facilitator,
        }
    }
}

/// The highest role the caller holds in any current cohort of the server. Managing the
/// server adds nothing: it lets a person set cohorts up ([`require_facilitator_or_manager`]),
/// not act in them.
pub async fn access_of(store: &Store, caller: Caller) -> DomainResult<Access> {
    Ok(store
        .roles_of_member(caller.guild, caller.user)
        .await?
        .into_values()
        .map(Access::from)
        .fold(Access::Everyone, Access::max))
}

/// Refuses unless the caller may enrol people in `cohort` as `role`: its facilitators may
/// enrol anyone, a manager of its server facilitators only.
pub async fn require_may_enroll(
    store: &Store,
    caller: Caller,
    cohort: &Cohort,
    role: CohortRole,
) -> DomainResult<()> {
    if role == CohortRole::Facilitator {
        return require_facilitator_or_manager(store, caller, cohort).await;
    }
    if is_facilitator(store, caller, cohort).await? {
        return Ok(());
    }
    if caller.manages_server && caller.guild == cohort.guild_id {
        return refuse(Message::new("access-enrol-facilitators-only").arg("cohort", &cohort.name));
    }
    refuse(Message::new("access-facilitators-only").arg("cohort", &cohort.name))
}

/// Whether the caller is a current facilitator of `cohort`, a cohort of their own server.
/// Managing the server does not count.
pub async fn is_facilitator(store: &Store, caller: Caller, cohort: &Cohort) -> DomainResult<bool> {
    if caller.guild != cohort.guild_id {
        return Ok(false);
    }
    Ok(store
        .member(cohort.id, caller.user)
        .await?
        .is_some_and(|m| m.left_at.is_none() && m.role == CohortRole::Facilitator))
}

/// Refuses unless the caller facilitates `cohort`: everything that reads what members wrote
/// or acts on their behalf.
pub async fn require_facilitator(
    store: &Store,
    caller: Caller,
    cohort: &Cohort,
) -> DomainResult<()> {
    if is_facilitator(store, caller, cohort).await? {
        return Ok(());
    }
    refuse(Message::new("access-facilitators-only").arg("cohort", &cohort.name))
}

/// Refuses unless the caller facilitates `cohort` or manages its server: setting a cohort
/// up, which reads nothing its members wrote.
pub async fn require_facilitator_or_manager(
    store: &Store,
    caller: Caller,
    cohort: &Cohort,
) -> DomainResult<()> {
    if caller.manages_server && caller.guild == cohort.guild_id {
        return Ok(());
    }
    require_facilitator(store, caller, cohort).await
}
