//! How the fake knows the bot has finished with what it was sent. A bot running in the test's
//! process says so through a [`Barrier`]; the scripting API waits on it after every
//! interaction and gateway event, so a test asserts on what the bot did, never on a pause
//! that happened to be long enough.

use std::future::Future;
use std::pin::Pin;

use serenity::all::InteractionId;

/// A future the fake awaits.
pub type BarrierFuture = Pin<Box<dyn Future<Output = ()> + Send + 'static>>;

/// Implemented by the test harness over the bot under test.
pub trait Barrier: Send + Sync {
    /// Resolves once the bot has finished handling the interaction, including any work it
    /// started for it in the background.
    fn interaction_handled(&self, id: InteractionId) -> BarrierFuture;

    /// Resolves once the bot has finished handling `count` dispatches named `event` (as
    /// Discord names them, `GUILD_MEMBER_ADD`) in its current gateway session.
    fn events_handled(&self, event: &str, count: usize) -> BarrierFuture;
}
