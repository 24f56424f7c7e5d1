//! End-of-module exercises: one question at a time, resumable, graded with the pack's pass
//! mark and retry limit. Buttons name an attempt and a question; the database decides
//! whether this person may answer it now.

use serde::{Deserialize, Serialize};

use crate::course::{Course, Exercise, ExerciseKind, Module, Visibility};
use crate::i18n::Message;
use crate::store::{Store, StoreError};

use super::badges::{self, BadgeNews};
use super::learning::{open_to, require_open};
use super::questions::{exercise_count, question_view, QuestionView};
use super::{refuse, DomainResult};
use crate::model::*;

/// What a trainee answered, in the pack's terms (indexes into the lists shown).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnswerInput {
    TrueFalse(bool),
    /// Single or multiple choice: the options picked.
    Choice(Vec<usize>),
    /// Item indexes in the order given.
    Order(Vec<usize>),
    /// For each item, the category picked.
    Match(Vec<usize>),
    Reflection(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Right,
    PartlyRight,
    Wrong,
    /// A reflection, complete once written.
    Written,
}

/// What a trainee sees after answering.
#[derive(Debug, Clone)]
pub struct FeedbackView {
    pub attempt: AttemptId,
    pub index: u32,
    pub total: u32,
    pub verdict: Verdict,
    pub points_permille: u32,
    pub feedback: Option<String>,
    pub explanation: Option<String>,
    /// The right answer in words, for scored questions.
    pub right_answer: Option<String>,
    /// Set when this was the last question.
    pub result: Option<ResultView>,
}

/// The end of an attempt.
#[derive(Debug, Clone)]
pub struct ResultView {
    pub cohort: CohortId,
    pub module_id: String,
    pub module_title: String,
    pub score: u8,
    pub pass_mark: u8,
    pub passed: bool,
    /// `None`: unlimited.
    pub attempts_left: Option<u32>,
    pub next_module: Option<String>,
    pub badges: BadgeNews,
}

/// What follows "Start exercises": a question, or the result when the module has none.
#[derive(Debug, Clone)]
pub enum ExerciseStep {
    Question(QuestionView),
    Finished(ResultView),
}

/// Starts an attempt, or resumes the unfinished one at the question it stopped at; `facts`
/// is what was read of the member.
#[tracing::instrument(skip_all, fields(cohort = %cohort, user = %user, module = module_id))]
pub async fn start_exercises(
    store: &Store,
    course: &Course,
    cohort: CohortId,
    user: UserId,
    facts: &MemberFacts,
    module_id: &str,
    now: UnixMillis,
) -> DomainResult<ExerciseStep> {
    let module = open_to(course, facts, module_id)?;
    if let Some(open) = facts.open_attempt(module_id) {
        return Ok(ExerciseStep::Question(question_view(module, open)?));
    }
    let done = facts.progress_in(module_id);
    if done.is_some_and(|p| p.state == ProgressState::Done) {
        return refuse(Message::new("exercise-already-complete").arg("module", &module.title));
    }
    let used = done.map_or(0, |p| p.attempts_used);
    if module.max_attempts.is_some_and(|max| used >= max) {
        return refuse(
            Message::new("exercise-no-attempts-left")
                .arg("module", &module.title)
                .arg("count", used),
        );
    }
    let attempt = store.start_attempt(cohort, user, module_id, now).await?;
    if module.exercises.is_empty() {
        let result = finish(store, course, module, &attempt, now).await?;
        return Ok(ExerciseStep::Finished(result));
    }
    Ok(ExerciseStep::Question(question_view(module, &attempt)?))
}

/// The question a button names, if it is still the one to answer.
pub async fn current_question(
    store: &Store,
    course: &Course,
    user: UserId,
    attempt: AttemptId,
) -> DomainResult<QuestionView> {
    let (attempt, module) = owned_attempt(store, course, user, attempt).await?;
    question_view(module, &attempt)
}

const ALREADY_ANSWERED: &str = "exercise-already-answered";

/// Records an answer to question `index`, grades it, and finishes the attempt after the last.
#[tracing::instrument(skip_all, fields(attempt = %attempt_id, user = %user, index))]
pub async fn answer(
    store: &Store,
    course: &Course,
    user: UserId,
    attempt_id: AttemptId,
    index: u32,
    input: AnswerInput,
    now: UnixMillis,
) -> DomainResult<FeedbackView> {
    let (attempt, module) = owned_attempt(store, course, user, attempt_id).await?;
    if index != attempt.current_index {
        return refuse(Message::new(ALREADY_ANSWERED));
    }
    let total = exercise_count(module);
    let Some(exercise) = module.exercises.get(index as usize) else {
        return refuse(Message::new("exercise-no-such-question"));
    };
    let graded = grade(&exercise.kind, &input)?;
    let json = serde_json::to_string(&input)?;
    let recorded = store
        .record_answer(attempt.id, &exercise.id, &json, graded.points, index, now)
        .await;
    let attempt = match recorded {
        Err(StoreError::Conflict(_)) => return refuse(Message::new(ALREADY_ANSWERED)),
        recorded => recorded?,
    };
    if let (AnswerInput::Reflection(body), ExerciseKind::Reflection { visibility, .. }) =
        (&input, &exercise.kind)
    {
        save_reflection(store, &attempt, exercise, body, *visibility, now).await?;
    }
    let result = if index + 1 >= total {
        Some(finish(store, course, module, &attempt, now).await?)
    } else {
        None
    };
    Ok(feedback_view(
        exercise, graded, attempt.id, index, total, result,
    ))
}

/// What a trainee sees after answering question `index` of `total` of `exercise`.
pub(super) fn feedback_view(
    exercise: &Exercise,
    graded: Graded,
    attempt: AttemptId,
    index: u32,
    total: u32,
    result: Option<ResultView>,
) -> FeedbackView {
    FeedbackView {
        attempt,
        index,
        total,
        verdict: graded.verdict,
        points_permille: graded.points,
        feedback: match graded.verdict {
            Verdict::Right => exercise.feedback_correct.clone(),
            Verdict::PartlyRight | Verdict::Wrong => exercise.feedback_incorrect.clone(),
            Verdict::Written => None,
        },
        explanation: exercise.explanation.clone(),
        right_answer: graded.right_answer,
        result,
    }
}

/// The attempt, if it belongs to `user`, is unfinished, and its module is open to them.
async fn owned_attempt<'c>(
    store: &Store,
    course: &'c Course,
    user: UserId,
    id: AttemptId,
) -> DomainResult<(Attempt, &'c Module)> {
    let Some(attempt) = store.attempt(id).await? else {
        return refuse(Message::new("exercises-gone"));
    };
    if attempt.user_id != user {
        return refuse(Message::new("exercises-not-yours"));
    }
    if attempt.finished_at.is_some() {
        return refuse(Message::new("exercise-attempt-finished"));
    }
    let module = require_open(store, course, attempt.cohort_id, user, &attempt.module_id).await?;
    Ok((attempt, module))
}

/// Keeps the reflection; one the course shares with the cohort is also posted there.
async fn save_reflection(
    store: &Store,
    attempt: &Attempt,
    exercise: &Exercise,
    body: &str,
    visibility: Visibility,
    now: UnixMillis,
) -> DomainResult<()> {
    let saved = store
        .save_reflection(&NewReflection {
            cohort_id: attempt.cohort_id,
            user_id: attempt.user_id,
            module_id: attempt.module_id.clone(),
            exercise_id: exercise.id.clone(),
            body: body.to_string(),
            visibility: match visibility {
                Visibility::Facilitators => ReflectionVisibility::Facilitators,
                Visibility::Cohort => ReflectionVisibility::Cohort,
            },
            submitted_at: now,
        })
        .await?;
    if visibility == Visibility::Cohort {
        super::facilitation::share_reflection(store, attempt.cohort_id, &saved, now).await?;
    }
    Ok(())
}

/// Scores the attempt: the scored questions' points against the pass mark. Passing
/// completes the module and awards any badge whose rule is now met.
async fn finish(
    store: &Store,
    course: &Course,
    module: &Module,
    attempt: &Attempt,
    now: UnixMillis,
) -> DomainResult<ResultView> {
    let answers = store.answers(attempt.id).await?;
    let scored: Vec<&Exercise> = module
        .exercises
        .iter()
        .filter(|e| e.kind.is_scored())
        .collect();
    let earned: u64 = scored
        .iter()
        .filter_map(|e| answers.iter().find(|a| a.exercise_id == e.id))
        .map(|a| u64::from(a.points_permille))
        .sum();
    let score = if scored.is_empty() {
        100
    } else {
        u8::try_from(earned * 100 / (scored.len() as u64 * 1000)).unwrap_or(100)
    };
    let passed = score >= module.pass_mark;
    store.finish_attempt(attempt.id, score, passed, now).await?;
    let mut news = BadgeNews::default();
    if passed {
        store
            .complete_module(attempt.cohort_id, attempt.user_id, &module.id, now)
            .await?;
        news = badges::award_earned(store, course, attempt.cohort_id, attempt.user_id, now).await?;
    }
    let statuses =
        super::learning::module_statuses(store, course, attempt.cohort_id, attempt.user_id).await?;
    Ok(ResultView {
        cohort: attempt.cohort_id,
        module_id: module.id.clone(),
        module_title: module.title.clone(),
        score,
        pass_mark: module.pass_mark,
        passed,
        attempts_left: module
            .max_attempts
            .map(|max| max.saturating_sub(attempt.attempt_no)),
        next_module: super::learning::next_module(&statuses).map(|s| s.title.clone()),
        badges: news,
    })
}

#[derive(Debug)]
pub(super) struct Graded {
    verdict: Verdict,
    pub(super) points: u32,
    right_answer: Option<String>,
}

/// Grades one answer. Ordering and matching earn partial credit: the share of items in the
/// right place or category. Multiple choice earns right picks minus wrong picks, over the
/// right answers. Input of the wrong shape (a forged button) is refused.
pub(super) fn grade(kind: &ExerciseKind, input: &AnswerInput) -> DomainResult<Graded> {
    let (points, right_answer) = match (kind, input) {
        (ExerciseKind::TrueFalse { answer, .. }, AnswerInput::TrueFalse(given)) => (
            if given == answer { 1000 } else { 0 },
            Some(if *answer { "True" } else { "False" }.to_string()),
        ),
        (
            ExerciseKind::SingleChoice {
                options, answer, ..
            },
            AnswerInput::Choice(given),
        ) => {
            check_indexes(given, options.len(), 1)?;
            (
                if given == &[*answer] { 1000 } else { 0 },
                Some(options[*answer].clone()),
            )
        }
        (
            ExerciseKind::MultipleChoice {
                options, answers, ..
            },
            AnswerInput::Choice(given),
        ) => {
            check_indexes(given, options.len(), options.len())?;
            let hits = given.iter().filter(|g| answers.contains(g)).count() as i64;
            let misses = given.len() as i64 - hits;
            let points = ((hits - misses).max(0) * 1000 / answers.len() as i64) as u32;
            let right: Vec<&str> = answers.iter().map(|&i| options[i].as_str()).collect();
            (points, Some(right.join("; ")))
        }
        (ExerciseKind::Ordering { items, .. }, AnswerInput::Order(given)) => {
            if given.len() != items.len() {
                return refuse(Message::new("exercise-order-every-item"));
            }
            check_indexes(given, items.len(), items.len())?;
            let in_place = given
                .iter()
                .enumerate()
                .filter(|(pos, item)| pos == *item)
                .count();
            (
                (in_place * 1000 / items.len()) as u32,
                Some(items.join(" → ")),
            )
        }
        (
            ExerciseKind::Matching {
                categories, items, ..
            },
            AnswerInput::Match(given),
        ) => {
            if given.len() != items.len() || given.iter().any(|&c| c >= categories.len()) {
                return refuse(Message::new("exercise-sort-every-item"));
            }
            let right = items
                .iter()
                .zip(given)
                .filter(|(item, &c)| item.category == c)
                .count();
            let key: Vec<String> = items
                .iter()
                .map(|i| format!("{} → {}", i.text, categories[i.category]))
                .collect();
            ((right * 1000 / items.len()) as u32, Some(key.join("\n")))
        }
        (
            ExerciseKind::Reflection {
                min_chars,
                max_chars,
                ..
            },
            AnswerInput::Reflection(text),
        ) => {
            let length = text.trim().chars().count() as u32;
            if length < *min_chars || length > *max_chars {
                return refuse(
                    Message::new("exercise-reflection-length")
                        .arg("count", length)
                        .arg("min", *min_chars)
                        .arg("max", *max_chars),
                );
            }
            return Ok(Graded {
                verdict: Verdict::Written,
                points: 1000,
                right_answer: None,
            });
        }
        _ => return refuse(Message::new("question-answer-does-not-fit")),
    };
    let verdict = match points {
        1000 => Verdict::Right,
        0 => Verdict::Wrong,
        _ => Verdict::PartlyRight,
    };
    Ok(Graded {
        verdict,
        points,
        right_answer,
    })
}

/// Distinct indexes below `len`, between 1 and `max` of them.
fn check_indexes(given: &[usize], len: usize, max: usize) -> DomainResult<()> {
    let mut seen = given.to_vec();
    seen.sort_unstable();
    seen.dedup();
    if given.is_empty()
        || given.len() > max
        || seen.len() != given.len()
        || given.iter().any(|&i| i >= len)
    {
        return refuse(Message::new("question-answer-does-not-fit"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::course::MatchItem;

    fn points(kind: &ExerciseKind, input: AnswerInput) -> u32 {
        grade(kind, &input).unwrap().points
    }

    #[test]
    fn ordering_earns_the_share_of_items_in_place() {
        let kind = ExerciseKind::Ordering {
            question: "q".into(),
            items: vec!["a".into(), "b".into(), "c".into(), "d".into()],
        };
        assert_eq!(points(&kind, AnswerInput::Order(vec![0, 1, 2, 3])), 1000);
        assert_eq!(points(&kind, AnswerInput::Order(vec![0, 1, 3, 2])), 500);
        assert_eq!(points(&kind, AnswerInput::Order(vec![3, 2, 1, 0])), 0);
        assert!(
            grade(&kind, &AnswerInput::Order(vec![0, 0, 1, 2])).is_err(),
            "a repeated item is refused"
        );
        assert!(
            grade(&kind, &AnswerInput::Order(vec![0, 1])).is_err(),
            "an unfinished order is refused"
        );
    }

    #[test]
    fn matching_earns_the_share_of_items_in_the_right_category() {
        let kind = ExerciseKind::Matching {
            question: "q".into(),
            categories: vec!["x".into(), "y".into()],
            items: vec![
                MatchItem {
                    text: "1".into(),
                    category: 0,
                },
                MatchItem {
                    text: "2".into(),
                    category: 1,
                },
                MatchItem {
                    text: "3".into(),
                    category: 1,
                },
            ],
        };
        assert_eq!(points(&kind, AnswerInput::Match(vec![0, 1, 1])), 1000);
        assert_eq!(points(&kind, AnswerInput::Match(vec![0, 0, 1])), 666);
        assert!(
            grade(&kind, &AnswerInput::Match(vec![0, 2, 1])).is_err(),
            "an unknown category is refused"
        );
    }

    #[test]
    fn multiple_choice_subtracts_wrong_picks() {
        let kind = ExerciseKind::MultipleChoice {
            question: "q".into(),
            options: vec!["a".into(), "b".into(), "c".into(), "d".into()],
            answers: vec![0, 2],
        };
        assert_eq!(points(&kind, AnswerInput::Choice(vec![0, 2])), 1000);
        assert_eq!(points(&kind, AnswerInput::Choice(vec![0])), 500);
        assert_eq!(points(&kind, AnswerInput::Choice(vec![0, 1])), 0);
        assert_eq!(points(&kind, AnswerInput::Choice(vec![0, 1, 2, 3])), 0);
    }

    #[test]
    fn a_reflection_outside_its_limits_is_refused_with_its_length() {
        let kind = ExerciseKind::Reflection {
            prompt: "p".into(),
            min_chars: 10,
            max_chars: 4000,
            visibility: Visibility::Facilitators,
        };
        let err = grade(&kind, &AnswerInput::Reflection("x".repeat(4001)))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("4001 characters") && err.contains("10 to 4000"),
            "{err}"
        );
        assert_eq!(
            grade(&kind, &AnswerInput::Reflection("long enough".into()))
                .unwrap()
                .verdict,
            Verdict::Written
        );
    }

    #[test]
    fn an_answer_of_the_wrong_shape_is_refused() {
        let kind = ExerciseKind::TrueFalse {
            statement: "s".into(),
            answer: true,
        };
        assert!(grade(&kind, &AnswerInput::Choice(vec![0])).is_err());
        let single = ExerciseKind::SingleChoice {
            question: "q".into(),
            options: vec!["a".into(), "b".into()],
            answer: 1,
        };
        assert!(
            grade(&single, &AnswerInput::Choice(vec![0, 1])).is_err(),
            "two picks for a single choice"
        );
        assert!(
            grade(&single, &AnswerInput::Choice(vec![5])).is_err(),
            "an option that does not exist"
        );
    }
}

#[cfg(test)]
mod grading_tests;
