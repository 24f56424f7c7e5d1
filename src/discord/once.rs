//! Each interaction is taken on once: its id is recorded before anything is written or
//! answered, and a repeat (a gateway replay, or a second instance that sees it too) is left
//! alone, so it cannot enrol, schedule or answer twice.
//!
//! Most commands take their interaction on before their body runs. A command that begins by
//! reading, and declares so ([`ClaimsBesideItsRead`](watchdog::ClaimsBesideItsRead)), takes
//! it on while that read runs ([`read_beside_claim`]): on a database the instances share,
//! the claim is a round trip of its own, and the read need not wait for it since it changes
//! nothing. Buttons do the same through [`Claim`].

use std::future::Future;

use poise::serenity_prelude as serenity;
use tokio::time::Instant;

use super::watchdog::{self, Invocation};
use super::{answer, Context, Data, Error};

/// Taking one interaction on, not done yet. Reading may run beside it; nothing may be
/// written or answered before it says this is the interaction's first time.
#[must_use = "an interaction is taken on before anything is written or answered"]
pub(super) struct Claim<'a> {
    data: &'a Data,
    id: serenity::InteractionId,
}

impl<'a> Claim<'a> {
    pub(super) fn of(data: &'a Data, id: serenity::InteractionId) -> Self {
        Self { data, id }
    }

    /// Takes the interaction on: true the first time, false for a repeat.
    pub(super) async fn take(self) -> Result<bool, Error> {
        let now = self.data.clock.now_ms();
        Ok(self
            .data
            .store
            .claim_interaction(self.id.get(), now)
            .await?)
    }

    /// Takes the interaction on while `read`, which must change nothing, runs beside it:
    /// what was read the first time, `None` for a repeat whatever the read gave.
    pub(super) async fn beside<T, E>(
        self,
        read: impl Future<Output = Result<T, E>>,
    ) -> Result<Option<T>, Error>
    where
        Error: From<E>,
    {
        let (first, read) = tokio::join!(self.take(), read);
        if !first? {
            return Ok(None);
        }
        Ok(Some(read?))
    }
}

/// poise's `command_check`, which runs for each command of the tree (the group, then its
/// subcommand): the claim is made once per invocation and its answer kept for the rest, with
/// when it began, from which the watchdog counts. Autocomplete asks nothing to be done and is
/// never claimed. A claim the database is slow to take is acknowledged in time. A command
/// that takes its interaction on beside its read is let through, its claim still to make.
pub(super) async fn first_time_command(ctx: Context<'_>) -> Result<bool, Error> {
    let poise::Context::Application(app) = ctx else {
        return Ok(true);
    };
    if app.interaction_type == poise::CommandInteractionType::Autocomplete {
        return Ok(true);
    }
    if let Some(invocation) = ctx.invocation_data::<Invocation>().await {
        return Ok(invocation.first != Some(false));
    }
    let since = Instant::now();
    if watchdog::claims_beside_its_read(ctx.command()) {
        ctx.set_invocation_data(Invocation::new(None, since)).await;
        return Ok(true);
    }
    let claim = Claim::of(ctx.data(), app.interaction.id).take();
    let first = answer::before_command(ctx, claim).await??;
    ctx.set_invocation_data(Invocation::new(Some(first), since))
        .await;
    Ok(first)
}

/// For a command that declared [`ClaimsBesideItsRead`](watchdog::ClaimsBesideItsRead): runs
/// `read`, which must change nothing, while the interaction is taken on. What was read the
/// first time; `None` for a repeat, which the command then leaves alone. In any other
/// command the interaction was taken on already, and this is the read alone.
pub(super) async fn read_beside_claim<T, E>(
    ctx: Context<'_>,
    read: impl Future<Output = Result<T, E>>,
) -> Result<Option<T>, Error>
where
    Error: From<E>,
{
    let poise::Context::Application(app) = ctx else {
        return Ok(Some(read.await?));
    };
    let taken_on = ctx
        .invocation_data::<Invocation>()
        .await
        .map(|invocation| invocation.first);
    match taken_on {
        // Autocomplete, which is never taken on, or an interaction taken on already.
        None | Some(Some(true)) => Ok(Some(read.await?)),
        Some(Some(false)) => Ok(None),
        Some(None) => {
            let read = Claim::of(ctx.data(), app.interaction.id)
                .beside(read)
                .await?;
            watchdog::record_claim(ctx, read.is_some()).await;
            if read.is_none() {
                left_alone(ctx);
            }
            Ok(read)
        }
    }
}

/// Says that the command's interaction was a repeat, and that nothing was done for it.
pub(super) fn left_alone(ctx: Context<'_>) {
    let command = &ctx.command().qualified_name;
    tracing::info!(%command, "a repeat of an interaction already taken on: left alone");
}
