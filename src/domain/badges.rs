//! Badge rules: what each badge requires, what is still missing, and awarding the automatic
//! ones as soon as they are earned. The award is the record; the Discord role follows it.

use crate::course::{AwardMode, Badge, Course};
use crate::store::Store;

use super::model::*;
use super::DomainResult;

/// Badges just awarded, for congratulations.
#[derive(Debug, Clone, Default)]
pub struct BadgeNews {
    pub awarded: Vec<Badge>,
}

/// Awards every automatic badge whose requirements the member now meets.
#[tracing::instrument(skip_all, fields(cohort = %cohort, user = %user))]
pub async fn award_earned(
    store: &Store,
    course: &Course,
    cohort: CohortId,
    user: UserId,
    now: UnixMillis,
) -> DomainResult<BadgeNews> {
    let mut news = BadgeNews::default();
    // Awarding one badge can satisfy another that requires it, so go round until settled.
    loop {
        let mut changed = false;
        for badge in course.badges.iter().filter(|b| b.award == AwardMode::Auto) {
            if !missing(store, course, cohort, user, badge)
                .await?
                .is_empty()
            {
                continue;
            }
            let outcome = store
                .award_badge(&NewBadgeAward {
                    cohort_id: cohort,
                    user_id: user,
                    badge_id: badge.id.clone(),
                    awarded_by: None,
                    reason: None,
                    awarded_at: now,
                })
                .await?;
            if outcome.newly_awarded {
                tracing::info!(badge = %badge.id, "badge awarded");
                news.awarded.push(badge.clone());
                changed = true;
            }
        }
        if !changed {
            return Ok(news);
        }
    }
}

/// What the member still lacks for `badge`, in words; empty when every requirement is met.
pub async fn missing(
    store: &Store,
    course: &Course,
    cohort: CohortId,
    user: UserId,
    badge: &Badge,
) -> DomainResult<Vec<String>> {
    let progress = store.progress_of_member(cohort, user).await?;
    let held = held_badges(store, cohort, user).await?;
    let mut lacking = Vec::new();
    for module in &badge.requires.modules {
        let done = progress
            .iter()
            .any(|p| &p.module_id == module && p.state == ProgressState::Done);
        if !done {
            let title = course
                .module(module)
                .map_or(module.as_str(), |m| m.title.as_str());
            lacking.push(format!("complete the module “{title}”"));
        }
    }
    for need in &badge.requires.attended {
        let attended = store.count_attended(cohort, user, &need.series).await?;
        if attended < need.count {
            let title = course
                .series(&need.series)
                .map_or(need.series.as_str(), |s| s.title.as_str());
            lacking.push(format!(
                "attend {} more of “{title}” ({attended} of {} so far)",
                need.count - attended,
                need.count
            ));
        }
    }
    for other in &badge.requires.badges {
        if !held.contains(other) {
            let name = course
                .badge(other)
                .map_or(other.as_str(), |b| b.name.as_str());
            lacking.push(format!("earn the “{name}” badge"));
        }
    }
    Ok(lacking)
}

/// A member's badges: each one in the course, held or not, with what is missing.
#[derive(Debug, Clone)]
pub struct BadgeStatus {
    pub badge: Badge,
    pub award: Option<BadgeAward>,
    pub missing: Vec<String>,
}

pub async fn badge_statuses(
    store: &Store,
    course: &Course,
    cohort: CohortId,
    user: UserId,
) -> DomainResult<Vec<BadgeStatus>> {
    let awards = store.badge_awards_of_member(cohort, user).await?;
    let mut statuses = Vec::new();
    for badge in &course.badges {
        let award = awards
            .iter()
            .find(|a| a.badge_id == badge.id && a.revoked_at.is_none())
            .cloned();
        let missing = match award {
            Some(_) => Vec::new(),
            None => missing(store, course, cohort, user, badge).await?,
        };
        statuses.push(BadgeStatus {
            badge: badge.clone(),
            award,
            missing,
        });
    }
    Ok(statuses)
}

async fn held_badges(store: &Store, cohort: CohortId, user: UserId) -> DomainResult<Vec<String>> {
    Ok(store
        .badge_awards_of_member(cohort, user)
        .await?
        .into_iter()
        .filter(|a| a.revoked_at.is_none())
        .map(|a| a.badge_id)
        .collect())
}

/// The key under which a server remembers the role that stands for a badge.
pub fn role_key(course_id: &str, badge_id: &str) -> String {
    format!("{course_id}/{badge_id}")
}
