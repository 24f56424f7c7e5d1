//! `/quiz`: live quizzes in a channel, run by facilitators.

use super::{caller, cohort_and_course, lang, reply_ephemeral};
use crate::discord::quiz::{close, end, post_question, refresh};
use crate::discord::render::room_lang;
use crate::discord::{Context, Error};
use crate::domain::access::Access;
use crate::domain::quiz;
use crate::i18n::tr;
use crate::model::{ChannelId, QuizRun};

/// Live quizzes in this channel: start, skip, pause, resume, stop.
#[poise::command(slash_command, guild_only, subcommands("start", "skip", "pause", "resume", "stop"), subcommand_required, custom_data = Access::Facilitator)]
pub async fn quiz(_: Context<'_>) -> Result<(), Error> {
    Ok(())
}

/// Start a live quiz on a module's questions in this channel (facilitators).
#[poise::command(slash_command, guild_only, custom_data = Access::Facilitator)]
async fn start(
    ctx: Context<'_>,
    #[description = "The module whose questions to ask"] module: String,
    #[description = "Seconds per question (10 to 600, default 30)"]
    #[min = 10]
    #[max = 600]
    seconds: Option<u32>,
    #[description = "Which cohort (default: yours)"] cohort: Option<String>,
) -> Result<(), Error> {
    let (cohort, course) = cohort_and_course(ctx, cohort.as_deref()).await?;
    let data = ctx.data();
    let channel = ChannelId(ctx.channel_id().get());
    let first = quiz::start(
        &data.store,
        &course,
        caller(ctx).await,
        &cohort,
        channel,
        &module,
        seconds.unwrap_or(quiz::DEFAULT_SECONDS),
        data.clock.now_ms(),
    )
    .await?;
    reply_ephemeral(ctx, tr(lang(ctx), "quiz-started")).await?;
    post_question(
        ctx.serenity_context().http.as_ref(),
        &data.store,
        channel,
        &first,
        room_lang(&course),
    )
    .await?;
    Ok(())
}

/// Close the current question now and move on (facilitators).
#[poise::command(slash_command, guild_only, custom_data = Access::Facilitator)]
async fn skip(ctx: Context<'_>) -> Result<(), Error> {
    let data = ctx.data();
    let run = this_channels_quiz(ctx).await?;
    reply_ephemeral(ctx, tr(lang(ctx), "quiz-closing")).await?;
    close(
        ctx.serenity_context().http.as_ref(),
        &data.store,
        &data.quiz_messages,
        &run,
        data.clock.now_ms(),
    )
    .await
}

/// Stop the clock (facilitators).
#[poise::command(slash_command, guild_only, custom_data = Access::Facilitator)]
async fn pause(ctx: Context<'_>) -> Result<(), Error> {
    let data = ctx.data();
    let run = this_channels_quiz(ctx).await?;
    quiz::pause(&data.store, &run, data.clock.now_ms()).await?;
    reply_ephemeral(ctx, tr(lang(ctx), "quiz-paused-reply")).await?;
    refresh(
        ctx.serenity_context().http.as_ref(),
        &data.store,
        &data.quiz_messages,
        run.id,
    )
    .await
}

/// Carry on after a pause (facilitators).
#[poise::command(slash_command, guild_only, custom_data = Access::Facilitator)]
async fn resume(ctx: Context<'_>) -> Result<(), Error> {
    let data = ctx.data();
    let run = this_channels_quiz(ctx).await?;
    quiz::resume(&data.store, &run, data.clock.now_ms()).await?;
    reply_ephemeral(ctx, tr(lang(ctx), "quiz-resumed")).await?;
    refresh(
        ctx.serenity_context().http.as_ref(),
        &data.store,
        &data.quiz_messages,
        run.id,
    )
    .await
}

/// End the quiz now, with the results so far (facilitators).
#[poise::command(slash_command, guild_only, custom_data = Access::Facilitator)]
async fn stop(ctx: Context<'_>) -> Result<(), Error> {
    let data = ctx.data();
    let run = this_channels_quiz(ctx).await?;
    reply_ephemeral(ctx, tr(lang(ctx), "quiz-stopping")).await?;
    end(
        ctx.serenity_context().http.as_ref(),
        &data.store,
        &data.quiz_messages,
        &run,
        "quiz-stopped-by-facilitator",
        data.clock.now_ms(),
    )
    .await
}

/// The live quiz in the channel the command came from, if the caller facilitates it.
async fn this_channels_quiz(ctx: Context<'_>) -> Result<QuizRun, Error> {
    let channel = ChannelId(ctx.channel_id().get());
    Ok(quiz::facilitated_quiz(&ctx.data().store, caller(ctx).await, channel).await?)
}
