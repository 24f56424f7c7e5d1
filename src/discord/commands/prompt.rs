//! `/prompt`: post a prompt now, schedule one, list, move and cancel what is scheduled.

use poise::serenity_prelude as serenity;

use super::{autocomplete, caller, lang, reply_ephemeral, send};
use crate::discord::{render, Context, Error};
use crate::domain::access::Access;
use crate::domain::cohorts;
use crate::domain::prompts::{self, PromptRequest};
use crate::model::{Cohort, ScheduleId};

/// Prompts for the cohort: post one now, schedule one, list, move or cancel (facilitators).
#[poise::command(
    slash_command,
    guild_only,
    subcommands("now", "schedule", "list", "move_prompt", "cancel"),
    subcommand_required,
    custom_data = Access::Facilitator
)]
pub async fn prompt(_: Context<'_>) -> Result<(), Error> {
    Ok(())
}

/// Post a prompt of the course, or your own text, in the cohort channel right away.
#[poise::command(slash_command, guild_only, custom_data = Access::Facilitator)]
async fn now(
    ctx: Context<'_>,
    #[description = "One of the course's prompts"]
    #[autocomplete = "complete_pack_prompt"]
    prompt: Option<String>,
    #[description = "Or your own text"]
    #[max_length = 4000]
    text: Option<String>,
    #[description = "A title for your own text"]
    #[max_length = 200]
    title: Option<String>,
    #[description = "Open a thread for replies (default: yes, or as the course says)"]
    thread: Option<bool>,
    #[description = "Which cohort (default: yours)"]
    #[autocomplete = "complete_cohort"]
    cohort: Option<String>,
) -> Result<(), Error> {
    let chosen = chosen(ctx, cohort.as_deref()).await?;
    let request = PromptRequest {
        pack_prompt: prompt,
        title,
        text,
        thread,
    };
    let data = ctx.data();
    let posted = prompts::post_now(
        &data.store,
        data.clock.now_ms(),
        caller(ctx).await,
        &chosen,
        &request,
    )
    .await?;
    reply_ephemeral(ctx, render::prompt_posted(&posted, lang(ctx))).await
}

/// Schedule a prompt: a date and time in the cohort's time zone, or a 5-field cron rule.
#[poise::command(slash_command, guild_only, custom_data = Access::Facilitator)]
async fn schedule(
    ctx: Context<'_>,
    #[description = "YYYY-MM-DD HH:MM in the cohort's time zone, or cron such as `0 18 * * TUE`"]
    #[max_length = 100]
    when: String,
    #[description = "One of the course's prompts"]
    #[autocomplete = "complete_pack_prompt"]
    prompt: Option<String>,
    #[description = "Or your own text"]
    #[max_length = 4000]
    text: Option<String>,
    #[description = "A title for your own text"]
    #[max_length = 200]
    title: Option<String>,
    #[description = "Open a thread for replies (default: yes, or as the course says)"]
    thread: Option<bool>,
    #[description = "Which cohort (default: yours)"]
    #[autocomplete = "complete_cohort"]
    cohort: Option<String>,
) -> Result<(), Error> {
    let chosen = chosen(ctx, cohort.as_deref()).await?;
    let request = PromptRequest {
        pack_prompt: prompt,
        title,
        text,
        thread,
    };
    let data = ctx.data();
    let scheduled = prompts::schedule_prompt(
        &data.store,
        data.clock.now_ms(),
        caller(ctx).await,
        &chosen,
        &when,
        &request,
    )
    .await?;
    reply_ephemeral(
        ctx,
        render::prompt_scheduled("prompt-scheduled", &scheduled, lang(ctx)),
    )
    .await
}

/// The cohort's scheduled prompts, milestone reminders and nudges still to come.
#[poise::command(slash_command, guild_only, custom_data = Access::Facilitator)]
async fn list(
    ctx: Context<'_>,
    #[description = "Which cohort (default: yours)"]
    #[autocomplete = "complete_cohort"]
    cohort: Option<String>,
) -> Result<(), Error> {
    let chosen = chosen(ctx, cohort.as_deref()).await?;
    let listed = prompts::list_prompts(&ctx.data().store, caller(ctx).await, &chosen).await?;
    send(
        ctx,
        poise::CreateReply::default()
            .embed(render::prompt_list(&chosen.name, &listed, lang(ctx)))
            .ephemeral(true),
    )
    .await?;
    Ok(())
}

/// Move a scheduled prompt's next time (YYYY-MM-DD HH:MM in the cohort's time zone).
#[poise::command(slash_command, guild_only, rename = "move", custom_data = Access::Facilitator)]
async fn move_prompt(
    ctx: Context<'_>,
    #[description = "Its number in `/prompt list`"] id: i64,
    #[description = "YYYY-MM-DD HH:MM in the cohort's time zone"]
    #[max_length = 100]
    when: String,
    #[description = "Which cohort (default: yours)"]
    #[autocomplete = "complete_cohort"]
    cohort: Option<String>,
) -> Result<(), Error> {
    let chosen = chosen(ctx, cohort.as_deref()).await?;
    let data = ctx.data();
    let moved = prompts::move_prompt(
        &data.store,
        data.clock.now_ms(),
        caller(ctx).await,
        &chosen,
        ScheduleId(id),
        &when,
    )
    .await?;
    reply_ephemeral(
        ctx,
        render::prompt_scheduled("prompt-moved", &moved, lang(ctx)),
    )
    .await
}

/// Cancel a scheduled prompt, milestone reminder or nudge: nothing more of it is sent.
#[poise::command(slash_command, guild_only, custom_data = Access::Facilitator)]
async fn cancel(
    ctx: Context<'_>,
    #[description = "Its number in `/prompt list`"] id: i64,
    #[description = "Which cohort (default: yours)"]
    #[autocomplete = "complete_cohort"]
    cohort: Option<String>,
) -> Result<(), Error> {
    let chosen = chosen(ctx, cohort.as_deref()).await?;
    let cancelled = prompts::cancel_prompt(
        &ctx.data().store,
        caller(ctx).await,
        &chosen,
        ScheduleId(id),
    )
    .await?;
    reply_ephemeral(ctx, render::prompt_cancelled(&cancelled, lang(ctx))).await
}

async fn chosen(ctx: Context<'_>, cohort: Option<&str>) -> Result<Cohort, Error> {
    Ok(cohorts::choose_cohort(&ctx.data().store, caller(ctx).await, cohort).await?)
}

async fn complete_pack_prompt(
    ctx: Context<'_>,
    partial: &str,
) -> serenity::CreateAutocompleteResponse {
    let partial = partial.to_lowercase();
    let Ok(cohort) = chosen(ctx, None).await else {
        return autocomplete(std::iter::empty());
    };
    let listed = prompts::pack_prompts(&ctx.data().store, &cohort)
        .await
        .unwrap_or_default();
    let matches = listed
        .into_iter()
        .filter(|(id, title)| id.contains(&partial) || title.to_lowercase().contains(&partial))
        .map(|(id, _)| id);
    autocomplete(matches)
}

async fn complete_cohort(ctx: Context<'_>, partial: &str) -> serenity::CreateAutocompleteResponse {
    super::complete_cohort(ctx, partial).await
}
