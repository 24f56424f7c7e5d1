//! `/language`: the language you read your course in, in this server.

use super::{caller, reply_ephemeral};
use crate::discord::{Context, Error};
use crate::domain::access::Access;
use crate::domain::languages::{self, language_name};

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
        Some(name) => format!(
            "Language set to {name}: you read your course in {name} where it has that translation, and in its own language elsewhere."
        ),
        None => "Language set to automatic: you read your course in your Discord language where it has that translation.".to_string(),
    };
    reply_ephemeral(ctx, text).await
}

/// The language you read the course in here.
#[poise::command(slash_command, guild_only, custom_data = Access::Everyone)]
async fn show(ctx: Context<'_>) -> Result<(), Error> {
    let settings = languages::language_settings(&ctx.data().store, caller(ctx).await).await?;
    let text = match settings.language.as_deref() {
        Some(code) => format!(
            "You chose {}. Use `/language set` to change it.",
            language_name(code).unwrap_or(code)
        ),
        None => format!(
            "Automatic: you read your course in your Discord language (now `{}`) where it has that translation. Use `/language set` to choose one.",
            ctx.locale().unwrap_or("unknown")
        ),
    };
    reply_ephemeral(ctx, text).await
}
