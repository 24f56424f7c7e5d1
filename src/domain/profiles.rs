//! Profile pages: a card for each member of the server's cohorts, with what they wrote
//! about themselves and, if they let other members see it, their progress. Facilitators of
//! a member's cohort always see it; the member always sees their own. Only members of the
//! server's cohorts read or write profiles, and each may erase their own.

use super::access::Caller;
use super::reputation::{self, Reputation};
use super::{refuse, snapshots, DomainResult};
use crate::i18n::Message;
use crate::model::profiles::{Profile, TypedProfile};
use crate::model::*;
use crate::store::Store;

/// A member's card as the caller may see it.
#[derive(Debug, Clone)]
pub struct ProfileView {
    pub profile: Profile,
    /// The member's current cohorts in the server, with their role in each.
    pub cohorts: Vec<(String, CohortRole)>,
    /// Per cohort; `None` when the caller may not see the member's progress.
    pub progress: Option<Vec<CohortProgress>>,
    /// Whether the caller is looking at their own card.
    pub own: bool,
    /// Their answers in the knowledge hub and the ratings those got.
    pub reputation: Reputation,
}

/// What a member has done in one cohort.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CohortProgress {
    pub cohort: String,
    pub modules_done: usize,
    pub modules: usize,
    /// Names of the badges held.
    pub badges: Vec<String>,
    /// The routes chosen on the course's pathways.
    pub routes: Vec<String>,
    /// One-to-one conversations logged (none when the course has no listening campaign).
    pub conversations: Option<usize>,
}

/// `subject`'s card, if the caller and they are both in cohorts of this server.
pub async fn view(
    store: &Store,
    caller: Caller,
    subject: UserId,
    now: UnixMillis,
) -> DomainResult<ProfileView> {
    require_in_a_cohort(store, caller).await?;
    let cohorts = store.cohorts_of_member(caller.guild, subject).await?;
    if cohorts.is_empty() {
        return refuse(
            Message::new("profile-subject-not-in-cohort").arg("subject", subject.to_string()),
        );
    }
    let profile = store
        .profile(caller.guild, subject)
        .await?
        .unwrap_or_else(|| Profile::empty(caller.guild, subject));
    let own = caller.user == subject;
    let theirs = store.roles_of_member(caller.guild, subject).await?;
    let callers = store.roles_of_member(caller.guild, caller.user).await?;
    let roles = cohorts
        .iter()
        .filter_map(|c| Some((c.name.clone(), *theirs.get(&c.id)?)))
        .collect();
    let facilitated = cohorts
        .iter()
        .any(|c| callers.get(&c.id) == Some(&CohortRole::Facilitator));
    let progress = if own || facilitated || profile.progress_shown {
        Some(progress_in(store, &cohorts, subject).await?)
    } else {
        None
    };
    Ok(ProfileView {
        profile,
        cohorts: roles,
        progress,
        own,
        reputation: reputation::reputation(store, caller, subject, now).await?,
    })
}

/// The caller's own profile, to fill in the form with.
pub async fn own(store: &Store, caller: Caller) -> DomainResult<Profile> {
    require_in_a_cohort(store, caller).await?;
    Ok(store
        .profile(caller.guild, caller.user)
        .await?
        .unwrap_or_else(|| Profile::empty(caller.guild, caller.user)))
}

/// Saves what the caller wrote about themselves; refused, saving nothing, unless it fits.
#[tracing::instrument(skip_all, fields(user = %caller.user))]
pub async fn save(
    store: &Store,
    caller: Caller,
    typed: &TypedProfile,
    now: UnixMillis,
) -> DomainResult<Profile> {
    let checked = typed.check().or_else(refuse)?;
    let profile = Profile {
        area: checked.area,
        bio: checked.bio,
        links: checked.links,
        updated_at: now,
        ..own(store, caller).await?
    };
    store.save_profile(&profile).await?;
    Ok(profile)
}

/// Lets other members see the caller's progress, or hides it from them.
pub async fn show_progress(
    store: &Store,
    caller: Caller,
    shown: bool,
    now: UnixMillis,
) -> DomainResult<Profile> {
    let profile = Profile {
        progress_shown: shown,
        updated_at: now,
        ..own(store, caller).await?
    };
    store.save_profile(&profile).await?;
    Ok(profile)
}

/// Deletes the caller's profile in this server; whether there was one.
pub async fn erase(store: &Store, caller: Caller) -> DomainResult<bool> {
    Ok(store.erase_profile(caller.guild, caller.user).await?)
}

// ------------------------------------------------------------------------------------------

async fn require_in_a_cohort(store: &Store, caller: Caller) -> DomainResult<()> {
    if store
        .cohorts_of_member(caller.guild, caller.user)
        .await?
        .is_empty()
    {
        return refuse(Message::new("profile-not-in-cohort"));
    }
    Ok(())
}

async fn progress_in(
    store: &Store,
    cohorts: &[Cohort],
    subject: UserId,
) -> DomainResult<Vec<CohortProgress>> {
    let mut progress = Vec::with_capacity(cohorts.len());
    for cohort in cohorts {
        let course = snapshots::course_of(store, cohort).await?;
        let modules_done = store
            .progress_of_member(cohort.id, subject)
            .await?
            .iter()
            .filter(|p| p.state == ProgressState::Done)
            .count();
        let badges = store
            .badge_awards_of_member(cohort.id, subject)
            .await?
            .into_iter()
            .filter(|a| a.revoked_at.is_none())
            .filter_map(|a| course.badge(&a.badge_id).map(|b| b.name.clone()))
            .collect();
        let routes = store
            .pathway_choices(cohort.id)
            .await?
            .into_iter()
            .filter(|c| c.user_id == subject)
            .filter_map(|c| {
                let pathway = course.pathways.iter().find(|p| p.id == c.pathway_id)?;
                let option = pathway.options.iter().find(|o| o.id == c.option_id)?;
                Some(format!("{}: {}", pathway.title, option.label))
            })
            .collect();
        let conversations = match course.listening {
            Some(_) => Some(
                store
                    .listening_records(cohort.id, Some(subject))
                    .await?
                    .len(),
            ),
            None => None,
        };
        progress.push(CohortProgress {
            cohort: cohort.name.clone(),
            modules_done,
            modules: course.modules.len(),
            badges,
            routes,
            conversations,
        });
    }
    Ok(progress)
}
