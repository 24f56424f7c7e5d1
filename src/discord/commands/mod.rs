//! Slash commands, one file per group, and the registry that lists them all. Each command
//! carries the [`Access`](crate::domain::access::Access) it needs; the domain layer checks it
//! again from the database on every call, so Discord's own command permissions are a
//! convenience, not the guard.

mod ask;
mod campaign;
mod cohort;
mod events;
mod facilitation;
mod forums;
mod help;
mod hub;
mod language;
mod learning;
mod listen;
mod localise;
mod mentoring;
mod mydata;
mod profile;
mod prompt;
mod quiz;
mod reminders;
mod sets;

pub use help::HelpLayouts;
pub use localise::application_commands;
pub use watchdog::{access_needed, claims_beside_its_read};
pub(super) use watchdog::{defer_reply, send, ClaimsBesideItsRead};

use std::sync::atomic::Ordering;
use std::sync::Arc;

use poise::serenity_prelude as serenity;

use super::{once, watchdog, Context, Data, Error};
use crate::course::Course;
use crate::domain::access::Caller;
use crate::domain::DomainError;
use crate::domain::{cohorts, snapshots};
use crate::i18n::{Lang, Message, Text};
use crate::model::{Cohort, GuildId, MemberFacts, UserId};

/// Every command the bot registers, described in every shipped language.
pub fn all() -> Vec<poise::Command<Data, Error>> {
    let mut commands = vec![
        help::help(),
        cohort::cohort(),
        learning::course(),
        learning::module_command(),
        learning::progress(),
        learning::badges(),
        prompt::prompt(),
        reminders::reminders(),
        facilitation::badge(),
        facilitation::reflections(),
        facilitation::pathway(),
        quiz::quiz(),
        sets::set(),
        mentoring::mentor(),
        mentoring::meeting(),
        events::event(),
        listen::listen(),
        campaign::campaign(),
        profile::profile(),
        profile::view_profile(),
        hub::hub(),
        ask::ask(),
        ask::accept_answer(),
        ask::rate_answer(),
        mydata::mydata(),
        language::language(),
    ];
    for command in &mut commands {
        localise::localise(command, None);
        watchdog::watch(command);
    }
    commands
}

/// The person running a command, for the domain layer.
pub async fn caller(ctx: Context<'_>) -> Caller {
    let manages_server = ctx
        .author_member()
        .await
        .and_then(|m| m.permissions)
        .is_some_and(|p| p.manage_guild());
    Caller {
        guild: GuildId(ctx.guild_id().map_or(0, serenity::GuildId::get)),
        user: UserId(ctx.author().id.get()),
        manages_server,
    }
}

/// The language to answer a command in: the user's, else the server's, else English.
pub fn lang(ctx: Context<'_>) -> Lang {
    let user = ctx.locale().and_then(Lang::from_locale);
    user.or_else(|| guild_lang(ctx)).unwrap_or(Lang::En)
}

/// The server's language, for what the command schedules: `None` outside a server or when
/// Discord's locale for it is not shipped.
pub fn guild_lang(ctx: Context<'_>) -> Option<Lang> {
    match ctx {
        poise::Context::Application(app) => app.interaction.guild_locale.as_deref(),
        poise::Context::Prefix(_) => None,
    }
    .and_then(Lang::from_locale)
}

/// A change was saved and a Discord step after it failed: the refusal says what was saved,
/// then what went wrong, and never that nothing changed.
pub(super) fn saved_but(saved: impl Into<String>, error: Error) -> Error {
    let what: Text = match error.downcast_ref::<DomainError>() {
        Some(DomainError::Refused(refusal)) => refusal.clone(),
        _ => {
            tracing::error!("a step after a saved change failed: {error:#}");
            Message::new("saved-but-discord").into()
        }
    };
    let text = Message::new("saved-but")
        .arg("saved", saved.into())
        .arg("what", what);
    DomainError::Refused(text.into()).into()
}

/// An ephemeral text reply; one too long for a message becomes a short notice.
pub async fn reply_ephemeral(ctx: Context<'_>, text: impl Into<String>) -> Result<(), Error> {
    let text = text.into();
    let reply = poise::CreateReply::default()
        .content(super::replies::fitting(&text, lang(ctx)))
        .ephemeral(true);
    send(ctx, reply).await?;
    Ok(())
}

/// Autocomplete suggestions: Discord shows at most 25.
pub fn autocomplete(values: impl Iterator<Item = String>) -> serenity::CreateAutocompleteResponse {
    let choices = values
        .take(25)
        .map(|value| serenity::AutocompleteChoice::new(value.clone(), value))
        .collect();
    serenity::CreateAutocompleteResponse::new().set_choices(choices)
}

/// Cohort names the caller could mean.
pub async fn complete_cohort(
    ctx: Context<'_>,
    partial: &str,
) -> serenity::CreateAutocompleteResponse {
    let partial = partial.to_lowercase();
    let names = cohorts::cohort_names(&ctx.data().store, caller(ctx).await)
        .await
        .unwrap_or_default();
    autocomplete(
        names
            .into_iter()
            .filter(|name| name.to_lowercase().contains(&partial)),
    )
}

/// The cohort the caller means (named, or their own) and the course it runs.
pub async fn cohort_and_course(
    ctx: Context<'_>,
    named: Option<&str>,
) -> Result<(Cohort, Arc<Course>), Error> {
    let store = &ctx.data().store;
    let cohort = cohorts::choose_cohort(store, caller(ctx).await, named).await?;
    let course = snapshots::course_of(store, &cohort).await?;
    Ok((cohort, course))
}

/// As [`cohort_and_course`], with the course in the caller's language (see
/// `domain::languages`) and what the caller has done in the cohort: for what a member reads
/// of the course. The caller's cohorts are read beside the interaction's claim (see
/// `discord::once`): `None` for a repeat, which the command leaves alone.
pub async fn cohort_member_course_and_facts(
    ctx: Context<'_>,
    named: Option<&str>,
) -> Result<Option<(Cohort, Arc<Course>, MemberFacts)>, Error> {
    let store = &ctx.data().store;
    let caller = caller(ctx).await;
    let read = cohorts::cohorts_and_facts_of(store, caller);
    let Some(mine) = once::read_beside_claim(ctx, read).await? else {
        return Ok(None);
    };
    let chosen = cohorts::chosen_cohort_course_and_facts(store, caller, mine, named, ctx.locale());
    Ok(Some(chosen.await?))
}

/// Answers the command with a form; nothing else may answer it after. Refused when the
/// command was answered already (acknowledged because the database was slow).
pub(super) async fn open_modal(
    ctx: Context<'_>,
    modal: serenity::CreateModal,
) -> Result<(), Error> {
    let poise::Context::Application(app) = ctx else {
        return Err(DomainError::Refused(Message::new("command-slash-only").into()).into());
    };
    if !watchdog::opening_form(app) {
        return Err(DomainError::Refused(Message::new("command-form-too-slow").into()).into());
    }
    app.interaction
        .create_response(
            ctx.http(),
            serenity::CreateInteractionResponse::Modal(modal),
        )
        .await?;
    app.has_sent_initial_response.store(true, Ordering::SeqCst);
    Ok(())
}
