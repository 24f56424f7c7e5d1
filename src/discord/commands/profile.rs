//! `/profile` and the **View profile** user menu: members' cards, one's own to write,
//! who sees one's progress, and erasing it all.

use poise::serenity_prelude as serenity;

use super::{caller, defer_reply, lang, open_modal, reply_ephemeral, send, Context, Error};
use crate::discord::render::{self, profiles as view};
use crate::domain::access::Access;
use crate::domain::profiles;
use crate::i18n::tr;
use crate::model::UserId;

/// Profile pages of the cohorts' members.
#[poise::command(
    slash_command,
    guild_only,
    subcommands("show", "edit", "progress", "erase"),
    subcommand_required,
    custom_data = Access::Trainee
)]
pub async fn profile(_: Context<'_>) -> Result<(), Error> {
    Ok(())
}

/// A member's profile (default: yours).
#[poise::command(slash_command, guild_only, rename = "view", custom_data = Access::Trainee)]
async fn show(
    ctx: Context<'_>,
    #[description = "Whose (default: yours)"] member: Option<serenity::User>,
) -> Result<(), Error> {
    let subject = member.map_or(ctx.author().id, |m| m.id);
    send_card(ctx, UserId(subject.get())).await
}

/// Opens the same card from a member's menu (Apps → View profile).
#[poise::command(context_menu_command = "View profile", guild_only, custom_data = Access::Trainee)]
pub async fn view_profile(ctx: Context<'_>, member: serenity::User) -> Result<(), Error> {
    send_card(ctx, UserId(member.id.get())).await
}

/// Write your institution or area, a short bio and up to three links.
#[poise::command(slash_command, guild_only, custom_data = Access::Trainee)]
async fn edit(ctx: Context<'_>) -> Result<(), Error> {
    let own = profiles::own(&ctx.data().store, caller(ctx).await).await?;
    open_modal(ctx, view::edit_modal(&own, lang(ctx))).await
}

/// Choose whether other members see your progress (facilitators always do).
#[poise::command(slash_command, guild_only, custom_data = Access::Trainee)]
async fn progress(
    ctx: Context<'_>,
    #[description = "Who sees your modules, badges, pathway and one-to-ones"] shown_to: Audience,
) -> Result<(), Error> {
    let shown = matches!(shown_to, Audience::Members);
    let now = ctx.data().clock.now_ms();
    profiles::show_progress(&ctx.data().store, caller(ctx).await, shown, now).await?;
    let id = if shown {
        "profile-progress-shown"
    } else {
        "profile-progress-hidden"
    };
    reply_ephemeral(ctx, tr(lang(ctx), id)).await
}

/// Delete your profile in this server (your progress stays with your cohorts).
#[poise::command(slash_command, guild_only, custom_data = Access::Everyone)]
async fn erase(ctx: Context<'_>) -> Result<(), Error> {
    let erased = profiles::erase(&ctx.data().store, caller(ctx).await).await?;
    let id = if erased {
        "profile-erased"
    } else {
        "profile-nothing-to-erase"
    };
    reply_ephemeral(ctx, tr(lang(ctx), id)).await
}

/// Who sees a member's progress besides them and their facilitators.
#[derive(Debug, Clone, Copy, poise::ChoiceParameter)]
enum Audience {
    #[name = "Members of my cohorts"]
    Members,
    #[name = "Only me and my facilitators"]
    Facilitators,
}

async fn send_card(ctx: Context<'_>, subject: UserId) -> Result<(), Error> {
    defer_reply(ctx).await?;
    let now = ctx.data().clock.now_ms();
    let card = profiles::view(&ctx.data().store, caller(ctx).await, subject, now).await?;
    let reply = render::View {
        embeds: vec![view::card(&card, lang(ctx))],
        ..render::View::default()
    };
    send(ctx, reply.reply()).await?;
    Ok(())
}
