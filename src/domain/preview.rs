//! What a pack shows trainees, worked out from the course alone for an author's preview
//! (`cohortbot course preview`): the views the services return, as a member who has just
//! opened each module gets them, with the right answer and a wrong one to each question.
//! Nothing here reads the store: progress is that of someone answering in order.

use crate::course::{Course, Exercise, ExerciseKind, Module};
use crate::model::*;

use super::exercises::{feedback_view, grade, AnswerInput, FeedbackView, ResultView};
use super::learning::{screen_view, ScreenView};
use super::questions::QuestionView;
use super::quiz::{live_questions, reveal_of, Leaderboard, LiveQuestion, Reveal};

/// Every screen of one module.
#[derive(Debug, Clone)]
pub struct ModulePreview {
    pub id: String,
    pub title: String,
    pub screens: Vec<ScreenView>,
    pub questions: Vec<QuestionPreview>,
    /// What finishing with every answer right shows (at once, for a module without
    /// questions).
    pub passed: ResultView,
    /// What finishing with every scored answer wrong shows, when that fails the module.
    pub failed: Option<ResultView>,
    /// The module's questions as a live quiz posts them, each with its reveal.
    pub live: Vec<(LiveQuestion, Reveal)>,
    pub leaderboard: Option<Leaderboard>,
}

/// One question: each step of it, and what answering it shows.
#[derive(Debug, Clone)]
pub struct QuestionPreview {
    pub view: QuestionView,
    /// The picks made so far at each step: one empty step for most questions, one step
    /// per item for ordering and matching (picked right).
    pub steps: Vec<Vec<usize>>,
    pub right: FeedbackView,
    /// A wrong answer's feedback; none for reflections and for a choice with nothing wrong.
    pub wrong: Option<FeedbackView>,
}

/// The course's modules in the order trainees meet them: the path, then pathway modules.
/// `deadline` is when a live question shown now would close.
pub fn modules(course: &Course, deadline: UnixMillis) -> Vec<ModulePreview> {
    course
        .modules
        .iter()
        .map(|module| module_preview(course, module, deadline))
        .collect()
}

const COHORT: CohortId = CohortId(0);
const ATTEMPT: AttemptId = AttemptId(0);

fn module_preview(course: &Course, module: &Module, deadline: UnixMillis) -> ModulePreview {
    let cut = module.screens();
    let total = u32::try_from(cut.len()).unwrap_or(u32::MAX);
    let screens = cut
        .iter()
        .zip(0..)
        .map(|(shown, index)| screen_view(COHORT, module, shown, index, total))
        .collect();
    let passed = result(course, module, 100);
    let scored = module.exercises.iter().filter(|e| e.kind.is_scored());
    let failed = (scored.count() > 0 && module.pass_mark > 0).then(|| result(course, module, 0));
    let questions = module
        .exercises
        .iter()
        .zip(0..)
        .map(|(exercise, index)| question(course, module, exercise, index))
        .collect();
    let live: Vec<(LiveQuestion, Reveal)> = live_questions(course, &module.id)
        .into_iter()
        .zip(0..)
        .map(|(exercise, index)| {
            let question = LiveQuestion {
                run: QuizRunId(0),
                index,
                total: 0,
                exercise,
                deadline_at: Some(deadline),
                paused: false,
                answered: 0,
            };
            let reveal = reveal_of(question.clone(), |_| 0);
            (question, reveal)
        })
        .collect();
    let asked = u32::try_from(live.len()).unwrap_or(u32::MAX);
    let live: Vec<(LiveQuestion, Reveal)> = live
        .into_iter()
        .map(|(mut question, mut reveal)| {
            question.total = asked;
            reveal.question.total = asked;
            (question, reveal)
        })
        .collect();
    let leaderboard = (!live.is_empty()).then(|| Leaderboard {
        module_title: module.title.clone(),
        questions: asked,
        rows: Vec::new(),
        cut_short: None,
    });
    ModulePreview {
        id: module.id.clone(),
        title: module.title.clone(),
        screens,
        questions,
        passed,
        failed,
        live,
        leaderboard,
    }
}

fn question(course: &Course, module: &Module, exercise: &Exercise, index: u32) -> QuestionPreview {
    let total = u32::try_from(module.exercises.len()).unwrap_or(u32::MAX);
    let last = index + 1 == total;
    let feedback = |input: AnswerInput| {
        let graded = grade(&exercise.kind, &input).ok()?;
        let points = graded.points;
        let result = last.then(|| result(course, module, score_with(module, index, points)));
        Some(feedback_view(
            exercise, graded, ATTEMPT, index, total, result,
        ))
    };
    let right = right_input(&exercise.kind);
    let steps = match &right {
        AnswerInput::Order(picks) | AnswerInput::Match(picks) => {
            (0..picks.len()).map(|n| picks[..n].to_vec()).collect()
        }
        _ => vec![Vec::new()],
    };
    QuestionPreview {
        view: QuestionView {
            attempt: ATTEMPT,
            cohort: COHORT,
            module_id: module.id.clone(),
            module_title: module.title.clone(),
            index,
            total,
            attempt_no: 1,
            exercise: exercise.clone(),
        },
        steps,
        right: feedback(right).expect("the right answer fits its question"),
        wrong: wrong_input(&exercise.kind).and_then(feedback),
    }
}

/// The answer the pack's key gives.
fn right_input(kind: &ExerciseKind) -> AnswerInput {
    match kind {
        ExerciseKind::TrueFalse { answer, .. } => AnswerInput::TrueFalse(*answer),
        ExerciseKind::SingleChoice { answer, .. } => AnswerInput::Choice(vec![*answer]),
        ExerciseKind::MultipleChoice { answers, .. } => AnswerInput::Choice(answers.clone()),
        ExerciseKind::Ordering { items, .. } => AnswerInput::Order((0..items.len()).collect()),
        ExerciseKind::Matching { items, .. } => {
            AnswerInput::Match(items.iter().map(|item| item.category).collect())
        }
        ExerciseKind::Reflection { min_chars, .. } => {
            AnswerInput::Reflection("✎".repeat((*min_chars).max(1) as usize))
        }
    }
}

/// An answer the key marks wrong (or partly right), when the question has one.
fn wrong_input(kind: &ExerciseKind) -> Option<AnswerInput> {
    match kind {
        ExerciseKind::TrueFalse { answer, .. } => Some(AnswerInput::TrueFalse(!answer)),
        ExerciseKind::SingleChoice {
            options, answer, ..
        } => (0..options.len())
            .find(|i| i != answer)
            .map(|i| AnswerInput::Choice(vec![i])),
        ExerciseKind::MultipleChoice {
            options, answers, ..
        } => (0..options.len())
            .find(|i| !answers.contains(i))
            .map(|i| AnswerInput::Choice(vec![i])),
        ExerciseKind::Ordering { items, .. } if items.len() > 1 => {
            Some(AnswerInput::Order((0..items.len()).rev().collect()))
        }
        ExerciseKind::Matching {
            categories, items, ..
        } if categories.len() > 1 => Some(AnswerInput::Match(
            items
                .iter()
                .map(|item| (item.category + 1) % categories.len())
                .collect(),
        )),
        _ => None,
    }
}

/// The score of an attempt with every scored answer right but question `index`, which
/// earned `points` (per mille).
fn score_with(module: &Module, index: u32, points: u32) -> u8 {
    let scored: Vec<usize> = module
        .exercises
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind.is_scored())
        .map(|(i, _)| i)
        .collect();
    if scored.is_empty() {
        return 100;
    }
    let earned: u64 = scored
        .iter()
        .map(|&i| {
            if i == index as usize {
                u64::from(points)
            } else {
                1000
            }
        })
        .sum();
    u8::try_from(earned * 100 / (scored.len() as u64 * 1000)).unwrap_or(100)
}

/// The result of a first attempt scoring `score`: passing opens the next module on the path.
fn result(course: &Course, module: &Module, score: u8) -> ResultView {
    let passed = score >= module.pass_mark;
    let next_module = course
        .path
        .iter()
        .skip_while(|id| **id != module.id)
        .nth(1)
        .and_then(|id| course.module(id))
        .filter(|_| passed)
        .map(|m| m.title.clone());
    ResultView {
        cohort: COHORT,
        module_id: module.id.clone(),
        module_title: module.title.clone(),
        score,
        pass_mark: module.pass_mark,
        passed,
        attempts_left: module.max_attempts.map(|max| max.saturating_sub(1)),
        next_module,
        badges: Default::default(),
    }
}
