//! The interface in several languages: each locale's messages are Fluent resources
//! (`locales/<lang>/*.ftl`, embedded at build time), looked up by id with named arguments.
//! A bottom layer beside `course` and `config`: it knows no Discord, domain or store, so
//! domain texts (refusals, reminders) are written as [`Message`]s and shown in the reader's
//! language where they are sent.
//!
//! Which language: an interaction's own locale, else its server's, else English
//! ([`for_interaction`]); a scheduled message, the member's language, else the server's,
//! else English ([`for_member`]). A message missing from a locale falls back to English, and
//! one missing from English to its id: never a panic.

mod format;
mod message;

use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};

pub use format::{date, day_and_month, decimal, list, number, percent};
pub use message::{Arg, Message, Text};

/// A language the interface is shipped in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    En,
    Fr,
}

impl Lang {
    /// Every shipped language, English (the fallback) first.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Fr];

    /// The language's folder under `locales/` and its BCP 47 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    /// Discord's locale codes that this language serves, for command localisations.
    pub fn discord_locales(self) -> &'static [&'static str] {
        match self {
            Lang::En => &["en-US", "en-GB"],
            Lang::Fr => &["fr"],
        }
    }

    /// The shipped language for a locale code such as Discord's "fr", "en-GB" or "pt-BR",
    /// matched by language; `None` when none is shipped for it.
    pub fn from_locale(locale: &str) -> Option<Lang> {
        let language = locale.split(['-', '_']).next()?.to_ascii_lowercase();
        Lang::ALL.into_iter().find(|lang| lang.code() == language)
    }
}

/// The language to answer an interaction in: the user's locale, else the server's, else
/// English. Discord sends both with every interaction (the server's only in a server).
pub fn for_interaction(locale: Option<&str>, guild_locale: Option<&str>) -> Lang {
    locale
        .and_then(Lang::from_locale)
        .or_else(|| guild_locale.and_then(Lang::from_locale))
        .unwrap_or(Lang::En)
}

/// The language of a scheduled message (a DM, a reminder, a prompt), for whom no interaction
/// is at hand: the member's own language when known, else the server's, else English.
pub fn for_member(member: Option<Lang>, guild: Option<Lang>) -> Lang {
    member.or(guild).unwrap_or(Lang::En)
}

/// The message `id` in `lang`, without arguments.
pub fn tr(lang: Lang, id: &str) -> String {
    tr_args(lang, id, &[])
}

/// The message `id` in `lang` with its named arguments; English when `lang` lacks it, the
/// id itself when English lacks it too.
pub fn tr_args(lang: Lang, id: &str, args: &[(&str, Arg)]) -> String {
    let mut fluent_args = FluentArgs::with_capacity(args.len());
    for (name, value) in args {
        fluent_args.set(*name, value.to_fluent(lang));
    }
    lookup(lang, id, &fluent_args)
        .or_else(|| lookup(Lang::En, id, &fluent_args))
        .unwrap_or_else(|| {
            tracing::warn!(id, "no message with this id in any locale");
            id.to_owned()
        })
}

/// The message's text in `lang`, or `None` when `lang` has no such message.
fn lookup(lang: Lang, id: &str, args: &FluentArgs) -> Option<String> {
    let bundle = &BUNDLES[Lang::ALL.iter().position(|l| *l == lang)?];
    let pattern = bundle.get_message(id)?.value()?;
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, Some(args), &mut errors);
    if !errors.is_empty() {
        tracing::warn!(
            id,
            lang = lang.code(),
            ?errors,
            "a message did not format cleanly"
        );
    }
    Some(text.into_owned())
}

/// The resources of each language: `(language, area, source)`, one per `.ftl` file. A test
/// checks that this list and the `locales/` folder agree.
const RESOURCES: &[(Lang, &str, &str)] = &[
    (
        Lang::En,
        "common",
        include_str!("../../locales/en/common.ftl"),
    ),
    (
        Lang::En,
        "commands",
        include_str!("../../locales/en/commands.ftl"),
    ),
    (
        Lang::En,
        "learning",
        include_str!("../../locales/en/learning.ftl"),
    ),
    (
        Lang::En,
        "reports",
        include_str!("../../locales/en/reports.ftl"),
    ),
    (
        Lang::En,
        "sessions",
        include_str!("../../locales/en/sessions.ftl"),
    ),
    (
        Lang::Fr,
        "common",
        include_str!("../../locales/fr/common.ftl"),
    ),
    (
        Lang::Fr,
        "commands",
        include_str!("../../locales/fr/commands.ftl"),
    ),
    (
        Lang::Fr,
        "learning",
        include_str!("../../locales/fr/learning.ftl"),
    ),
    (
        Lang::Fr,
        "reports",
        include_str!("../../locales/fr/reports.ftl"),
    ),
    (
        Lang::Fr,
        "sessions",
        include_str!("../../locales/fr/sessions.ftl"),
    ),
    (Lang::En, "hub", include_str!("../../locales/en/hub.ftl")),
    (Lang::Fr, "hub", include_str!("../../locales/fr/hub.ftl")),
    (
        Lang::En,
        "profiles",
        include_str!("../../locales/en/profiles.ftl"),
    ),
    (
        Lang::Fr,
        "profiles",
        include_str!("../../locales/fr/profiles.ftl"),
    ),
    (
        Lang::En,
        "listening",
        include_str!("../../locales/en/listening.ftl"),
    ),
    (
        Lang::Fr,
        "listening",
        include_str!("../../locales/fr/listening.ftl"),
    ),
    (
        Lang::En,
        "cohorts",
        include_str!("../../locales/en/cohorts.ftl"),
    ),
    (
        Lang::En,
        "facilitation",
        include_str!("../../locales/en/facilitation.ftl"),
    ),
    (Lang::En, "quiz", include_str!("../../locales/en/quiz.ftl")),
    (
        Lang::Fr,
        "cohorts",
        include_str!("../../locales/fr/cohorts.ftl"),
    ),
    (
        Lang::Fr,
        "facilitation",
        include_str!("../../locales/fr/facilitation.ftl"),
    ),
    (Lang::Fr, "quiz", include_str!("../../locales/fr/quiz.ftl")),
    (
        Lang::En,
        "votes",
        include_str!("../../locales/en/votes.ftl"),
    ),
    (
        Lang::Fr,
        "votes",
        include_str!("../../locales/fr/votes.ftl"),
    ),
    (
        Lang::En,
        "prompts",
        include_str!("../../locales/en/prompts.ftl"),
    ),
    (
        Lang::Fr,
        "prompts",
        include_str!("../../locales/fr/prompts.ftl"),
    ),
    (
        Lang::En,
        "campaigns",
        include_str!("../../locales/en/campaigns.ftl"),
    ),
    (
        Lang::Fr,
        "campaigns",
        include_str!("../../locales/fr/campaigns.ftl"),
    ),
];

/// One bundle per language, in the order of [`Lang::ALL`]. A resource that does not parse is
/// logged and its good entries kept; the tests make sure none ships broken.
static BUNDLES: LazyLock<Vec<FluentBundle<FluentResource>>> = LazyLock::new(|| {
    Lang::ALL
        .iter()
        .map(|&lang| {
            let id = lang.code().parse().unwrap_or_default();
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            // Discord shows the text as it is: no Unicode isolation marks around arguments.
            bundle.set_use_isolating(false);
            for (_, area, source) in RESOURCES.iter().filter(|(l, ..)| *l == lang) {
                let resource = FluentResource::try_new((*source).to_owned()).unwrap_or_else(
                    |(partial, errors)| {
                        tracing::error!(
                            lang = lang.code(),
                            area,
                            ?errors,
                            "a locale file does not parse"
                        );
                        partial
                    },
                );
                if let Err(errors) = bundle.add_resource(resource) {
                    tracing::error!(
                        lang = lang.code(),
                        area,
                        ?errors,
                        "a locale file repeats an id"
                    );
                }
            }
            bundle
        })
        .collect()
});

#[cfg(test)]
mod tests;
