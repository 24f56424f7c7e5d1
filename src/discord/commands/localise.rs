//! Slash commands in every shipped language, from the locale files
//! (`locales/<lang>/commands.ftl`), so a translation lives in one place. English is the
//! default and the other languages are Discord's localisations. By the command's path:
//!
//! - `cmd-<path>`: the description of a command, subcommand or option, e.g. `cmd-badges-show`,
//!   and for an option `cmd-badges-show-member`;
//! - `cmdname-<path>`: its name, e.g. `cmdname-badges-show` (`voir` in French). The English
//!   entry is the name in the code, which Discord keeps sending whatever the reader's
//!   language, so poise still matches it; a test keeps the two equal and checks Discord's
//!   rules for names (lowercase, 1–32 letters, digits, `-` or `_`, unique among siblings);
//! - `cmdchoice-<path>-<option>-<n>`: the label of an option's fixed choice, by its
//!   position from 0 (Discord sends the position back, not the label).
//!
//! - `cmdmenu-<function>`: the name of a context menu entry, e.g. `cmdmenu-accept_answer`
//!   (`Accept answer`, the name in the code, in English), which has no description; poise
//!   builds menu entries without localisations, so [`application_commands`] adds them.

use std::borrow::Cow;

use poise::serenity_prelude::CreateCommand;

use crate::discord::{Data, Error};
use crate::i18n::{tr, Lang};

/// Fills in the names, descriptions and choice labels of `command`, its options and its
/// subcommands.
pub(super) fn localise(command: &mut poise::Command<Data, Error>, parent: Option<&str>) {
    let path = match parent {
        Some(parent) => format!("{parent}-{}", command.name),
        None => command.name.to_string(),
    };
    if command.context_menu_action.is_some() {
        let id = format!("cmdmenu-{}", command.name);
        command.name_localizations = Cow::Owned(localisations(&id));
        return;
    }
    let id = format!("cmd-{path}");
    command.description = Some(tr(Lang::En, &id).into());
    command.description_localizations = Cow::Owned(localisations(&id));
    command.name_localizations = Cow::Owned(localisations(&format!("cmdname-{path}")));
    for parameter in command.parameters.iter_mut() {
        let option = format!("{path}-{}", parameter.name);
        let id = format!("cmd-{option}");
        parameter.description = Some(tr(Lang::En, &id).into());
        parameter.description_localizations = Cow::Owned(localisations(&id));
        parameter.name_localizations = Cow::Owned(localisations(&format!("cmdname-{option}")));
        for (n, choice) in parameter.choices.to_mut().iter_mut().enumerate() {
            choice.localizations = Cow::Owned(localisations(&format!("cmdchoice-{option}-{n}")));
        }
    }
    for subcommand in &mut command.subcommands {
        localise(subcommand, Some(&path));
    }
}

/// What the bot registers with Discord: poise's slash commands, and its context menu
/// entries with their names in every shipped language.
pub fn application_commands(commands: &[poise::Command<Data, Error>]) -> Vec<CreateCommand> {
    commands
        .iter()
        .flat_map(|command| {
            let menu = command.create_as_context_menu_command().map(|menu| {
                let names = command.name_localizations.iter();
                names.fold(menu, |menu, (locale, name)| {
                    menu.name_localized(locale.as_ref(), name.as_ref())
                })
            });
            command.create_as_slash_command().into_iter().chain(menu)
        })
        .collect()
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
    use std::borrow::Cow;

    use crate::discord::commands::all;
    use crate::i18n::{tr, Lang};

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

    /// Every name a French reader sees follows Discord's rules, is unique among its
    /// siblings, and the English entry is the name in the code.
    #[test]
    fn every_name_is_translated_within_discords_rules() {
        type Command = poise::Command<crate::discord::Data, crate::discord::Error>;
        fn valid(name: &str) -> bool {
            let length = name.chars().count();
            (1..=32).contains(&length)
                && name.to_lowercase() == name
                && name
                    .chars()
                    .all(|c| c == '-' || c == '_' || c.is_alphanumeric())
        }
        fn localised(names: &[(Cow<str>, Cow<str>)], locale: &str) -> String {
            let found = names.iter().find(|(l, _)| l == locale);
            found.map(|(_, name)| name.to_string()).unwrap_or_default()
        }
        fn unique(names: Vec<String>, place: &str) {
            let mut seen = std::collections::BTreeSet::new();
            for name in names {
                assert!(valid(&name), "{place}: {name:?} breaks Discord's rules");
                assert!(
                    seen.insert(name.clone()),
                    "{place}: {name:?} is there twice"
                );
            }
        }
        fn check(commands: &[Command], path: &str) {
            let slash: Vec<&Command> = commands
                .iter()
                .filter(|c| c.context_menu_action.is_none())
                .collect();
            for lang in Lang::ALL {
                for locale in lang.discord_locales() {
                    let names = slash.iter().map(|command| match lang {
                        Lang::En => command.name.to_string(),
                        _ => localised(&command.name_localizations, locale),
                    });
                    unique(names.collect(), &format!("{path} in {locale}"));
                }
            }
            for command in slash {
                let path = format!("{path}-{}", command.name);
                let english = tr(Lang::En, &format!("cmdname{path}"));
                assert_eq!(english, command.name, "cmdname{path} in locales/en");
                for lang in Lang::ALL.into_iter().skip(1) {
                    for locale in lang.discord_locales() {
                        let names = command.parameters.iter().map(|parameter| {
                            let name = localised(&parameter.name_localizations, locale);
                            for choice in parameter.choices.iter() {
                                let label = localised(&choice.localizations, locale);
                                assert!((1..=100).contains(&label.chars().count()), "{label:?}");
                                assert!(!label.starts_with("cmdchoice-"), "{label:?}");
                            }
                            name
                        });
                        unique(names.collect(), &format!("options of {path} in {locale}"));
                    }
                }
                for parameter in &command.parameters {
                    let id = format!("cmdname{path}-{}", parameter.name);
                    assert_eq!(tr(Lang::En, &id), parameter.name, "{id} in locales/en");
                    for (n, choice) in parameter.choices.iter().enumerate() {
                        let id = format!("cmdchoice{path}-{}-{n}", parameter.name);
                        assert_eq!(tr(Lang::En, &id), choice.name, "{id} in locales/en");
                    }
                }
                check(&command.subcommands, &path);
            }
        }
        check(&all(), "");
    }

    /// Each context menu entry is named in every language, in English as in the code, and
    /// registered with its other names.
    #[test]
    fn context_menu_entries_are_named_in_every_language() {
        let commands = all();
        let menus: Vec<_> = commands
            .iter()
            .filter(|c| c.context_menu_action.is_some())
            .collect();
        assert!(!menus.is_empty());
        for menu in menus {
            let id = format!("cmdmenu-{}", menu.name);
            assert_eq!(
                menu.context_menu_name.as_deref(),
                Some(tr(Lang::En, &id).as_str())
            );
            let french = menu.name_localizations.iter().find(|(l, _)| l == "fr");
            let french = french.map(|(_, name)| name.to_string()).unwrap_or_default();
            assert!(
                !french.is_empty() && french != id,
                "{id} in French: {french:?}"
            );
            assert!(french.chars().count() <= 32, "{french:?} is too long");
        }
        let registered = serde_json::to_value(super::application_commands(&commands)).unwrap();
        let rate = registered
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == "Rate answer");
        let rate = rate.expect("the Rate answer entry is registered");
        assert_eq!(rate["name_localizations"]["fr"], "Noter la réponse");
    }
}
