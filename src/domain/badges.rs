//! Badge rules: what each badge requires, what is still missing, and awarding the automatic
//! ones as soon as they are earned. The award is the record; the Discord role follows it.

use crate::course::{AwardMode, Badge, ConversationRequirement, Course, SeriesKind};
use crate::i18n::Message;
use crate::store::Store;

use super::member_facts;
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
    let mut facts = member_facts::read(store, course, cohort, user).await?;
    let mut news = BadgeNews::default();
    // Awarding one badge can satisfy another that requires it, so go round until settled.
    loop {
        let earned: Vec<&Badge> = course
            .badges
            .iter()
            .filter(|b| b.award == AwardMode::Auto && !facts.holds(&b.id))
            .filter(|b| lacking(course, b, &facts).is_empty())
            .collect();
        if earned.is_empty() {
            return Ok(news);
        }
        for badge in earned {
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
            }
            facts.awards.push(outcome.award);
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

impl Lack {
    /// What is lacking, as a clause ("complete the module …") for a sentence or a list.
    pub fn message(&self) -> Message {
        match self {
            Lack::Module { title } => Message::new("lack-module").arg("module", title),
            Lack::Route { pathway } => Message::new("lack-route").arg("pathway", pathway),
            Lack::Sessions {
                series,
                attended,
                count,
                ..
            } => Message::new("lack-sessions")
                .arg("series", series)
                .arg("more", count - attended)
                .arg("attended", *attended)
                .arg("count", *count),
            Lack::Badge { name } => Message::new("lack-badge").arg("badge", name),
            Lack::Conversations {
                logged,
                count,
                excluded_groups,
            } => Message::new("lack-conversations")
                .arg("more", count - logged)
                .arg("logged", *logged)
                .arg("count", *count)
                .arg("excluded", if *excluded_groups { "yes" } else { "no" }),
        }
    }
}

/// What the member still lacks for `badge`, in English words for the facilitators' texts that
/// are not translated yet; empty when every requirement is met.
pub async fn missing(
    store: &Store,
    course: &Course,
    cohort: CohortId,
    user: UserId,
    badge: &Badge,
) -> DomainResult<Vec<Message>> {
    let facts = member_facts::read(store, course, cohort, user).await?;
    Ok(lacking(course, badge, &facts)
        .iter()
        .map(Lack::message)
        .collect())
}

/// What the member still lacks for `badge`; empty when every requirement is met.
pub fn lacking(course: &Course, badge: &Badge, facts: &MemberFacts) -> Vec<Lack> {
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
        .filter(|m| !facts.done(m))
        .map(|m| module_lack(m))
        .collect();
    for pathway in course
        .pathways
        .iter()
        .filter(|p| badge.requires.pathway_modules.contains(&p.id))
    {
        let choice = facts.choice(&pathway.id);
        let option = choice.and_then(|c| pathway.options.iter().find(|o| o.id == c.option_id));
        match option {
            None => lacks.push(Lack::Route {
                pathway: pathway.title.clone(),
            }),
            Some(option) => {
                for module in option.modules.iter().filter(|m| !facts.done(m)) {
                    let lack = module_lack(module);
                    if !lacks.contains(&lack) {
                        lacks.push(lack);
                    }
                }
            }
        }
    }
    for need in &badge.requires.attended {
        let attended = facts.attended(&need.series);
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
        lacks.extend(conversation_lacks(course, facts, need));
    }
    for other in badge.requires.badges.iter().filter(|b| !facts.holds(b)) {
        lacks.push(Lack::Badge {
            name: course
                .badge(other)
                .map_or(other.as_str(), |b| b.name.as_str())
                .to_string(),
        });
    }
    lacks
}

/// A member's badges: each one in the course, held or not, with what is missing.
#[derive(Debug, Clone)]
pub struct BadgeStatus {
    pub badge: Badge,
    pub award: Option<BadgeAward>,
    pub missing: Vec<Lack>,
}

/// Each badge of the course, held or not, from facts already read.
pub fn statuses_of(course: &Course, facts: &MemberFacts) -> Vec<BadgeStatus> {
    course
        .badges
        .iter()
        .map(|badge| {
            let award = facts.award(&badge.id).cloned();
            let missing = match award {
                Some(_) => Vec::new(),
                None => lacking(course, badge, facts),
            };
            BadgeStatus {
                badge: badge.clone(),
                award,
                missing,
            }
        })
        .collect()
}

/// The key under which a server remembers the role that stands for a badge.
pub fn role_key(course_id: &str, badge_id: &str) -> String {
    format!("{course_id}/{badge_id}")
}

/// What a member lacks of a badge's need for conversations.
fn conversation_lacks(
    course: &Course,
    facts: &MemberFacts,
    need: &ConversationRequirement,
) -> Vec<Lack> {
    let (logged, excluded) = facts.conversations(|group| {
        course
            .listening
            .as_ref()
            .and_then(|l| l.group(group))
            .is_some_and(|g| g.excluded)
    });
    let lack = |logged: u32, count: u32, excluded_groups| {
        (logged < count).then_some(Lack::Conversations {
            logged,
            count,
            excluded_groups,
        })
    };
    [
        lack(logged, need.count, false),
        lack(excluded, need.excluded, true),
    ]
    .into_iter()
    .flatten()
    .collect()
}
