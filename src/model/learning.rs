//! A member's learning: progress through modules, attempts and answers, reflections,
//! badges and pathway choices.

use std::collections::HashMap;

use super::{
    AttemptId, BadgeAwardId, CohortId, ProgressState, ReflectionId, ReflectionVisibility,
    UnixMillis, UserId,
};

#[derive(Debug, Clone, PartialEq)]
pub struct ModuleProgress {
    pub cohort_id: CohortId,
    pub user_id: UserId,
    pub module_id: String,
    pub state: ProgressState,
    pub page_index: u32,
    pub started_at: UnixMillis,
    pub completed_at: Option<UnixMillis>,
    /// Best exercise score so far, in percent.
    pub best_score: Option<u8>,
    /// Finished exercise attempts.
    pub attempts_used: u32,
}

/// One go at a module's exercises.
#[derive(Debug, Clone, PartialEq)]
pub struct Attempt {
    pub id: AttemptId,
    pub cohort_id: CohortId,
    pub user_id: UserId,
    pub module_id: String,
    /// 1 for the first attempt at the module, then 2, 3, …
    pub attempt_no: u32,
    /// The question to resume at.
    pub current_index: u32,
    pub started_at: UnixMillis,
    pub finished_at: Option<UnixMillis>,
    /// Score in percent, set when finished.
    pub score: Option<u8>,
    pub passed: Option<bool>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    pub attempt_id: AttemptId,
    pub exercise_id: String,
    /// The answer given, as JSON.
    pub answer: String,
    /// Points earned, in thousandths of the exercise's maximum.
    pub points_permille: u32,
    pub answered_at: UnixMillis,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewReflection {
    pub cohort_id: CohortId,
    pub user_id: UserId,
    pub module_id: String,
    pub exercise_id: String,
    pub body: String,
    pub visibility: ReflectionVisibility,
    pub submitted_at: UnixMillis,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Reflection {
    pub id: ReflectionId,
    pub cohort_id: CohortId,
    pub user_id: UserId,
    pub module_id: String,
    pub exercise_id: String,
    pub body: String,
    pub visibility: ReflectionVisibility,
    pub submitted_at: UnixMillis,
    pub reviewed_at: Option<UnixMillis>,
    pub reviewed_by: Option<UserId>,
    pub reply: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewBadgeAward {
    pub cohort_id: CohortId,
    pub user_id: UserId,
    pub badge_id: String,
    /// `None` when a rule awarded it.
    pub awarded_by: Option<UserId>,
    pub reason: Option<String>,
    pub awarded_at: UnixMillis,
}

/// A badge given to a member; kept after revocation as history.
#[derive(Debug, Clone, PartialEq)]
pub struct BadgeAward {
    pub id: BadgeAwardId,
    pub cohort_id: CohortId,
    pub user_id: UserId,
    pub badge_id: String,
    /// `None` when a rule awarded it.
    pub awarded_by: Option<UserId>,
    pub reason: Option<String>,
    pub awarded_at: UnixMillis,
    pub revoked_at: Option<UnixMillis>,
    pub revoked_by: Option<UserId>,
    pub revoke_reason: Option<String>,
    /// When the Discord role last matched this award; `None` means the role needs updating.
    pub role_synced_at: Option<UnixMillis>,
    pub role_error: Option<String>,
}

/// The result of awarding a badge: the active award, and whether this call created it.
#[derive(Debug, Clone, PartialEq)]
pub struct AwardOutcome {
    pub award: BadgeAward,
    pub newly_awarded: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PathwayChoice {
    pub cohort_id: CohortId,
    pub user_id: UserId,
    pub pathway_id: String,
    pub option_id: String,
    pub chosen_at: UnixMillis,
}

/// What the bot knows of one member's work in a cohort, so that the badge rules, the
/// learning path and the next step are decided in memory.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MemberFacts {
    pub progress: Vec<ModuleProgress>,
    /// Every award, revoked ones included.
    pub awards: Vec<BadgeAward>,
    pub choices: Vec<PathwayChoice>,
    /// Unfinished exercise attempts, one at most per module.
    pub open_attempts: Vec<Attempt>,
    /// Sessions attended, by series; read only when a badge of the course asks for sessions.
    pub attended_by_series: HashMap<String, u32>,
    /// Conversations logged, by the group of the person heard; read only when a badge of
    /// the course asks for conversations.
    pub conversations_by_group: HashMap<String, u32>,
}

impl MemberFacts {
    /// The member's progress in `module`, if they have opened it.
    pub fn progress_in(&self, module: &str) -> Option<&ModuleProgress> {
        self.progress.iter().find(|p| p.module_id == module)
    }

    pub fn done(&self, module: &str) -> bool {
        self.progress_in(module)
            .is_some_and(|p| p.state == ProgressState::Done)
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

    /// The unfinished attempt at `module`, if any.
    pub fn open_attempt(&self, module: &str) -> Option<&Attempt> {
        self.open_attempts.iter().find(|a| a.module_id == module)
    }

    pub fn attended(&self, series: &str) -> u32 {
        self.attended_by_series.get(series).copied().unwrap_or(0)
    }

    /// Conversations logged in all, and those with people of the groups `excluded` says are
    /// rarely heard.
    pub fn conversations(&self, excluded: impl Fn(&str) -> bool) -> (u32, u32) {
        self.conversations_by_group
            .iter()
            .fold((0, 0), |(all, rarely_heard), (group, count)| {
                let rare = if excluded(group) { *count } else { 0 };
                (all + count, rarely_heard + rare)
            })
    }
}
