//! `/help`: what the bot does and the commands the caller may use.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::Mutex;

use poise::serenity_prelude::CreateEmbed;

use super::{access_needed, caller, lang, send, ClaimsBesideItsRead};
use crate::discord::once;
use crate::discord::{render, Context, Error};
use crate::domain::access::{self, Access};
use crate::domain::DomainError;
use crate::i18n::Lang;

/// What cohortbot does, and the commands you can use.
#[poise::command(slash_command, custom_data = ClaimsBesideItsRead(Access::Everyone))]
pub async fn help(ctx: Context<'_>) -> Result<(), Error> {
    let lang = lang(ctx);
    let Some(access) = once::read_beside_claim(ctx, access_shown(ctx)).await? else {
        return Ok(());
    };
    let embeds = ctx.data().help.laid_out(access, lang, || {
        render::help(access, &entries(ctx, access, lang), lang)
    });
    let mut reply = poise::CreateReply::default().ephemeral(true);
    for embed in embeds {
        reply = reply.embed(embed);
    }
    send(ctx, reply).await?;
    Ok(())
}

/// The help as laid out for each access and language, kept from its first use: the commands
/// it lists do not change while the bot runs.
#[derive(Default)]
pub struct HelpLayouts(Mutex<BTreeMap<(Access, Lang), Vec<CreateEmbed>>>);

impl HelpLayouts {
    fn laid_out(
        &self,
        access: Access,
        lang: Lang,
        lay_out: impl FnOnce() -> Vec<CreateEmbed>,
    ) -> Vec<CreateEmbed> {
        // A poisoned lock only means another thread panicked while laying one out: what
        // the map holds is whole.
        let mut layouts = self.0.lock().unwrap_or_else(|e| e.into_inner());
        layouts
            .entry((access, lang))
            .or_insert_with(lay_out)
            .clone()
    }
}

/// Whose commands the caller is shown: a server manager sets cohorts up, so is shown the
/// facilitators'.
async fn access_shown(ctx: Context<'_>) -> Result<Access, DomainError> {
    if ctx.guild_id().is_none() {
        return Ok(Access::Everyone);
    }
    let who = caller(ctx).await;
    let access = access::access_of(&ctx.data().store, who).await?;
    if who.manages_server {
        return Ok(access.max(Access::Facilitator));
    }
    Ok(access)
}

/// The commands `access` may use, by name, each with its description, in `lang`.
fn entries(ctx: Context<'_>, access: Access, lang: Lang) -> Vec<(String, String)> {
    let mut entries = Vec::new();
    // Context menus are found on a message's menu, not typed.
    let typed = ctx.framework().options().commands.iter();
    for command in typed.filter(|c| c.slash_action.is_some() || !c.subcommands.is_empty()) {
        let description = described_in(command, lang);
        let name = named_in(command, lang);
        if command.subcommands.is_empty() {
            if access_needed(command) <= access {
                entries.push((format!("/{name}"), description));
            }
            continue;
        }
        let allowed: Vec<String> = command
            .subcommands
            .iter()
            .filter(|sub| access_needed(sub) <= access)
            .map(|sub| format!("`/{name} {}`", named_in(sub, lang)))
            .collect();
        if !allowed.is_empty() {
            entries.push((
                format!("/{name}"),
                format!("{description}\n{}", allowed.join(" · ")),
            ));
        }
    }
    entries
}

type Command = poise::Command<crate::discord::Data, Error>;

/// The command's description in `lang`: its localisation for that language, else English.
fn described_in(command: &Command, lang: Lang) -> String {
    localised(&command.description_localizations, lang)
        .or_else(|| command.description.as_deref().map(str::to_owned))
        .unwrap_or_default()
}

/// The command's name as Discord shows it to a reader of `lang`.
fn named_in(command: &Command, lang: Lang) -> String {
    localised(&command.name_localizations, lang).unwrap_or_else(|| command.name.to_string())
}

fn localised(
    localisations: &[(Cow<'static, str>, Cow<'static, str>)],
    lang: Lang,
) -> Option<String> {
    lang.discord_locales().iter().find_map(|locale| {
        localisations
            .iter()
            .find(|(l, _)| l == locale)
            .map(|(_, text)| text.to_string())
    })
}
