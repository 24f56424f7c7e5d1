//! When several instances share one database, one of them at a time (the leader) materialises
//! and sends; the others wait to take over. The leadership is a row with a term
//! ([`crate::store::Store::hold_leadership`]): the leader renews it every quarter of a term,
//! so one missed renewal costs nothing, and when it dies the others see the term run out and
//! one of them takes over within a term and a quarter, with the deliveries the dead leader
//! had leased. A leader that stops gives it up at once. One sender means one pace: Discord's
//! global limit is kept by one [`super::Pacer`].
//!
//! Sending twice never depends on this: deliveries are leased one by one and carry a nonce,
//! so even two leaders (one that lost the database for a term, say) send each message once.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use super::{millis, Inner};
use crate::store::StoreError;

/// The leadership's name in the database.
const ROLE: &str = "scheduler";

/// Whether this instance leads, as last found.
#[derive(Debug, Default)]
pub(super) struct Leading(AtomicBool);

impl Inner {
    /// Takes or renews the leadership; `true` when this instance may send. Always `true`
    /// when the instance does not share ([`super::SchedulerConfig::leadership`] unset). A
    /// failure counts as not leading: a step under way stops after its batch.
    pub(super) async fn lead(&self) -> Result<bool, StoreError> {
        let Some(term) = self.config.leadership else {
            return Ok(true);
        };
        let now = self.clock.now_ms();
        let held = self
            .store
            .hold_leadership(
                ROLE,
                &self.config.owner,
                now,
                now.saturating_add(millis(term)),
            )
            .await;
        let leads = matches!(held, Ok(true));
        if self.leading.0.swap(leads, Ordering::Relaxed) != leads {
            if leads {
                self.take_over(now).await?;
            } else {
                tracing::info!(owner = %self.config.owner, "another instance sends the scheduled deliveries; this one stands by");
            }
        }
        held
    }

    /// A new leader does not wait for the leases of a predecessor that died mid-batch.
    async fn take_over(&self, now: crate::model::UnixMillis) -> Result<(), StoreError> {
        let taken = self.store.take_over_leases(&self.config.owner, now).await;
        if taken.is_err() {
            self.leading.0.store(false, Ordering::Relaxed);
        }
        tracing::info!(owner = %self.config.owner, taken_over = taken.as_ref().ok(), "this instance now sends the scheduled deliveries");
        taken.map(drop)
    }

    /// Whether this instance may go on sending, as of its last [`Inner::lead`].
    pub(super) fn still_leads(&self) -> bool {
        self.config.leadership.is_none() || self.leading.0.load(Ordering::Relaxed)
    }

    /// How often the leader renews and the others look whether the term ran out.
    pub(super) fn leadership_check(&self) -> Option<Duration> {
        self.config.leadership.map(|term| term / 4)
    }

    /// Gives the leadership up, when this instance has it, so another takes over at once.
    pub(super) async fn resign(&self) -> Result<(), StoreError> {
        if self.config.leadership.is_none() {
            return Ok(());
        }
        self.leading.0.store(false, Ordering::Relaxed);
        self.store.resign_leadership(ROLE, &self.config.owner).await
    }
}

/// Who leads now: the holder's name (its [`super::SchedulerConfig::owner`]), if anyone's
/// term is running at `now`.
pub async fn current_leader(
    store: &crate::store::Store,
    now: crate::model::UnixMillis,
) -> Result<Option<String>, StoreError> {
    Ok(store
        .leader(ROLE)
        .await?
        .filter(|(_, until)| *until > now)
        .map(|(holder, _)| holder))
}
