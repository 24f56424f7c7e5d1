//! Live quizzes on Discord: answers from buttons and selects, posting and redrawing the
//! question, and the driver that closes each question when its time is up (the `/quiz`
//! commands are in `commands/quiz.rs`). A restart ends running quizzes
//! cleanly with the results so far, so no question is left with dead buttons.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use poise::serenity_prelude as serenity;
use tokio::sync::OwnedMutexGuard;

use super::{render, Data, Error};
use crate::domain::access::Caller;
use crate::domain::quiz::{self, AfterReveal};
use crate::domain::DomainError;
use crate::domain::{cohorts, snapshots};
use crate::i18n::{tr, tr_args, Lang, Message};

use crate::model::{ChannelId, MessageId};
use crate::model::{QuizRun, QuizRunId, QuizState};
use crate::store::Store;

/// One lock per live quiz, held while its message is read and redrawn or closed: a live count
/// drawn from an earlier read never lands over the reveal of a question that has closed.
#[derive(Clone, Default)]
pub struct QuizMessages(Arc<Mutex<HashMap<QuizRunId, Arc<tokio::sync::Mutex<()>>>>>);

impl QuizMessages {
    async fn hold(&self, run: QuizRunId) -> OwnedMutexGuard<()> {
        let lock = {
            let mut locks = self.0.lock().unwrap_or_else(PoisonError::into_inner);
            Arc::clone(locks.entry(run).or_default())
        };
        lock.lock_owned().await
    }

    fn forget(&self, run: QuizRunId) {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(&run);
    }
}

/// An answer from a quiz button or select; the reply, only for the person, says what counted.
pub async fn on_answer(
    ctx: &serenity::Context,
    data: &Data,
    caller: Caller,
    run: i64,
    index: u32,
    picks: Vec<usize>,
    lang: Lang,
) -> Result<String, Error> {
    let store = &data.store;
    let Some(found) = store.quiz(QuizRunId(run)).await? else {
        return Err(DomainError::Refused(Message::new("quiz-gone").into()).into());
    };
    let cohort = cohorts::member_cohort(store, caller, found.cohort_id).await?;
    let course = snapshots::course_of(store, &cohort).await?;
    let words = quiz::answer(
        store,
        &course,
        caller,
        &found,
        index,
        picks,
        data.clock.now_ms(),
    )
    .await?;
    let (http, store, messages) = (ctx.http.clone(), store.clone(), data.quiz_messages.clone());
    data.activity.spawn(async move {
        if let Err(e) = refresh(&http, &store, &messages, found.id).await {
            tracing::warn!("could not update the live count: {e:#}");
        }
    });
    Ok(tr_args(
        lang,
        "quiz-answer-in",
        &[("answer", words.render(lang).into())],
    ))
}

/// The driver's single step: closes every question whose time is up.
pub async fn close_due_once(
    http: &serenity::Http,
    store: &Store,
    messages: &QuizMessages,
    now: i64,
) -> Result<(), Error> {
    for run in store.due_quizzes(now).await? {
        close(http, store, messages, &run, now).await?;
    }
    Ok(())
}

/// Ends quizzes a restart interrupted, posting the results so far.
pub async fn end_interrupted(
    http: &serenity::Http,
    store: &Store,
    messages: &QuizMessages,
    now: i64,
) -> Result<(), Error> {
    for run in quiz::interrupted(store, now).await? {
        end(http, store, messages, &run, "quiz-ended-restart", now).await?;
    }
    Ok(())
}

pub(crate) async fn close(
    http: &serenity::Http,
    store: &Store,
    messages: &QuizMessages,
    run: &QuizRun,
    now: i64,
) -> Result<(), Error> {
    let _drawing = messages.hold(run.id).await;
    let course = course_of_run(store, run).await?;
    let Some((reveal, after)) = quiz::close_question(store, &course, run, now).await? else {
        return Ok(());
    };
    let lang = render::room_lang(&course);
    if let Some(message) = run.message_id {
        let edit = serenity::EditMessage::new()
            .embed(render::reveal(&reveal, lang))
            .components(vec![]);
        serenity::ChannelId::new(run.channel_id.0)
            .edit_message(http, serenity::MessageId::new(message.0), edit)
            .await?;
    }
    match after {
        AfterReveal::Next(question) => {
            post_question(http, store, run.channel_id, &question, lang).await
        }
        AfterReveal::Finished(board) => {
            messages.forget(run.id);
            post_leaderboard(http, run.channel_id, &board, lang).await
        }
    }
}

/// Ends `run` early, saying why in the room's language (`why` is a message id).
pub(crate) async fn end(
    http: &serenity::Http,
    store: &Store,
    messages: &QuizMessages,
    run: &QuizRun,
    why: &'static str,
    now: i64,
) -> Result<(), Error> {
    let _drawing = messages.hold(run.id).await;
    let course = course_of_run(store, run).await?;
    let lang = render::room_lang(&course);
    let why = tr(lang, why);
    let Some(board) = quiz::stop(store, &course, run, &why, now).await? else {
        return Ok(());
    };
    messages.forget(run.id);
    if let Some(message) = run.message_id {
        let closed = serenity::CreateEmbed::new()
            .title(tr(lang, "quiz-ended"))
            .description(&why);
        let edit = serenity::EditMessage::new()
            .embed(closed)
            .components(vec![]);
        serenity::ChannelId::new(run.channel_id.0)
            .edit_message(http, serenity::MessageId::new(message.0), edit)
            .await?;
    }
    post_leaderboard(http, run.channel_id, &board, lang).await
}

/// Redraws the open question (live count, pause state).
pub(crate) async fn refresh(
    http: &serenity::Http,
    store: &Store,
    messages: &QuizMessages,
    run: QuizRunId,
) -> Result<(), Error> {
    let _drawing = messages.hold(run).await;
    let Some(run) = store.quiz(run).await? else {
        return Ok(());
    };
    let (Some(message), QuizState::Running | QuizState::Paused) = (run.message_id, run.state)
    else {
        return Ok(());
    };
    let course = course_of_run(store, &run).await?;
    let question = quiz::question(store, &course, &run).await?;
    let (embed, rows) = render::live_question(&question, render::room_lang(&course));
    let edit = serenity::EditMessage::new().embed(embed).components(rows);
    serenity::ChannelId::new(run.channel_id.0)
        .edit_message(http, serenity::MessageId::new(message.0), edit)
        .await?;
    Ok(())
}

pub(crate) async fn post_question(
    http: &serenity::Http,
    store: &Store,
    channel: ChannelId,
    question: &quiz::LiveQuestion,
    lang: Lang,
) -> Result<(), Error> {
    let (embed, rows) = render::live_question(question, lang);
    let posted = serenity::ChannelId::new(channel.0)
        .send_message(
            http,
            serenity::CreateMessage::new()
                .embed(embed)
                .components(rows)
                .allowed_mentions(super::replies::no_pings()),
        )
        .await?;
    store
        .set_quiz_message(question.run, MessageId(posted.id.get()))
        .await?;
    Ok(())
}

async fn post_leaderboard(
    http: &serenity::Http,
    channel: ChannelId,
    board: &quiz::Leaderboard,
    lang: Lang,
) -> Result<(), Error> {
    let message = serenity::CreateMessage::new()
        .embed(render::leaderboard(board, lang))
        .allowed_mentions(super::replies::no_pings());
    serenity::ChannelId::new(channel.0)
        .send_message(http, message)
        .await?;
    Ok(())
}

async fn course_of_run(store: &Store, run: &QuizRun) -> Result<Arc<crate::course::Course>, Error> {
    let cohort = store
        .cohort(run.cohort_id)
        .await?
        .ok_or(crate::store::StoreError::NotFound("cohort"))?;
    Ok(snapshots::course_of(store, &cohort).await?)
}
