//! A module's score on both backends: only the scored questions count (a reflection earns
//! nothing towards it), partial credit counts as its share, and a score exactly at the pass
//! mark passes and completes the module, while one below it does not.

use std::sync::Arc;

use crate::autumn::{self, ADA, BEN, NOW};
use crate::store_backends::TestDb;
use cohortbot::course::Course;
use cohortbot::domain::exercises::{self, AnswerInput, ExerciseStep, ResultView};
use cohortbot::domain::learning;
use cohortbot::domain::member_facts;
use cohortbot::domain::snapshots;
use cohortbot::model::*;
use cohortbot::store::Store;

store_tests!(
    a_score_at_the_pass_mark_passes_and_completes_the_module,
    a_score_below_the_pass_mark_fails_and_leaves_the_module_open,
);

/// Module `mixed` (pass mark 75): a reflection, a true/false (1000 or 0) and a multiple
/// choice with two right options of four (half of them right: 500).
async fn a_score_at_the_pass_mark_passes_and_completes_the_module(db: &TestDb) {
    let (course, cohort) = cohort(&db.store).await;

    let (attempt, result) = take_mixed(&db.store, &course, cohort, ADA, true, vec![0]).await;

    assert_eq!(
        (result.score, result.pass_mark, result.passed),
        (75, 75, true)
    );
    let attempt = finished_attempt(&db.store, attempt).await;
    assert_eq!((attempt.score, attempt.passed), (Some(75), Some(true)));
    let progress = module_progress(&db.store, cohort, ADA).await;
    assert_eq!(progress.state, ProgressState::Done);
    assert_eq!(progress.best_score, Some(75));
}

async fn a_score_below_the_pass_mark_fails_and_leaves_the_module_open(db: &TestDb) {
    let (course, cohort) = cohort(&db.store).await;

    let (attempt, result) = take_mixed(&db.store, &course, cohort, BEN, false, vec![0, 2]).await;

    assert_eq!((result.score, result.passed), (50, false));
    let attempt = finished_attempt(&db.store, attempt).await;
    assert_eq!((attempt.score, attempt.passed), (Some(50), Some(false)));
    let progress = module_progress(&db.store, cohort, BEN).await;
    assert_ne!(progress.state, ProgressState::Done);
    assert_eq!(progress.completed_at, None);
}

async fn cohort(store: &Store) -> (Arc<Course>, CohortId) {
    let library = autumn::library("tests/fixtures/packs/grading");
    let cohort = autumn::with_ada_and_ben(store, &library, "graded-course").await;
    let course = snapshots::course_of(store, &cohort).await.unwrap();
    (course, cohort.id)
}

/// Answers the reflection, then the true/false with `statement`, then the multiple choice
/// with `picks`; the attempt and the result shown after the last answer.
async fn take_mixed(
    store: &Store,
    course: &Course,
    cohort: CohortId,
    user: UserId,
    statement: bool,
    picks: Vec<usize>,
) -> (AttemptId, ResultView) {
    let unopened = member_facts::read(store, course, cohort, user)
        .await
        .unwrap();
    learning::open_module(store, course, cohort, user, &unopened, Some("mixed"), NOW)
        .await
        .unwrap();
    let facts = member_facts::read(store, course, cohort, user)
        .await
        .unwrap();
    let ExerciseStep::Question(first) =
        exercises::start_exercises(store, course, cohort, user, &facts, "mixed", NOW)
            .await
            .unwrap()
    else {
        panic!("mixed has questions");
    };
    let answers = [
        AnswerInput::Reflection("How to hold a good one-to-one.".into()),
        AnswerInput::TrueFalse(statement),
        AnswerInput::Choice(picks),
    ];
    let mut last = None;
    for (index, input) in (0..).zip(answers) {
        let feedback = exercises::answer(store, course, user, first.attempt, index, input, NOW)
            .await
            .unwrap();
        last = feedback.result;
    }
    let result = last.expect("the last answer finishes the attempt");
    (first.attempt, result)
}

async fn finished_attempt(store: &Store, id: AttemptId) -> Attempt {
    let attempt = store.attempt(id).await.unwrap().expect("stored");
    assert!(attempt.finished_at.is_some(), "the attempt is finished");
    assert_eq!(store.answers(id).await.unwrap().len(), 3);
    attempt
}

async fn module_progress(store: &Store, cohort: CohortId, user: UserId) -> ModuleProgress {
    store
        .progress_of_member(cohort, user)
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.module_id == "mixed")
        .expect("the module is started")
}
