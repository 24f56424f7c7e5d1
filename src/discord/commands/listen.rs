//! `/listen`: log one-to-one conversations of the listening campaign, see one's own, erase
//! them all; progress against the campaign, the cohort's issues, merging themes, and a dot
//! vote over them.

use poise::serenity_prelude as serenity;

use super::{
    autocomplete, caller, cohort_and_course, complete_cohort, defer_reply, lang, open_modal,
    reply_ephemeral, send, Context, Error,
};
use crate::course::Listening;
use crate::discord::files::follow_up_with_files;
use crate::discord::render;
use crate::domain::access::Access;
use crate::domain::listening::{self, LogOptions};
use crate::domain::votes::{self, VoteRequest};
use crate::model::UserId;

/// Your one-to-one conversations of the listening campaign, and what the cohort heard.
#[poise::command(
    slash_command,
    guild_only,
    subcommands("log", "mine", "records", "erase", "progress", "issues", "merge", "vote"),
    subcommand_required,
    custom_data = Access::Trainee
)]
pub async fn listen(_: Context<'_>) -> Result<(), Error> {
    Ok(())
}

/// Log a one-to-one: choose the group and issues, then type who, where and what moves them.
#[poise::command(slash_command, guild_only, custom_data = Access::Trainee)]
async fn log(
    ctx: Context<'_>,
    #[description = "Which group the person belongs to"]
    #[autocomplete = "complete_group"]
    group: String,
    #[description = "The issues you heard, separated by commas"]
    #[autocomplete = "complete_issues"]
    #[max_length = 600]
    issues: String,
    #[description = "When you talked, YYYY-MM-DD (default: today)"] date: Option<String>,
    #[description = "A day to go back to them, YYYY-MM-DD: I will remind you"] follow_up: Option<
        String,
    >,
    #[description = "Stage of the campaign (default: that of your last conversation)"]
    #[autocomplete = "complete_stage"]
    stage: Option<String>,
    #[description = "Which cohort (default: yours)"]
    #[autocomplete = "complete_cohort"]
    cohort: Option<String>,
) -> Result<(), Error> {
    let (cohort, course) = cohort_and_course(ctx, cohort.as_deref()).await?;
    let options = LogOptions {
        stage: stage.as_deref(),
        group: &group,
        issues: &issues,
        date: date.as_deref(),
        follow_up: follow_up.as_deref(),
    };
    let data = ctx.data();
    let now = data.clock.now_ms();
    let choice = listening::choose(
        &data.store,
        caller(ctx).await,
        &cohort,
        &course,
        &options,
        now,
    )
    .await?;
    open_modal(ctx, render::listening::log_modal(&choice, lang(ctx))).await
}

/// Your own conversations, with buttons to change or delete them.
#[poise::command(slash_command, guild_only, custom_data = Access::Trainee)]
async fn mine(
    ctx: Context<'_>,
    #[description = "Which cohort (default: yours)"]
    #[autocomplete = "complete_cohort"]
    cohort: Option<String>,
) -> Result<(), Error> {
    let (cohort, course) = cohort_and_course(ctx, cohort.as_deref()).await?;
    let campaign = listening::campaign(&course, &cohort)?;
    let records = listening::mine(&ctx.data().store, caller(ctx).await, &cohort).await?;
    send(
        ctx,
        render::listening::mine(&records, campaign, None, lang(ctx)).reply(),
    )
    .await?;
    Ok(())
}

/// A trainee's conversations (facilitators).
#[poise::command(slash_command, guild_only, custom_data = Access::Facilitator)]
async fn records(
    ctx: Context<'_>,
    #[description = "Whose"] member: serenity::User,
    #[description = "Which cohort (default: yours)"]
    #[autocomplete = "complete_cohort"]
    cohort: Option<String>,
) -> Result<(), Error> {
    let (cohort, course) = cohort_and_course(ctx, cohort.as_deref()).await?;
    let campaign = listening::campaign(&course, &cohort)?;
    let who = UserId(member.id.get());
    let records = listening::records_of(&ctx.data().store, caller(ctx).await, &cohort, who).await?;
    let view = render::listening::records_of(&records, campaign, who.0, lang(ctx));
    send(ctx, view.reply()).await?;
    Ok(())
}

/// Delete every conversation you logged in this server (asks first).
#[poise::command(slash_command, guild_only, custom_data = Access::Everyone)]
async fn erase(ctx: Context<'_>) -> Result<(), Error> {
    let count = listening::logged_in_server(&ctx.data().store, caller(ctx).await).await?;
    send(
        ctx,
        render::listening::erase_confirmation(count, lang(ctx)).reply(),
    )
    .await?;
    Ok(())
}

/// Conversations per stage against the targets, and groups reached (facilitators: everyone's).
#[poise::command(slash_command, guild_only, custom_data = Access::Trainee)]
async fn progress(
    ctx: Context<'_>,
    #[description = "Which cohort (default: yours)"]
    #[autocomplete = "complete_cohort"]
    cohort: Option<String>,
) -> Result<(), Error> {
    defer_reply(ctx).await?;
    let (cohort, course) = cohort_and_course(ctx, cohort.as_deref()).await?;
    let view = listening::progress(&ctx.data().store, caller(ctx).await, cohort, &course).await?;
    send_embed(ctx, render::listening::progress(&view, lang(ctx))).await
}

/// The issues the cohort heard, most raised first, by stage and group.
#[poise::command(slash_command, guild_only, custom_data = Access::Trainee)]
async fn issues(
    ctx: Context<'_>,
    #[description = "Which cohort (default: yours)"]
    #[autocomplete = "complete_cohort"]
    cohort: Option<String>,
) -> Result<(), Error> {
    defer_reply(ctx).await?;
    let (cohort, course) = cohort_and_course(ctx, cohort.as_deref()).await?;
    let view = listening::issues(&ctx.data().store, caller(ctx).await, cohort, &course).await?;
    let lang = lang(ctx);
    if view.tally.is_empty() {
        return send_embed(ctx, render::listening::issues(&view, lang)).await;
    }
    let chart = serenity::CreateAttachment::bytes(
        render::listening::issues_chart(&view, lang)?,
        render::listening::ISSUES_CHART_FILE,
    );
    let embed = render::listening::issues(&view, lang);
    follow_up_with_files(ctx, vec![embed], vec![chart]).await
}

/// File the conversations under one theme under another (facilitators).
#[poise::command(slash_command, guild_only, custom_data = Access::Facilitator)]
async fn merge(
    ctx: Context<'_>,
    #[description = "The theme to merge away"]
    #[autocomplete = "complete_theme"]
    from: String,
    #[description = "The theme to file its conversations under"]
    #[autocomplete = "complete_theme"]
    into: String,
    #[description = "Which cohort (default: yours)"]
    #[autocomplete = "complete_cohort"]
    cohort: Option<String>,
) -> Result<(), Error> {
    let (cohort, course) = cohort_and_course(ctx, cohort.as_deref()).await?;
    let (from, into, moved) = listening::merge(
        &ctx.data().store,
        caller(ctx).await,
        &cohort,
        &course,
        &from,
        &into,
    )
    .await?;
    let args = [
        ("from", from.into()),
        ("into", into.into()),
        ("count", moved.into()),
    ];
    let merged = crate::i18n::tr_args(lang(ctx), "listen-merged", &args);
    reply_ephemeral(ctx, merged).await
}

/// Open a dot vote in the cohort channel over the top themes, or ones you name (facilitators).
#[poise::command(slash_command, guild_only, custom_data = Access::Facilitator)]
async fn vote(
    ctx: Context<'_>,
    #[description = "When voting closes, YYYY-MM-DD HH:MM in the cohort's time zone"]
    closes: String,
    #[description = "Themes to vote on, separated by commas (default: the most raised)"]
    #[autocomplete = "complete_issues"]
    #[max_length = 1500]
    themes: Option<String>,
    #[description = "Dots each member spends (default: 3)"]
    #[min = 1]
    #[max = 10]
    dots: Option<u32>,
    #[description = "Which cohort (default: yours)"]
    #[autocomplete = "complete_cohort"]
    cohort: Option<String>,
) -> Result<(), Error> {
    defer_reply(ctx).await?;
    let (cohort, course) = cohort_and_course(ctx, cohort.as_deref()).await?;
    let request = VoteRequest {
        closes: &closes,
        themes: themes.as_deref(),
        dots,
    };
    let data = ctx.data();
    let now = data.clock.now_ms();
    let caller = caller(ctx).await;
    let opened = votes::open(&data.store, caller, &cohort, &course, &request, now).await?;
    reply_ephemeral(ctx, render::votes::vote_opened(&opened, lang(ctx))).await
}

async fn send_embed(ctx: Context<'_>, embed: serenity::CreateEmbed) -> Result<(), Error> {
    send(
        ctx,
        poise::CreateReply::default().embed(embed).ephemeral(true),
    )
    .await?;
    Ok(())
}

async fn complete_group(ctx: Context<'_>, partial: &str) -> serenity::CreateAutocompleteResponse {
    let names = campaign_names(ctx, |l| l.groups.iter().map(|g| g.name.clone()).collect());
    matching(names.await.into_iter(), partial)
}

async fn complete_stage(ctx: Context<'_>, partial: &str) -> serenity::CreateAutocompleteResponse {
    let names = campaign_names(ctx, |l| l.stages.iter().map(|s| s.name.clone()).collect());
    matching(names.await.into_iter(), partial)
}

/// Names from the campaign of the caller's cohort; none when it has no campaign.
async fn campaign_names(ctx: Context<'_>, names: fn(&Listening) -> Vec<String>) -> Vec<String> {
    match cohort_and_course(ctx, None).await {
        Ok((_, course)) => course.listening.as_ref().map(names).unwrap_or_default(),
        Err(_) => Vec::new(),
    }
}

pub(super) async fn complete_theme(
    ctx: Context<'_>,
    partial: &str,
) -> serenity::CreateAutocompleteResponse {
    matching(themes(ctx).await.into_iter(), partial)
}

/// Completes the last theme of a comma-separated list, keeping those typed before it.
async fn complete_issues(ctx: Context<'_>, partial: &str) -> serenity::CreateAutocompleteResponse {
    let (before, last) = partial.rsplit_once(',').unwrap_or(("", partial));
    let last = last.trim().to_lowercase();
    let before = before.trim();
    let choices = themes(ctx)
        .await
        .into_iter()
        .filter(|t| t.to_lowercase().contains(&last))
        .map(|t| {
            if before.is_empty() {
                t
            } else {
                format!("{before}, {t}")
            }
        })
        .filter(|t| t.chars().count() <= 100);
    autocomplete(choices)
}

async fn themes(ctx: Context<'_>) -> Vec<String> {
    let Ok((cohort, course)) = cohort_and_course(ctx, None).await else {
        return Vec::new();
    };
    let Ok(campaign) = listening::campaign(&course, &cohort) else {
        return Vec::new();
    };
    listening::theme_names(&ctx.data().store, &cohort, campaign)
        .await
        .unwrap_or_default()
}

fn matching(
    names: impl Iterator<Item = String>,
    partial: &str,
) -> serenity::CreateAutocompleteResponse {
    let partial = partial.to_lowercase();
    autocomplete(names.filter(|n| n.to_lowercase().contains(&partial)))
}
