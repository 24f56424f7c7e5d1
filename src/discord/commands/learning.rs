//! The trainee's path: `/course`, `/module`, `/progress`, `/badges show` and `/badges export`.

use poise::serenity_prelude as serenity;

use super::{
    autocomplete, caller, cohort_member_course_and_facts, defer_reply, lang, reply_ephemeral, send,
    ClaimsBesideItsRead,
};
use crate::discord::files::follow_up_with_files;
use crate::discord::{render, Context, Error};
use crate::domain::access::Access;
use crate::domain::learning::{self, ModuleState, ModuleStep};
use crate::domain::{badges, cohorts, credentials};
use crate::model::UserId;

/// Your course's modules: locked, open, in progress or done.
#[poise::command(slash_command, guild_only, custom_data = ClaimsBesideItsRead(Access::Trainee))]
pub async fn course(
    ctx: Context<'_>,
    #[description = "Which cohort (default: yours)"]
    #[autocomplete = "complete_cohort"]
    cohort: Option<String>,
) -> Result<(), Error> {
    let Some((_, course, facts)) = cohort_member_course_and_facts(ctx, cohort.as_deref()).await?
    else {
        return Ok(());
    };
    let statuses = learning::statuses_of(&course, &facts.progress, &facts.choices);
    send(
        ctx,
        poise::CreateReply::default()
            .embed(render::course(&course.title, &statuses, lang(ctx)))
            .ephemeral(true),
    )
    .await?;
    Ok(())
}

/// Open your current module where you left off (or a module you name).
#[poise::command(
    slash_command,
    guild_only,
    rename = "module",
    custom_data = ClaimsBesideItsRead(Access::Trainee)
)]
pub async fn module_command(
    ctx: Context<'_>,
    #[description = "Which module (default: the one to do next)"]
    #[autocomplete = "complete_module"]
    module: Option<String>,
    #[description = "Which cohort (default: yours)"]
    #[autocomplete = "complete_cohort"]
    cohort: Option<String>,
) -> Result<(), Error> {
    let Some((cohort, course, facts)) =
        cohort_member_course_and_facts(ctx, cohort.as_deref()).await?
    else {
        return Ok(());
    };
    let data = ctx.data();
    let step = learning::open_module(
        &data.store,
        &course,
        cohort.id,
        UserId(ctx.author().id.get()),
        &facts,
        module.as_deref(),
        data.clock.now_ms(),
    )
    .await?;
    let view = match step {
        ModuleStep::Screen(screen) => render::screen(&screen, lang(ctx)),
        ModuleStep::Question(question) => render::question(&question, &[], lang(ctx)),
    };
    send(ctx, view.reply()).await?;
    Ok(())
}

/// Your progress through the course, and what to do next.
#[poise::command(slash_command, guild_only, custom_data = ClaimsBesideItsRead(Access::Trainee))]
pub async fn progress(
    ctx: Context<'_>,
    #[description = "Which cohort (default: yours)"]
    #[autocomplete = "complete_cohort"]
    cohort: Option<String>,
) -> Result<(), Error> {
    let Some((_, course, facts)) = cohort_member_course_and_facts(ctx, cohort.as_deref()).await?
    else {
        return Ok(());
    };
    let statuses = learning::statuses_of(&course, &facts.progress, &facts.choices);
    let held = course.badges.iter().filter(|b| facts.holds(&b.id)).count();
    let next = learning::next_step(&course, &facts);
    let lang = lang(ctx);
    let next = render::next_step(&next, lang);
    send(
        ctx,
        poise::CreateReply::default()
            .embed(render::progress(
                &course.title,
                &statuses,
                &next,
                held,
                lang,
            ))
            .ephemeral(true),
    )
    .await?;
    Ok(())
}

/// Your badges: what you hold and what is still to do, or the files to take them with you.
#[poise::command(slash_command, guild_only, subcommands("show", "export"), subcommand_required, custom_data = Access::Trainee)]
pub async fn badges(_: Context<'_>) -> Result<(), Error> {
    Ok(())
}

/// Your badges, and what is still to do for the others.
#[poise::command(slash_command, guild_only, custom_data = ClaimsBesideItsRead(Access::Trainee))]
async fn show(
    ctx: Context<'_>,
    #[description = "Which cohort (default: yours)"]
    #[autocomplete = "complete_cohort"]
    cohort: Option<String>,
) -> Result<(), Error> {
    let Some((_, course, facts)) = cohort_member_course_and_facts(ctx, cohort.as_deref()).await?
    else {
        return Ok(());
    };
    let statuses = badges::statuses_of(&course, &facts);
    let mut reply = poise::CreateReply::default().ephemeral(true);
    for embed in render::badges(&statuses, lang(ctx)) {
        reply = reply.embed(embed);
    }
    send(ctx, reply).await?;
    Ok(())
}

/// Your badges as Open Badges 3.0 credentials, one file each, to keep or share.
#[poise::command(slash_command, guild_only, custom_data = Access::Trainee)]
async fn export(
    ctx: Context<'_>,
    #[description = "Which cohort (default: yours)"]
    #[autocomplete = "complete_cohort"]
    cohort: Option<String>,
) -> Result<(), Error> {
    defer_reply(ctx).await?;
    let data = ctx.data();
    let who = caller(ctx).await;
    let cohort = cohorts::choose_cohort(&data.store, who, cohort.as_deref()).await?;
    let user = who.user;
    let now = data.clock.now_ms();
    let files = credentials::export_own(&data.store, &data.issuer, &cohort, user, now).await?;
    if files.is_empty() {
        return reply_ephemeral(ctx, render::credentials::no_credentials(lang(ctx))).await;
    }
    let embed = render::credentials::credentials_exported(&files, lang(ctx));
    let attachments = files
        .into_iter()
        .map(|f| serenity::CreateAttachment::bytes(f.jws.into_bytes(), f.file_name))
        .collect();
    follow_up_with_files(ctx, vec![embed], attachments).await
}

async fn complete_cohort(ctx: Context<'_>, partial: &str) -> serenity::CreateAutocompleteResponse {
    super::complete_cohort(ctx, partial).await
}

async fn complete_module(ctx: Context<'_>, partial: &str) -> serenity::CreateAutocompleteResponse {
    let partial = partial.to_lowercase();
    let Ok(Some((_, course, facts))) = cohort_member_course_and_facts(ctx, None).await else {
        return autocomplete(std::iter::empty());
    };
    let statuses = learning::statuses_of(&course, &facts.progress, &facts.choices);
    autocomplete(
        statuses
            .into_iter()
            .filter(|s| s.state != ModuleState::Locked)
            .filter(|s| s.id.contains(&partial) || s.title.to_lowercase().contains(&partial))
            .map(|s| s.id),
    )
}
