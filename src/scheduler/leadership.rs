//! When several instances share one PostgreSQL database, one of them at a time (the leader)
//! materialises and sends; the others stand by. The leadership is a session lock
//! ([`crate::store::LeadershipSession`]) that costs no query to keep. A standby waits for it
//! inside the database, asking again once per [`super::SchedulerConfig::idle`], and takes it
//! as soon as the leader's session ends: at once when the leader stops or is killed, within
//! about 25 s when it is cut off. The
//! leader proves its session before each step and, idle, once per
//! [`super::SchedulerConfig::idle`], with the one read of what is due it makes anyway; a
//! leader whose session is gone stops after its batch and stands by. One sender means one
//! pace: Discord's global limit is kept by one [`super::Pacer`].
//!
//! Sending twice never depends on this: deliveries are leased one by one and carry a nonce,
//! so even two leaders (one cut off from the database, say) send each message once.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use super::Inner;
use crate::model::UnixMillis;
use crate::store::{LeadershipSession, Store, StoreError};

/// How often a leader in the middle of a long step proves its session.
pub(super) const CHECK_DURING_STEP: Duration = Duration::from_secs(15);

/// This instance's bid for the leadership, and whether it holds it as last found.
pub(super) struct Leadership {
    /// `None`: this instance does not share the database, and always leads.
    session: Option<LeadershipSession>,
    leading: AtomicBool,
}

impl Leadership {
    pub(super) fn new(session: Option<LeadershipSession>) -> Leadership {
        Leadership {
            session,
            leading: AtomicBool::new(false),
        }
    }
}

impl Inner {
    /// Takes the leadership if it is free, or proves this instance still holds it, without
    /// waiting; `true` when this instance may send. A failure counts as not leading: a
    /// step under way stops after its batch.
    pub(super) async fn lead(&self) -> Result<bool, StoreError> {
        let Some(session) = &self.leadership.session else {
            return Ok(true);
        };
        let taken = session.try_take().await;
        self.found(matches!(taken, Ok(true))).await?;
        taken
    }

    /// Waits until this instance leads (at once when it does not share the database).
    pub(super) async fn wait_to_lead(&self) -> Result<(), StoreError> {
        let Some(session) = &self.leadership.session else {
            return Ok(());
        };
        let taken = session.take().await;
        self.found(taken.is_ok()).await?;
        taken
    }

    /// The earliest time anything is due. A leader reads it on its session, which proves
    /// the session at no extra query; a failure there means it no longer leads.
    pub(super) async fn next_due_at(&self) -> Result<Option<UnixMillis>, StoreError> {
        let Some(session) = &self.leadership.session else {
            return self.store.next_due_at().await;
        };
        let next = session.next_due_at().await;
        self.found(next.is_ok()).await?;
        next
    }

    /// Whether this instance may go on sending, as last found.
    pub(super) fn still_leads(&self) -> bool {
        self.leadership.session.is_none() || self.leadership.leading.load(Ordering::Relaxed)
    }

    /// Whether the leadership is shared, so that a leader proves it in the middle of a step.
    pub(super) fn shares_leadership(&self) -> bool {
        self.leadership.session.is_some()
    }

    /// Gives the leadership up, when this instance has it, so another takes over at once.
    pub(super) async fn resign(&self) -> Result<(), StoreError> {
        let Some(session) = &self.leadership.session else {
            return Ok(());
        };
        self.leadership.leading.store(false, Ordering::Relaxed);
        session.resign().await
    }

    /// Notes whether this instance leads; one that has just come to lead takes over the
    /// leases of its predecessor, which may have died mid-batch.
    async fn found(&self, leads: bool) -> Result<(), StoreError> {
        let owner = &self.config.owner;
        if self.leadership.leading.swap(leads, Ordering::Relaxed) == leads {
            return Ok(());
        }
        if !leads {
            tracing::info!(%owner, "this instance no longer holds the leadership; it stands by");
            return Ok(());
        }
        let taken = self
            .store
            .take_over_leases(owner, self.clock.now_ms())
            .await;
        if taken.is_err() {
            self.leadership.leading.store(false, Ordering::Relaxed);
        }
        tracing::info!(%owner, taken_over = taken.as_ref().ok(), "this instance now sends the scheduled deliveries");
        taken.map(drop)
    }
}

/// Who leads now: the holder's name (its [`super::SchedulerConfig::owner`]), if an instance
/// holds the leadership.
pub async fn current_leader(store: &Store) -> Result<Option<String>, StoreError> {
    store.leader().await
}
