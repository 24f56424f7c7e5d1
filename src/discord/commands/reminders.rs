//! `/reminders`: mute or unmute the bot's reminders to you.

use super::{caller, lang, reply_ephemeral};
use crate::discord::{Context, Error};
use crate::domain::access::Access;
use crate::domain::prompts;
use crate::i18n::tr;

/// Mute or unmute the reminders the bot sends you in this server.
#[poise::command(
    slash_command,
    guild_only,
    subcommands("mute", "unmute"),
    subcommand_required,
    custom_data = Access::Trainee
)]
pub async fn reminders(_: Context<'_>) -> Result<(), Error> {
    Ok(())
}

/// Stop reminders about unfinished work in this server.
#[poise::command(slash_command, guild_only, custom_data = Access::Trainee)]
async fn mute(ctx: Context<'_>) -> Result<(), Error> {
    prompts::set_reminders_muted(&ctx.data().store, caller(ctx).await, true).await?;
    reply_ephemeral(ctx, tr(lang(ctx), "reminders-muted")).await
}

/// Have reminders about unfinished work again.
#[poise::command(slash_command, guild_only, custom_data = Access::Trainee)]
async fn unmute(ctx: Context<'_>) -> Result<(), Error> {
    prompts::set_reminders_muted(&ctx.data().store, caller(ctx).await, false).await?;
    reply_ephemeral(ctx, tr(lang(ctx), "reminders-on")).await
}
