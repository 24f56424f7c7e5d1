//! `/set`: action learning sets. Propose and form them, schedule their sessions, record
//! attendance, list them.

use poise::serenity_prelude as serenity;

use super::{
    caller, cohort_and_course, defer_reply, guild_lang, lang, reply_ephemeral, saved_but, send,
};
use crate::discord::answer::explain_refusal;
use crate::discord::replies::{mentioned_users, pinging};
use crate::discord::{badge_roles, render, Context, Error};
use crate::domain::access::Access;
use crate::domain::sessions::parse_local_time;
use crate::domain::sessions::sets::{self, AttendanceRecord, SessionMove};
use crate::i18n::{self, tr_args, Lang, Message};
use crate::model::{ChannelId, UserId};

/// Action learning sets: propose, form, schedule, move, record attendance, list.
#[poise::command(
    slash_command,
    guild_only,
    subcommands("propose", "form", "schedule", "move_session", "attendance", "list"),
    subcommand_required,
    custom_data = Access::Trainee
)]
pub async fn set(_: Context<'_>) -> Result<(), Error> {
    Ok(())
}

/// Propose balanced sets from the trainees not yet in one (facilitators).
#[poise::command(slash_command, guild_only, custom_data = Access::Facilitator)]
async fn propose(
    ctx: Context<'_>,
    #[description = "Which cohort (default: yours)"]
    #[autocomplete = "complete_cohort"]
    cohort: Option<String>,
) -> Result<(), Error> {
    let (cohort, course) = cohort_and_course(ctx, cohort.as_deref()).await?;
    let proposal =
        sets::propose_sets(&ctx.data().store, &course, caller(ctx).await, &cohort).await?;
    send(
        ctx,
        poise::CreateReply::default()
            .embed(render::set_proposal(&proposal, lang(ctx)))
            .ephemeral(true),
    )
    .await?;
    Ok(())
}

/// Form the proposed sets, or one set of the members you name; each gets a private thread.
#[poise::command(slash_command, guild_only, custom_data = Access::Facilitator)]
async fn form(
    ctx: Context<'_>,
    #[description = "Members of one set, as mentions (default: form every proposed set)"]
    members: Option<String>,
    #[description = "Which cohort (default: yours)"]
    #[autocomplete = "complete_cohort"]
    cohort: Option<String>,
) -> Result<(), Error> {
    defer_reply(ctx).await?;
    let (cohort, course) = cohort_and_course(ctx, cohort.as_deref()).await?;
    let named = members.as_deref().map(mentioned_users).unwrap_or_default();
    let store = &ctx.data().store;
    let groups = sets::form_sets(store, &course, caller(ctx).await, &cohort, &named).await?;
    let parent = cohort.channel_id.unwrap_or(ChannelId(0));
    let total = groups.len();
    let mut formed = Vec::new();
    for group in groups {
        let name = format!("{} — {}", group.name, cohort.name);
        let mut people = group.members.clone();
        people.push(UserId(ctx.author().id.get()));
        let opened = async {
            let thread = open_private_thread(ctx, parent, &name, &people).await?;
            sets::record_set_thread(store, group.id, thread).await?;
            post(
                ctx,
                thread,
                serenity::CreateMessage::new()
                    .content(render::set_welcome(&group, thread_lang(ctx)))
                    .allowed_mentions(pinging(group.members.iter().copied())),
            )
            .await?;
            Ok::<_, Error>(thread)
        };
        match opened.await {
            Ok(thread) => formed.push((group, thread)),
            Err(error) => {
                let args = [("count", total.into()), ("threads", formed.len().into())];
                let saved = tr_args(lang(ctx), "set-formed-partly", &args);
                return Err(saved_but(saved, error));
            }
        }
    }
    reply_ephemeral(ctx, render::sets_formed(&formed, lang(ctx))).await
}

/// Schedule a set's sessions: one at a time you give, or the course's whole series.
#[poise::command(slash_command, guild_only, custom_data = Access::Facilitator)]
async fn schedule(
    ctx: Context<'_>,
    #[description = "The set, e.g. “Set 1”"] set: String,
    #[description = "When, in the cohort's time zone: YYYY-MM-DD HH:MM (default: the course's series)"]
    at: Option<String>,
    #[description = "Which cohort (default: yours)"]
    #[autocomplete = "complete_cohort"]
    cohort: Option<String>,
) -> Result<(), Error> {
    defer_reply(ctx).await?;
    let (cohort, course) = cohort_and_course(ctx, cohort.as_deref()).await?;
    let at = at
        .as_deref()
        .map(|text| parse_local_time(text, cohort.time_zone))
        .transpose()?;
    let data = ctx.data();
    let (group, sessions) = sets::schedule_sessions(
        &data.store,
        &course,
        caller(ctx).await,
        &cohort,
        &set,
        at,
        guild_lang(ctx),
        data.clock.now_ms(),
    )
    .await?;
    let scheduled = render::sessions_scheduled(&group, &sessions, lang(ctx));
    if let Some(thread) = group.thread_id {
        for session in &sessions {
            post(ctx, thread, render::session_post(session, thread_lang(ctx)))
                .await
                .map_err(|error| saved_but(scheduled.clone(), error))?;
        }
    }
    reply_ephemeral(ctx, scheduled).await
}

/// Move a set's session; its reminders follow it.
#[poise::command(slash_command, guild_only, rename = "move", custom_data = Access::Facilitator)]
async fn move_session(
    ctx: Context<'_>,
    #[description = "The set, e.g. “Set 1”"] set: String,
    #[description = "The session's number in the series"]
    #[min = 1]
    session: u32,
    #[description = "The new time, in the cohort's time zone: YYYY-MM-DD HH:MM"] at: String,
    #[description = "Which cohort (default: yours)"]
    #[autocomplete = "complete_cohort"]
    cohort: Option<String>,
) -> Result<(), Error> {
    defer_reply(ctx).await?;
    let (cohort, course) = cohort_and_course(ctx, cohort.as_deref()).await?;
    let change = SessionMove {
        set,
        seq: session,
        to: parse_local_time(&at, cohort.time_zone)?,
    };
    let data = ctx.data();
    let (group, moved) = sets::move_session(
        &data.store,
        &course,
        caller(ctx).await,
        &cohort,
        &change,
        guild_lang(ctx),
        data.clock.now_ms(),
    )
    .await?;
    let told = render::session_moved(&moved, lang(ctx));
    if let Some(thread) = group.thread_id {
        post(ctx, thread, render::session_post(&moved, thread_lang(ctx)))
            .await
            .map_err(|error| saved_but(told.clone(), error))?;
    }
    reply_ephemeral(ctx, told).await
}

/// Record who came to a set's session: everyone but those you name as absent (facilitators).
#[poise::command(slash_command, guild_only, custom_data = Access::Facilitator)]
async fn attendance(
    ctx: Context<'_>,
    #[description = "The set, e.g. “Set 1”"] set: String,
    #[description = "The session's number in the series"]
    #[min = 1]
    session: u32,
    #[description = "Members who did not come, as mentions"] absent: Option<String>,
    #[description = "Which cohort (default: yours)"]
    #[autocomplete = "complete_cohort"]
    cohort: Option<String>,
) -> Result<(), Error> {
    defer_reply(ctx).await?;
    let (cohort, course) = cohort_and_course(ctx, cohort.as_deref()).await?;
    let record = AttendanceRecord {
        set,
        seq: session,
        absent: absent.as_deref().map(mentioned_users).unwrap_or_default(),
    };
    let data = ctx.data();
    let news = sets::record_attendance(
        &data.store,
        &course,
        caller(ctx).await,
        &cohort,
        &record,
        data.clock.now_ms(),
    )
    .await?;
    if !news.badges.is_empty() {
        // Once, before the per-member follow-ups: concurrent first syncs would each create
        // the badge's role.
        if let Err(e) = badge_roles::sync_once(ctx.http(), &data.store, data.clock.now_ms()).await {
            tracing::warn!("badge role sync failed: {e:#}");
        }
    }
    for (user, badges) in &news.badges {
        badge_roles::follow_up(ctx.serenity_context(), data, cohort.id, *user, badges);
    }
    reply_ephemeral(ctx, render::attendance(&news, lang(ctx))).await
}

/// The sets and their sessions (trainees see their own set).
#[poise::command(slash_command, guild_only, custom_data = Access::Trainee)]
async fn list(
    ctx: Context<'_>,
    #[description = "Which cohort (default: yours)"]
    #[autocomplete = "complete_cohort"]
    cohort: Option<String>,
) -> Result<(), Error> {
    let (cohort, course) = cohort_and_course(ctx, cohort.as_deref()).await?;
    let views = sets::list_sets(&ctx.data().store, &course, caller(ctx).await, &cohort).await?;
    send(
        ctx,
        poise::CreateReply::default()
            .embed(render::sets(&views, lang(ctx)))
            .ephemeral(true),
    )
    .await?;
    Ok(())
}

/// Opens a private thread under `parent` and adds `people` to it.
pub(super) async fn open_private_thread(
    ctx: Context<'_>,
    parent: ChannelId,
    name: &str,
    people: &[UserId],
) -> Result<ChannelId, Error> {
    let name: String = name.chars().take(100).collect();
    let thread = serenity::ChannelId::new(parent.0)
        .create_thread(
            ctx.http(),
            serenity::CreateThread::new(name)
                .kind(serenity::ChannelType::PrivateThread)
                .invitable(false),
        )
        .await
        .map_err(|e| explain_refusal(e, Message::new("missing-perms-set-thread")))?;
    for person in people {
        thread
            .id
            .add_thread_member(ctx.http(), serenity::UserId::new(person.0))
            .await
            .map_err(|e| explain_refusal(e, Message::new("missing-perms-thread-members")))?;
    }
    Ok(ChannelId(thread.id.get()))
}

/// The language of what is posted where several people read it: the server's, else English.
pub(super) fn thread_lang(ctx: Context<'_>) -> Lang {
    i18n::for_member(None, guild_lang(ctx))
}

/// Posts a message in a channel or thread.
pub(super) async fn post(
    ctx: Context<'_>,
    channel: ChannelId,
    message: serenity::CreateMessage,
) -> Result<(), Error> {
    serenity::ChannelId::new(channel.0)
        .send_message(ctx.http(), message)
        .await?;
    Ok(())
}

async fn complete_cohort(ctx: Context<'_>, partial: &str) -> serenity::CreateAutocompleteResponse {
    super::complete_cohort(ctx, partial).await
}
