//! `/mentor` (pairing, facilitators) and `/meeting` (propose, log, list) for mentoring.

use poise::serenity_prelude as serenity;

use super::sets::{open_private_thread, post, thread_lang};
use super::{caller, cohort_and_course, defer_reply, lang, reply_ephemeral, saved_but, send};
use crate::discord::replies::pinging;
use crate::discord::{badge_roles, render, Context, Error};
use crate::domain::access::Access;
use crate::domain::sessions::mentoring::{self, MeetingReport};
use crate::domain::sessions::parse_local_time;
use crate::i18n::tr_args;
use crate::model::{ChannelId, UserId};

/// Mentoring pairs.
#[poise::command(
    slash_command,
    guild_only,
    subcommands("pair"),
    subcommand_required,
    custom_data = Access::Facilitator
)]
pub async fn mentor(_: Context<'_>) -> Result<(), Error> {
    Ok(())
}

/// Pair a mentor with a trainee; they get a private thread (facilitators).
#[poise::command(slash_command, guild_only, custom_data = Access::Facilitator)]
async fn pair(
    ctx: Context<'_>,
    #[description = "The mentor"] mentor: serenity::User,
    #[description = "The trainee"] trainee: serenity::User,
    #[description = "Nudge the mentor after this many weeks without a meeting (default 6)"]
    #[min = 1]
    #[max = 52]
    nudge_weeks: Option<u32>,
    #[description = "Which cohort (default: yours)"]
    #[autocomplete = "complete_cohort"]
    cohort: Option<String>,
) -> Result<(), Error> {
    defer_reply(ctx).await?;
    let (cohort, course) = cohort_and_course(ctx, cohort.as_deref()).await?;
    let data = ctx.data();
    let (mentor_id, trainee_id) = (UserId(mentor.id.get()), UserId(trainee.id.get()));
    let pair = mentoring::pair(
        &data.store,
        &course,
        caller(ctx).await,
        &cohort,
        mentor_id,
        trainee_id,
        data.clock.now_ms(),
    )
    .await?;
    let thread = match pair.thread_id {
        Some(thread) => thread,
        None => {
            let name = format!("Mentoring: {} & {}", mentor.name, trainee.name);
            let parent = cohort.channel_id.unwrap_or(ChannelId(0));
            let opened = async {
                let thread =
                    open_private_thread(ctx, parent, &name, &[mentor_id, trainee_id]).await?;
                mentoring::record_pair_thread(
                    &data.store,
                    cohort.guild_id,
                    &pair,
                    thread,
                    nudge_weeks,
                )
                .await?;
                post(
                    ctx,
                    thread,
                    serenity::CreateMessage::new()
                        .content(render::pair_welcome(
                            mentor_id,
                            trainee_id,
                            thread_lang(ctx),
                        ))
                        .allowed_mentions(pinging([mentor_id, trainee_id])),
                )
                .await?;
                Ok::<_, Error>(thread)
            };
            opened.await.map_err(|error| {
                let args = [
                    ("mentor", mentor_id.to_string().into()),
                    ("trainee", trainee_id.to_string().into()),
                ];
                saved_but(tr_args(lang(ctx), "meeting-paired-no-thread", &args), error)
            })?
        }
    };
    let args = [
        ("mentor", mentor_id.to_string().into()),
        ("trainee", trainee_id.to_string().into()),
        ("thread", thread.to_string().into()),
    ];
    reply_ephemeral(ctx, tr_args(lang(ctx), "meeting-paired", &args)).await
}

/// Mentoring meetings: propose one, log one that happened, list them.
#[poise::command(
    slash_command,
    guild_only,
    subcommands("propose", "log", "list"),
    subcommand_required,
    custom_data = Access::Trainee
)]
pub async fn meeting(_: Context<'_>) -> Result<(), Error> {
    Ok(())
}

/// Propose a meeting time; the other side of your pair confirms it.
#[poise::command(slash_command, guild_only, custom_data = Access::Trainee)]
async fn propose(
    ctx: Context<'_>,
    #[description = "When, in the cohort's time zone: YYYY-MM-DD HH:MM"] at: String,
    #[description = "Who with (when you mentor several trainees)"] with: Option<serenity::User>,
    #[description = "Which cohort (default: yours)"]
    #[autocomplete = "complete_cohort"]
    cohort: Option<String>,
) -> Result<(), Error> {
    let (cohort, course) = cohort_and_course(ctx, cohort.as_deref()).await?;
    let at = parse_local_time(&at, cohort.time_zone)?;
    let data = ctx.data();
    let view = mentoring::propose_meeting(
        &data.store,
        &course,
        caller(ctx).await,
        &cohort,
        with.map(|u| UserId(u.id.get())),
        at,
        data.clock.now_ms(),
    )
    .await?;
    let proposed = render::meeting_proposed(&view, lang(ctx));
    if let Some(thread) = view.pair.thread_id {
        post(
            ctx,
            thread,
            render::meeting_proposal(&view, thread_lang(ctx)),
        )
        .await
        .map_err(|error| saved_but(proposed.clone(), error))?;
    }
    reply_ephemeral(ctx, proposed).await
}

/// Log a meeting that happened (mentors), with private notes if you like.
#[poise::command(slash_command, guild_only, custom_data = Access::Mentor)]
async fn log(
    ctx: Context<'_>,
    #[description = "The trainee (when you mentor several)"] with: Option<serenity::User>,
    #[description = "The meeting's number (default: the latest that has started)"]
    #[min = 1]
    number: Option<u32>,
    #[description = "Private notes: only facilitators and you can read them"]
    #[max_length = 4000]
    notes: Option<String>,
    #[description = "Which cohort (default: yours)"]
    #[autocomplete = "complete_cohort"]
    cohort: Option<String>,
) -> Result<(), Error> {
    let (cohort, course) = cohort_and_course(ctx, cohort.as_deref()).await?;
    let report = MeetingReport {
        with: with.map(|u| UserId(u.id.get())),
        number,
        notes,
    };
    let data = ctx.data();
    let logged = mentoring::log_meeting(
        &data.store,
        &course,
        caller(ctx).await,
        &cohort,
        &report,
        data.clock.now_ms(),
    )
    .await?;
    badge_roles::follow_up(
        ctx.serenity_context(),
        data,
        cohort.id,
        logged.meeting.pair.trainee_id,
        &logged.badges,
    );
    reply_ephemeral(ctx, render::meeting_logged(&logged, lang(ctx))).await
}

/// Your mentoring meetings (facilitators see every pair's, or one mentor's).
#[poise::command(slash_command, guild_only, custom_data = Access::Trainee)]
async fn list(
    ctx: Context<'_>,
    #[description = "Only this mentor's meetings (facilitators)"] mentor: Option<serenity::User>,
    #[description = "Which cohort (default: yours)"]
    #[autocomplete = "complete_cohort"]
    cohort: Option<String>,
) -> Result<(), Error> {
    let (cohort, _) = cohort_and_course(ctx, cohort.as_deref()).await?;
    let views = mentoring::list_meetings(
        &ctx.data().store,
        caller(ctx).await,
        &cohort,
        mentor.map(|u| UserId(u.id.get())),
    )
    .await?;
    send(
        ctx,
        poise::CreateReply::default()
            .embed(render::meetings(&views, lang(ctx)))
            .ephemeral(true),
    )
    .await?;
    Ok(())
}

async fn complete_cohort(ctx: Context<'_>, partial: &str) -> serenity::CreateAutocompleteResponse {
    super::complete_cohort(ctx, partial).await
}
