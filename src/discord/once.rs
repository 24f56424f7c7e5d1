//! Each interaction is taken on once: its id is recorded before anything is done, and a
//! repeat (a gateway replay, or a second instance that sees it too) is left alone, so it
//! cannot enrol, schedule or answer twice.

use poise::serenity_prelude as serenity;
use tokio::time::Instant;

use super::watchdog::Invocation;
use super::{answer, Context, Data, Error};

/// Whether interaction `id` is new: recorded now if so.
pub(super) async fn first_time(data: &Data, id: serenity::InteractionId) -> Result<bool, Error> {
    let now = data.clock.now_ms();
    Ok(data.store.claim_interaction(id.get(), now).await?)
}

/// poise's `command_check`, which runs for each command of the tree (the group, then its
/// subcommand): the claim is made once per invocation and its answer kept for the rest, with
/// when it began, from which the watchdog counts. Autocomplete asks nothing to be done and is
/// never claimed. A claim the database is slow to take is acknowledged in time.
pub(super) async fn first_time_command(ctx: Context<'_>) -> Result<bool, Error> {
    let poise::Context::Application(app) = ctx else {
        return Ok(true);
    };
    if app.interaction_type == poise::CommandInteractionType::Autocomplete {
        return Ok(true);
    }
    if let Some(invocation) = ctx.invocation_data::<Invocation>().await {
        return Ok(invocation.first);
    }
    let since = Instant::now();
    let claim = first_time(ctx.data(), app.interaction.id);
    let first = answer::before_command(ctx, claim).await??;
    ctx.set_invocation_data(Invocation::new(first, since)).await;
    Ok(first)
}
