//! Every slash and context-menu command answered within Discord's three seconds, whatever its
//! body waits on. Each command's action runs under a watchdog: when half the window has passed
//! since the interaction was taken on and no reply has begun, it acknowledges the command with
//! a deferred ephemeral reply, and the body's reply then edits that acknowledgement.
//!
//! The watchdog and the body run in one task, and the body is not polled while the watchdog
//! acknowledges, so the two never answer at once. A reply "has begun" as soon as the body
//! starts one (poise's reply callback, [`defer_reply`], [`opening_form`]), before Discord has
//! answered it, so the watchdog never acknowledges over a reply still on its way.

use std::sync::atomic::Ordering;

use poise::serenity_prelude as serenity;
use poise::{ApplicationContext, BoxFuture, ContextMenuCommandAction, FrameworkError};
use tokio::time::Instant;

use super::answer::{self, ACKNOWLEDGE_AFTER};
use super::{Context, Data, Error};
use crate::domain::access::Access;

/// What is known of one invocation, kept in poise's invocation data.
pub(super) struct Invocation {
    /// Whether the interaction was new when it was taken on; `None` until it is, for a
    /// command that takes it on beside its read.
    pub(super) first: Option<bool>,
    /// When the bot took the interaction on.
    since: Instant,
    /// Whether the body has started to answer.
    replying: bool,
}

impl Invocation {
    pub(super) fn new(first: Option<bool>, since: Instant) -> Self {
        Self {
            first,
            since,
            replying: false,
        }
    }
}

/// A command's `custom_data` in place of its [`Access`]: the command begins by reading and
/// takes its interaction on beside that read, through
/// [`read_beside_claim`](super::once::read_beside_claim), before it writes or answers
/// anything.
pub(super) struct ClaimsBesideItsRead(pub(super) Access);

/// What the bot keeps on each command in poise's `custom_data`: the access it needs, whether
/// it takes its interaction on beside its read, and the body the watchdog runs in its place.
struct Declared {
    access: Access,
    claims_beside_its_read: bool,
    slash: Option<SlashAction>,
    context_menu: Option<ContextMenuCommandAction<Data, Error>>,
}

type SlashAction = for<'a> fn(
    ApplicationContext<'a, Data, Error>,
) -> BoxFuture<'a, Result<(), FrameworkError<'a, Data, Error>>>;

/// Puts `command` and its subcommands under the watchdog. What each declared in its
/// `custom_data` is kept (see [`access_needed`], [`claims_beside_its_read`]).
pub(super) fn watch(command: &mut poise::Command<Data, Error>) {
    let custom = &command.custom_data;
    let (access, claims_beside_its_read) = match custom.downcast_ref::<ClaimsBesideItsRead>() {
        Some(ClaimsBesideItsRead(access)) => (*access, true),
        None => (
            custom
                .downcast_ref::<Access>()
                .copied()
                .unwrap_or(Access::Everyone),
            false,
        ),
    };
    let declared = Declared {
        access,
        claims_beside_its_read,
        slash: command.slash_action.take(),
        context_menu: command.context_menu_action.take(),
    };
    command.slash_action = declared.slash.map(|_| watched_slash as SlashAction);
    command.context_menu_action = declared.context_menu.map(|action| match action {
        ContextMenuCommandAction::User(_) => ContextMenuCommandAction::User(watched_user),
        ContextMenuCommandAction::Message(_) => ContextMenuCommandAction::Message(watched_message),
        other => other,
    });
    command.custom_data = Box::new(declared);
    for subcommand in &mut command.subcommands {
        watch(subcommand);
    }
}

/// The access a command needs, as it declared it.
pub fn access_needed(command: &poise::Command<Data, Error>) -> Access {
    command
        .custom_data
        .downcast_ref::<Declared>()
        .map_or(Access::Everyone, |declared| declared.access)
}

/// Whether `command` takes its interaction on beside its read (see `discord::once`).
pub fn claims_beside_its_read(command: &poise::Command<Data, Error>) -> bool {
    command
        .custom_data
        .downcast_ref::<Declared>()
        .is_some_and(|declared| declared.claims_beside_its_read)
}

/// Records that the interaction was taken on, by the command's body: `first` if it was new.
pub(super) async fn record_claim(ctx: Context<'_>, first: bool) {
    if let Some(mut invocation) = ctx.invocation_data::<Invocation>().await {
        invocation.first = Some(first);
    }
}

/// poise's reply callback, called as any reply of the command starts: from now on the reply
/// is the body's to give.
pub(super) fn replying(ctx: Context<'_>, reply: poise::CreateReply) -> poise::CreateReply {
    mark_replying(ctx);
    reply
}

/// Sends a reply of the command. Its first answer, refused by a server error or with its
/// answer lost, is sent once more at once (see [`answer::once_more_if_failed`]).
#[expect(clippy::disallowed_methods, reason = "the one way commands send")]
pub(super) async fn send(ctx: Context<'_>, reply: poise::CreateReply) -> Result<(), Error> {
    let app = match ctx {
        poise::Context::Application(app)
            if !app.has_sent_initial_response.load(Ordering::SeqCst) =>
        {
            app
        }
        _ => {
            ctx.send(reply).await?;
            return Ok(());
        }
    };
    answer::once_more_if_failed(|| {
        let reply = reply.clone();
        async move { ctx.send(reply).await.map(drop) }
    })
    .await?;
    // Also when the first answer arrived and only its confirmation was lost.
    app.has_sent_initial_response.store(true, Ordering::SeqCst);
    Ok(())
}

/// Acknowledges the command now, for a body that knows it will be slow.
#[expect(
    clippy::disallowed_methods,
    reason = "the one way command bodies defer"
)]
pub(super) async fn defer_reply(ctx: Context<'_>) -> Result<(), Error> {
    mark_replying(ctx);
    ctx.defer_ephemeral().await?;
    Ok(())
}

/// Says that the body is answering with a form; `false` if the command was acknowledged
/// already, as a form can only be the first answer.
pub(super) fn opening_form(ctx: ApplicationContext<'_, Data, Error>) -> bool {
    mark_replying(poise::Context::Application(ctx));
    !ctx.has_sent_initial_response.load(Ordering::SeqCst)
}

fn mark_replying(ctx: Context<'_>) {
    let poise::Context::Application(app) = ctx else {
        return;
    };
    // Nothing holds the invocation data across an await: the check, the body and the
    // watchdog run in this one task.
    match app.invocation_data.try_lock() {
        Ok(mut data) => {
            if let Some(invocation) = data.downcast_mut::<Invocation>() {
                invocation.replying = true;
            }
        }
        Err(_) => tracing::warn!("the invocation data was busy: a reply went unmarked"),
    }
}

fn watched_slash(
    ctx: ApplicationContext<'_, Data, Error>,
) -> BoxFuture<'_, Result<(), FrameworkError<'_, Data, Error>>> {
    Box::pin(async move {
        match declared(ctx).and_then(|d| d.slash) {
            Some(action) => in_time(ctx, action(ctx)).await,
            None => Err(not_set_up(ctx)),
        }
    })
}

fn watched_user(
    ctx: ApplicationContext<'_, Data, Error>,
    user: serenity::User,
) -> BoxFuture<'_, Result<(), FrameworkError<'_, Data, Error>>> {
    Box::pin(async move {
        match declared(ctx).and_then(|d| d.context_menu) {
            Some(ContextMenuCommandAction::User(action)) => in_time(ctx, action(ctx, user)).await,
            _ => Err(not_set_up(ctx)),
        }
    })
}

fn watched_message(
    ctx: ApplicationContext<'_, Data, Error>,
    message: serenity::Message,
) -> BoxFuture<'_, Result<(), FrameworkError<'_, Data, Error>>> {
    Box::pin(async move {
        match declared(ctx).and_then(|d| d.context_menu) {
            Some(ContextMenuCommandAction::Message(action)) => {
                in_time(ctx, action(ctx, message)).await
            }
            _ => Err(not_set_up(ctx)),
        }
    })
}

fn declared<'a>(ctx: ApplicationContext<'a, Data, Error>) -> Option<&'a Declared> {
    ctx.command_tree.last()?.custom_data.downcast_ref()
}

fn not_set_up(ctx: ApplicationContext<'_, Data, Error>) -> FrameworkError<'_, Data, Error> {
    let error = anyhow::anyhow!("the command was not put under the watchdog");
    FrameworkError::new_command(poise::Context::Application(ctx), error)
}

/// Runs `body`, acknowledging the command if it is still working, with no reply begun, when
/// half of Discord's window has passed since the interaction was taken on.
async fn in_time<'a, T>(ctx: ApplicationContext<'a, Data, Error>, mut body: BoxFuture<'a, T>) -> T {
    let Some(since) = taken_on(ctx).await else {
        return body.await;
    };
    tokio::select! {
        biased;
        done = &mut body => return done,
        () = tokio::time::sleep_until(since + ACKNOWLEDGE_AFTER) => {}
    }
    if !reply_begun(ctx).await {
        if let Err(e) = ctx.defer_response(true).await {
            tracing::warn!("could not acknowledge a slow command: {e}");
        }
    }
    body.await
}

async fn taken_on(ctx: ApplicationContext<'_, Data, Error>) -> Option<Instant> {
    let data = ctx.invocation_data.lock().await;
    data.downcast_ref::<Invocation>().map(|i| i.since)
}

async fn reply_begun(ctx: ApplicationContext<'_, Data, Error>) -> bool {
    let data = ctx.invocation_data.lock().await;
    let begun = data
        .downcast_ref::<Invocation>()
        .is_some_and(|i| i.replying);
    begun || ctx.has_sent_initial_response.load(Ordering::SeqCst)
}
