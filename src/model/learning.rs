//! A member's learning: progress through modules, attempts and answers, reflections,
//! badges and pathway choices.

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
