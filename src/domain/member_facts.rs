//! What the bot knows of one member's work in a cohort, read in a fixed number of queries
//! whatever the size of the course or of the member's history, so that the badge rules and
//! the next step are decided in memory.

use std::collections::HashMap;

use crate::course::Course;
use crate::model::*;
use crate::store::Store;

use super::DomainResult;

#[derive(Debug, Clone, Default)]
pub struct MemberFacts {
    pub progress: Vec<ModuleProgress>,
    /// Every award, revoked ones included.
    pub awards: Vec<BadgeAward>,
    pub choices: Vec<PathwayChoice>,
    /// Sessions attended, by series; read only when a badge of the course asks for sessions.
    attended: HashMap<String, u32>,
    /// Conversations logged, by the group of the person heard; read only when a badge of
    /// the course asks for conversations.
    conversations: HashMap<String, u32>,
}

impl MemberFacts {
    /// Reads everything the course's rules look at: three to five queries, run side by side.
    pub async fn read(
        store: &Store,
        course: &Course,
        cohort: CohortId,
        user: UserId,
    ) -> DomainResult<MemberFacts> {
        let needs_sessions = course
            .badges
            .iter()
            .any(|b| !b.requires.attended.is_empty());
        let needs_conversations = course
            .badges
            .iter()
            .any(|b| b.requires.conversations.is_some());
        let attended = async {
            if needs_sessions {
                store.attended_by_series(cohort, user).await
            } else {
                Ok(HashMap::new())
            }
        };
        let conversations = async {
            if needs_conversations {
                store.listening_counts_by_group(cohort, user).await
            } else {
                Ok(HashMap::new())
            }
        };
        let (progress, awards, choices, attended, conversations) = tokio::try_join!(
            store.progress_of_member(cohort, user),
            store.badge_awards_of_member(cohort, user),
            store.pathway_choices_of_member(cohort, user),
            attended,
            conversations,
        )?;
        Ok(MemberFacts {
            progress,
            awards,
            choices,
            attended,
            conversations,
        })
    }

    pub fn done(&self, module: &str) -> bool {
        self.progress
            .iter()
            .any(|p| p.module_id == module && p.state == ProgressState::Done)
    }

    /// The award the member holds for `badge`, unless none or revoked.
    pub fn award(&self, badge: &str) -> Option<&BadgeAward> {
        self.awards
            .iter()
            .find(|a| a.badge_id == badge && a.revoked_at.is_none())
    }

    pub fn holds(&self, badge: &str) -> bool {
        self.award(badge).is_some()
    }

    pub fn choice(&self, pathway: &str) -> Option<&PathwayChoice> {
        self.choices.iter().find(|c| c.pathway_id == pathway)
    }

    pub fn attended(&self, series: &str) -> u32 {
        self.attended.get(series).copied().unwrap_or(0)
    }

    /// Conversations logged in all, and those with people of the groups `excluded` says are
    /// rarely heard.
    pub fn conversations(&self, excluded: impl Fn(&str) -> bool) -> (u32, u32) {
        self.conversations
            .iter()
            .fold((0, 0), |(all, rarely_heard), (group, count)| {
                let rare = if excluded(group) { *count } else { 0 };
                (all + count, rarely_heard + rare)
            })
    }
}
