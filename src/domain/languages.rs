//! The language a member reads their course in: the one chosen with `/language`, else the
//! locale of the interaction, else the locale their Discord client sent last, else the
//! pack's own. Only text changes with it: ids and answer keys are the pack's, so grading
//! never depends on the language.

use std::collections::HashMap;
use std::sync::Arc;

use crate::course::Course;
use crate::i18n::{self, Lang, Message};
use crate::model::*;
use crate::store::Store;

use super::access::Caller;
use super::{refuse, snapshots, DomainResult};

/// The languages the bot offers in `/language`: it ships content and interface in these.
pub const LANGUAGES: [(&str, &str); 2] = [("en", "English"), ("fr", "Français")];

/// The name of a locale the bot offers, e.g. "Français" for `fr`.
pub fn language_name(locale: &str) -> Option<&'static str> {
    LANGUAGES
        .iter()
        .find(|(code, _)| *code == locale)
        .map(|(_, name)| *name)
}

/// The locale to show a member content in, `None` for the pack's own language.
pub fn member_locale<'a>(
    settings: &'a MemberSettings,
    interaction: Option<&'a str>,
) -> Option<&'a str> {
    settings
        .language
        .as_deref()
        .or(interaction)
        .or(settings.last_locale.as_deref())
}

/// The interface language a member's settings name for what is sent to them unasked: the
/// one chosen with `/language`, else the locale their Discord client sent last.
pub fn interface_lang(settings: &MemberSettings) -> Option<Lang> {
    settings
        .language
        .as_deref()
        .and_then(Lang::from_locale)
        .or_else(|| settings.last_locale.as_deref().and_then(Lang::from_locale))
}

/// The people a scheduled message goes to, with their settings read in one query: each
/// reads it in their own language (see [`interface_lang`]), else the server's, else English.
/// The server's is the interaction's when there is one, else the locale Discord last sent
/// for the server (one more query).
#[derive(Debug, Clone, Default)]
pub struct Recipients {
    settings: HashMap<UserId, MemberSettings>,
    guild: Option<Lang>,
}

impl Recipients {
    pub async fn read(
        store: &Store,
        guild: GuildId,
        users: &[UserId],
        guild_lang: Option<Lang>,
    ) -> DomainResult<Recipients> {
        let settings = store.member_settings_of(guild, users).await?;
        let guild_lang = match guild_lang {
            Some(lang) => Some(lang),
            None => server_lang(store, guild).await?,
        };
        Ok(Recipients {
            settings: settings.into_iter().map(|s| (s.user_id, s)).collect(),
            guild: guild_lang,
        })
    }

    /// The language to write to `user` in.
    pub fn lang(&self, user: UserId) -> Lang {
        i18n::for_member(
            self.settings.get(&user).and_then(interface_lang),
            self.guild,
        )
    }

    /// The language of what goes to a shared channel: the server's, else English.
    pub fn channel_lang(&self) -> Lang {
        i18n::for_member(None, self.guild)
    }

    /// Whether `user` muted the reminders of this server.
    pub fn muted(&self, user: UserId) -> bool {
        self.settings.get(&user).is_some_and(|s| s.reminders_muted)
    }
}

/// The language of the server's preferred locale, as Discord last sent it.
pub async fn server_lang(store: &Store, guild: GuildId) -> DomainResult<Option<Lang>> {
    let locale = store.guild_locale(guild).await?;
    Ok(locale.as_deref().and_then(Lang::from_locale))
}

/// Remembers the server's name and preferred locale from Discord (as it joins the gateway
/// session, and when they change during it); nothing is written when they did not change.
pub async fn record_server(
    store: &Store,
    guild: GuildId,
    name: &str,
    locale: &str,
    now: UnixMillis,
) -> DomainResult<()> {
    if store.record_guild_locale(guild, name, locale, now).await? {
        tracing::info!(%guild, locale, "server's name or locale recorded");
    }
    Ok(())
}

/// The course of `cohort` as read by the member whose `settings` these are, during an
/// interaction sent with `locale`. The locale is remembered only when it differs from the
/// one already stored, so the usual interaction writes nothing.
pub async fn course_as_set(
    store: &Store,
    cohort: &Cohort,
    settings: &MemberSettings,
    locale: Option<&str>,
) -> DomainResult<Arc<Course>> {
    let course = snapshots::course_in(store, cohort, member_locale(settings, locale)).await?;
    if let Some(locale) = locale.filter(|l| settings.last_locale.as_deref() != Some(*l)) {
        store
            .record_member_locale(cohort.guild_id, settings.user_id, locale)
            .await?;
    }
    Ok(course)
}

/// The cohort's course for what is sent to `user` alone, outside an interaction (a direct
/// message): their chosen language, else the locale last seen.
pub async fn course_for_recipient(
    store: &Store,
    cohort: &Cohort,
    user: UserId,
) -> DomainResult<Arc<Course>> {
    let settings = store.member_settings(cohort.guild_id, user).await?;
    course_as_set(store, cohort, &settings, None).await
}

/// Sets the caller's language in this server; `None` follows Discord's locale again.
pub async fn set_language(
    store: &Store,
    caller: Caller,
    language: Option<&str>,
) -> DomainResult<MemberSettings> {
    if let Some(wanted) = language.filter(|l| language_name(l).is_none()) {
        let offered: Vec<&str> = LANGUAGES.iter().map(|(code, _)| *code).collect();
        return refuse(
            Message::new("language-not-offered")
                .arg("wanted", wanted)
                .arg("offered", offered.join(", ")),
        );
    }
    if store.guild(caller.guild).await?.is_none() {
        return refuse(Message::new("language-no-cohort"));
    }
    Ok(store
        .set_member_language(caller.guild, caller.user, language)
        .await?)
}

/// The caller's language settings in this server.
pub async fn language_settings(store: &Store, caller: Caller) -> DomainResult<MemberSettings> {
    Ok(store.member_settings(caller.guild, caller.user).await?)
}
