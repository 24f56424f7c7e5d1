//! The question an unfinished attempt stopped at, as the trainee sees it: what both
//! `/module` (resuming) and the exercises (answering) show.

use crate::course::{Exercise, Module};
use crate::model::*;

use super::{refuse, DomainResult};
use crate::i18n::Message;

/// A question to show.
#[derive(Debug, Clone)]
pub struct QuestionView {
    pub attempt: AttemptId,
    pub cohort: CohortId,
    pub module_id: String,
    pub module_title: String,
    /// 0-based.
    pub index: u32,
    pub total: u32,
    pub attempt_no: u32,
    pub exercise: Exercise,
}

/// The question `attempt` stopped at.
pub(super) fn question_view(module: &Module, attempt: &Attempt) -> DomainResult<QuestionView> {
    let Some(exercise) = module.exercises.get(attempt.current_index as usize) else {
        return refuse(Message::new("exercise-no-question-left"));
    };
    Ok(QuestionView {
        attempt: attempt.id,
        cohort: attempt.cohort_id,
        module_id: module.id.clone(),
        module_title: module.title.clone(),
        index: attempt.current_index,
        total: exercise_count(module),
        attempt_no: attempt.attempt_no,
        exercise: exercise.clone(),
    })
}

pub(super) fn exercise_count(module: &Module) -> u32 {
    u32::try_from(module.exercises.len()).unwrap_or(u32::MAX)
}
