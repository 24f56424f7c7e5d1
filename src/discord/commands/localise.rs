//! Slash commands in every shipped language: each command's, subcommand's and option's
//! description comes from the locale files (`locales/<lang>/commands.ftl`), English as the
//! default and the others as Discord's `description_localizations`, so a translation lives in
//! one place. The ids follow the command's path: `cmd-badges-show`, and for an option
//! `cmd-badges-show-member`. Context menu entries have no description to translate.

use std::borrow::Cow;

use crate::discord::{Data, Error};
use crate::i18n::{tr, Lang};

/// Fills in the descriptions of `command`, its options and its subcommands.
pub(super) fn localise(command: &mut poise::Command<Data, Error>, parent: Option<&str>) {
    let path = match parent {
        Some(parent) => format!("{parent}-{}", command.name),
        None => command.name.to_string(),
    };
    if command.context_menu_action.is_some() {
        return;
    }
    let id = format!("cmd-{path}");
    command.description = Some(tr(Lang::En, &id).into());
    command.description_localizations = Cow::Owned(localisations(&id));
    for parameter in command.parameters.iter_mut() {
        let id = format!("cmd-{path}-{}", parameter.name);
        parameter.description = Some(tr(Lang::En, &id).into());
        parameter.description_localizations = Cow::Owned(localisations(&id));
    }
    for subcommand in &mut command.subcommands {
        localise(subcommand, Some(&path));
    }
}

/// The message `id` in every shipped language but English, for each of Discord's locales
/// of that language.
fn localisations(id: &str) -> Vec<(Cow<'static, str>, Cow<'static, str>)> {
    Lang::ALL
        .into_iter()
        .filter(|lang| *lang != Lang::En)
        .flat_map(|lang| {
            let text = tr(lang, id);
            lang.discord_locales()
                .iter()
                .map(move |locale| (Cow::Borrowed(*locale), Cow::Owned(text.clone())))
        })
        .collect()
}
