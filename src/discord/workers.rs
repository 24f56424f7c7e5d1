//! The Discord side's background work: giving badge roles Discord refused before, forgetting
//! interaction ids too old to come again (and, with a retention setting, reflections and
//! one-to-one records older than it), and closing
//! live-quiz questions whose time is up. Each has a single step; [`DiscordWorkers::run`] takes
//! it on a timer until shutdown, and tests take it themselves.

use std::sync::Arc;
use std::time::Duration;

use poise::serenity_prelude as serenity;
use tokio::sync::watch;

use super::{badge_roles, quiz};
use crate::domain::{member_data, Clock};
use crate::store::Store;

/// How long an interaction's id is kept: Discord gives up on one after 15 minutes.
const DAY_MS: i64 = 24 * 60 * 60 * 1000;
/// How often old interaction ids are forgotten.
const FORGET_TICK: Duration = Duration::from_secs(60 * 60);

/// The live-quiz worker sleeps until the next question closes, but at least this long
/// between two looks, so a question that will not close cannot keep it busy.
const QUIZ_MIN_PAUSE: Duration = Duration::from_millis(100);

#[derive(Clone)]
pub struct DiscordWorkers {
    http: Arc<serenity::Http>,
    store: Store,
    clock: Arc<dyn Clock>,
    role_retry: Duration,
    retention_months: Option<u32>,
    quiz_messages: quiz::QuizMessages,
}

impl DiscordWorkers {
    /// One step of each worker; a failure is logged and left for the next step.
    pub async fn step(&self) {
        self.sync_roles().await;
        self.forget_interactions().await;
        self.close_quizzes().await;
    }

    /// Takes the steps on their timers until `stop` turns `true`; a step under way finishes.
    pub async fn run(self, stop: watch::Receiver<bool>) {
        tokio::join!(
            self.run_role_sync(stop.clone()),
            every(FORGET_TICK, stop.clone(), || self.forget_interactions()),
            self.run_quizzes(stop),
        );
    }

    /// Closes each live-quiz question when its time is up; with no quiz running it sleeps
    /// until one starts in this process (the one that answers its interactions).
    async fn run_quizzes(&self, mut stop: watch::Receiver<bool>) {
        let mut changes = self.store.quiz_changes();
        loop {
            let deadline = match self.store.next_quiz_deadline().await {
                Ok(deadline) => deadline,
                Err(e) => {
                    tracing::warn!("could not read the live quizzes' deadlines: {e:#}");
                    Some(self.clock.now_ms())
                }
            };
            let until = deadline.map(|at| at.saturating_sub(self.clock.now_ms()));
            let pause = until.map(|ms| Duration::from_millis(u64::try_from(ms).unwrap_or(0)));
            tokio::select! {
                _ = stop.wait_for(|stop| *stop) => return,
                _ = changes.changed() => continue,
                _ = sleep_for(pause) => {}
            }
            self.close_quizzes().await;
            tokio::select! {
                _ = stop.wait_for(|stop| *stop) => return,
                _ = tokio::time::sleep(QUIZ_MIN_PAUSE) => {}
            }
        }
    }

    /// Gives the badge roles Discord refused, again every `role_retry` while some are left;
    /// with none left it sleeps until a badge is awarded or revoked.
    async fn run_role_sync(&self, mut stop: watch::Receiver<bool>) {
        let mut changes = self.store.role_changes();
        loop {
            changes.mark_unchanged();
            let left = self.sync_roles().await;
            let pause = left.then_some(self.role_retry);
            tokio::select! {
                _ = stop.wait_for(|stop| *stop) => return,
                _ = changes.changed() => {}
                _ = sleep_for(pause) => {}
            }
        }
    }

    /// One pass over the awards whose roles do not match; whether some are left to retry.
    async fn sync_roles(&self) -> bool {
        let synced = badge_roles::sync_once(&self.http, &self.store, self.clock.now_ms()).await;
        synced.unwrap_or_else(|e| {
            tracing::warn!("badge role sync failed: {e:#}");
            true
        })
    }

    async fn forget_interactions(&self) {
        let a_day_ago = self.clock.now_ms() - DAY_MS;
        if let Err(e) = self.store.forget_interactions(a_day_ago).await {
            tracing::warn!("could not forget old interactions: {e:#}");
        }
        let Some(months) = self.retention_months else {
            return;
        };
        match member_data::apply_retention(&self.store, months, self.clock.now_ms()).await {
            Ok((0, 0)) => {}
            Ok((reflections, records)) => tracing::info!(
                reflections,
                records,
                "deleted what is older than the retention setting"
            ),
            Err(e) => tracing::warn!("could not apply the retention setting: {e:#}"),
        }
    }

    async fn close_quizzes(&self) {
        let now = self.clock.now_ms();
        if let Err(e) =
            quiz::close_due_once(&self.http, &self.store, &self.quiz_messages, now).await
        {
            tracing::warn!("live quiz step failed: {e:#}");
        }
    }
}

impl super::Bot {
    /// The Discord side's workers, on this bot's connection.
    pub fn workers(&self, store: Store, clock: Arc<dyn Clock>) -> DiscordWorkers {
        DiscordWorkers {
            http: self.http(),
            store,
            clock,
            role_retry: self.role_retry,
            retention_months: self.retention_months,
            quiz_messages: self.quiz_messages.clone(),
        }
    }
}

/// Sleeps for `pause`, or forever without one.
async fn sleep_for(pause: Option<Duration>) {
    match pause {
        Some(pause) => tokio::time::sleep(pause).await,
        None => std::future::pending().await,
    }
}

async fn every<F, Fut>(period: Duration, mut stop: watch::Receiver<bool>, mut step: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let mut ticks = tokio::time::interval(period);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = stop.wait_for(|stop| *stop) => return,
            _ = ticks.tick() => {}
        }
        step().await;
    }
}
