//! What the bot is busy with: the work it started in the background for an interaction (owned
//! here and joined at shutdown) and the gateway events it has finished handling. Tests wait
//! on this, through the fake Discord's barrier, instead of on a pause.

use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::sync::{Arc, Mutex, PoisonError};

use poise::serenity_prelude as serenity;
use tokio::sync::watch;

/// Cheap to clone; every clone sees the same activity.
#[derive(Clone, Default)]
pub struct Activity {
    inner: Arc<Inner>,
}

#[derive(Default)]
struct Inner {
    /// Background tasks still running.
    background: watch::Sender<usize>,
    finished: Mutex<Finished>,
    /// Bumped whenever an event finishes, to wake whoever waits for one.
    changed: watch::Sender<u64>,
    /// Whether the start-up work after the first READY is done.
    set_up: watch::Sender<bool>,
}

/// How many of the latest interactions handled are remembered. Whoever waits for one (a test,
/// through the fake Discord) asks as soon as it has sent it; remembering every one would grow
/// the bot's memory with each interaction for as long as it runs.
const INTERACTIONS_REMEMBERED: usize = 4096;

#[derive(Default)]
struct Finished {
    /// The latest interactions handled, oldest first.
    interactions: VecDeque<u64>,
    /// Dispatches by Discord's name for them, counted since this bot started.
    events: HashMap<&'static str, usize>,
}

impl Activity {
    /// Runs `work` in the background, after the reply, as part of handling what started it.
    pub fn spawn(&self, work: impl Future<Output = ()> + Send + 'static) {
        self.inner.background.send_modify(|n| *n += 1);
        let running = Running(self.inner.clone());
        tokio::spawn(async move {
            let _running = running;
            work.await;
        });
    }

    /// Resolves once the bot has registered its commands and tidied up after a restart.
    pub async fn set_up(&self) {
        let mut set_up = self.inner.set_up.subscribe();
        // The sender lives in `self`, so this only ends once set up.
        let _ = set_up.wait_for(|done| *done).await;
    }

    /// Resolves once the interaction has been handled and the background work is done.
    pub async fn interaction_handled(&self, id: u64) {
        self.until(|f| f.interactions.contains(&id)).await;
        self.background_done().await;
    }

    /// Resolves once `count` dispatches named `event` (`GUILD_MEMBER_ADD`) have been handled
    /// and the background work is done.
    pub async fn events_handled(&self, event: &str, count: usize) {
        self.until(|f| f.events.get(event).copied().unwrap_or(0) >= count)
            .await;
        self.background_done().await;
    }

    /// Waits for the background work started so far; at shutdown, after the gateway closed.
    pub async fn shutdown(&self) {
        self.background_done().await;
    }

    /// Called once the start-up work is done.
    pub(crate) fn setup_finished(&self) {
        self.inner.set_up.send_replace(true);
    }

    /// Called by the event handler once it is done with `event`.
    pub(crate) fn finished(&self, event: &serenity::FullEvent) {
        let interaction = match event {
            serenity::FullEvent::InteractionCreate { interaction } => Some(interaction.id().get()),
            _ => None,
        };
        self.record(interaction, dispatch_name(event));
    }

    fn record(&self, interaction: Option<u64>, dispatch: Option<&'static str>) {
        {
            let mut finished = self
                .inner
                .finished
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            if let Some(id) = interaction {
                if finished.interactions.len() == INTERACTIONS_REMEMBERED {
                    finished.interactions.pop_front();
                }
                finished.interactions.push_back(id);
            }
            if let Some(name) = dispatch {
                *finished.events.entry(name).or_default() += 1;
            }
        }
        self.inner.changed.send_modify(|n| *n = n.wrapping_add(1));
    }

    async fn until(&self, done: impl Fn(&Finished) -> bool) {
        let mut changes = self.inner.changed.subscribe();
        while !self.check(&done) {
            if changes.changed().await.is_err() {
                return;
            }
        }
    }

    fn check(&self, done: impl Fn(&Finished) -> bool) -> bool {
        let finished = self.inner.finished.lock();
        done(&finished.unwrap_or_else(PoisonError::into_inner))
    }

    async fn background_done(&self) {
        let mut running = self.inner.background.subscribe();
        // The sender lives in `self`, so this only ends at zero.
        let _ = running.wait_for(|n| *n == 0).await;
    }
}

/// Counts a background task as running until it ends, panicked or not.
struct Running(Arc<Inner>);

impl Drop for Running {
    fn drop(&mut self) {
        self.0.background.send_modify(|n| *n -= 1);
    }
}

/// Discord's name for the dispatch behind `event` (serenity names it in snake case).
fn dispatch_name(event: &serenity::FullEvent) -> Option<&'static str> {
    let name = match event {
        serenity::FullEvent::GuildCreate { .. } => "GUILD_CREATE",
        serenity::FullEvent::GuildUpdate { .. } => "GUILD_UPDATE",
        serenity::FullEvent::GuildMemberAddition { .. } => "GUILD_MEMBER_ADD",
        serenity::FullEvent::GuildMemberRemoval { .. } => "GUILD_MEMBER_REMOVE",
        serenity::FullEvent::GuildMemberUpdate { .. } => "GUILD_MEMBER_UPDATE",
        serenity::FullEvent::GuildScheduledEventUserAdd { .. } => "GUILD_SCHEDULED_EVENT_USER_ADD",
        serenity::FullEvent::GuildScheduledEventUserRemove { .. } => {
            "GUILD_SCHEDULED_EVENT_USER_REMOVE"
        }
        serenity::FullEvent::InteractionCreate { .. } => "INTERACTION_CREATE",
        _ => return None,
    };
    Some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_latest_interactions_are_remembered_and_every_dispatch_is_counted() {
        let activity = Activity::default();
        let latest = INTERACTIONS_REMEMBERED as u64 + 1;
        for id in 1..=latest {
            activity.record(Some(id), Some("INTERACTION_CREATE"));
        }
        let remembered = |id| activity.check(|f| f.interactions.contains(&id));
        assert!(!remembered(1), "the oldest is forgotten");
        assert!(remembered(2) && remembered(latest));
        assert!(activity.check(|f| f.interactions.len() == INTERACTIONS_REMEMBERED));
        let counted = activity.check(|f| f.events["INTERACTION_CREATE"] as u64 == latest);
        assert!(counted, "every dispatch is counted");
    }
}
