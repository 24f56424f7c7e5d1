//! Facilitators' hands: `/badge` award and revoke, `/reflections`; and `/pathway`, where
//! trainees choose their route and facilitators see the choices.

use poise::serenity_prelude as serenity;

use super::{
    autocomplete, caller, cohort_and_course, complete_cohort, lang, reply_ephemeral, send,
};
use crate::discord::{badge_roles, render, Context, Error};
use crate::domain::access::Access;
use crate::domain::facilitation;
use crate::i18n::tr_args;

use crate::model::{ReflectionId, UserId};

/// Certificates, diplomas and other badges given by hand.
#[poise::command(slash_command, guild_only, subcommands("award", "revoke"), subcommand_required, custom_data = Access::Facilitator)]
pub async fn badge(_: Context<'_>) -> Result<(), Error> {
    Ok(())
}

/// Award a badge to a member (facilitators); the reason is kept in the record.
#[poise::command(slash_command, guild_only, custom_data = Access::Facilitator)]
async fn award(
    ctx: Context<'_>,
    #[description = "Who"] member: serenity::User,
    #[description = "Which badge"]
    #[autocomplete = "complete_badge"]
    badge: String,
    #[description = "Why (kept in the record)"]
    #[max_length = 500]
    reason: String,
    #[description = "Award even if the badge's requirements are not all met"]
    despite_missing: Option<bool>,
    #[description = "Which cohort (default: yours)"]
    #[autocomplete = "complete_cohort"]
    cohort: Option<String>,
) -> Result<(), Error> {
    let (cohort, course) = cohort_and_course(ctx, cohort.as_deref()).await?;
    let data = ctx.data();
    let user = UserId(member.id.get());
    let award = facilitation::award_badge(
        &data.store,
        &course,
        caller(ctx).await,
        &cohort,
        user,
        &badge,
        &reason,
        despite_missing.unwrap_or(false),
        data.clock.now_ms(),
    )
    .await?;
    badge_roles::follow_up(
        ctx.serenity_context(),
        data,
        cohort.id,
        user,
        &course
            .badge(&award.badge_id)
            .cloned()
            .into_iter()
            .collect::<Vec<_>>(),
    );
    let name = course
        .badge(&award.badge_id)
        .map_or(award.badge_id.clone(), render::badge_name);
    let awarded = tr_args(
        lang(ctx),
        "facil-awarded",
        &[("badge", name.into()), ("user", user.to_string().into())],
    );
    reply_ephemeral(ctx, awarded).await
}

/// Revoke a badge (facilitators); the reason is kept and the role is taken away.
#[poise::command(slash_command, guild_only, custom_data = Access::Facilitator)]
async fn revoke(
    ctx: Context<'_>,
    #[description = "Who"] member: serenity::User,
    #[description = "Which badge"]
    #[autocomplete = "complete_badge"]
    badge: String,
    #[description = "Why (kept in the record)"]
    #[max_length = 500]
    reason: String,
    #[description = "Which cohort (default: yours)"]
    #[autocomplete = "complete_cohort"]
    cohort: Option<String>,
) -> Result<(), Error> {
    let (cohort, course) = cohort_and_course(ctx, cohort.as_deref()).await?;
    let data = ctx.data();
    let user = UserId(member.id.get());
    let award = facilitation::revoke_badge(
        &data.store,
        &course,
        caller(ctx).await,
        &cohort,
        user,
        &badge,
        &reason,
        data.clock.now_ms(),
    )
    .await?;
    badge_roles::sync_soon(ctx.serenity_context(), data);
    let name = course
        .badge(&award.badge_id)
        .map_or(award.badge_id.clone(), render::badge_name);
    let revoked = tr_args(
        lang(ctx),
        "facil-revoked",
        &[("badge", name.into()), ("user", user.to_string().into())],
    );
    reply_ephemeral(ctx, revoked).await
}

/// Reflections: list, read, and answer them.
#[poise::command(slash_command, guild_only, subcommands("list", "read", "reply"), subcommand_required, custom_data = Access::Trainee)]
pub async fn reflections(_: Context<'_>) -> Result<(), Error> {
    Ok(())
}

/// The reflections you may read (facilitators: the whole cohort's).
#[poise::command(slash_command, guild_only, custom_data = Access::Trainee)]
async fn list(
    ctx: Context<'_>,
    #[description = "Only those not yet reviewed"] unreviewed: Option<bool>,
    #[description = "Which cohort (default: yours)"]
    #[autocomplete = "complete_cohort"]
    cohort: Option<String>,
) -> Result<(), Error> {
    let (cohort, course) = cohort_and_course(ctx, cohort.as_deref()).await?;
    let found = facilitation::readable_reflections(
        &ctx.data().store,
        caller(ctx).await,
        &cohort,
        unreviewed.unwrap_or(false),
    )
    .await?;
    send(
        ctx,
        render::reflection_list(&course, &found, lang(ctx)).reply(),
    )
    .await?;
    Ok(())
}

/// Read one reflection by its number.
#[poise::command(slash_command, guild_only, custom_data = Access::Trainee)]
async fn read(
    ctx: Context<'_>,
    #[description = "The reflection's number, from /reflections list"] number: i64,
    #[description = "Which cohort (default: yours)"]
    #[autocomplete = "complete_cohort"]
    cohort: Option<String>,
) -> Result<(), Error> {
    let (cohort, course) = cohort_and_course(ctx, cohort.as_deref()).await?;
    let found = facilitation::read_reflection(
        &ctx.data().store,
        caller(ctx).await,
        &cohort,
        ReflectionId(number),
    )
    .await?;
    send(ctx, render::reflection(&course, &found, lang(ctx)).reply()).await?;
    Ok(())
}

/// Answer a reflection and mark it reviewed (facilitators); the trainee is told.
#[poise::command(slash_command, guild_only, custom_data = Access::Facilitator)]
async fn reply(
    ctx: Context<'_>,
    #[description = "The reflection's number"] number: i64,
    #[description = "Your reply (leave empty to only mark it reviewed)"]
    #[max_length = 1500]
    text: Option<String>,
    #[description = "Which cohort (default: yours)"]
    #[autocomplete = "complete_cohort"]
    cohort: Option<String>,
) -> Result<(), Error> {
    let (cohort, _) = cohort_and_course(ctx, cohort.as_deref()).await?;
    let data = ctx.data();
    let answered = facilitation::answer_reflection(
        &data.store,
        caller(ctx).await,
        &cohort,
        ReflectionId(number),
        text.as_deref().unwrap_or_default(),
        data.clock.now_ms(),
    )
    .await?;
    let reviewed = tr_args(
        lang(ctx),
        "facil-reviewed",
        &[
            ("number", answered.id.to_string().into()),
            (
                "told",
                if answered.reply.is_some() {
                    "yes"
                } else {
                    "no"
                }
                .into(),
            ),
        ],
    );
    reply_ephemeral(ctx, reviewed).await
}

/// Routes through the course: choose yours, or see everyone's.
#[poise::command(slash_command, guild_only, subcommands("choose", "choices"), subcommand_required, custom_data = Access::Trainee)]
pub async fn pathway(_: Context<'_>) -> Result<(), Error> {
    Ok(())
}

/// Choose your route on one of the course's pathways; its modules open for you.
#[poise::command(slash_command, guild_only, custom_data = Access::Trainee)]
async fn choose(
    ctx: Context<'_>,
    #[description = "Your route (leave out to pick from a menu)"]
    #[autocomplete = "complete_route"]
    route: Option<String>,
    #[description = "Which cohort (default: yours)"]
    #[autocomplete = "complete_cohort"]
    cohort: Option<String>,
) -> Result<(), Error> {
    let (cohort, course) = cohort_and_course(ctx, cohort.as_deref()).await?;
    let Some(route) = route else {
        send(
            ctx,
            render::pathway_menus(cohort.id, &course, lang(ctx)).reply(),
        )
        .await?;
        return Ok(());
    };
    let (pathway, option) = route.split_once('/').unwrap_or((route.as_str(), ""));
    let data = ctx.data();
    let chosen = facilitation::choose_pathway(
        &data.store,
        &course,
        caller(ctx).await,
        &cohort,
        pathway,
        option,
        data.clock.now_ms(),
    )
    .await?;
    send(
        ctx,
        render::pathway_chosen(&course, chosen, lang(ctx)).reply(),
    )
    .await?;
    Ok(())
}

/// Everyone's pathway choices (facilitators).
#[poise::command(slash_command, guild_only, custom_data = Access::Facilitator)]
async fn choices(
    ctx: Context<'_>,
    #[description = "Which cohort (default: yours)"]
    #[autocomplete = "complete_cohort"]
    cohort: Option<String>,
) -> Result<(), Error> {
    let (cohort, course) = cohort_and_course(ctx, cohort.as_deref()).await?;
    let found =
        facilitation::pathway_choices(&ctx.data().store, caller(ctx).await, &cohort).await?;
    send(
        ctx,
        poise::CreateReply::default()
            .embed(render::pathway_choices(&course, &found, lang(ctx)))
            .ephemeral(true),
    )
    .await?;
    Ok(())
}

async fn complete_badge(ctx: Context<'_>, partial: &str) -> serenity::CreateAutocompleteResponse {
    let partial = partial.to_lowercase();
    let Ok((_, course)) = cohort_and_course(ctx, None).await else {
        return autocomplete(std::iter::empty());
    };
    let ids = course
        .badges
        .iter()
        .filter(|b| b.id.contains(&partial) || b.name.to_lowercase().contains(&partial))
        .map(|b| b.id.clone());
    autocomplete(ids.collect::<Vec<_>>().into_iter())
}

async fn complete_route(ctx: Context<'_>, partial: &str) -> serenity::CreateAutocompleteResponse {
    let partial = partial.to_lowercase();
    let Ok((_, course)) = cohort_and_course(ctx, None).await else {
        return serenity::CreateAutocompleteResponse::new();
    };
    let routes: Vec<serenity::AutocompleteChoice> = course
        .pathways
        .iter()
        .flat_map(|p| p.options.iter().map(move |o| (p, o)))
        .filter(|(_, o)| o.label.to_lowercase().contains(&partial) || o.id.contains(&partial))
        .take(25)
        .map(|(p, o)| {
            serenity::AutocompleteChoice::new(o.label.clone(), format!("{}/{}", p.id, o.id))
        })
        .collect();
    serenity::CreateAutocompleteResponse::new().set_choices(routes)
}
