//! `/language`: the language you read your course in, in this server.

use super::{caller, lang, reply_ephemeral};
use crate::discord::{Context, Error};
use crate::domain::access::Access;
use crate::domain::languages::{self, language_name};
use crate::i18n::{tr, tr_args};

/// Choose the language you read the course in, or follow Discord's.
#[poise::command(
    slash_command,
    guild_only,
    subcommands("set", "show"),
    subcommand_required,
    custom_data = Access::Everyone
)]
pub async fn language(_: Context<'_>) -> Result<(), Error> {
    Ok(())
}

/// The languages offered, and following Discord's.
#[derive(Debug, Clone, Copy, poise::ChoiceParameter)]
enum LanguageChoice {
    #[name = "English"]
    English,
    #[name = "Français"]
    French,
    #[name = "Automatic (Discord's language)"]
    Automatic,
}

impl LanguageChoice {
    fn locale(self) -> Option<&'static str> {
        match self {
            LanguageChoice::English => Some("en"),
            LanguageChoice::French => Some("fr"),
            LanguageChoice::Automatic => None,
        }
    }
}

/// Read the course in this language here (where the course has it).
#[poise::command(slash_command, guild_only, custom_data = Access::Everyone)]
async fn set(
    ctx: Context<'_>,
    #[description = "The language, or Automatic to follow Discord's"] choice: LanguageChoice,
) -> Result<(), Error> {
    let store = &ctx.data().store;
    let settings = languages::set_language(store, caller(ctx).await, choice.locale()).await?;
    let text = match settings.language.as_deref().and_then(language_name) {
        Some(name) => tr_args(lang(ctx), "language-set", &[("name", name.into())]),
        None => tr(lang(ctx), "language-set-automatic"),
    };
    reply_ephemeral(ctx, text).await
}

/// The language you read the course in here.
#[poise::command(slash_command, guild_only, custom_data = Access::Everyone)]
async fn show(ctx: Context<'_>) -> Result<(), Error> {
    let settings = languages::language_settings(&ctx.data().store, caller(ctx).await).await?;
    let text = match settings.language.as_deref() {
        Some(code) => tr_args(
            lang(ctx),
            "language-chosen",
            &[("name", language_name(code).unwrap_or(code).into())],
        ),
        None => tr_args(
            lang(ctx),
            "language-automatic",
            &[("locale", ctx.locale().unwrap_or("unknown").into())],
        ),
    };

    reply_ephemeral(ctx, text).await
}
