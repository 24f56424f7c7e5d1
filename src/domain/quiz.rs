//! Live quizzes in a channel: a facilitator starts one on a module's questions; everyone in
//! the cohort answers each question (once, changeable until time is up); then the bot
//! reveals the answer and its distribution, and at the end a leaderboard. True/false and
//! choice questions suit a live room; ordering, matching and reflections stay self-paced.

use std::collections::BTreeMap;

use crate::course::{Course, Exercise, ExerciseKind};
use crate::store::{Backend, Store, StoreError};

use super::access::{require_facilitator, Caller};
use super::{echo, refuse, DomainResult};
use crate::i18n::{Message, Text};
use crate::model::*;

/// A question as the channel sees it while it is open.
#[derive(Debug, Clone)]
pub struct LiveQuestion {
    pub run: QuizRunId,
    pub index: u32,
    pub total: u32,
    pub exercise: Exercise,
    pub deadline_at: Option<UnixMillis>,
    pub paused: bool,
    pub answered: usize,
}

/// A closed question: the right answer and how the room answered.
#[derive(Debug, Clone)]
pub struct Reveal {
    pub question: LiveQuestion,
    pub right_answer: String,
    /// Each option with how many picked it.
    pub distribution: Vec<(String, usize)>,
    /// Positions in `distribution` of the right options.
    pub right: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct Leaderboard {
    pub module_title: String,
    pub questions: u32,
    /// Person, right answers; most first.
    pub rows: Vec<(UserId, u32)>,
    /// Why it ended before the last question, if it did.
    pub cut_short: Option<String>,
}

/// What closing a question led to.
#[derive(Debug, Clone)]
pub enum AfterReveal {
    Next(LiveQuestion),
    Finished(Leaderboard),
}

/// The questions of `module` that suit a live room.
pub(super) fn live_questions(course: &Course, module_id: &str) -> Vec<Exercise> {
    course
        .module(module_id)
        .map(|m| {
            m.exercises
                .iter()
                .filter(|e| {
                    matches!(
                        e.kind,
                        ExerciseKind::TrueFalse { .. }
                            | ExerciseKind::SingleChoice { .. }
                            | ExerciseKind::MultipleChoice { .. }
                    )
                })
                .cloned()
                .collect()
        })
        .unwrap_or_default()
}

/// Seconds per question when the facilitator names none.
pub const DEFAULT_SECONDS: u32 = 30;

/// Starts a quiz on `module_id` in `channel` (facilitators).
#[tracing::instrument(skip_all, fields(cohort = %cohort.id, module = module_id))]
#[allow(clippy::too_many_arguments)]
pub async fn start(
    store: &Store,
    course: &Course,
    caller: Caller,
    cohort: &Cohort,
    channel: ChannelId,
    module_id: &str,
    seconds: u32,
    now: UnixMillis,
) -> DomainResult<LiveQuestion> {
    require_facilitator(store, caller, cohort).await?;
    let Some(module) = course.module(module_id) else {
        return refuse(Message::new("quiz-no-such-module").arg("module", echo(module_id)));
    };
    let questions = live_questions(course, module_id);
    if questions.is_empty() {
        return refuse(Message::new("quiz-no-live-questions").arg("module", &module.title));
    }
    let new = NewQuizRun {
        cohort_id: cohort.id,
        channel_id: channel,
        module_id: module_id.to_string(),
        questions: questions.iter().map(|q| q.id.clone()).collect(),
        seconds: seconds.clamp(10, 600),
        started_by: caller.user,
        started_at: now,
    };
    let run = match store.start_quiz(&new).await {
        Err(StoreError::Conflict(_)) => return refuse(Message::new("quiz-already-running")),
        other => other?,
    };
    question(store, course, &run).await
}

/// The run's current question with its live count.
pub async fn question(store: &Store, course: &Course, run: &QuizRun) -> DomainResult<LiveQuestion> {
    let Some(exercise) = exercise_at(course, run, run.current_index) else {
        return refuse(Message::new("quiz-no-question-left"));
    };
    let answered = store
        .quiz_answers(run.id)
        .await?
        .iter()
        .filter(|a| a.index == run.current_index)
        .count();
    Ok(LiveQuestion {
        run: run.id,
        index: run.current_index,
        total: run.questions.len() as u32,
        exercise,
        deadline_at: run.deadline_at,
        paused: run.state == QuizState::Paused,
        answered,
    })
}

fn exercise_at(course: &Course, run: &QuizRun, index: u32) -> Option<Exercise> {
    let id = run.questions.get(index as usize)?;
    course
        .module(&run.module_id)?
        .exercises
        .iter()
        .find(|e| &e.id == id)
        .cloned()
}

/// Records a cohort member's answer to the open question; they may change it until time
/// is up. Returns what they picked, in words ("true" and "false" in the reader's language).
pub async fn answer(
    store: &Store,
    course: &Course,
    caller: Caller,
    run: &QuizRun,
    index: u32,
    picks: Vec<usize>,
    now: UnixMillis,
) -> DomainResult<Text> {
    let current = store
        .member(run.cohort_id, caller.user)
        .await?
        .is_some_and(|m| m.left_at.is_none());
    if !current {
        return refuse(Message::new("quiz-members-only"));
    }
    let open = run.state == QuizState::Running
        && run.current_index == index
        && run.deadline_at.is_some_and(|d| now < d);
    if !open {
        return refuse(Message::new(if run.state == QuizState::Paused {
            "quiz-paused-answer-later"
        } else {
            "quiz-time-up"
        }));
    }
    let Some(exercise) = exercise_at(course, run, index) else {
        return refuse(Message::new("quiz-no-such-question"));
    };
    let (correct, words) = check(&exercise.kind, &picks)?;
    let recorded = store
        .answer_quiz(&QuizAnswer {
            run: run.id,
            index,
            user: caller.user,
            picks,
            correct,
            answered_at: now,
        })
        .await?;
    if !recorded {
        return refuse(Message::new("quiz-answer-too-late"));
    }
    Ok(words)
}

/// Whether `picks` answers the question rightly, and the picks in words.
fn check(kind: &ExerciseKind, picks: &[usize]) -> DomainResult<(bool, Text)> {
    let mut sorted = picks.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    match kind {
        ExerciseKind::TrueFalse { answer, .. } if matches!(picks, [0] | [1]) => {
            let given = picks[0] == 1;
            Ok((
                given == *answer,
                Message::new(if given { "quiz-true" } else { "quiz-false" }).into(),
            ))
        }
        ExerciseKind::SingleChoice {
            options, answer, ..
        } if picks.len() == 1 && picks[0] < options.len() => {
            Ok((picks[0] == *answer, options[picks[0]].clone().into()))
        }
        ExerciseKind::MultipleChoice {
            options, answers, ..
        } if !picks.is_empty()
            && sorted.len() == picks.len()
            && picks.iter().all(|&p| p < options.len()) =>
        {
            let words: Vec<&str> = sorted.iter().map(|&p| options[p].as_str()).collect();
            Ok((&sorted == answers, words.join("; ").into()))
        }
        _ => refuse(Message::new("quiz-answer-does-not-fit")),
    }
}

/// Closes the open question of `run` (time up, or skipped): the reveal, then the next
/// question or the leaderboard. `None` when another caller closed it first.
pub async fn close_question(
    store: &Store,
    course: &Course,
    run: &QuizRun,
    now: UnixMillis,
) -> DomainResult<Option<(Reveal, AfterReveal)>> {
    // Closed first, revealed after: no answer can be recorded between the two, so the
    // reveal, the leaderboard and what each person was told agree.
    let last = run.current_index + 1 >= run.questions.len() as u32;
    let closed = if last {
        store.end_quiz(run.id, run.current_index, now).await?
    } else {
        let deadline = now + i64::from(run.seconds) * 1000;
        store
            .advance_quiz(run.id, run.current_index, deadline)
            .await?
    };
    if !closed {
        return Ok(None);
    }
    let current = question(store, course, run).await?;
    let reveal = reveal(store, run, current).await?;
    if last {
        return Ok(Some((
            reveal,
            AfterReveal::Finished(leaderboard(store, course, run, None).await?),
        )));
    }
    let moved = store
        .quiz(run.id)
        .await?
        .ok_or(StoreError::NotFound("quiz"))?;
    Ok(Some((
        reveal,
        AfterReveal::Next(question(store, course, &moved).await?),
    )))
}

async fn reveal(store: &Store, run: &QuizRun, question: LiveQuestion) -> DomainResult<Reveal> {
    let answers: Vec<QuizAnswer> = store
        .quiz_answers(run.id)
        .await?
        .into_iter()
        .filter(|a| a.index == run.current_index)
        .collect();
    Ok(reveal_of(question, |i| {
        answers.iter().filter(|a| a.picks.contains(&i)).count()
    }))
}

/// The reveal of `question`, given how many picked each option (true is 1, false 0).
pub(super) fn reveal_of(question: LiveQuestion, count: impl Fn(usize) -> usize) -> Reveal {
    let tally = |options: &[String]| -> Vec<(String, usize)> {
        options
            .iter()
            .enumerate()
            .map(|(i, o)| (o.clone(), count(i)))
            .collect()
    };
    let (right_answer, distribution, right) = match &question.exercise.kind {
        ExerciseKind::TrueFalse { answer, .. } => (
            if *answer { "True" } else { "False" }.to_string(),
            vec![
                ("True".to_string(), count(1)),
                ("False".to_string(), count(0)),
            ],
            vec![usize::from(!*answer)],
        ),
        ExerciseKind::SingleChoice {
            options, answer, ..
        } => (options[*answer].clone(), tally(options), vec![*answer]),
        ExerciseKind::MultipleChoice {
            options, answers, ..
        } => (
            answers
                .iter()
                .map(|&a| options[a].as_str())
                .collect::<Vec<_>>()
                .join("; "),
            tally(options),
            answers.clone(),
        ),
        _ => (String::new(), Vec::new(), Vec::new()),
    };
    Reveal {
        question,
        right_answer,
        distribution,
        right,
    }
}

/// Right answers per person, most first (ties in the order they first answered).
pub async fn leaderboard(
    store: &Store,
    course: &Course,
    run: &QuizRun,
    cut_short: Option<String>,
) -> DomainResult<Leaderboard> {
    let mut scores: BTreeMap<UserId, (u32, UnixMillis)> = BTreeMap::new();
    for answer in store.quiz_answers(run.id).await? {
        let entry = scores.entry(answer.user).or_insert((0, answer.answered_at));
        entry.0 += u32::from(answer.correct);
        entry.1 = entry.1.min(answer.answered_at);
    }
    let mut rows: Vec<(UserId, u32, UnixMillis)> =
        scores.into_iter().map(|(u, (s, t))| (u, s, t)).collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
    Ok(Leaderboard {
        module_title: course
            .module(&run.module_id)
            .map_or(run.module_id.clone(), |m| m.title.clone()),
        questions: run.questions.len() as u32,
        rows: rows.into_iter().map(|(u, s, _)| (u, s)).collect(),
        cut_short,
    })
}

/// The live quiz in `channel`, for a facilitator of its cohort.
pub async fn facilitated_quiz(
    store: &Store,
    caller: Caller,
    channel: ChannelId,
) -> DomainResult<QuizRun> {
    let Some(run) = store.live_quiz_in(channel).await? else {
        return refuse(Message::new("quiz-none-here"));
    };
    let Some(cohort) = store.cohort(run.cohort_id).await? else {
        return refuse(Message::new("quiz-none-here"));
    };
    require_facilitator(store, caller, &cohort).await?;
    Ok(run)
}

/// Stops the clock, keeping what was left of the question's time.
pub async fn pause(store: &Store, run: &QuizRun, now: UnixMillis) -> DomainResult<()> {
    if !store.pause_quiz(run.id, now).await? {
        return refuse(Message::new("quiz-not-running"));
    }
    Ok(())
}

/// Carries on after a pause with the time that was left.
pub async fn resume(store: &Store, run: &QuizRun, now: UnixMillis) -> DomainResult<()> {
    if !store.resume_quiz(run.id, now).await? {
        return refuse(Message::new("quiz-not-paused"));
    }
    Ok(())
}

/// Stops the quiz now, with the results so far.
pub async fn stop(
    store: &Store,
    course: &Course,
    run: &QuizRun,
    why: &str,
    now: UnixMillis,
) -> DomainResult<Option<Leaderboard>> {
    if !store.end_quiz(run.id, run.current_index, now).await? {
        return Ok(None);
    }
    Ok(Some(
        leaderboard(store, course, run, Some(why.to_string())).await?,
    ))
}

/// How long after its time was up a running question nobody closed shows that no instance
/// runs its quiz any more: each running instance's quiz worker closes a due question at once.
pub const ABANDONED_AFTER_MS: i64 = 60_000;

/// The live quizzes a restart interrupted, for the start-up to end. An SQLite file belongs
/// to one process, so every live quiz there is the previous run's. On PostgreSQL other
/// instances may be running theirs: only a running quiz whose question has been due for
/// [`ABANDONED_AFTER_MS`] is nobody's; a paused one waits for its facilitator, whichever
/// instance answers them.
pub async fn interrupted(store: &Store, now: UnixMillis) -> DomainResult<Vec<QuizRun>> {
    let live = store.live_quizzes().await?;
    if store.backend() == Backend::Sqlite {
        return Ok(live);
    }
    Ok(live
        .into_iter()
        .filter(|run| {
            run.state == QuizState::Running
                && run
                    .deadline_at
                    .is_some_and(|due| due.saturating_add(ABANDONED_AFTER_MS) <= now)
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_checked_by_kind_and_shape() {
        let tf = ExerciseKind::TrueFalse {
            statement: "s".into(),
            answer: true,
        };
        let word = |id| Text::from(Message::new(id));
        assert_eq!(check(&tf, &[1]).unwrap(), (true, word("quiz-true")));
        assert_eq!(check(&tf, &[0]).unwrap(), (false, word("quiz-false")));

        assert!(check(&tf, &[2]).is_err());
        let multi = ExerciseKind::MultipleChoice {
            question: "q".into(),
            options: vec!["a".into(), "b".into(), "c".into()],
            answers: vec![0, 2],
        };
        assert_eq!(check(&multi, &[2, 0]).unwrap(), (true, "a; c".into()));
        assert!(!check(&multi, &[0]).unwrap().0);
        assert!(check(&multi, &[0, 0]).is_err());
    }
}
