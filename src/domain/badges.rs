//! Badge rules: what each badge requires, what is still missing, and awarding the automatic
//! ones as soon as they are earned. The award is the record; the Discord role follows it.

use crate::course::{AwardMode, Badge, ConversationRequirement, Course, SeriesKind};
use crate::store::Store;

use super::DomainResult;
use crate::model::*;

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

/// One thing a member still lacks for a badge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lack {
    Module {
        title: String,
    },
    /// No route chosen yet on a pathway the badge needs.
    Route {
        pathway: String,
    },
    Sessions {
        series: String,
        kind: SeriesKind,
        attended: u32,
        count: u32,
    },
    Badge {
        name: String,
    },
    /// One-to-ones of the listening campaign, all of them or with excluded groups.
    Conversations {
        logged: u32,
        count: u32,
        excluded_groups: bool,
    },
}

impl std::fmt::Display for Lack {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Lack::Module { title } => write!(f, "complete the module “{title}”"),
            Lack::Route { pathway } => {
                write!(f, "choose a “{pathway}” route and complete its modules")
            }
            Lack::Sessions {
                series,
                attended,
                count,
                ..
            } => write!(
                f,
                "attend {} more of “{series}” ({attended} of {count} so far)",
                count - attended
            ),
            Lack::Badge { name } => write!(f, "earn the “{name}” badge"),
            Lack::Conversations {
                logged,
                count,
                excluded_groups,
            } => {
                let with = if *excluded_groups {
                    " with people from the groups rarely heard"
                } else {
                    ""
                };
                let more = count - logged;
                let noun = if more == 1 {
                    "conversation"
                } else {
                    "conversations"
                };
                write!(
                    f,
                    "log {more} more {noun}{with} ({logged} of {count} so far)"
                )
            }
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
    let lacks = lacking(store, course, cohort, user, badge).await?;
    Ok(lacks.iter().map(ToString::to_string).collect())
}

/// What the member still lacks for `badge`; empty when every requirement is met.
pub async fn lacking(
    store: &Store,
    course: &Course,
    cohort: CohortId,
    user: UserId,
    badge: &Badge,
) -> DomainResult<Vec<Lack>> {
    let progress = store.progress_of_member(cohort, user).await?;
    let held = held_badges(store, cohort, user).await?;
    let done = |module: &str| {
        progress
            .iter()
            .any(|p| p.module_id == module && p.state == ProgressState::Done)
    };
    let module_lack = |module: &str| Lack::Module {
        title: course
            .module(module)
            .map_or(module, |m| m.title.as_str())
            .to_string(),
    };
    let mut lacks: Vec<Lack> = badge
        .requires
        .modules
        .iter()
        .filter(|m| !done(m))
        .map(|m| module_lack(m))
        .collect();
    for pathway in course
        .pathways
        .iter()
        .filter(|p| badge.requires.pathway_modules.contains(&p.id))
    {
        let choice = store.pathway_choice(cohort, user, &pathway.id).await?;
        let option = choice.and_then(|c| pathway.options.iter().find(|o| o.id == c.option_id));
        match option {
            None => lacks.push(Lack::Route {
                pathway: pathway.title.clone(),
            }),
            Some(option) => {
                for module in option.modules.iter().filter(|m| !done(m)) {
                    let lack = module_lack(module);
                    if !lacks.contains(&lack) {
                        lacks.push(lack);
                    }
                }
            }
        }
    }
    for need in &badge.requires.attended {
        let attended = store.count_attended(cohort, user, &need.series).await?;
        if attended < need.count {
            let series = course.series(&need.series);
            lacks.push(Lack::Sessions {
                series: series.map_or(need.series.clone(), |s| s.title.clone()),
                kind: series.map_or(SeriesKind::ActionLearningSet, |s| s.kind),
                attended,
                count: need.count,
            });
        }
    }
    if let Some(need) = &badge.requires.conversations {
        lacks.extend(conversation_lacks(store, course, cohort, user, need).await?);
    }
    for other in badge.requires.badges.iter().filter(|b| !held.contains(b)) {
        lacks.push(Lack::Badge {
            name: course
                .badge(other)
                .map_or(other.as_str(), |b| b.name.as_str())
                .to_string(),
        });
    }
    Ok(lacks)
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

pub(super) async fn held_badges(
    store: &Store,
    cohort: CohortId,
    user: UserId,
) -> DomainResult<Vec<String>> {
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

/// What a member lacks of a badge's need for conversations.
pub async fn conversation_lacks(
    store: &Store,
    course: &Course,
    cohort: CohortId,
    user: UserId,
    need: &ConversationRequirement,
) -> DomainResult<Vec<Lack>> {
    let records = store.listening_records(cohort, Some(user)).await?;
    let excluded = course.listening.as_ref().map_or(0, |l| {
        records
            .iter()
            .filter(|r| l.group(&r.conversation.group).is_some_and(|g| g.excluded))
            .count()
    });
    let lack = |logged: usize, count: u32, excluded_groups| {
        let logged = u32::try_from(logged).unwrap_or(u32::MAX);
        (logged < count).then_some(Lack::Conversations {
            logged,
            count,
            excluded_groups,
        })
    };
    Ok([
        lack(records.len(), need.count, false),
        lack(excluded, need.excluded, true),
    ]
    .into_iter()
    .flatten()
    .collect())
}
