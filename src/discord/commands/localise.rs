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

#[cfg(test)]
mod tests {
    use crate::discord::commands::all;
    use crate::i18n::Lang;

    /// Every description comes from the locale files: none is left as its id.
    #[test]
    fn every_command_option_and_subcommand_is_described_in_every_language() {
        fn check(command: &poise::Command<crate::discord::Data, crate::discord::Error>) {
            if command.context_menu_action.is_some() {
                return;
            }
            let described = |default: Option<&str>, localised: &[(_, _)]| {
                let default = default.unwrap_or_default();
                assert!(
                    !default.is_empty() && !default.starts_with("cmd-"),
                    "{default:?}"
                );
                for lang in Lang::ALL.into_iter().skip(1) {
                    for locale in lang.discord_locales() {
                        let found = localised.iter().find(
                            |(l, _): &&(std::borrow::Cow<str>, std::borrow::Cow<str>)| l == locale,
                        );
                        assert!(found.is_some(), "{default:?} has no {locale} description");
                    }
                }
            };
            described(
                command.description.as_deref(),
                &command.description_localizations,
            );
            for parameter in &command.parameters {
                described(
                    parameter.description.as_deref(),
                    &parameter.description_localizations,
                );
            }
            command.subcommands.iter().for_each(check);
        }
        all().iter().for_each(check);
    }
}
